import fc from 'fast-check';

import {
	ACCOUNT_IDS,
	DATASET_FLOW_IDS,
	DATASET_IDS,
	PROFILE_MAPPING_FLOW_ID,
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_FLOW_ID,
} from '../../emulator/fixtures/ids';
import { recordTally, runAsyncProperty } from '../generated/tally';
import { NEW_AUDIENCE_ENTRY, tokenCredential, useEmulator } from '../workflow-on-emulator/setup';
import { byId, outputJson, runNode } from '../workflow-mocked/setup';
import { DATASET_CREATE } from '../workflow-on-emulator/datasetCreateFields';

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
	/** Checked against what Adobe declares (a destination's spec): reads first, still no write. */
	readsFirst?: boolean;
	/** A credential: the error never quotes it. */
	secret?: boolean;
}

const slot = (
	name: string,
	parameters: Record<string, unknown>,
	field: string,
	bad: fc.Arbitrary<unknown>,
	readsFirst = false,
): Slot => ({ name, parameters, field, bad, readsFirst });

/** `operation` with every parameter valid but `key`, which holds VALUE. */
const parameterSlot =
	(operation: string, others: Record<string, unknown> = {}) =>
	(key: string, bad: fc.Arbitrary<unknown>): Slot =>
		slot(`${operation}: ${key}`, { operation, flowId: flow, ...others, [key]: VALUE }, key, bad);

/** `key` of the first entry of the list `list` ('audiences.audience'), the entry otherwise `valid`. */
const entrySlot =
	(operation: string, list: string, valid: Record<string, unknown>) =>
	(key: string, bad: fc.Arbitrary<unknown>, extra: Record<string, unknown> = {}): Slot => {
		const [collection, entry] = list.split('.');
		const entries = { [entry]: [{ ...valid, ...extra, [key]: VALUE }] };
		return slot(
			`${operation}: ${key}`,
			{ operation, flowId: flow, [collection]: entries },
			`${list}[0].${key}`,
			bad,
		);
	};

const addAudiences = entrySlot('addAudiences', 'audiences.audience', batch);
const syncAudiences = entrySlot('syncAudiences', 'audiences.audience', batch);
const settings = entrySlot('updateAudienceExportSettings', 'audienceSettings.audience', {
	id: AUDIENCE,
});
const attribute = entrySlot('addProfileAttributes', 'attributes.attribute', {
	path: 'person.name.firstName',
});
/** `key` of Update Info's Update Fields. */
const updateInfo = (key: string, bad: fc.Arbitrary<unknown>): Slot =>
	slot(
		`updateInfo: ${key}`,
		{ operation: 'updateInfo', flowId: flow, updateFields: { [key]: VALUE } },
		`updateFields.${key}`,
		bad,
	);

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
	'updateExportLocation',
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
		exportSettings: { folderPath: 'x' },
	},
	field: 'flowId',
	bad: badUuid,
}));

/** Dataflow › Create from fields with every parameter valid, on the prod S3 account. */
const CREATE = {
	operation: 'create',
	dataflowName: 'Generated campaign',
	accountId: byId(ACCOUNT_IDS.prod.marketingS3),
	exportSettings: {
		bucketName: 'generated',
		folderPath: 'x',
		fileType: 'CSV',
		compression: 'NONE',
	},
	audiences: { audience: [batch] },
	attributes: { attribute: [{ path: 'person.name.firstName' }] },
};
/** `key` of Create (a dotted key lands inside its collection), the rest valid. */
const createSlot = (
	key: string,
	bad: fc.Arbitrary<unknown>,
	others: Record<string, unknown> = {},
	{ readsFirst = false, field = key } = {},
): Slot => {
	const [collection, inner] = key.split('.');
	const value = inner
		? {
				[collection]: {
					...(CREATE as unknown as Record<string, object>)[collection],
					[inner]: VALUE,
				},
			}
		: { [key]: key === 'accountId' || key === 'templateFlowId' ? byId(VALUE) : VALUE };
	return slot(`create: ${key}`, { ...CREATE, ...others, ...value }, field, bad, readsFirst);
};
const notOneOf = (...allowed: string[]) =>
	fc.oneof(
		notText,
		missing,
		junkText.filter((s) => !allowed.includes(s.trim().toUpperCase())),
	);
