import fc from 'fast-check';

import type {
	FlowDocument,
	PrimaryField,
	ProfileSelector,
	SegmentSelector,
} from '@node/model/types';

/** Audience IDs come from a small pool so items and flows share them (and flows repeat them). */
export function audienceId(index: number): string {
	const hex = index.toString(16).padStart(8, '0');
	return `${hex}-aaaa-4bbb-8ccc-${hex}dddd`;
}

export const SMALL_POOL = 16;
export const LARGE_POOL = 300;

/** An ID from the pool, sometimes upper-cased: Adobe's IDs match case-insensitively. */
export const poolId = (pool: number) =>
	fc
		.tuple(fc.nat(pool - 1), fc.boolean())
		.map(([index, upper]) => (upper ? audienceId(index).toUpperCase() : audienceId(index)));

export const itemPoolId = fc.oneof(
	{ weight: 4, arbitrary: poolId(SMALL_POOL) },
	{ weight: 1, arbitrary: poolId(LARGE_POOL) },
);

/** Names repeat on purpose (removing by a shared name must fail), and carry pointer characters. */
export const audienceName = fc.constantFrom('Alpha', 'Beta', 'Gamma ~/1', 'Ünïcode 😀', 'a/b~c');

export const template = fc.constantFrom(
	'%DESTINATION_NAME%_%SEGMENT_ID%',
	'%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
	'x_%SEGMENT_ID%_%DESTINATION_NAME%_y',
);

export const hour = fc.nat(23).map((h) => `${String(h).padStart(2, '0')}:00`);
export const startDate = fc.constantFrom('2026-01-01', '2026-06-15', '2027-02-28');
export const endDate = fc.constantFrom('2028-01-01', '2029-12-31');

/** A valid batch schedule for one of Adobe's export modes, in the flat form entries use. */
export const batchSettings = fc
	.oneof(
		fc.record({
			exportMode: fc.constant('DAILY_FULL_EXPORT'),
			frequency: fc.constant('ONCE'),
			triggerType: fc.constantFrom('SCHEDULED', 'AFTER_SEGMENT_EVAL'),
			startDate,
			startTime: hour,
		}),
		fc.record(
			{
				exportMode: fc.constant('DAILY_FULL_EXPORT'),
				frequency: fc.constant('DAILY'),
				triggerType: fc.constantFrom('SCHEDULED', 'AFTER_SEGMENT_EVAL'),
				startDate,
				startTime: hour,
				endDate,
			},
			{ requiredKeys: ['exportMode', 'frequency', 'triggerType', 'startDate', 'startTime'] },
		),
		fc.record(
			{
				exportMode: fc.constant('FIRST_FULL_THEN_INCREMENTAL'),
				frequency: fc.constantFrom('DAILY', 'EVERY_3_HOURS', 'EVERY_6_HOURS', 'EVERY_12_HOURS'),
				triggerType: fc.constant('SCHEDULED'),
				startDate,
				startTime: hour,
				endDate,
			},
			{ requiredKeys: ['exportMode', 'frequency', 'startDate', 'startTime'] },
		),
	)
	.map((settings) => {
		const flat: Record<string, string> = { ...settings };
		if (flat.triggerType === 'AFTER_SEGMENT_EVAL') delete flat.startTime;
		return flat;
	});

export type BatchSettings = Record<string, string>;

/** A stored selector as Adobe returns it, with export settings or (streaming) without. */
const storedSelector = (id: fc.Arbitrary<string>) =>
	fc
		.record(
			{
				id,
				name: audienceName,
				settings: batchSettings,
				template,
				oldSpelling: fc.boolean(),
				createTime: fc.constant(1700000000),
			},
			{ requiredKeys: ['id', 'oldSpelling'] },
		)
		.map(({ id, name, settings, template: t, oldSpelling, createTime }): SegmentSelector => {
			const value: SegmentSelector['value'] = { id };
			if (name !== undefined) value.name = name;
			if (createTime !== undefined) value.createTime = createTime;
			if (settings) {
				const { exportMode, ...schedule } = settings;
				value.exportMode = exportMode;
				value.schedule = schedule;
				if (t !== undefined) value[oldSpelling ? 'fileNameTemplate' : 'filenameTemplate'] = t;
				else value.filenameTemplate = '%DESTINATION_NAME%_%SEGMENT_ID%';
			}
			return { type: 'PLATFORM_SEGMENT', value };
		});

/** 0-250 audiences: mostly few from a small pool (so repeats), sometimes many. */
const audienceList = fc.oneof(
	{ weight: 12, arbitrary: fc.array(storedSelector(poolId(SMALL_POOL)), { maxLength: 8 }) },
	{
		weight: 1,
		arbitrary: fc.array(storedSelector(poolId(LARGE_POOL)), { maxLength: 250, size: 'max' }),
	},
);

