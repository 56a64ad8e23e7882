import { STREAMING_AUDIENCE_IDS, TUTORIAL_AUDIENCE_IDS } from '../../../emulator/fixtures/ids';
import type { AudienceInput } from '@node/rules/audiences';
import type { FlowDocument, SegmentSelector } from '@node/model/types';
import {
	SYNC_REASONS,
	mergeSelector,
	planSyncAudiences,
	sameSettings,
	summarizeSync,
} from '@node/planner/syncAudiences';
import {
	applyOperations,
	audienceIds,
	audienceSelectors as selectors,
	expectInputError,
	inlineFlow,
	profileMappingFlow,
	streamingFlow,
	tutorialFlow,
	TUTORIAL_NEW_AUDIENCE_INPUT,
} from '../fixtures';
import { A0, A1, A2, A3, NEW_1, NEW_2, SELECTORS, storedDailyAudience } from './audienceFixtures';
import { checkListSize, desiredAudiences, type DesiredAudience } from '@node/rules/syncAudiences';

const FIELD = 'audiences.audience';

function desired(entries: AudienceInput[]): DesiredAudience[] {
	return desiredAudiences(
		entries,
		entries.map((_, index) => `${FIELD}[${index}]`),
	);
}

function plan(flow: FlowDocument, entries: AudienceInput[], removeUnlisted = true) {
	return planSyncAudiences({ desired: desired(entries), removeUnlisted, field: FIELD })(flow);
}

/** The tutorial flow's selectors as entries, the way a user copies them from Get into JSON mode. */
function asListed(flow: FlowDocument): AudienceInput[] {
	return selectors(flow).map(
		(selector) => ({ ...selector.value, ...selector.value.schedule }) as AudienceInput,
	);
}

const batch = (
	id: string,
	overrides: Partial<Record<keyof AudienceInput, string>> = {},
): AudienceInput => ({
	id,
	exportMode: 'DAILY_FULL_EXPORT',
	frequency: 'DAILY',
	startDate: '2026-12-01',
	startTime: '20:00',
	...overrides,
});

/** Plans, applies with a reference RFC 6902 implementation, and checks a second sync changes nothing. */
function syncTwice(flow: FlowDocument, entries: AudienceInput[], removeUnlisted = true) {
	const first = plan(flow, entries, removeUnlisted);
	const after = applyOperations(flow, first.operations);
	const second = plan(after, entries, removeUnlisted);
	expect(second.operations).toEqual([]);
	return { first, after, second };
}