const createEntry =
	(list: string, valid: Record<string, unknown>) =>
	(key: string, bad: fc.Arbitrary<unknown>): Slot => {
		const entry = entrySlot('create', list, valid)(key, bad);
		return { ...entry, parameters: { ...CREATE, ...entry.parameters } };
	};

const createSlots: Slot[] = [
	createSlot('dataflowName', required()),
	createSlot('dataflowDescription', notText),
	createSlot('accountId', badUuid),
	createSlot('templateFlowId', badUuid, { createFrom: 'template' }),
	createSlot('createFrom', fc.oneof(notText, missing, junkText), { templateFlowId: flow }),
	createSlot('ifExists', fc.oneof(notText, missing, junkText)),
	createSlot(
		'enable',
		fc.oneof(
			fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { minKeys: 1, maxKeys: 2 }),
			junkText.filter((s) => s !== 'true' && s !== 'false'),
			anyNumber,
		),
	),
	createSlot(
		'exportSettings.fileType',
		notOneOf('CSV', 'JSON', 'PARQUET').filter(
			(v) => v !== null && (typeof v !== 'string' || v.trim() !== ''),
		),
	),
	createSlot(
		'exportSettings.compression',
		notOneOf('NONE', 'GZIP').filter(
			(v) => v !== null && (typeof v !== 'string' || v.trim() !== ''),
		),
	),
	createSlot('exportSettings.folderPath', notText),
	createSlot(
		'exportSettings.otherSettings',
		fc.oneof(
			fc.boolean(),
			anyNumber,
			junkText.map((s) => `{${s}`),
			fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
		),
	),
	createSlot(
		'exportSettings.otherSettings',
		fc
			.dictionary(
				fc
					.string({ minLength: 1, maxLength: 8 })
					.filter(
						(k) =>
							!/^(mode|includeFileManifest|bucketName|path|fileType|datasetFileType|csvOptions|compression)$/.test(
								k,
							),
					),
				fc.integer(),
				{ minKeys: 1, maxKeys: 2 },
			)
			.map((settings) => JSON.stringify(settings)),
		{},
		// Checked against the destination's connection spec, read first; the error names the collection.
		{ readsFirst: true, field: 'exportSettings' },
	),
	createEntry('audiences.audience', batch)('id', badUuid),
	createEntry('audiences.audience', batch)('startDate', fc.oneof(badDate, missing)),
	createEntry('attributes.attribute', { path: 'person.name.firstName' })(
		'path',
		required(fc.string({ maxLength: 8 }).map((s) => `a ${s}b`)),
	),
	createSlot(
		'mappingId',
		required(junkText.filter((s) => !/^[A-Za-z0-9_-]{1,64}$/.test(s.trim()))),
		{ attributesFrom: 'mappingSet', mappingVersion: 1 },
	),
	slot(
		'create: options.flowConcurrency',
		{ ...CREATE, options: { flowConcurrency: VALUE } },
		'options.flowConcurrency',
		fc.oneof(notText, junkText, fc.integer({ max: 0 }), fc.integer({ min: 21 })),
	),
	// The item itself is the dataflow to copy: anything that is no dataflow as Get returns it.
	slot(
		'create: the input dataflow',
		{ operation: 'create', createFrom: 'input' },
		'The input item',
		fc.anything(),
	),
];

/** The Audience resource's operations: its Audience picker, given by ID. */
const audienceSlot = (operation: string, others: Record<string, unknown> = {}) =>
	slot(
		`${operation}: audienceId`,
		{ resource: 'audience', operation, audienceId: byId(VALUE), ...others },
		'audienceId',
		badUuid,
	);

/** `key` of Remove From All Dataflows' collection `collection`, the rest valid. */
const removeFromAllSlot = (collection: string, key: string, bad: fc.Arbitrary<unknown>): Slot =>
	slot(
		`removeFromAll: ${collection}.${key}`,
		{
			resource: 'audience',
			operation: 'removeFromAll',
			audienceId: byId(AUDIENCE),
			[collection]: { [key]: VALUE },
		},
		`${collection}.${key}`,
		bad,
	);

