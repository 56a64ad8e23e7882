import {
	DISABLED_FLOW_ID,
	LAPSED_BUYERS_AUDIENCE_ID,
	SHARED_AUDIENCE_ID,
	STREAMING_AUDIENCE_IDS,
} from '../../../emulator/fixtures/ids';
import type { FlowDocument, SegmentSelector } from '@node/model/types';
import {
	SETTINGS_REASONS,
	applyChange,
	planUpdateAudienceSettings,
} from '@node/planner/audienceSettings';
import {
	applyOperations,
	audienceSelectors as selectors,
	expectInputError,
	inlineFlow,
	profileMappingFlow,
	seededFlow,
	streamingFlow,
	tutorialFlow,
	UNUSED_AUDIENCE_ID,
} from '../fixtures';
import { A0, A1, A2, A3, SELECTORS, storedDailyAudience } from './audienceFixtures';
import { parseSettingsChange, type AudienceSettingsChange } from '@node/rules/audienceSettings';

const FIELD = 'audienceSettings.audience';
const rl = (value: string) => ({ __rl: true, mode: 'list', value });

function changes(...entries: Array<Record<string, unknown>>): AudienceSettingsChange[] {
	return entries.map((entry, index) => parseSettingsChange(entry, `${FIELD}[${index}]`));
}

function plan(
	flow: FlowDocument,
	entries: Array<Record<string, unknown>>,
	ifMissing: 'skip' | 'error' = 'skip',
) {
	return planUpdateAudienceSettings(changes(...entries), ifMissing, FIELD)(flow);
}

describe('parseSettingsChange', () => {
	it('reads what is set and what is removed, from the fields or from JSON', () => {
		expect(
			parseSettingsChange(
				{
					id: rl(A0.toUpperCase()),
					frequency: 'DAILY',
					name: '',
					startTime: '06:00',
					removeFields: ['endDate'],
				},
				'e',
			),
		).toEqual({
			id: A0,
			field: 'e',
			set: { frequency: 'DAILY', startTime: '06:00' },
			remove: ['endDate'],
		});
		expect(
			parseSettingsChange(
				{ id: A0, endDate: null, triggerType: null, exportMode: 'DAILY_FULL_EXPORT' },
				'e',
			),
		).toEqual({
			id: A0,
			field: 'e',
			set: { exportMode: 'DAILY_FULL_EXPORT' },
			remove: ['endDate', 'triggerType'],
		});
		expect(
			parseSettingsChange({ id: A0, removeFields: 'startTime, triggerType' }, 'e').remove,
		).toEqual(['triggerType', 'startTime']);
	});

	it('takes a selector as Get returns it, either template spelling', () => {
		const selector = {
			type: 'PLATFORM_SEGMENT',
			value: {
				id: A1,
				fileNameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%',
				exportMode: 'DAILY_FULL_EXPORT',
				schedule: { frequency: 'ONCE', startDate: '2026-01-02', startTime: '08:00' },
				createTime: '1',
			},
		};
		expect(parseSettingsChange(selector, 'e').set).toEqual({
			exportMode: 'DAILY_FULL_EXPORT',
			frequency: 'ONCE',
			startDate: '2026-01-02',
			startTime: '08:00',
			filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%',
		});
	});

	it.each([
		[{ id: 'abc', name: 'x' }, 'e.id', /is not an audience ID/],
		[{ name: 'x' }, 'e.id', /Audience ID is required/],
		[{ id: A0 }, 'e', /Nothing to change for audience/],
		[{ id: A0, removeFields: [] }, 'e', /Nothing to change/],
		[
			{ id: A0, exportMode: 'WEEKLY' },
			'e.exportMode',
			/Export mode "WEEKLY" is not one of DAILY_FULL_EXPORT, FIRST_FULL_THEN_INCREMENTAL/,
		],
		[{ id: A0, frequency: 'HOURLY' }, 'e.frequency', /Frequency "HOURLY" is not one of/],
		[{ id: A0, triggerType: 'NOW' }, 'e.triggerType', /Trigger type "NOW"/],
		[{ id: A0, startDate: '2026-02-30' }, 'e.startDate', /not a real date/],
		[{ id: A0, endDate: '31/12/2026' }, 'e.endDate', /not a real date/],
		[{ id: A0, startTime: '16:30' }, 'e.startTime', /whole hour/],
		[{ id: A0, filenameTemplate: 'x'.repeat(256) }, 'e.filenameTemplate', /256 characters long/],
		[{ id: A0, name: 42 as unknown as string, startDate: { a: 1 } }, 'e.startDate', /must be text/],
		[{ id: A0, frequency: null }, 'e.frequency', /frequency cannot be removed/],
		[
			{ id: A0, removeFields: ['name'] },
			'e.removeFields',
			/"name" cannot be removed; only endDate, triggerType, startTime can/,
		],
		[{ id: A0, removeFields: 5 }, 'e.removeFields', /Expected a list/],
		[
			{ id: A0, endDate: '2026-12-31', removeFields: ['endDate'] },
			'e.endDate',
			/both set and removed/,
		],
	])('refuses %j naming %s', (entry, field, pattern) => {
		expectInputError(() => parseSettingsChange(entry, 'e'), field, pattern);
	});

	it('refuses an entry that is not an object', () => {
		expectInputError(() => parseSettingsChange('x', 'e'), 'e', /must be an object, got string "x"/);
		expectInputError(() => parseSettingsChange([A0], 'e'), 'e', /got a list/);
	});
});

