import fc from 'fast-check';

import { PROFILE_STORE_SPEC_ID, type FlowConnection } from '@node/model/destination';
import { InputError } from '@node/model/inputError';
import type { FlowDocument } from '@node/model/types';
import {
	addPlanners,
	chooseFlowSpec,
	connectionNames,
	createdFlow,
	planCreate,
	type CreateDocuments,
	type DesiredDataflow,
} from '@node/planner/createDataflow';
import { applyPatch } from '@node/model/applyPatch';

const SPEC = { id: '4fce964d-3f37-408f-9778-e597338a21ee', name: 'Amazon S3', version: '1.0' };
const ACCOUNT = { id: '9d8159c6-9da6-4205-8507-d818d7ad7103', name: 'S3 marketing exports' };
const FLOW_SPEC = {
	id: '1a0514a6-33d4-4c7f-aff8-594799c47549',
	sourceConnectionSpecIds: [PROFILE_STORE_SPEC_ID],
	targetConnectionSpecIds: [SPEC.id],
};
const PARAMS = { bucketName: 'b', path: 'p', mode: 'Server-to-server' };
const selector = (id: string, name?: string) => ({
	type: 'PLATFORM_SEGMENT',
	value: { id, ...(name ? { name } : {}) },
});
const desired = (overrides: Partial<DesiredDataflow> = {}): DesiredDataflow => ({
	name: 'Winter campaign',
	params: PARAMS,
	audiences: [
		{
			selector: selector('2d79d0d8-724f-49fc-a09d-d1dec338c93c', 'Winter buyers'),
			field: 'audiences.audience[0]',
			givesName: true,
			givesFilenameTemplate: false,
		},
	],
	attributes: [],
	holder: 'profileSelectors',
	...overrides,
});
const documents = (overrides: Partial<CreateDocuments> = {}): CreateDocuments => ({
	account: ACCOUNT,
	spec: SPEC,
	flowSpec: FLOW_SPEC,
	leftovers: { source: [], target: [] },
	...overrides,
});
const leftover = (
	id: string,
	name: string,
	extra: Partial<FlowConnection> = {},
): FlowConnection => ({
	id,
	name,
	...extra,
});

