import fc from 'fast-check';

import { TUTORIAL_AUDIENCE_IDS, TUTORIAL_FLOW_ID } from '../../emulator/fixtures/ids';
import { recordTally, runAsyncProperty } from '../generated/tally';
import { tokenCredential, useEmulator } from '../workflow-on-emulator/setup';
import { byId, outputJson, runNode } from '../workflow-mocked/setup';

const emulator = useEmulator({ slowWorkflows: true });
jest.setTimeout(120_000);

/** Each item's bad value, read by the parameter under test. */
const VALUE = '={{ $json.value }}';
const AUDIENCE = TUTORIAL_AUDIENCE_IDS[0];
const flow = byId(TUTORIAL_FLOW_ID);
const batch = {
	id: AUDIENCE,
	exportMode: 'DAILY_FULL_EXPORT',
	frequency: 'DAILY',
	startDate: '2026-12-01',
	startTime: '20:00',
};

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
	},
	field: 'flowId',
	bad: badUuid,
}));

const slots: Slot[] = [
	...flowIdSlots,
	{
		name: 'addAudiences: id',
		parameters: addAudience({ ...batch, id: VALUE }),
		field: 'audiences.audience[0].id',
		bad: badUuid,
	},
	{
		name: 'addAudiences: name',
		parameters: addAudience({ ...batch, name: VALUE }),
		field: 'audiences.audience[0].name',
		bad: notText,
	},
	{
		name: 'addAudiences: exportMode',
		parameters: addAudience({ ...batch, exportMode: VALUE }),
		field: 'audiences.audience[0].exportMode',
		bad: required(junkText),
	},
	{
		name: 'addAudiences: frequency',
		parameters: addAudience({ ...batch, frequency: VALUE }),
		field: 'audiences.audience[0].frequency',
		bad: required(junkText),
	},
	{
		name: 'addAudiences: triggerType',
		parameters: addAudience({ ...batch, triggerType: VALUE }),
		field: 'audiences.audience[0].triggerType',
		bad: fc.oneof(notText, junkText),
	},
	{
		name: 'addAudiences: startDate',
		parameters: addAudience({ ...batch, startDate: VALUE }),
		field: 'audiences.audience[0].startDate',
		bad: fc.oneof(badDate, missing),
	},
	{
		name: 'addAudiences: endDate',
		parameters: addAudience({ ...batch, endDate: VALUE }),
		field: 'audiences.audience[0].endDate',
		bad: fc.oneof(badDate, fc.constant('2026-11-30')),
	},
	{
		name: 'addAudiences: startTime',
		parameters: addAudience({ ...batch, startTime: VALUE }),
		field: 'audiences.audience[0].startTime',
		bad: fc.oneof(badHour, missing),
	},
	{
		name: 'addAudiences: filenameTemplate',
		parameters: addAudience({ ...batch, filenameTemplate: VALUE }),
		field: 'audiences.audience[0].filenameTemplate',
		bad: fc.oneof(
			notText,
			fc.nat(3).map((n) => '%DESTINATION_NAME%%SEGMENT_ID%'.padEnd(256 + n, '~/')),
		),
	},
	{
		name: 'syncAudiences: id',
		parameters: syncAudience({ ...batch, id: VALUE }),
		field: 'audiences.audience[0].id',
		bad: badUuid,
	},
	{
		name: 'syncAudiences: startDate',
		parameters: syncAudience({ ...batch, startDate: VALUE }),
		field: 'audiences.audience[0].startDate',
		bad: fc.oneof(badDate, missing),
	},
	{
		name: 'removeAudiences: audienceKeys',
		parameters: { operation: 'removeAudiences', flowId: flow, audienceKeys: VALUE },
		field: 'audienceKeys',
		bad: fc.oneof(
			junkText.filter((s) => !uuidPattern.test(s.trim())),
			fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { minKeys: 1, maxKeys: 2 }),
			fc.boolean(),
		),
	},
	{
		name: 'updateAudienceExportSettings: id',
		parameters: settings({ id: VALUE, startTime: '10:00' }),
		field: 'audienceSettings.audience[0].id',
		bad: badUuid,
	},
	{
		name: 'updateAudienceExportSettings: startDate',
		parameters: settings({ id: AUDIENCE, startDate: VALUE }),
		field: 'audienceSettings.audience[0].startDate',
		bad: badDate,
	},
	{
		name: 'updateAudienceExportSettings: startTime',
		parameters: settings({ id: AUDIENCE, startTime: VALUE }),
		field: 'audienceSettings.audience[0].startTime',
		bad: badHour,
	},
	{
		name: 'addProfileAttributes: path',
		parameters: attribute({ path: VALUE }),
		field: 'attributes.attribute[0].path',
		bad: required(
			fc.string({ maxLength: 8 }).map((s) => `a ${s}b`),
			fc.nat(3).map((n) => 'a.b'.repeat(200 + n)),
		),
	},
	{
		name: 'addProfileAttributes: identityNamespace',
		parameters: attribute({ identityNamespace: VALUE }),
		field: 'attributes.attribute[0].identityNamespace',
		bad: fc.oneof(
			notText,
			junkText.filter((s) => !/^[A-Za-z0-9_.-]+$/.test(s.trim())),
		),
	},
	{
		name: 'removeProfileAttributes: attributePaths',
		parameters: { operation: 'removeProfileAttributes', flowId: flow, attributePaths: VALUE },
		field: 'attributePaths',
		bad: fc.oneof(
			fc.boolean(),
			fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { minKeys: 1, maxKeys: 2 }),
			missing,
		),
	},
	{
		name: 'updateInfo: name',
		parameters: updateInfo({ name: VALUE }),
		field: 'updateFields.name',
		bad: required(),
	},
	{
		name: 'updateInfo: description',
		parameters: updateInfo({ description: VALUE }),
		field: 'updateFields.description',
		bad: fc.oneof(notText, anyNumber, fc.constant(null)),
	},
	{
		name: 'updateInfo: scheduleInterval',
		parameters: updateInfo({ scheduleInterval: VALUE }),
		field: 'updateFields.scheduleInterval',
		bad: fc.oneof(
			notText,
			junkText.filter((s) => !/^\s*\d+\s*$/.test(s)),
			fc.integer({ max: -1 }),
			fc.double({ min: 0.1, max: 1e6, noInteger: true }),
		),
	},
	{
		name: 'updateInfo: scheduleStartTime',
		parameters: updateInfo({ scheduleStartTime: VALUE }),
		field: 'updateFields.scheduleStartTime',
		bad: fc.oneof(
			notText,
			junkText.filter((s) => !/^\d+$/.test(s) && Number.isNaN(Date.parse(s))),
		),
	},
	{
		name: 'updateMapping: mappingId',
		parameters: { operation: 'updateMapping', flowId: flow, mappingId: VALUE, mappingVersion: 1 },
		field: 'mappingId',
		bad: required(junkText.filter((s) => !/^[A-Za-z0-9_-]{1,64}$/.test(s.trim()))),
	},
	{
		name: 'updateMapping: mappingVersion',
		parameters: { operation: 'updateMapping', flowId: flow, mappingId: 'm', mappingVersion: VALUE },
		field: 'mappingVersion',
		bad: fc.oneof(
			notText,
			missing,
			junkText.filter((s) => !/^\s*\d+\s*$/.test(s)),
			fc.integer({ max: -1 }),
			fc.double({ min: 0.1, max: 1e6, noInteger: true }),
		),
	},
	{
		name: 'applyJsonPatch: operations',
		parameters: { operation: 'applyJsonPatch', flowId: flow, operations: VALUE },
		field: 'operations',
		bad: fc.oneof(
			junkText.map((s) => `{${s}`),
			fc.constant('[]'),
			fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { minKeys: 1, maxKeys: 2 }),
			fc.array(fc.array(fc.integer(), { maxLength: 2 }), { minLength: 1, maxLength: 3 }),
		),
	},
	{
		name: 'updateInfo: options.maxConflictRetries',
		parameters: { ...updateInfo({ name: 'x' }), options: { maxConflictRetries: VALUE } },
		field: 'options.maxConflictRetries',
		bad: fc.oneof(notText, junkText, fc.integer({ max: -1 }), fc.integer({ min: 1000 })),
	},
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
					// Today's message names the parameter and the 0-based item; the editor-label form
					// keeps the parameter path and 0-based index in the description, 1-based in the message.
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