const audienceSlots: Slot[] = [
	audienceSlot('findDataflows'),
	audienceSlot('removeFromAll'),
	audienceSlot('replaceOnAll', {
		replacementAudienceId: byId(TUTORIAL_AUDIENCE_IDS[1]),
	}),
	// The replacement: no audience ID, or the audience it is to replace.
	slot(
		'replaceOnAll: replacementAudienceId',
		{
			resource: 'audience',
			operation: 'replaceOnAll',
			audienceId: byId(AUDIENCE),
			replacementAudienceId: byId(VALUE),
		},
		'replacementAudienceId',
		fc.oneof(badUuid, fc.constantFrom(AUDIENCE, AUDIENCE.toUpperCase(), ` ${AUDIENCE} `)),
	),
	removeFromAllSlot(
		'dataflowFilter',
		'names',
		fc.oneof(
			fc.boolean(),
			fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { minKeys: 1, maxKeys: 2 }),
			fc.array(fc.constantFrom(null, true, {}), { minLength: 1, maxLength: 3 }),
		),
	),
	removeFromAllSlot(
		'dataflowFilter',
		'enabledOnly',
		fc.oneof(
			fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { minKeys: 1, maxKeys: 2 }),
			junkText.filter((s) => s !== 'true' && s !== 'false'),
			anyNumber,
		),
	),
	removeFromAllSlot(
		'options',
		'dryRun',
		fc.oneof(
			fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { minKeys: 1, maxKeys: 2 }),
			junkText.filter((s) => s !== 'true' && s !== 'false'),
			anyNumber,
		),
	),
	removeFromAllSlot(
		'options',
		'flowConcurrency',
		fc.oneof(notText, junkText, fc.integer({ max: 0 }), fc.integer({ min: 21 })),
	),
	removeFromAllSlot(
		'options',
		'maxConflictRetries',
		fc.oneof(notText, junkText, fc.integer({ max: -1 }), fc.integer({ min: 1000 })),
	),
];

/** `key` of Update Export Location's Export Settings, on the S3 dataflow (a dotted key: the collection). */
const LOCATION_FLOW = byId(PROFILE_MAPPING_FLOW_ID);
const exportLocation = (
	key: string,
	bad: fc.Arbitrary<unknown>,
	{ readsFirst = false, field = `exportSettings.${key}` } = {},
): Slot =>
	slot(
		`updateExportLocation: ${key}${readsFirst ? ' (against the destination’s spec)' : ''}`,
		{ operation: 'updateExportLocation', flowId: LOCATION_FLOW, exportSettings: { [key]: VALUE } },
		field,
		bad,
		readsFirst,
	);
const nonBlank = (v: unknown) => v !== null && (typeof v !== 'string' || v.trim() !== '');

const exportLocationSlots: Slot[] = [
	exportLocation('fileType', notOneOf('CSV', 'JSON', 'PARQUET').filter(nonBlank)),
	exportLocation('compression', notOneOf('NONE', 'GZIP').filter(nonBlank)),
	exportLocation('folderPath', notText),
	exportLocation('bucketName', notText),
	exportLocation('container', notText),
	exportLocation('csvDelimiter', fc.oneof(fc.boolean(), anyNumber, fc.constant({ a: 1 }))),
	// Checked against the S3 target spec's patterns, read first; the error names the collection.
	exportLocation(
		'bucketName',
		fc.oneof(
			fc.string({ minLength: 1, maxLength: 8 }).map((s) => `Bad_${s}`),
			fc.constantFrom('ab', 'UPPER', 'with space', '192.168.0.1'),
		),
		{ readsFirst: true, field: 'exportSettings' },
	),
	exportLocation(
		'folderPath',
		fc.string({ minLength: 1, maxLength: 8 }).map((s) => `with space ${s}`),
		{ readsFirst: true, field: 'exportSettings' },
	),
	slot(
		'updateExportLocation: options.maxConflictRetries',
		{
			operation: 'updateExportLocation',
			flowId: LOCATION_FLOW,
			exportSettings: { folderPath: 'x' },
			options: { maxConflictRetries: VALUE },
		},
		'options.maxConflictRetries',
		fc.oneof(notText, junkText, fc.integer({ max: -1 }), fc.integer({ min: 1000 })),
	),
];