describe('the create plan', () => {
	it('creates both connections and a dataflow on them, never with a state', () => {
		const plan = planCreate(desired(), 'fail', documents());
		if (plan.action !== 'create') throw new Error(plan.action);
		expect(plan.source).toEqual({
			create: {
				name: 'Winter campaign - source',
				connectionSpec: { id: PROFILE_STORE_SPEC_ID, version: '1.0' },
			},
		});
		expect(plan.target).toEqual({
			create: {
				name: 'Winter campaign - target',
				baseConnectionId: ACCOUNT.id,
				params: PARAMS,
				connectionSpec: { id: SPEC.id, version: '1.0' },
			},
		});
		const body = plan.flow('s', 't');
		expect(body).toEqual({
			name: 'Winter campaign',
			flowSpec: { id: FLOW_SPEC.id, version: '1.0' },
			sourceConnectionIds: ['s'],
			targetConnectionIds: ['t'],
			transformations: [
				{
					name: 'GeneralTransform',
					params: { segmentSelectors: { selectors: [] }, profileSelectors: { selectors: [] } },
				},
			],
		});
		expect(body).not.toHaveProperty('state');
		expect(plan.discard).toEqual([]);
	});

	it('a mapping set gets the skeleton with profileMapping, and the mapping is planned into it', () => {
		const mapping = { mappingId: 'm1', mappingVersion: 2 };
		const plan = planCreate(desired({ mapping, holder: 'profileMapping' }), 'fail', documents());
		if (plan.action !== 'create') throw new Error(plan.action);
		const flow = createdFlow(plan.flow('s', 't'), 'f', '"e"');
		const operations = plan.planners.flatMap((planner) => planner(flow).operations);
		expect(operations.at(-1)).toEqual({
			op: 'replace',
			path: '/transformations/0/params/profileMapping',
			value: mapping,
		});
	});

	it('reuses what an earlier attempt left when it fits, and deletes what does not', () => {
		const names = connectionNames('Winter campaign');
		const fitting = leftover('t-fits', names.target, {
			baseConnectionId: ACCOUNT.id.toUpperCase(),
			connectionSpec: { id: SPEC.id },
			params: { mode: 'Server-to-server', path: 'p', bucketName: 'b' },
		});
		const otherAccount = leftover('t-other', names.target, {
			baseConnectionId: 'another-account',
			connectionSpec: { id: SPEC.id },
			params: PARAMS,
		});
		const plan = planCreate(
			desired(),
			'fail',
			documents({
				leftovers: {
					source: [leftover('s-1', names.source), leftover('s-2', names.source)],
					target: [otherAccount, fitting],
				},
			}),
		);
		if (plan.action !== 'create') throw new Error(plan.action);
		expect(plan.source).toEqual({ reuse: leftover('s-1', names.source) });
		expect(plan.target).toEqual({ reuse: fitting });
		expect(plan.discard).toEqual([
			{ collection: 'sourceConnections', id: 's-2' },
			{ collection: 'targetConnections', id: 't-other' },
		]);
	});

	it('an existing dataflow fails the item (naming Name), is skipped, or is synced (Use It)', () => {
		const existing = { id: 'old', etag: '"e"', name: 'Winter campaign' } as FlowDocument;
		expect(() => planCreate(desired(), 'fail', documents({ existing }))).toThrow(
			expect.objectContaining({ field: 'dataflowName' }) as unknown as Error,
		);
		expect(planCreate(desired(), 'skip', documents({ existing }))).toEqual({
			action: 'skip',
			existing,
		});
		expect(planCreate(desired(), 'useIt', documents({ existing })).action).toBe('useIt');
	});

	it('Use It makes an existing dataflow export exactly the item’s audiences and attributes', () => {
		const current = {
			id: 'old',
			etag: '"e"',
			transformations: [
				{
					name: 'GeneralTransform',
					params: {
						segmentSelectors: { selectors: [selector('9f7d37fd-7039-4454-94ef-2b0cd6c3206a')] },
						profileSelectors: {
							selectors: [{ type: 'JSON_PATH', value: { path: 'old.path', operator: 'EXISTS' } }],
						},
					},
				},
			],
		} as FlowDocument;
		const plan = planCreate(
			desired({
				attributes: [{ path: 'new.path', mandatory: false, deduplicationKey: false }],
			}),
			'useIt',
			documents({ existing: current }),
		);
		if (plan.action !== 'useIt') throw new Error(plan.action);
		let flow = current;
		for (const planner of plan.planners) flow = applyPatch(flow, planner(flow).operations);
		const params = flow.transformations![0].params as {
			segmentSelectors: { selectors: Array<{ value: { id: string } }> };
			profileSelectors: { selectors: Array<{ value: { path: string } }> };
		};
		expect(params.segmentSelectors.selectors.map((s) => s.value.id)).toEqual([
			'2d79d0d8-724f-49fc-a09d-d1dec338c93c',
		]);
		expect(params.profileSelectors.selectors.map((s) => s.value.path)).toEqual(['new.path']);
	});

	it('generated: every audience and attribute list is planned onto the new dataflow exactly once, in order', () => {
		const ids = fc.uniqueArray(fc.uuid(), { maxLength: 20 });
		const paths = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}(\.[a-z]{1,8}){0,2}$/), {
			maxLength: 10,
		});
		fc.assert(
			fc.property(ids, paths, (audienceIds, attributePaths) => {
				const wanted = desired({
					audiences: audienceIds.map((id, index) => ({
						selector: selector(id),
						field: `audiences.audience[${index}]`,
						givesName: false,
						givesFilenameTemplate: false,
					})),
					attributes: attributePaths.map((path) => ({
						path,
						mandatory: false,
						deduplicationKey: false,
					})),
				});
				let flow = createdFlow(
					{
						transformations: [
							{
								name: 'GeneralTransform',
								params: {
									segmentSelectors: { selectors: [] },
									profileSelectors: { selectors: [] },
								},
							},
						],
					},
					'f',
					'"e"',
				);
				for (const planner of addPlanners(wanted))
					flow = applyPatch(flow, planner(flow).operations);
				const params = flow.transformations![0].params as {
					segmentSelectors: { selectors: Array<{ value: { id: string } }> };
					profileSelectors: { selectors: Array<{ value: { path: string } }> };
				};
				expect(params.segmentSelectors.selectors.map((s) => s.value.id)).toEqual(audienceIds);
				expect(params.profileSelectors.selectors.map((s) => s.value.path)).toEqual(attributePaths);
			}),
			{ numRuns: 200 },
		);
	});
});

describe('the flow spec, looked up rather than hard-coded', () => {
	const dataset = {
		id: '269ba276-16fc-47db-92b0-c1049a3c131f',
		sourceConnectionSpecIds: ['23598e46-f560-407b-88d5-ea6207e49db0'],
		targetConnectionSpecIds: [SPEC.id],
	};

	it('is the one joining the Profile store to the destination, not its dataset export', () => {
		expect(chooseFlowSpec([dataset, FLOW_SPEC], SPEC)).toBe(FLOW_SPEC);
	});

	it('none, or several, fail the item naming the Destination Account', () => {
		const none = () => chooseFlowSpec([dataset], SPEC);
		expect(none).toThrow(InputError);
		expect(none).toThrow(/No flow spec activates audiences to Amazon S3/);
		const two = () => chooseFlowSpec([FLOW_SPEC, { ...FLOW_SPEC, id: 'other' }], SPEC);
		expect(two).toThrow(/Several flow specs activate audiences to Amazon S3/);
	});
});
