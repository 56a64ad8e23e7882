import fc from 'fast-check';

import { TUTORIAL_AUDIENCE_IDS, TUTORIAL_FLOW_ID } from '../../emulator/fixtures/ids';
import { recordTally, runAsyncProperty } from '../generated/tally';
import { NEW_AUDIENCE_ENTRY, tokenCredential, useEmulator } from '../workflow-on-emulator/setup';
import { byId, outputJson, runNode } from '../workflow-mocked/setup';

const emulator = useEmulator({ slowWorkflows: true });
jest.setTimeout(120_000);

/** Each item's bad value, read by the parameter under test. */
const VALUE = '={{ $json.value }}';
const AUDIENCE = TUTORIAL_AUDIENCE_IDS[0];
const flow = byId(TUTORIAL_FLOW_ID);
/** A valid batch entry: each slot replaces one of its fields by the bad value. */
const batch = NEW_AUDIENCE_ENTRY;

// Values no parameter accepts as text, and text that is empty or only blank.
const notText = fc.oneof(
	fc.boolean(),
	fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { minKeys: 1, maxKeys: 3 }),
	fc.array(fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 3 })), { maxLength: 3 }), {
		minLength: 1,
		maxLength: 3,
	}),
);
const missing = fc.constantFrom(null, '', '   ', '\n');
/** Text with JSON Pointer characters, unicode, or too much of it. */
const junkText = fc.oneof(
	fc.string({ minLength: 1, maxLength: 20 }).map((s) => `~${s}/`),
	fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
	fc.constantFrom('../x', 'a/b', '~0~1', '%2F', '😀', 'Ünïcode', '-1', '1e3'),
	fc.nat(5).map((n) => 'x/~'.repeat(20_000 + n)),
);
const anyNumber = fc.oneof(fc.integer(), fc.double({ noNaN: true }));
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const required = (...more: Array<fc.Arbitrary<unknown>>) => fc.oneof(notText, missing, ...more);
const badUuid = required(
	junkText.filter((s) => !uuidPattern.test(s.trim())),
	anyNumber,
);
const badDate = fc.oneof(
	notText,
	junkText,
	fc.constantFrom('2026-02-30', '2026-13-01', '26-01-01', '2026/01/01', 'tomorrow'),
);
const badHour = fc.oneof(notText, junkText, fc.constantFrom('16:30', '24:00', '8:00', '4pm'));

interface Slot {
	name: string;
	/** The parameters with VALUE in the slot's place. */
	parameters: Record<string, unknown>;
	/** The internal parameter path the error must name. */
	field: string;
	bad: fc.Arbitrary<unknown>;
}

const slot = (
	name: string,
	parameters: Record<string, unknown>,
	field: string,
	bad: fc.Arbitrary<unknown>,
): Slot => ({ name, parameters, field, bad });

const addAudience = (entry: Record<string, unknown>) => ({
	operation: 'addAudiences',
	flowId: flow,
	audiences: { audience: [entry] },
});
const syncAudience = (entry: Record<string, unknown>) => ({
	operation: 'syncAudiences',
	flowId: flow,
	audiences: { audience: [entry] },
});
const settings = (entry: Record<string, unknown>) => ({
	operation: 'updateAudienceExportSettings',
	flowId: flow,
	audienceSettings: { audience: [entry] },
});
const attribute = (entry: Record<string, unknown>) => ({
	operation: 'addProfileAttributes',
	flowId: flow,
	attributes: { attribute: [{ path: 'person.name.firstName', ...entry }] },
});
const updateInfo = (fields: Record<string, unknown>) => ({
	operation: 'updateInfo',
	flowId: flow,
	updateFields: fields,
});

const flowIdSlots: Slot[] = [
	'get',
	'getRuns',
	'enable',
	'disable',
	'updateInfo',
	'addAudiences',
	'removeAudiences',
	'syncAudiences',
	'updateMapping',
	'applyJsonPatch',
	'exportNow',
	'deleteDataflow',
].map((operation) => ({
	name: `${operation}: flowId`,
	parameters: {
		operation,
		flowId: byId(VALUE),
		updateFields: { name: 'x' },
		audiences: { audience: [batch] },
		audienceKeys: AUDIENCE,
		mappingId: 'm',
		mappingVersion: 1,
		operations: '[{"op":"replace","path":"/name","value":"x"}]',
		exportAudienceIds: AUDIENCE,
	},
	field: 'flowId',
	bad: badUuid,
}));

