import { TUTORIAL_FLOW_ID } from '../../emulator/fixtures/ids';
import { tokenCredential, useEmulator } from '../workflow-on-emulator/setup';
import { byId, runNode } from '../workflow-mocked/setup';
import { printFigure } from './report';

const emulator = useEmulator();
const flow = byId(TUTORIAL_FLOW_ID);
const AUDIENCE = '2d79d0d8-724f-49fc-a09d-d1dec338c93c';
const batch = {
	id: AUDIENCE,
	exportMode: 'DAILY_FULL_EXPORT',
	frequency: 'DAILY',
	startDate: '2026-12-01',
	startTime: '20:00',
};

type Params = Record<string, unknown>;
/** The field is a parameter name, or `$json.<key>` for a field of the input item (Map Input Fields Automatically). */
type Case = [name: string, parameters: Params, field: string, item?: Record<string, unknown>];

const addAudience = (audience: Record<string, unknown>): Params => ({
	operation: 'addAudiences',
	flowId: flow,
	audiences: { audience: [audience] },
});
const rawPatch = (operations: unknown): Params => ({
	operation: 'applyJsonPatch',
	flowId: flow,
	operations: typeof operations === 'string' ? operations : JSON.stringify(operations),
});
const addAttributes = (attribute: Array<Record<string, unknown>>): Params => ({
	operation: 'addProfileAttributes',
	flowId: flow,
	attributes: { attribute },
});
const expression = (value: unknown) => `={{ ${JSON.stringify(value)} }}`;

const badFlowIds: Case[] = [
	'../x',
	'a/b',
	'?',
	'%2F',
	' ',
	'not-a-uuid',
	'226fb2e1-db69-4760-b67e-9e671e05abf',
	'226fb2e1/../../flows',
	42,
	null,
].map((value) => [
	`flow ID ${JSON.stringify(value)}`,
	{ operation: 'get', flowId: byId(expression(value)) },
	'flowId',
]);

const mapped = (operation: string, item: Record<string, unknown>, field: string): Case => [
	`${operation}, input fields mapped: ${JSON.stringify(item)}`,
	{ operation, dataMode: 'autoMapInputData' },
	`$json.${field}`,
	item,
];
const mappedBatch = {
	flowId: TUTORIAL_FLOW_ID,
	audienceId: AUDIENCE,
	exportMode: 'DAILY_FULL_EXPORT',
	frequency: 'DAILY',
	startDate: '2026-12-01',
	startTime: '20:00',
};
const mappedCases: Case[] = [
	mapped('addAudiences', { ...mappedBatch, flowId: '../x' }, 'flowId'),
	mapped('addAudiences', { ...mappedBatch, flowId: 'a/b' }, 'flowId'),
	mapped('addAudiences', { flowId: TUTORIAL_FLOW_ID }, 'audienceId'),
	mapped('addAudiences', { ...mappedBatch, audienceId: 'abc' }, 'audienceId'),
	mapped('addAudiences', { ...mappedBatch, startDate: '2026-02-30' }, 'startDate'),
	mapped(
		'addAudiences',
		{ ...mappedBatch, exportMode: 'FIRST_FULL_THEN_INCREMENTAL', frequency: 'ONCE' },
		'frequency',
	),
	mapped('removeAudiences', { audienceId: AUDIENCE }, 'flowId'),
	mapped('removeAudiences', { flowId: TUTORIAL_FLOW_ID, audienceId: 42 }, 'audienceId'),
];