/** XDM paths, some with the JSON Pointer characters "~" and "/" that must be escaped. */
export const attributePath = fc.constantFrom(
	'person.name.firstName',
	'person.name.lastName',
	'personalEmail.address',
	'mobilePhone.number',
	'a/b',
	'x~y',
	'~1tricky/~0',
	'loyalty.tier',
	'homeAddress.city',
	'identityMap.email',
);
export const namespace = fc.constantFrom('Email', 'ECID', 'Phone');

const profileSelector = fc
	.record({ path: attributePath, ns: fc.option(namespace, { nil: undefined }) })
	.map(({ path, ns }): ProfileSelector => {
		const value: ProfileSelector['value'] = { path, operator: 'EXISTS' };
		if (ns) value.identity = { namespace: ns };
		return { type: 'JSON_PATH', value };
	});

/** Attributes with mandatory entries and valid deduplication keys (one namespace, or up to two attributes). */
const profileBlock = fc
	.record(
		{
			selectors: fc.oneof(
				{ weight: 10, arbitrary: fc.array(profileSelector, { maxLength: 8 }) },
				{ weight: 1, arbitrary: fc.array(profileSelector, { maxLength: 50, size: 'max' }) },
			),
			mandatory: fc.boolean(),
			primary: fc.constantFrom('none', 'identity', 'attributes'),
		},
		{ requiredKeys: ['primary'] },
	)
	.chain(({ selectors = [], mandatory, primary }) =>
		fc
			.record({
				mandatoryFields: fc.subarray(selectors.map((s) => s.value.path)),
				primaryFields: primaryFieldsFor(selectors, primary),
			})
			.map(({ mandatoryFields, primaryFields }) => {
				const block: Record<string, unknown> = {};
				if (selectors.length || mandatory !== undefined) block.selectors = selectors;
				if (mandatory) block.mandatoryFields = [...new Set(mandatoryFields)];
				if (primaryFields) block.primaryFields = primaryFields;
				return block;
			}),
	);

function primaryFieldsFor(
	selectors: ProfileSelector[],
	kind: string,
): fc.Arbitrary<PrimaryField[] | undefined> {
	const namespaces = [...new Set(selectors.flatMap((s) => s.value.identity?.namespace ?? []))];
	if (kind === 'identity' && namespaces.length)
		return fc
			.constantFrom(...namespaces)
			.map((ns) => [{ fieldType: 'IDENTITY', identityNamespace: ns }]);
	const paths = [...new Set(selectors.map((s) => s.value.path))];
	if (kind === 'attributes' && paths.length)
		return fc
			.uniqueArray(fc.constantFrom(...paths), { minLength: 1, maxLength: 2 })
			.map((list) => list.map((attributePath) => ({ fieldType: 'ATTRIBUTE', attributePath })));
	return fc.constant(undefined);
}

const mappingRef = fc.record({
	mappingId: fc.constantFrom('map-1', 'map_2'),
	mappingVersion: fc.nat(3),
});

/**
 * A destination dataflow in either shape: legacy (profileSelectors, maybe none yet) or Data Prep
 * (profileMapping); audience container present, empty, without a list, or absent.
 */
export const flowDocument: fc.Arbitrary<FlowDocument> = fc
	.record(
		{
			shape: fc.constantFrom('legacy', 'profileMapping'),
			audiences: audienceList,
			container: fc.constantFrom('list', 'list', 'list', 'noList', 'none'),
			profile: profileBlock,
			mapping: mappingRef,
			mappingTransformation: mappingRef,
			name: fc.constantFrom('Flow A', 'Flow ~/B'),
			description: fc.constantFrom('', 'about'),
			scheduleParams: fc.oneof(
				fc.constant(null),
				fc.record(
					{ interval: fc.constantFrom(15, '15', 30), timeUnit: fc.constant('minute') },
					{ requiredKeys: [] },
				),
			),
		},
		{ requiredKeys: ['shape', 'audiences', 'container'] },
	)
	.map((parts) => {
		const params: Record<string, unknown> = {};
		if (parts.container === 'list') params.segmentSelectors = { selectors: parts.audiences };
		else if (parts.container === 'noList') params.segmentSelectors = {};
		if (parts.shape === 'legacy') {
			if (parts.profile) params.profileSelectors = parts.profile;
		} else params.profileMapping = parts.mapping ?? { mappingId: 'map-0', mappingVersion: 0 };
		const transformations: FlowDocument['transformations'] = [{ name: 'GeneralTransform', params }];
		if (parts.mappingTransformation)
			transformations.push({ name: 'Mapping', params: parts.mappingTransformation });
		const flow: FlowDocument = {
			id: 'f0f0f0f0-1111-4222-8333-444444444444',
			etag: '"1"',
			transformations,
		};
		if (parts.name !== undefined) flow.name = parts.name;
		if (parts.description !== undefined) flow.description = parts.description;
		if (parts.scheduleParams !== undefined)
			flow.scheduleParams = parts.scheduleParams as FlowDocument['scheduleParams'];
		return flow;
	});