const slots: Slot[] = [
	...flowIdSlots,
	slot(
		'addAudiences: id',
		addAudience({ ...batch, id: VALUE }),
		'audiences.audience[0].id',
		badUuid,
	),
	slot(
		'addAudiences: name',
		addAudience({ ...batch, name: VALUE }),
		'audiences.audience[0].name',
		notText,
	),
	slot(
		'addAudiences: exportMode',
		addAudience({ ...batch, exportMode: VALUE }),
		'audiences.audience[0].exportMode',
		required(junkText),
	),
	slot(
		'addAudiences: frequency',
		addAudience({ ...batch, frequency: VALUE }),
		'audiences.audience[0].frequency',
		required(junkText),
	),
	slot(
		'addAudiences: triggerType',
		addAudience({ ...batch, triggerType: VALUE }),
		'audiences.audience[0].triggerType',
		fc.oneof(notText, junkText),
	),
	slot(
		'addAudiences: startDate',
		addAudience({ ...batch, startDate: VALUE }),
		'audiences.audience[0].startDate',
		fc.oneof(badDate, missing),
	),
	slot(
		'addAudiences: endDate',
		addAudience({ ...batch, endDate: VALUE }),
		'audiences.audience[0].endDate',
		fc.oneof(badDate, fc.constant('2026-11-30')),
	),
	slot(
		'addAudiences: startTime',
		addAudience({ ...batch, startTime: VALUE }),
		'audiences.audience[0].startTime',
		fc.oneof(badHour, missing),
	),
	slot(
		'addAudiences: filenameTemplate',
		addAudience({ ...batch, filenameTemplate: VALUE }),
		'audiences.audience[0].filenameTemplate',
		fc.oneof(
			notText,
			fc.nat(3).map((n) => '%DESTINATION_NAME%%SEGMENT_ID%'.padEnd(256 + n, '~/')),
		),
	),
	slot(
		'syncAudiences: id',
		syncAudience({ ...batch, id: VALUE }),
		'audiences.audience[0].id',
		badUuid,
	),
	slot(
		'syncAudiences: startDate',
		syncAudience({ ...batch, startDate: VALUE }),
		'audiences.audience[0].startDate',
		fc.oneof(badDate, missing),
	),
	slot(
		'removeAudiences: audienceKeys',
		{ operation: 'removeAudiences', flowId: flow, audienceKeys: VALUE },
		'audienceKeys',
		fc.oneof(
			junkText.filter((s) => !uuidPattern.test(s.trim())),
			fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { minKeys: 1, maxKeys: 2 }),
			fc.boolean(),
		),
	),
	slot(
		'updateAudienceExportSettings: id',
		settings({ id: VALUE, startTime: '10:00' }),
		'audienceSettings.audience[0].id',
		badUuid,
	),
	slot(
		'updateAudienceExportSettings: startDate',
		settings({ id: AUDIENCE, startDate: VALUE }),
		'audienceSettings.audience[0].startDate',
		badDate,
	),
	slot(
		'updateAudienceExportSettings: startTime',
		settings({ id: AUDIENCE, startTime: VALUE }),
		'audienceSettings.audience[0].startTime',
		badHour,
	),
	slot(
		'addProfileAttributes: path',
		attribute({ path: VALUE }),
		'attributes.attribute[0].path',
		required(
			fc.string({ maxLength: 8 }).map((s) => `a ${s}b`),
			fc.nat(3).map((n) => 'a.b'.repeat(200 + n)),
		),
	),
	slot(
		'addProfileAttributes: identityNamespace',
		attribute({ identityNamespace: VALUE }),
		'attributes.attribute[0].identityNamespace',
		fc.oneof(
			notText,
			junkText.filter((s) => !/^[A-Za-z0-9_.-]+$/.test(s.trim())),
		),
	),
	slot(
		'removeProfileAttributes: attributePaths',
		{ operation: 'removeProfileAttributes', flowId: flow, attributePaths: VALUE },
		'attributePaths',
		fc.oneof(
			fc.boolean(),
			fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { minKeys: 1, maxKeys: 2 }),
			missing,
		),
	),
	slot('updateInfo: name', updateInfo({ name: VALUE }), 'updateFields.name', required()),
	slot(
		'updateInfo: description',
		updateInfo({ description: VALUE }),
		'updateFields.description',
		fc.oneof(notText, anyNumber, fc.constant(null)),
	),
	slot(
		'updateInfo: scheduleInterval',
		updateInfo({ scheduleInterval: VALUE }),
		'updateFields.scheduleInterval',
		fc.oneof(
			notText,
			junkText.filter((s) => !/^\s*\d+\s*$/.test(s)),
			fc.integer({ max: -1 }),
			fc.double({ min: 0.1, max: 1e6, noInteger: true }),
		),
	),
	slot(
		'updateInfo: scheduleStartTime',
		updateInfo({ scheduleStartTime: VALUE }),
		'updateFields.scheduleStartTime',
		fc.oneof(
			notText,
			junkText.filter((s) => !/^\d+$/.test(s) && Number.isNaN(Date.parse(s))),
		),
	),
	slot(
		'updateMapping: mappingId',
		{ operation: 'updateMapping', flowId: flow, mappingId: VALUE, mappingVersion: 1 },
		'mappingId',
		required(junkText.filter((s) => !/^[A-Za-z0-9_-]{1,64}$/.test(s.trim()))),
	),
	slot(
		'updateMapping: mappingVersion',
		{ operation: 'updateMapping', flowId: flow, mappingId: 'm', mappingVersion: VALUE },
		'mappingVersion',
		fc.oneof(
			notText,
			missing,
			junkText.filter((s) => !/^\s*\d+\s*$/.test(s)),
			fc.integer({ max: -1 }),
			fc.double({ min: 0.1, max: 1e6, noInteger: true }),
		),
	),
	slot(
		'applyJsonPatch: operations',
		{ operation: 'applyJsonPatch', flowId: flow, operations: VALUE },
		'operations',
		fc.oneof(
			junkText.map((s) => `{${s}`),
			fc.constant('[]'),
			fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { minKeys: 1, maxKeys: 2 }),
			fc.array(fc.array(fc.integer(), { maxLength: 2 }), { minLength: 1, maxLength: 3 }),
		),
	),
	slot(
		'exportNow: exportAudienceIds',
		{ operation: 'exportNow', flowId: flow, exportScope: 'listed', exportAudienceIds: VALUE },
		'exportAudienceIds',
		badUuid,
	),
	slot(
		'exportNow: exportScope',
		{ operation: 'exportNow', flowId: flow, exportScope: VALUE, exportAudienceIds: AUDIENCE },
		'exportScope',
		fc.oneof(
			notText,
			missing,
			junkText.filter((s) => !['listed', 'all'].includes(s)),
		),
	),
	slot(
		'deleteDataflow: ifFlowMissing',
		{ operation: 'deleteDataflow', flowId: flow, ifFlowMissing: VALUE },
		'ifFlowMissing',
		fc.oneof(
			notText,
			missing,
			junkText.filter((s) => !['fail', 'alreadyDeleted'].includes(s)),
		),
	),
	slot(
		'updateInfo: options.maxConflictRetries',
		{ ...updateInfo({ name: 'x' }), options: { maxConflictRetries: VALUE } },
		'options.maxConflictRetries',
		fc.oneof(notText, junkText, fc.integer({ max: -1 }), fc.integer({ min: 1000 })),
	),
];