/** `key` of Update Credentials' Credentials on the prod S3 account; the error never quotes the value. */
const credential = (
	key: string,
	bad: fc.Arbitrary<unknown>,
	{ readsFirst = false, others = {} as Record<string, string> } = {},
): Slot => ({
	...slot(
		`updateCredentials: ${key}${readsFirst ? ' (against the auth spec)' : ''}`,
		{
			resource: 'destinationAccount',
			operation: 'updateCredentials',
			accountId: byId(ACCOUNT_IDS.prod.marketingS3),
			authParams: { ...others, [key]: VALUE },
		},
		`authParams.${key}`,
		bad,
		readsFirst,
	),
	secret: true,
});
const blank = fc.constantFrom('   ', '\n', ' \t ');
const S3_SECRET_FORM = /^[A-Za-z0-9/+]{40}$/;

const credentialSlots: Slot[] = [
	slot(
		'updateCredentials: accountId',
		{
			resource: 'destinationAccount',
			operation: 'updateCredentials',
			accountId: byId(VALUE),
			authParams: { password: 'p' },
		},
		'accountId',
		badUuid,
	),
	credential('s3AccessKey', fc.oneof(notText, blank)),
	credential('s3SecretKey', fc.oneof(notText, blank)),
	credential('password', fc.oneof(notText, blank)),
	credential('sshKey', fc.oneof(notText, blank)),
	credential('connectionString', fc.oneof(notText, blank)),
	credential(
		's3SecretKey',
		fc
			.string({ minLength: 4, maxLength: 60 })
			.filter((s) => s.trim() !== '' && !S3_SECRET_FORM.test(s.trim())),
		{ readsFirst: true, others: { s3AccessKey: 'AKIANEWKEYEXAMPLE234' } },
	),
];

/** Dataset Export's parameters; an empty optional filter means "not given", so it is not tried. */
const notDate = fc.oneof(
	notText,
	anyNumber,
	junkText.filter((s) => !/^\d{4}-\d{2}-\d{2}/.test(s.trim())),
	fc.constantFrom('2026-02-30x', '26-01-01', '2026/01/01', 'tomorrow', null, '   '),
);
const datasetExport =
	(operation: string, parameters: Record<string, unknown>, field: string) =>
	(bad: fc.Arbitrary<unknown>): Slot =>
		slot(
			`datasetExport.${operation}: ${field}`,
			{ resource: 'datasetExport', operation, ...parameters },
			field,
			bad,
		);
