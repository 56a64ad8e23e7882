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

/** The cases of `named`, by name, each built by `build` and refused naming `field`. */
function refusedAt<T>(
	field: string,
	build: (value: T) => Params,
	named: Record<string, T>,
): Case[] {
	return Object.entries(named).map(([name, value]) => [name, build(value), field]);
}
/** One case per value, named `label value`. */
function eachValue<T>(label: string, values: string[], build: (value: string) => T) {
	return Object.fromEntries(values.map((value) => [`${label} ${value}`, build(value)]));
}
/** The valid batch entry with `changes`, added by Add Audiences. */
const entry = (changes: Params) => addAudience({ ...batch, ...changes });
const onFlow =
	(operation: string) =>
	(parameters: Params): Params => ({ operation, flowId: flow, ...parameters });
const removeAudiences = onFlow('removeAudiences');
const updateInfo = onFlow('updateInfo');
const asGiven = (parameters: Params) => parameters;
const INCREMENTAL = 'FIRST_FULL_THEN_INCREMENTAL';

const cases: Case[] = [
	...badFlowIds,
	...mappedCases,
	[
		'flow ID ../x on an update',
		{ operation: 'removeAudiences', flowId: byId(expression('../x')), audienceKeys: AUDIENCE },
		'flowId',
	],
	...refusedAt('audiences.audience[0].id', addAudience, {
		...eachValue(
			'audience ID',
			['abc', '9f7d37fd_7039_4454_94ef_2b0cd6c3206a', '2d79d0d8-724f-49fc-a09d', '../2d79d0d8'],
			(id) => ({ id }),
		),
		'audience ID missing': { name: 'x' },
	}),
	...refusedAt('audiences.audience[0].startDate', entry, {
		...eachValue(
			'start date',
			['2025-02-30', '2025-13-01', '25-01-01', '2023-02-29', '2025/01/01', 'tomorrow'],
			(startDate) => ({ startDate }),
		),
		'start date missing': { startDate: '' },
	}),
	...refusedAt('audiences.audience[0].startTime', entry, {
		...eachValue('start time', ['16:30', '24:00', '8:00', '4pm', '20:00:00'], (startTime) => ({
			startTime,
		})),
		'start time missing for a scheduled export': { startTime: '' },
		'AFTER_SEGMENT_EVAL with a start time': { triggerType: 'AFTER_SEGMENT_EVAL' },
	}),
	...refusedAt('audiences.audience[0].frequency', entry, {
		'DAILY_FULL_EXPORT with EVERY_3_HOURS': { frequency: 'EVERY_3_HOURS' },
		'FIRST_FULL_THEN_INCREMENTAL with ONCE': { exportMode: INCREMENTAL, frequency: 'ONCE' },
		'frequency missing': { frequency: '' },
	}),
	...refusedAt('audiences.audience[0].exportMode', addAudience, {
		'unknown export mode': { ...batch, exportMode: 'WEEKLY_EXPORT' },
		'batch setting without export mode': { id: AUDIENCE, frequency: 'DAILY' },
	}),
	...refusedAt('audiences.audience[0].filenameTemplate', entry, {
		'file name template without %SEGMENT_ID%': { filenameTemplate: '%DESTINATION_NAME%_x' },
		'file name template without %DESTINATION_NAME%': { filenameTemplate: '%SEGMENT_ID%_x' },
		'file name template over 255 characters': {
			filenameTemplate: `%DESTINATION_NAME%_%SEGMENT_ID%_${'x'.repeat(240)}`,
		},
	}),
	...refusedAt('audiences.audience[0].endDate', entry, {
		'end date with a one-time export': { frequency: 'ONCE', endDate: '2026-12-31' },
		'end date before start date': { endDate: '2026-11-01' },
		'end date equal to start date': { endDate: '2026-12-01' },
		'impossible end date': { endDate: '2026-12-32' },
	}),
	...refusedAt('audiences.audience[0].triggerType', entry, {
		'trigger type with incremental export': { exportMode: INCREMENTAL, triggerType: 'SCHEDULED' },
		'unknown trigger type': { triggerType: 'HOURLY' },
	}),
	...refusedAt('attributes', asGiven, {
		'deduplication keys mixing a namespace and attributes': addAttributes([
			{ path: 'mobilePhone.number', deduplicationKey: true },
		]),
		'two identity namespaces as deduplication keys': onFlow('addProfileAttributes')({
			attributeInput: 'json',
			attributesJson: JSON.stringify([
				{ path: 'a.b', identityNamespace: 'Phone', deduplicationKey: true },
			]),
		}),
	}),
	...refusedAt('attributes.attribute[0].path', addAttributes, {
		'attribute path with spaces': [{ path: 'person name' }],
		'empty attribute path': [{ path: '' }],
	}),
	...refusedAt('attributes.attribute[0].identityNamespace', addAttributes, {
		'identity namespace with a slash': [{ path: 'a.b', identityNamespace: 'E/mail' }],
	}),
	...refusedAt('operations', rawPatch, {
		'raw patch that is not JSON': '[{"op":',
		'raw patch that is not an array': { op: 'add' },
		'empty raw patch': [],
		'raw patch with 501 operations': Array.from({ length: 501 }, () => ({
			op: 'remove',
			path: '/description',
		})),
		'raw patch over 1 MB': [{ op: 'replace', path: '/description', value: 'x'.repeat(1_100_000) }],
	}),
	...refusedAt('operations[0].op', rawPatch, {
		'raw move': [{ op: 'move', from: '/name', path: '/description' }],
		'raw copy': [{ op: 'copy', from: '/name', path: '/description' }],
		'raw test': [{ op: 'test', path: '/name', value: 'x' }],
	}),
	...refusedAt('operations[0].path', rawPatch, {
		'raw remove with -': [
			{ op: 'remove', path: '/transformations/0/params/profileSelectors/selectors/-' },
		],
		'raw path without leading slash': [{ op: 'replace', path: 'name', value: 'x' }],
		'raw path with a bad escape': [{ op: 'replace', path: '/a~2b', value: 'x' }],
		'raw patch on the whole document': [{ op: 'replace', path: '', value: {} }],
	}),
	...refusedAt('operations[0].value', rawPatch, {
		'raw add without value': [{ op: 'add', path: '/description' }],
	}),
	...refusedAt('operations[0]', rawPatch, {
		'raw operation with a from member': [{ op: 'replace', path: '/name', value: 'x', from: '/a' }],
		'raw operation that is a string': ['replace /name'],
	}),
	...refusedAt('audienceKeys', removeAudiences, {
		'audience ID to remove not a UUID': { audienceKeys: 'abc' },
		'audience list that resolves to an object': { audienceKeys: '={{ { id: 1 } }}' },
		// Literal empty required fields never run (n8n's own check); from an expression they reach the node.
		'empty audience list to remove': { audienceKeys: '={{ [] }}' },
		'absent audience with the Fail policy': { audienceKeys: AUDIENCE, ifMissing: 'error' },
	}),
	...refusedAt('updateFields.name', updateInfo, {
		'name that resolves to an object': { updateFields: { name: '={{ { a: 1 } }}' } },
	}),
	...refusedAt('updateFields.scheduleInterval', updateInfo, {
		'schedule interval that resolves to text': {
			updateFields: { scheduleInterval: '={{ "often" }}' },
		},
	}),
	...refusedAt('updateFields.scheduleStartTime', updateInfo, {
		'schedule start time that is not a date': {
			updateFields: { scheduleStartTime: '={{ "someday" }}' },
		},
	}),
	...refusedAt('updateFields', updateInfo, { 'nothing to update': { updateFields: {} } }),
	...refusedAt('options.maxConflictRetries', updateInfo, {
		'negative conflict retries': {
			updateFields: { name: 'x' },
			options: { maxConflictRetries: '={{ -1 }}' },
		},
	}),
	...refusedAt('options.maxRetries', updateInfo, {
		'too many transient retries': {
			updateFields: { name: 'x' },
			options: { maxRetries: '={{ 99 }}' },
		},
	}),
	...refusedAt('mappingVersion', onFlow('updateMapping'), {
		'mapping version that resolves to text': { mappingId: 'abc', mappingVersion: '={{ "two" }}' },
	}),
	...refusedAt('mappingId', onFlow('updateMapping'), {
		'mapping ID with a slash': { mappingId: 'a/b', mappingVersion: 1 },
	}),
	...refusedAt('audiencesJson', onFlow('addAudiences'), {
		'audiences JSON that resolves to a number': {
			audienceInput: 'json',
			audiencesJson: '={{ 5 }}',
		},
	}),
	...refusedAt('audiencesJson[0]', onFlow('addAudiences'), {
		'audience entry that is a string': { audienceInput: 'json', audiencesJson: '["abc"]' },
	}),
	...refusedAt('filters.audienceId', asGiven, {
		'Get Many audience filter not a UUID': { operation: 'getMany', filters: { audienceId: 'x' } },
	}),
	...refusedAt('filters.property', asGiven, {
		'Get Many malformed property filter': {
			operation: 'getMany',
			filters: { property: 'state=enabled' },
		},
	}),
	...refusedAt('audiences.audience', onFlow('addAudiences'), {
		'empty audience list to add': { audiences: {} },
	}),
	...refusedAt('attributes.attribute', onFlow('addProfileAttributes'), {
		'empty attribute list to add': { attributes: {} },
	}),
	...refusedAt('attributePaths', onFlow('removeProfileAttributes'), {
		'empty attribute list to remove': { attributePaths: '={{ "" }}' },
	}),
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