describe('planUpdateAudienceSettings', () => {
	it('replaces the whole selector at its index, merging the change into every current field', () => {
		const flow = tutorialFlow();
		const result = plan(flow, [{ id: A2, frequency: 'EVERY_12_HOURS', startTime: '06:00' }]);
		expect(result).toEqual({
			operations: [
				{
					op: 'replace',
					path: `${SELECTORS}/2`,
					value: {
						type: 'PLATFORM_SEGMENT',
						value: {
							id: A2,
							name: 'GCM_E2E_PersonId_Test',
							filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
							exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
							schedule: {
								startDate: '2021-12-23',
								frequency: 'EVERY_12_HOURS',
								endDate: '2021-12-31',
								startTime: '06:00',
							},
							createTime: '1640289901',
							updateTime: '1640289901',
						},
					},
				},
			],
			skipped: [],
		});
		const after = applyOperations(flow, result.operations);
		expect(selectors(after).map((s) => s.value.id)).toEqual([A0, A1, A2, A3]);
		expect(
			plan(after, [{ id: A2, frequency: 'EVERY_12_HOURS', startTime: '06:00' }]).operations,
		).toEqual([]);
	});

	it('changes several audiences in one plan and skips the ones that already have the settings', () => {
		const result = plan(tutorialFlow(), [
			{ id: A3, name: 'Renamed' },
			{ id: A0, frequency: 'ONCE' },
			{ id: A1, exportMode: 'DAILY_FULL_EXPORT' },
		]);
		expect(result.operations.map((o) => o.path)).toEqual([`${SELECTORS}/3`]);
		expect(result.skipped).toEqual([
			{ target: `audience ${A0}`, reason: SETTINGS_REASONS.unchanged },
			{ target: `audience ${A1}`, reason: SETTINGS_REASONS.unchanged },
		]);
	});

	it('switches to a one-time export when the end date is removed, and explains a current value that no longer fits', () => {
		const flow = tutorialFlow();
		const switched = plan(flow, [{ id: A1, frequency: 'ONCE', removeFields: ['endDate'] }]);
		expect((switched.operations[0].value as SegmentSelector).value.schedule).toEqual({
			startDate: '2021-12-23',
			frequency: 'ONCE',
			startTime: '20:00',
		});
		expectInputError(
			() => plan(flow, [{ id: A1, frequency: 'ONCE' }]),
			`${FIELD}[0].endDate`,
			/does not apply to a one-time export.*\(the dataflow's current endDate: set another value or remove it\)$/,
		);
		// DAILY fits both export modes, so only the mode changes.
		expect(
			(
				plan(flow, [{ id: A2, exportMode: 'DAILY_FULL_EXPORT' }]).operations[0]
					.value as SegmentSelector
			).value.exportMode,
		).toBe('DAILY_FULL_EXPORT');
		expectInputError(
			() => plan(flow, [{ id: A3, exportMode: 'DAILY_FULL_EXPORT' }]),
			`${FIELD}[0].frequency`,
			/\(the dataflow's current frequency: set another value\)$/,
		);
	});

	it('checks the merged selector with the add rules: AFTER_SEGMENT_EVAL without a start time, and back', () => {
		const flow = seededFlow(DISABLED_FLOW_ID);
		// The shared audience is DAILY_FULL_EXPORT, DAILY, AFTER_SEGMENT_EVAL, no start time.
		expectInputError(
			() => plan(flow, [{ id: SHARED_AUDIENCE_ID, startTime: '08:00' }]),
			`${FIELD}[0].startTime`,
			/must be empty with trigger type AFTER_SEGMENT_EVAL/,
		);
		expectInputError(
			() => plan(flow, [{ id: SHARED_AUDIENCE_ID, triggerType: 'SCHEDULED' }]),
			`${FIELD}[0].startTime`,
			/Start time is required.*\(the dataflow has no startTime for this audience: set one\)$/,
		);
		const scheduled = plan(flow, [
			{ id: SHARED_AUDIENCE_ID, triggerType: 'SCHEDULED', startTime: '08:00' },
		]);
		expect((scheduled.operations[0].value as SegmentSelector).value.schedule).toEqual({
			startDate: '2022-08-20',
			frequency: 'DAILY',
			triggerType: 'SCHEDULED',
			endDate: '2022-12-31',
			startTime: '08:00',
		});
		const implicit = plan(flow, [
			{ id: SHARED_AUDIENCE_ID, removeFields: ['triggerType'], startTime: '08:00' },
		]);
		expect((implicit.operations[0].value as SegmentSelector).value.schedule).toEqual({
			startDate: '2022-08-20',
			frequency: 'DAILY',
			endDate: '2022-12-31',
			startTime: '08:00',
		});
		expect(
			plan(flow, [
				{
					id: LAPSED_BUYERS_AUDIENCE_ID,
					filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%_lapsed',
				},
			]).skipped,
		).toEqual([
			{ target: `audience ${LAPSED_BUYERS_AUDIENCE_ID}`, reason: SETTINGS_REASONS.unchanged },
		]);
	});

	it('checks legacy file name macros on legacy flows, not on profileMapping flows', () => {
		expectInputError(
			() => plan(tutorialFlow(), [{ id: A0, filenameTemplate: '%DESTINATION%_%SEGMENT_NAME%' }]),
			`${FIELD}[0].filenameTemplate`,
			/must contain %DESTINATION_NAME% and %SEGMENT_ID%$/,
		);
		const flow = profileMappingFlow();
		const [audience] = selectors(flow);
		const result = plan(flow, [
			{ id: audience.value.id, filenameTemplate: '%DESTINATION%_%SEGMENT_NAME%' },
		]);
		expect((result.operations[0].value as SegmentSelector).value.filenameTemplate).toBe(
			'%DESTINATION%_%SEGMENT_NAME%',
		);
	});

	it('keeps the SCHEDULED trigger Adobe stores on incremental exports, and drops it when asked', () => {
		const flow = profileMappingFlow();
		const [audience] = selectors(flow);
		const renamed = plan(flow, [{ id: audience.value.id, name: 'Bikers' }]);
		expect((renamed.operations[0].value as SegmentSelector).value).toEqual({
			...audience.value,
			name: 'Bikers',
		});
		const dropped = plan(flow, [{ id: audience.value.id, removeFields: ['triggerType'] }]);
		expect(dropped.operations).toEqual([]);
		expect(dropped.skipped).toEqual([
			{ target: `audience ${audience.value.id}`, reason: SETTINGS_REASONS.unchanged },
		]);
		expectInputError(
			() => plan(flow, [{ id: audience.value.id, triggerType: 'AFTER_SEGMENT_EVAL' }]),
			`${FIELD}[0].triggerType`,
			/applies only to export mode DAILY_FULL_EXPORT/,
		);
		const toFull = plan(flow, [
			{
				id: audience.value.id,
				exportMode: 'DAILY_FULL_EXPORT',
				frequency: 'DAILY',
				removeFields: ['endDate'],
			},
		]);
		expect((toFull.operations[0].value as SegmentSelector).value.schedule).toEqual({
			startDate: '2022-11-15',
			frequency: 'DAILY',
			startTime: '22:00',
		});
	});

	it('turns a streaming audience into a batch one only with a full, valid schedule', () => {
		const flow = streamingFlow();
		const [S0] = STREAMING_AUDIENCE_IDS;
		expectInputError(
			() => plan(flow, [{ id: S0, frequency: 'DAILY' }]),
			`${FIELD}[0].exportMode`,
			/Export mode is required.*\(the dataflow has no exportMode for this audience: set one\)$/,
		);
		const batch = plan(flow, [
			{
				id: S0,
				exportMode: 'DAILY_FULL_EXPORT',
				frequency: 'DAILY',
				startDate: '2026-12-01',
				startTime: '20:00',
			},
		]);
		expect(batch.operations[0].value).toEqual({
			type: 'PLATFORM_SEGMENT',
			value: {
				id: S0,
				filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
				exportMode: 'DAILY_FULL_EXPORT',
				schedule: { startDate: '2026-12-01', frequency: 'DAILY', startTime: '20:00' },
			},
		});
		expect(plan(flow, [{ id: S0, name: 'Cart abandoners' }]).operations[0].value).toEqual({
			type: 'PLATFORM_SEGMENT',
			value: { id: S0, name: 'Cart abandoners' },
		});
	});

	it('skips an audience not on the flow, or fails naming the entry', () => {
		const absent = UNUSED_AUDIENCE_ID;
		expect(
			plan(tutorialFlow(), [
				{ id: absent, name: 'x' },
				{ id: A0, name: 'y' },
			]).skipped,
		).toEqual([{ target: `audience ${absent}`, reason: SETTINGS_REASONS.missing }]);
		expectInputError(
			() =>
				plan(
					tutorialFlow(),
					[
						{ id: A0, name: 'y' },
						{ id: absent, name: 'x' },
					],
					'error',
				),
			`${FIELD}[1].id`,
			`Audience ${absent} is not on dataflow ${tutorialFlow().id}`,
		);
	});

	it('refuses the same audience in two entries before reading', () => {
		expectInputError(
			() =>
				planUpdateAudienceSettings(
					changes({ id: A0, name: 'a' }, { id: A0.toUpperCase(), startTime: '06:00' }),
					'skip',
					FIELD,
				),
			`${FIELD}[1].id`,
			/listed twice \(also at audienceSettings.audience\[0\]\)/,
		);
	});

	it('updates every copy of an audience a raw patch left twice, matching IDs in any case, keeping their spelling', () => {
		const flow = tutorialFlow();
		selectors(flow).push(structuredClone(selectors(flow)[0]));
		selectors(flow)[0].value.id = A0.toUpperCase();
		const result = plan(flow, [{ id: A0, name: 'Both' }]);
		expect(result.operations.map((o) => o.path)).toEqual([`${SELECTORS}/0`, `${SELECTORS}/4`]);
		expect((result.operations[0].value as SegmentSelector).value.id).toBe(A0.toUpperCase());
	});

	it('refuses a flow without a GeneralTransform, naming the list; a flow without audiences has none to change', () => {
		expectInputError(
			() => plan(inlineFlow(undefined, { transformations: [] }), [{ id: A0, name: 'x' }]),
			FIELD,
			/no GeneralTransform/,
		);
		expect(plan(inlineFlow({}), [{ id: A0, name: 'x' }]).skipped).toEqual([
			{ target: `audience ${A0}`, reason: SETTINGS_REASONS.missing },
		]);
	});

	it('writes the template in the usual spelling and keeps Adobe-only fields', () => {
		const selector = storedDailyAudience(A0, {
			fileNameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%',
			extra: [1],
		});
		const [change] = changes({ id: A0, startTime: '02:00' });
		expect(applyChange(selector, change, true)).toEqual({
			type: 'PLATFORM_SEGMENT',
			value: {
				id: A0,
				filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%',
				exportMode: 'DAILY_FULL_EXPORT',
				schedule: { startDate: '2026-01-01', frequency: 'DAILY', startTime: '02:00' },
				createTime: '5',
				extra: [1],
			},
		});
		const untyped = { value: { id: A0 } } as unknown as SegmentSelector;
		expect(applyChange(untyped, changes({ id: A0, name: 'n' })[0], true)).toEqual({
			type: 'PLATFORM_SEGMENT',
			value: { id: A0, name: 'n' },
		});
	});

	it('passes on errors that are not about one of the entry fields unchanged', () => {
		const selector = {
			type: 'PLATFORM_SEGMENT',
			value: { id: A0, name: { not: 'text' } },
		} as unknown as SegmentSelector;
		expectInputError(
			() => applyChange(selector, changes({ id: A0, startTime: '02:00' })[0], true),
			`${FIELD}[0].name`,
			/Audience name must be text/,
		);
	});
});