/** Update Schedule with `key` of its Schedule Fields holding the bad value. */
const SCHEDULE_OF = (key: string) => ({
	flowId: byId(DATASET_FLOW_IDS.everySixHours),
	scheduleFields: { [key]: VALUE },
});
/** Folder name templates with an unknown macro or a stray %. */
const FOLDER_TEMPLATES = fc.oneof(
	notText,
	fc.string({ maxLength: 8 }).map((s) => `%${s.replace(/%/g, '')}`),
	fc.constantFrom('%DATASET%', '%dataset_id%/x', '100%', '%DATETIME()%', '%%'),
);
const EXTEND_ONE = { flowId: byId(DATASET_FLOW_IDS.endingSoon), extendBy: 'months', months: 6 };
const datasetExportSlots: Slot[] = [
	datasetExport('getMany', { filters: { endsBefore: VALUE } }, 'filters.endsBefore')(notDate),
	datasetExport(
		'getMany',
		{ filters: { datasetId: VALUE } },
		'filters.datasetId',
	)(
		fc.oneof(
			notText,
			anyNumber,
			fc.constantFrom(null, '   '),
			junkText.filter((s) => !/^[0-9a-f]{24}$/i.test(s.trim())),
		),
	),
	datasetExport(
		'getMany',
		{ filters: { destination: VALUE } },
		'filters.destination',
	)(badUuid.filter((v) => v !== '')),
	datasetExport('get', { flowId: byId(VALUE) }, 'flowId')(badUuid),
	datasetExport('extendEndDate', { ...EXTEND_ONE, flowId: byId(VALUE) }, 'flowId')(badUuid),
	datasetExport(
		'extendEndDate',
		{ extendScope: 'endingBefore', endingBefore: VALUE, extendBy: 'months', months: 6 },
		'endingBefore',
	)(fc.oneof(notDate, missing)),
	datasetExport(
		'extendEndDate',
		{ ...EXTEND_ONE, months: VALUE },
		'months',
	)(
		fc.oneof(
			notText,
			missing,
			junkText.filter((s) => !/^\s*\d+\s*$/.test(s)),
			fc.integer({ max: 0 }),
			fc.integer({ min: 121 }),
			fc.double({ min: 0.1, max: 1e6, noInteger: true }),
		),
	),
	datasetExport(
		'extendEndDate',
		{ ...EXTEND_ONE, extendBy: 'date', newEndDate: VALUE },
		'newEndDate',
	)(fc.oneof(notDate, missing)),
	datasetExport(
		'extendEndDate',
		{ ...EXTEND_ONE, extendBy: VALUE },
		'extendBy',
	)(
		fc.oneof(
			notText,
			missing,
			junkText.filter((s) => !['months', 'date'].includes(s)),
		),
	),
	...(['exportMode', 'timeUnit'] as const).map((key) =>
		datasetExport(
			'updateSchedule',
			SCHEDULE_OF(key),
			`scheduleFields.${key}`,
		)(
			fc.oneof(
				notText,
				anyNumber,
				fc.constantFrom(null, '   '),
				junkText.filter(
					(s) => !['FIRST_FULL_THEN_INCREMENTAL', 'DAILY_FULL_EXPORT', 'hour', 'day'].includes(s),
				),
			),
		),
	),
	datasetExport(
		'updateSchedule',
		SCHEDULE_OF('interval'),
		'scheduleFields.interval',
	)(
		fc.oneof(
			notText,
			fc.constantFrom(null, '   '),
			junkText.filter((s) => !/^\s*\d+\s*$/.test(s)),
			fc.integer({ max: -1 }),
			fc.integer({ min: 25 }),
			fc.double({ min: 0.1, max: 1e6, noInteger: true }),
		),
	),
	datasetExport(
		'updateSchedule',
		SCHEDULE_OF('folderNameTemplate'),
		'scheduleFields.folderNameTemplate',
	)(FOLDER_TEMPLATES),
	...(['startTime', 'endTime'] as const).map((key) =>
		datasetExport(
			'updateSchedule',
			SCHEDULE_OF(key),
			`scheduleFields.${key}`,
		)(
			fc.oneof(
				notDate.filter((v) => typeof v !== 'number'),
				fc.integer({ max: -1 }),
				fc.nat().map((n) => 100_000_000_000 + n),
				fc.double({ min: 0.1, max: 1e6, noInteger: true }),
			),
		),
	),
];

/** Dataset Export › Add Datasets and Remove Datasets: the dataflow and the Dataset IDs. */
const datasetIdPattern = /^[0-9a-f]{24}$/i;
const allDatasetIds = (s: string) =>
	s
		.split(/[,\n]/)
		.map((entry) => entry.trim())
		.filter(Boolean)
		.every((entry) => datasetIdPattern.test(entry));
const datasetSlots: Slot[] = ['addDatasets', 'removeDatasets'].flatMap((operation) => {
	const valid = {
		resource: 'datasetExport',
		operation,
		flowId: byId(DATASET_FLOW_IDS.everySixHours),
		datasetIds: DATASET_IDS.prod.crmCustomers,
	};
	return [
		slot(`${operation}: flowId`, { ...valid, flowId: byId(VALUE) }, 'flowId', badUuid),
		slot(
			`${operation}: datasetIds`,
			{ ...valid, datasetIds: VALUE },
			'datasetIds',
			fc.oneof(
				notText,
				missing,
				anyNumber,
				junkText.filter((s) => !allDatasetIds(s)),
				fc
					.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 3 })
					.filter((list) => !list.every((entry) => datasetIdPattern.test(entry.trim()))),
			),
		),
		slot(
			`${operation}: datasets`,
			{ ...valid, datasets: VALUE },
			'datasets',
			fc.oneof(
				notText,
				anyNumber,
				junkText.filter((s) => s.trim() !== '' && !allDatasetIds(s)),
				fc
					.array(fc.string({ minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 3 })
					// Blank entries are dropped, so one entry at least must be a wrong ID.
					.filter((list) =>
						list.some((entry) => entry.trim() !== '' && !datasetIdPattern.test(entry.trim())),
					),
			),
		),
	];
});