describe('planSyncAudiences', () => {
	it('sends nothing when the flow already exports exactly the list, and reports every audience unchanged', () => {
		const flow = tutorialFlow();
		const result = plan(flow, asListed(flow));
		expect(result.operations).toEqual([]);
		expect(result.skipped).toEqual(
			TUTORIAL_AUDIENCE_IDS.map((id) => ({
				target: `audience ${id}`,
				reason: SYNC_REASONS.unchanged,
			})),
		);
	});

	it('replaces first, then removes highest index first, then appends: every index valid in order', () => {
		const flow = tutorialFlow();
		const [l0, , l2] = asListed(flow);
		const entries = [{ ...l2, frequency: 'EVERY_12_HOURS' }, batch(NEW_1), l0, { id: NEW_2 }];
		const { first, after } = syncTwice(flow, entries);

		expect(first.operations.map((o) => `${o.op} ${o.path}`)).toEqual([
			`replace ${SELECTORS}/2`,
			`remove ${SELECTORS}/3`,
			`remove ${SELECTORS}/1`,
			`add ${SELECTORS}/-`,
			`add ${SELECTORS}/-`,
		]);
		expect(first.operations[1].value).toEqual({ type: 'PLATFORM_SEGMENT', value: { id: A3 } });
		expect(first.operations[2].value).toEqual({ type: 'PLATFORM_SEGMENT', value: { id: A1 } });
		expect(audienceIds(after)).toEqual([A0, A2, NEW_1, NEW_2]);
		expect(selectors(after)[1].value.schedule).toEqual({
			frequency: 'EVERY_12_HOURS',
			startDate: '2021-12-23',
			endDate: '2021-12-31',
			startTime: '20:00',
		});
		expect(first.skipped).toEqual([{ target: `audience ${A0}`, reason: SYNC_REASONS.unchanged }]);
		expect(summarizeSync(first.operations, first.skipped)).toEqual({
			added: [NEW_1, NEW_2],
			removed: [A3, A1],
			updated: [A2],
			unchanged: [A0],
		});
	});

	it('with Remove Audiences Not Listed off, only adds and updates, and reports the unlisted ones as kept', () => {
		const flow = tutorialFlow();
		const [, l1] = asListed(flow);
		const { first, after } = syncTwice(
			flow,
			[{ ...l1, name: 'Born in 1970' }, { id: NEW_2 }],
			false,
		);
		expect(first.operations.map((o) => o.op)).toEqual(['replace', 'add']);
		expect(audienceIds(after)).toEqual([A0, A1, A2, A3, NEW_2]);
		expect(selectors(after)[1].value.name).toBe('Born in 1970');
		expect(first.skipped).toEqual(
			[A0, A2, A3].map((id) => ({ target: `audience ${id}`, reason: SYNC_REASONS.kept })),
		);
	});

	it('an empty list removes every audience (the operation only allows it on request)', () => {
		const flow = tutorialFlow();
		const { first, after } = syncTwice(flow, []);
		expect(first.operations.map((o) => o.path)).toEqual(
			[3, 2, 1, 0].map((i) => `${SELECTORS}/${i}`),
		);
		expect(selectors(after)).toEqual([]);
		expect(plan(flow, [], false)).toEqual({
			operations: [],
			skipped: TUTORIAL_AUDIENCE_IDS.map((id) => ({
				target: `audience ${id}`,
				reason: SYNC_REASONS.kept,
			})),
		});
	});

	it('replaces the whole selector, keeping createTime, updateTime, description and unknown fields', () => {
		const flow = tutorialFlow();
		Object.assign(selectors(flow)[0].value, { description: 'Bikers', customField: { kept: true } });
		const result = plan(flow, [batch(A0, { frequency: 'DAILY', startTime: '06:00' })], false);
		expect(result.operations).toEqual([
			{
				op: 'replace',
				path: `${SELECTORS}/0`,
				value: {
					type: 'PLATFORM_SEGMENT',
					value: {
						id: A0,
						name: 'Interested in Mountain Biking',
						description: 'Bikers',
						customField: { kept: true },
						filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
						exportMode: 'DAILY_FULL_EXPORT',
						schedule: { startDate: '2026-12-01', frequency: 'DAILY', startTime: '06:00' },
						createTime: '1640289901',
						updateTime: '1640289901',
					},
				},
			},
		]);
	});

	it('keeps the name and the file name template of the flow when the entry gives none, and sets them when it does', () => {
		const flow = tutorialFlow();
		selectors(flow)[0].value.filenameTemplate = '%DESTINATION_NAME%_%SEGMENT_ID%_custom';
		const kept = plan(flow, [batch(A0, { frequency: 'ONCE', startDate: '2021-12-25' })], false);
		expect(kept.operations).toEqual([]);
		const given = plan(
			flow,
			[
				batch(A0, {
					frequency: 'ONCE',
					startDate: '2021-12-25',
					name: 'Bikers',
					filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%',
				}),
			],
			false,
		);
		expect(given.operations[0].value).toMatchObject({
			value: { name: 'Bikers', filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%' },
		});
	});

	it('a streaming entry (ID only) keeps the batch settings of an audience already exported, and updates only a given name', () => {
		const flow = tutorialFlow();
		expect(plan(flow, [{ id: A3 }], false).operations).toEqual([]);
		const renamed = plan(flow, [{ id: A3, name: 'Renamed' }], false);
		expect(renamed.operations).toEqual([
			{
				op: 'replace',
				path: `${SELECTORS}/3`,
				value: { ...selectors(flow)[3], value: { ...selectors(flow)[3].value, name: 'Renamed' } },
			},
		]);
	});

	it('gives a batch audience that had no template the default one, and writes the template in the usual spelling', () => {
		const flow = streamingFlow();
		const [S0] = STREAMING_AUDIENCE_IDS;
		const result = plan(flow, [batch(S0)], false);
		expect(result.operations[0].value).toEqual({
			type: 'PLATFORM_SEGMENT',
			value: {
				id: S0,
				exportMode: 'DAILY_FULL_EXPORT',
				schedule: { startDate: '2026-12-01', frequency: 'DAILY', startTime: '20:00' },
				filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
			},
		});

		const spelled = tutorialFlow();
		const value = selectors(spelled)[0].value;
		value.fileNameTemplate = value.filenameTemplate;
		delete value.filenameTemplate;
		expect(
			plan(spelled, [batch(A0, { frequency: 'ONCE', startDate: '2021-12-25' })], false).operations,
		).toEqual([]);
		const retimed = plan(
			spelled,
			[batch(A0, { frequency: 'ONCE', startDate: '2021-12-25', startTime: '21:00' })],
			false,
		);
		expect(retimed.operations[0].value).toMatchObject({
			value: { filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%' },
		});
		expect((retimed.operations[0].value as SegmentSelector).value).not.toHaveProperty(
			'fileNameTemplate',
		);
	});

	it('treats a stored SCHEDULED trigger, nulls and empty values as the same settings (so a second sync is a no-op)', () => {
		const flow = profileMappingFlow();
		const [current] = selectors(flow);
		const entry = { ...current.value, ...current.value.schedule } as AudienceInput;
		delete (entry as Record<string, unknown>).triggerType;
		expect(plan(flow, [entry]).operations).toEqual([]);
		(current.value.schedule as Record<string, unknown>).endDate = null;
		delete (entry as Record<string, unknown>).endDate;
		expect(plan(flow, [entry]).operations).toEqual([]);
	});

	it('matches IDs without regard to case and keeps the spelling the flow has', () => {
		const flow = tutorialFlow();
		selectors(flow)[1].value.id = A1.toUpperCase();
		const result = plan(flow, [{ id: A1, name: 'New name' }], false);
		expect(result.operations).toEqual([
			expect.objectContaining({
				op: 'replace',
				path: `${SELECTORS}/1`,
				value: expect.objectContaining({
					value: expect.objectContaining({ id: A1.toUpperCase(), name: 'New name' }),
				}),
			}),
		]);
	});

	it('refuses an audience listed twice, naming the second entry, before reading anything', () => {
		expectInputError(
			() =>
				planSyncAudiences({
					desired: desired([{ id: NEW_1 }, { id: NEW_2 }, { id: NEW_1.toUpperCase() }]),
					removeUnlisted: true,
					field: FIELD,
				}),
			`${FIELD}[2].id`,
			`Audience ${NEW_1} is listed twice (also at ${FIELD}[0]); list each audience once`,
		);
	});

	it('removes extra copies of a listed audience (left by a raw patch), or keeps them when removal is off', () => {
		const flow = tutorialFlow();
		selectors(flow).push(structuredClone(selectors(flow)[1]));
		const removing = syncTwice(flow, asListed(tutorialFlow()));
		expect(removing.first.operations).toEqual([
			{
				op: 'remove',
				path: `${SELECTORS}/4`,
				value: { type: 'PLATFORM_SEGMENT', value: { id: A1 } },
			},
		]);
		expect(audienceIds(removing.after)).toEqual([A0, A1, A2, A3]);
		const keeping = plan(flow, [{ id: A1 }], false);
		expect(keeping.operations).toEqual([]);
		expect(keeping.skipped).toContainEqual({
			target: `audience ${A1}`,
			reason: SYNC_REASONS.duplicateKept,
		});
	});

	it('removes a malformed selector without an ID when removal is on', () => {
		const flow = tutorialFlow();
		selectors(flow).splice(1, 0, { type: 'PLATFORM_SEGMENT' } as unknown as SegmentSelector);
		const { first } = syncTwice(flow, asListed(tutorialFlow()));
		expect(first.operations).toEqual([
			{ op: 'remove', path: `${SELECTORS}/1`, value: { type: 'PLATFORM_SEGMENT', value: {} } },
		]);
		expect(plan(flow, asListed(tutorialFlow()), false).skipped).toContainEqual({
			target: 'audience at index 1',
			reason: SYNC_REASONS.kept,
		});
	});

	it('creates the container on a flow that has no audiences yet', () => {
		const noContainer = inlineFlow({});
		const created = syncTwice(noContainer, [{ id: NEW_1 }, { id: NEW_2 }]);
		expect(created.first.operations).toEqual([
			{
				op: 'add',
				path: '/transformations/0/params/segmentSelectors',
				value: {
					selectors: [
						{ type: 'PLATFORM_SEGMENT', value: { id: NEW_1 } },
						{ type: 'PLATFORM_SEGMENT', value: { id: NEW_2 } },
					],
				},
			},
		]);
		expect(summarizeSync(created.first.operations, created.first.skipped).added).toEqual([
			NEW_1,
			NEW_2,
		]);
		const emptyContainer = inlineFlow({ segmentSelectors: {} });
		const filled = syncTwice(emptyContainer, [{ id: NEW_1 }]);
		expect(filled.first.operations).toEqual([
			{
				op: 'add',
				path: `${SELECTORS}`,
				value: [{ type: 'PLATFORM_SEGMENT', value: { id: NEW_1 } }],
			},
		]);
		expect(summarizeSync(filled.first.operations, []).added).toEqual([NEW_1]);
	});

	it('refuses a flow that is not a destination flow, naming the list', () => {
		expectInputError(
			() => plan(inlineFlow(undefined, { transformations: [] }), [{ id: NEW_1 }]),
			FIELD,
			/no GeneralTransform/,
		);
	});

	it('checks legacy file name macros on legacy flows only', () => {
		const template = { filenameTemplate: '%DESTINATION%_%SEGMENT_NAME%' };
		expectInputError(
			() => plan(tutorialFlow(), [batch(NEW_1, template)]),
			`${FIELD}[0].filenameTemplate`,
			/%DESTINATION_NAME% and %SEGMENT_ID%/,
		);
		const flow = profileMappingFlow();
		// The node refuses a trigger type on incremental exports (Adobe's responses carry SCHEDULED there).
		const listed = asListed(flow).map(({ triggerType: _, ...rest }) => rest);
		const result = plan(flow, [...listed, batch(NEW_1, template)]);
		expect(result.operations).toEqual([
			expect.objectContaining({
				op: 'add',
				value: expect.objectContaining({
					value: expect.objectContaining({ filenameTemplate: template.filenameTemplate }),
				}),
			}),
		]);
	});

	it('reaches the desired state from random flows and lists, with one patch, and a second sync changes nothing', () => {
		const pool = [
			A0,
			A1,
			A2,
			A3,
			NEW_1,
			NEW_2,
			'3c3c3c3c-1111-4222-8333-444444444444',
			'4d4d4d4d-1111-4222-8333-444444444444',
		];
		const frequencies = ['ONCE', 'DAILY'];
		let seed = 7;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
		for (let run = 0; run < 300; run++) {
			const onFlow = pool.filter(() => random() < 0.5);
			const flow = inlineFlow({
				segmentSelectors: {
					selectors: onFlow.map((id) => ({
						type: 'PLATFORM_SEGMENT',
						value: {
							id,
							createTime: '1',
							...(random() < 0.5 ? {} : { name: `n-${id.slice(0, 4)}` }),
						},
					})),
				},
			});
			const listed = pool.filter(() => random() < 0.5).sort(() => random() - 0.5);
			const entries = listed.map((id) =>
				random() < 0.5
					? { id }
					: batch(id, {
							frequency: pick(frequencies),
							name: random() < 0.5 ? `m-${id.slice(0, 4)}` : '',
						}),
			);
			const removeUnlisted = random() < 0.7;
			const { first, after } = syncTwice(flow, entries, removeUnlisted);
			const expected = removeUnlisted
				? [
						...onFlow.filter((id) => listed.includes(id)),
						...listed.filter((id) => !onFlow.includes(id)),
					]
				: [...onFlow, ...listed.filter((id) => !onFlow.includes(id))];
			expect(audienceIds(after)).toEqual(expected);
			for (const entry of entries) {
				const stored = selectors(after).find((s) => s.value.id === entry.id)!.value;
				if ('exportMode' in entry) expect(stored.schedule?.frequency).toBe(entry.frequency);
				if (entry.name) expect(stored.name).toBe(entry.name);
				if (onFlow.includes(entry.id as string)) expect(stored.createTime).toBe('1');
			}
			const ranks = first.operations.map((o) => ['replace', 'remove', 'add'].indexOf(o.op));
			expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
			const removedIndexes = first.operations
				.filter((o) => o.op === 'remove')
				.map((o) => Number(o.path.split('/').pop()));
			expect(removedIndexes).toEqual([...removedIndexes].sort((a, b) => b - a));
		}
	});
});

describe('mergeSelector and sameSettings', () => {
	const current = storedDailyAudience(A0, { name: 'A', filenameTemplate: 't' });
	const entry = (input: AudienceInput) => desired([input])[0];

	it('falls back to the PLATFORM_SEGMENT type when the flow stores none', () => {
		const untyped = { value: { id: A0 } } as unknown as SegmentSelector;
		expect(mergeSelector(untyped, entry({ id: A0, name: 'x' }))).toEqual({
			type: 'PLATFORM_SEGMENT',
			value: { id: A0, name: 'x' },
		});
	});

	it('compares only the fields a user controls', () => {
		expect(
			sameSettings(current.value, {
				...current.value,
				createTime: '6',
				updateTime: '7',
				description: 'x',
			}),
		).toBe(true);
		expect(sameSettings(current.value, { ...current.value, name: 'B' })).toBe(false);
		expect(
			sameSettings(current.value, {
				...current.value,
				schedule: { ...current.value.schedule, endDate: '2026-02-01' },
			}),
		).toBe(false);
		expect(
			sameSettings(current.value, {
				...current.value,
				schedule: {
					startTime: '01:00',
					startDate: '2026-01-01',
					frequency: 'DAILY',
					triggerType: 'SCHEDULED',
				},
			}),
		).toBe(true);
		expect(
			sameSettings(current.value, {
				...current.value,
				schedule: { ...current.value.schedule, triggerType: 'AFTER_SEGMENT_EVAL' },
			}),
		).toBe(false);
		expect(sameSettings({ id: A0 }, { id: A0, name: '', schedule: undefined })).toBe(true);
		expect(sameSettings({ id: A0, schedule: 'odd' as never }, { id: A0 })).toBe(true);
	});
});

describe('desiredAudiences and checkListSize', () => {
	it('builds each selector with the batch rules and records which of name and template the user gave', () => {
		expect(desired([{ id: NEW_1.toUpperCase(), name: '' }, TUTORIAL_NEW_AUDIENCE_INPUT])).toEqual([
			{
				selector: { type: 'PLATFORM_SEGMENT', value: { id: NEW_1 } },
				field: `${FIELD}[0]`,
				givesName: false,
				givesFilenameTemplate: false,
			},
			expect.objectContaining({
				field: `${FIELD}[1]`,
				givesName: true,
				givesFilenameTemplate: true,
			}),
		]);
		expectInputError(
			() => desired([{ id: NEW_1 }, batch(NEW_2, { startTime: '16:30' })]),
			`${FIELD}[1].startTime`,
			/whole hour/,
		);
	});

	it('refuses an empty list unless allowed, saying what the list would do', () => {
		expectInputError(
			() => checkListSize(0, FIELD, true, false),
			FIELD,
			/would remove every audience.*Allow Empty List/,
		);
		expectInputError(
			() => checkListSize(0, 'audiencesJson', false, false),
			'audiencesJson',
			/nothing to add or update.*Allow Empty List/,
		);
		expect(() => checkListSize(0, FIELD, true, true)).not.toThrow();
		expect(() => checkListSize(2, FIELD, true, false)).not.toThrow();
	});
});

describe('summarizeSync', () => {
	it('reads what was added, removed, updated and left unchanged from the reported plan', () => {
		const selector = (id: string) => ({ type: 'PLATFORM_SEGMENT', value: { id } });
		expect(
			summarizeSync(
				[
					{ op: 'replace', path: `${SELECTORS}/0`, value: selector(A0) },
					{ op: 'remove', path: `${SELECTORS}/2`, value: selector(A2) },
					{ op: 'add', path: `${SELECTORS}/-`, value: selector(NEW_1) },
					{ op: 'add', path: SELECTORS, value: [selector(NEW_2)] },
					{ op: 'add', path: '/x', value: 'not a selector' },
				],
				[
					{ target: `audience ${A1}`, reason: SYNC_REASONS.unchanged },
					{ target: `audience ${A3}`, reason: SYNC_REASONS.kept },
				],
			),
		).toEqual({ added: [NEW_1, NEW_2], removed: [A2], updated: [A0], unchanged: [A1] });
	});

	it('is empty for anything that is not a list', () => {
		expect(summarizeSync(undefined, null)).toEqual({
			added: [],
			removed: [],
			updated: [],
			unchanged: [],
		});
	});
});