const cases: Case[] = [
	...badFlowIds,
	...mappedCases,
	[
		'flow ID ../x on an update',
		{ operation: 'removeAudiences', flowId: byId(expression('../x')), audienceKeys: AUDIENCE },
		'flowId',
	],
	...['abc', '9f7d37fd_7039_4454_94ef_2b0cd6c3206a', '2d79d0d8-724f-49fc-a09d', '../2d79d0d8'].map(
		(id): Case => [`audience ID ${id}`, addAudience({ id }), 'audiences.audience[0].id'],
	),
	['audience ID missing', addAudience({ name: 'x' }), 'audiences.audience[0].id'],
	[
		'audience ID to remove not a UUID',
		{ operation: 'removeAudiences', flowId: flow, audienceKeys: 'abc' },
		'audienceKeys',
	],
	...['2025-02-30', '2025-13-01', '25-01-01', '2023-02-29', '2025/01/01', 'tomorrow'].map(
		(startDate): Case => [
			`start date ${startDate}`,
			addAudience({ ...batch, startDate }),
			'audiences.audience[0].startDate',
		],
	),
	[
		'start date missing',
		addAudience({ ...batch, startDate: '' }),
		'audiences.audience[0].startDate',
	],
	...['16:30', '24:00', '8:00', '4pm', '20:00:00'].map((startTime): Case => [
		`start time ${startTime}`,
		addAudience({ ...batch, startTime }),
		'audiences.audience[0].startTime',
	]),
	[
		'start time missing for a scheduled export',
		addAudience({ ...batch, startTime: '' }),
		'audiences.audience[0].startTime',
	],
	[
		'DAILY_FULL_EXPORT with EVERY_3_HOURS',
		addAudience({ ...batch, frequency: 'EVERY_3_HOURS' }),
		'audiences.audience[0].frequency',
	],
	[
		'FIRST_FULL_THEN_INCREMENTAL with ONCE',
		addAudience({ ...batch, exportMode: 'FIRST_FULL_THEN_INCREMENTAL', frequency: 'ONCE' }),
		'audiences.audience[0].frequency',
	],
	[
		'unknown export mode',
		addAudience({ ...batch, exportMode: 'WEEKLY_EXPORT' }),
		'audiences.audience[0].exportMode',
	],
	[
		'frequency missing',
		addAudience({ ...batch, frequency: '' }),
		'audiences.audience[0].frequency',
	],
	[
		'batch setting without export mode',
		addAudience({ id: AUDIENCE, frequency: 'DAILY' }),
		'audiences.audience[0].exportMode',
	],
	[
		'file name template without %SEGMENT_ID%',
		addAudience({ ...batch, filenameTemplate: '%DESTINATION_NAME%_x' }),
		'audiences.audience[0].filenameTemplate',
	],
	[
		'file name template without %DESTINATION_NAME%',
		addAudience({ ...batch, filenameTemplate: '%SEGMENT_ID%_x' }),
		'audiences.audience[0].filenameTemplate',
	],
	[
		'file name template over 255 characters',
		addAudience({
			...batch,
			filenameTemplate: `%DESTINATION_NAME%_%SEGMENT_ID%_${'x'.repeat(240)}`,
		}),
		'audiences.audience[0].filenameTemplate',
	],
	[
		'end date with a one-time export',
		addAudience({ ...batch, frequency: 'ONCE', endDate: '2026-12-31' }),
		'audiences.audience[0].endDate',
	],
	[
		'end date before start date',
		addAudience({ ...batch, endDate: '2026-11-01' }),
		'audiences.audience[0].endDate',
	],
	[
		'end date equal to start date',
		addAudience({ ...batch, endDate: '2026-12-01' }),
		'audiences.audience[0].endDate',
	],
	[
		'impossible end date',
		addAudience({ ...batch, endDate: '2026-12-32' }),
		'audiences.audience[0].endDate',
	],
	[
		'trigger type with incremental export',
		addAudience({ ...batch, exportMode: 'FIRST_FULL_THEN_INCREMENTAL', triggerType: 'SCHEDULED' }),
		'audiences.audience[0].triggerType',
	],
	[
		'AFTER_SEGMENT_EVAL with a start time',
		addAudience({ ...batch, triggerType: 'AFTER_SEGMENT_EVAL' }),
		'audiences.audience[0].startTime',
	],
	[
		'unknown trigger type',
		addAudience({ ...batch, triggerType: 'HOURLY' }),
		'audiences.audience[0].triggerType',
	],
	[
		'deduplication keys mixing a namespace and attributes',
		addAttributes([{ path: 'mobilePhone.number', deduplicationKey: true }]),
		'attributes',
	],
	[
		'two identity namespaces as deduplication keys',
		{
			operation: 'addProfileAttributes',
			flowId: flow,
			attributeInput: 'json',
			attributesJson: JSON.stringify([
				{ path: 'a.b', identityNamespace: 'Phone', deduplicationKey: true },
			]),
		},
		'attributes',
	],
	[
		'attribute path with spaces',
		addAttributes([{ path: 'person name' }]),
		'attributes.attribute[0].path',
	],
	['empty attribute path', addAttributes([{ path: '' }]), 'attributes.attribute[0].path'],
	[
		'identity namespace with a slash',
		addAttributes([{ path: 'a.b', identityNamespace: 'E/mail' }]),
		'attributes.attribute[0].identityNamespace',
	],
	['raw patch that is not JSON', rawPatch('[{"op":'), 'operations'],
	['raw patch that is not an array', rawPatch({ op: 'add' }), 'operations'],
	['empty raw patch', rawPatch([]), 'operations'],
	[
		'raw patch with 501 operations',
		rawPatch(Array.from({ length: 501 }, () => ({ op: 'remove', path: '/description' }))),
		'operations',
	],
	[
		'raw patch over 1 MB',
		rawPatch([{ op: 'replace', path: '/description', value: 'x'.repeat(1_100_000) }]),
		'operations',
	],
	['raw move', rawPatch([{ op: 'move', from: '/name', path: '/description' }]), 'operations[0].op'],
	['raw copy', rawPatch([{ op: 'copy', from: '/name', path: '/description' }]), 'operations[0].op'],
	['raw test', rawPatch([{ op: 'test', path: '/name', value: 'x' }]), 'operations[0].op'],
	[
		'raw remove with -',
		rawPatch([{ op: 'remove', path: '/transformations/0/params/profileSelectors/selectors/-' }]),
		'operations[0].path',
	],
	[
		'raw path without leading slash',
		rawPatch([{ op: 'replace', path: 'name', value: 'x' }]),
		'operations[0].path',
	],
	[
		'raw path with a bad escape',
		rawPatch([{ op: 'replace', path: '/a~2b', value: 'x' }]),
		'operations[0].path',
	],
	[
		'raw patch on the whole document',
		rawPatch([{ op: 'replace', path: '', value: {} }]),
		'operations[0].path',
	],
	['raw add without value', rawPatch([{ op: 'add', path: '/description' }]), 'operations[0].value'],
	[
		'raw operation with a from member',
		rawPatch([{ op: 'replace', path: '/name', value: 'x', from: '/a' }]),
		'operations[0]',
	],
	['raw operation that is a string', rawPatch(['replace /name']), 'operations[0]'],
	[
		'audience list that resolves to an object',
		{ operation: 'removeAudiences', flowId: flow, audienceKeys: '={{ { id: 1 } }}' },
		'audienceKeys',
	],
	[
		'name that resolves to an object',
		{ operation: 'updateInfo', flowId: flow, updateFields: { name: '={{ { a: 1 } }}' } },
		'updateFields.name',
	],
	[
		'schedule interval that resolves to text',
		{ operation: 'updateInfo', flowId: flow, updateFields: { scheduleInterval: '={{ "often" }}' } },
		'updateFields.scheduleInterval',
	],
	[
		'schedule start time that is not a date',
		{
			operation: 'updateInfo',
			flowId: flow,
			updateFields: { scheduleStartTime: '={{ "someday" }}' },
		},
		'updateFields.scheduleStartTime',
	],
	[
		'mapping version that resolves to text',
		{ operation: 'updateMapping', flowId: flow, mappingId: 'abc', mappingVersion: '={{ "two" }}' },
		'mappingVersion',
	],
	[
		'mapping ID with a slash',
		{ operation: 'updateMapping', flowId: flow, mappingId: 'a/b', mappingVersion: 1 },
		'mappingId',
	],
	[
		'negative conflict retries',
		{
			operation: 'updateInfo',
			flowId: flow,
			updateFields: { name: 'x' },
			options: { maxConflictRetries: '={{ -1 }}' },
		},
		'options.maxConflictRetries',
	],
	[
		'too many transient retries',
		{
			operation: 'updateInfo',
			flowId: flow,
			updateFields: { name: 'x' },
			options: { maxRetries: '={{ 99 }}' },
		},
		'options.maxRetries',
	],
	[
		'audiences JSON that resolves to a number',
		{ operation: 'addAudiences', flowId: flow, audienceInput: 'json', audiencesJson: '={{ 5 }}' },
		'audiencesJson',
	],
	[
		'audience entry that is a string',
		{ operation: 'addAudiences', flowId: flow, audienceInput: 'json', audiencesJson: '["abc"]' },
		'audiencesJson[0]',
	],
	[
		'Get Many audience filter not a UUID',
		{ operation: 'getMany', filters: { audienceId: 'x' } },
		'filters.audienceId',
	],
	[
		'Get Many malformed property filter',
		{ operation: 'getMany', filters: { property: 'state=enabled' } },
		'filters.property',
	],
	// Literal empty required fields never run (n8n's own check); from an expression they reach the node.
	[
		'empty audience list to remove',
		{ operation: 'removeAudiences', flowId: flow, audienceKeys: '={{ [] }}' },
		'audienceKeys',
	],
	[
		'empty audience list to add',
		{ operation: 'addAudiences', flowId: flow, audiences: {} },
		'audiences.audience',
	],
	[
		'empty attribute list to add',
		{ operation: 'addProfileAttributes', flowId: flow, attributes: {} },
		'attributes.attribute',
	],
	[
		'empty attribute list to remove',
		{ operation: 'removeProfileAttributes', flowId: flow, attributePaths: '={{ "" }}' },
		'attributePaths',
	],
	[
		'nothing to update',
		{ operation: 'updateInfo', flowId: flow, updateFields: {} },
		'updateFields',
	],
	[
		'absent audience with the Fail policy',
		{ operation: 'removeAudiences', flowId: flow, audienceKeys: AUDIENCE, ifMissing: 'error' },
		'audienceKeys',
	],
];

const tally = { tried: 0, rejectedBeforeSending: 0 };

describe('bad input: an error naming the item and the field, and no write sent', () => {
	afterAll(() =>
		printFigure(
			`bad inputs: ${tally.tried} tried, ${tally.rejectedBeforeSending} rejected before sending`,
		),
	);

	it('covers at least 60 cases', () => expect(cases.length).toBeGreaterThanOrEqual(60));

	// A rest parameter: jest-each takes a fourth named parameter of a three-value row for `done`.
	it.each(cases)('%s', async (...[, parameters, field, item]: Case) => {
		tally.tried++;
		const result = await runNode(parameters, {
			credential: tokenCredential(emulator.current),
			triggerItems: item && [{ json: item as never }],
		});

		expect(result.status).toBe('error');
		const path = field.startsWith('$json.')
			? `Input field "${field.slice('$json.'.length)}"`
			: `Parameter "${field}"`;
		expect(result.error?.message).toMatch(/^.+: .+ \(item 1\)$/);
		expect(result.error?.description).toContain(`${path}, item index 0.`);
		const writes = emulator.current.requests().filter((request) => request.method !== 'GET');
		expect(writes).toEqual([]);
		tally.rejectedBeforeSending++;
	});
});