/** Values per workflow run, and runs per parameter: at least 2,000 bad values in all. */
const VALUES_PER_RUN = 40;
const RUNS_PER_SLOT = 2;

const tally = { tried: 0, rejected: 0 };
afterAll(() => recordTally('badInput', tally.tried, 0, tally.rejected));

describe('generated bad input: every item ends in an error naming the field and the item, nothing sent', () => {
	it('tries at least 2,000 values', () =>
		expect(slots.length * VALUES_PER_RUN * RUNS_PER_SLOT).toBeGreaterThanOrEqual(2000));

	it.each(slots.map((slot) => [slot.name, slot] as const))('%s', async (_name, slot) => {
		const values = fc.array(slot.bad, { minLength: VALUES_PER_RUN, maxLength: VALUES_PER_RUN });
		await runAsyncProperty(
			fc.asyncProperty(values, async (list) => {
				emulator.current.reset();
				const result = await runNode(slot.parameters, {
					credential: tokenCredential(emulator.current),
					triggerItems: list.map((value) => ({ json: { value } as never })),
					node: { onError: 'continueRegularOutput' },
				});
				const output = outputJson(result);
				expect(output).toHaveLength(list.length);
				output.forEach((json, index) => {
					const words = `${String(json.error)} ${String(json.description)}`;
					// The message names the field as labelled and the 1-based item; the description
					// keeps the parameter path and the 0-based index.
					expect({ index, value: list[index], names: words.includes(slot.field) }).toEqual({
						index,
						value: list[index],
						names: true,
					});
					expect(words).toMatch(new RegExp(`item (${index}|${index + 1})\\b`));
				});
				expect(emulator.current.requests()).toEqual([]);
			}),
			RUNS_PER_SLOT,
		).finally(() => (tally.tried += VALUES_PER_RUN * RUNS_PER_SLOT));
		tally.rejected += VALUES_PER_RUN * RUNS_PER_SLOT;
	});
});