/** Dataset Export › Create: every parameter of its own, the others valid. */
const choiceOf = (...allowed: string[]) =>
	fc.oneof(
		notText,
		anyNumber,
		junkText.filter((s) => !allowed.includes(s.trim().toUpperCase())),
	);
const datasetCreate = (key: string, bad: fc.Arbitrary<unknown>, field = key): Slot =>
	slot(`datasetExport.create: ${field}`, { ...DATASET_CREATE, [key]: VALUE }, field, bad);
const datasetCreateSlots: Slot[] = [
	datasetCreate('dataflowName', required()),
	slot(
		'datasetExport.create: accountId',
		{ ...DATASET_CREATE, accountId: byId(VALUE) },
		'accountId',
		badUuid,
	),
	datasetCreate(
		'datasetIds',
		fc.oneof(
			notText,
			anyNumber,
			junkText.filter((s) => s.trim() !== '' && !allDatasetIds(s)),
		),
	),
	datasetCreate('datasetFileType', choiceOf('JSON', 'PARQUET')),
	datasetCreate('compression', choiceOf('GZIP', 'NONE')),
	datasetCreate(
		'exportMode',
		fc.oneof(
			notText,
			anyNumber,
			junkText.filter((s) => !['FIRST_FULL_THEN_INCREMENTAL', 'DAILY_FULL_EXPORT'].includes(s)),
		),
	),
	datasetCreate(
		'exportFrequency',
		fc.oneof(
			notText,
			anyNumber,
			junkText.filter((s) => !/^(DAILY|EVERY_(3|6|8|9|12)_HOURS)$/.test(s)),
		),
	),
	...['scheduleStart', 'scheduleEnd'].map((key) =>
		datasetCreate(
			key,
			fc.oneof(
				// Empty is allowed (now; Adobe's default end).
				notDate.filter(
					(v) => typeof v !== 'number' && v !== null && (typeof v !== 'string' || v.trim() !== ''),
				),
				fc.integer({ max: -1 }),
				fc.nat().map((n) => 100_000_000_000 + n),
			),
		),
	),
	datasetCreate('folderNameTemplate', FOLDER_TEMPLATES),
	datasetCreate(
		'enable',
		fc.oneof(
			anyNumber,
			junkText.filter((s) => !['true', 'false'].includes(s)),
			fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { minKeys: 1, maxKeys: 2 }),
		),
	),
	datasetCreate(
		'ifExists',
		fc.oneof(
			notText,
			anyNumber,
			junkText.filter((s) => !['fail', 'skip', 'useIt'].includes(s)),
		),
	),
];

const slots: Slot[] = [
	...flowIdSlots,
	...audienceSlots,
	addAudiences('id', badUuid),
	addAudiences('name', notText),
	addAudiences('exportMode', required(junkText)),
	addAudiences('frequency', required(junkText)),
	addAudiences('triggerType', fc.oneof(notText, junkText)),
	addAudiences('startDate', fc.oneof(badDate, missing)),
	addAudiences('endDate', fc.oneof(badDate, fc.constant('2026-11-30'))),
	addAudiences('startTime', fc.oneof(badHour, missing)),
	addAudiences(
		'filenameTemplate',
		fc.oneof(
			notText,
			fc.nat(3).map((n) => '%DESTINATION_NAME%%SEGMENT_ID%'.padEnd(256 + n, '~/')),
		),
	),
	syncAudiences('id', badUuid),
	syncAudiences('startDate', fc.oneof(badDate, missing)),
	parameterSlot('removeAudiences')(
		'audienceKeys',
		fc.oneof(
			junkText.filter((s) => !uuidPattern.test(s.trim())),
			fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { minKeys: 1, maxKeys: 2 }),
			fc.boolean(),
		),
	),
	settings('id', badUuid, { startTime: '10:00' }),
	settings('startDate', badDate),
	settings('startTime', badHour),
	attribute(
		'path',
		required(
			fc.string({ maxLength: 8 }).map((s) => `a ${s}b`),
			fc.nat(3).map((n) => 'a.b'.repeat(200 + n)),
		),
	),
	attribute(
		'identityNamespace',
		fc.oneof(
			notText,
			junkText.filter((s) => !/^[A-Za-z0-9_.-]+$/.test(s.trim())),
		),
	),
	parameterSlot('removeProfileAttributes')(
		'attributePaths',
		fc.oneof(
			fc.boolean(),
			fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { minKeys: 1, maxKeys: 2 }),
			missing,
		),
	),
	updateInfo('name', required()),
	updateInfo('description', fc.oneof(notText, anyNumber, fc.constant(null))),
	updateInfo(
		'scheduleInterval',
		fc.oneof(
			notText,
			junkText.filter((s) => !/^\s*\d+\s*$/.test(s)),
			fc.integer({ max: -1 }),
			fc.double({ min: 0.1, max: 1e6, noInteger: true }),
		),
	),
	updateInfo(
		'scheduleStartTime',
		fc.oneof(
			notText,
			junkText.filter((s) => !/^\d+$/.test(s) && Number.isNaN(Date.parse(s))),
		),
	),
	parameterSlot('updateMapping', { mappingVersion: 1 })(
		'mappingId',
		required(junkText.filter((s) => !/^[A-Za-z0-9_-]{1,64}$/.test(s.trim()))),
	),
	parameterSlot('updateMapping', { mappingId: 'm' })(
		'mappingVersion',
		fc.oneof(
			notText,
			missing,
			junkText.filter((s) => !/^\s*\d+\s*$/.test(s)),
			fc.integer({ max: -1 }),
			fc.double({ min: 0.1, max: 1e6, noInteger: true }),
		),
	),
	parameterSlot('applyJsonPatch')(
		'operations',
		fc.oneof(
			junkText.map((s) => `{${s}`),
			fc.constant('[]'),
			fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { minKeys: 1, maxKeys: 2 }),
			fc.array(fc.array(fc.integer(), { maxLength: 2 }), { minLength: 1, maxLength: 3 }),
		),
	),
	...createSlots,
	...exportLocationSlots,
	...credentialSlots,
	...datasetExportSlots,
	...datasetSlots,
	...datasetCreateSlots,
	parameterSlot('exportNow', { exportScope: 'listed' })('exportAudienceIds', badUuid),
	parameterSlot('exportNow', { exportAudienceIds: AUDIENCE })(
		'exportScope',
		fc.oneof(
			notText,
			missing,
			junkText.filter((s) => !['listed', 'all'].includes(s)),
		),
	),
	parameterSlot('deleteDataflow')(
		'ifFlowMissing',
		fc.oneof(
			notText,
			missing,
			junkText.filter((s) => !['fail', 'alreadyDeleted'].includes(s)),
		),
	),
	slot(
		'updateInfo: options.maxConflictRetries',
		{
			operation: 'updateInfo',
			flowId: flow,
			updateFields: { name: 'x' },
			options: { maxConflictRetries: VALUE },
		},
		'options.maxConflictRetries',
		fc.oneof(notText, junkText, fc.integer({ max: -1 }), fc.integer({ min: 1000 })),
	),
];

/** Values per workflow run, and runs per parameter: at least 2,000 bad values in all. */
const VALUES_PER_RUN = 40;
const RUNS_PER_SLOT = 2;

const tally = { tried: 0, rejected: 0 };
/** What changes something: any request but a read (and Check Audiences Exist's bulk read). */
const isWrite = (request: { method: string; path: string }) =>
	request.method !== 'GET' && !request.path.includes('/bulk-get');
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
					const value = list[index];
					if (slot.secret && typeof value === 'string' && value.trim().length >= 4) {
						expect({ index, quotesTheSecret: words.includes(value.trim()) }).toEqual({
							index,
							quotesTheSecret: false,
						});
					}
				});
				const sent = emulator.current.requests();
				expect(slot.readsFirst ? sent.filter(isWrite) : sent).toEqual([]);
			}),
			RUNS_PER_SLOT,
		).finally(() => (tally.tried += VALUES_PER_RUN * RUNS_PER_SLOT));
		tally.rejected += VALUES_PER_RUN * RUNS_PER_SLOT;
	});
});
