import {
	ACCOUNT_IDS,
	CONNECTION_SPECS,
	DESTINATION_FLOW_SPECS,
	FLOW_SPECS,
	SANDBOX_DEV,
	TUTORIAL_NEW_AUDIENCE_ID,
} from '../../emulator';
import {
	PROFILE_SOURCE_BODY,
	createS3Flow,
	created,
	dataLakeSourceBody,
	flowBody,
	post,
	s3TargetBody,
} from './destinations';
import { problems, schema } from './openapi';
import { ETAG_FORMAT, expectFlowError, getFlow, patch, useApi } from './support';

const AUDIENCE = {
	type: 'PLATFORM_SEGMENT',
	value: {
		id: TUTORIAL_NEW_AUDIENCE_ID,
		name: 'Winter 2021/2022 campaign',
		filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
		exportMode: 'DAILY_FULL_EXPORT',
		schedule: { frequency: 'DAILY', startDate: '2023-01-01', startTime: '00:00' },
	},
};
const ADD_AUDIENCE = [
	{ op: 'add', path: '/transformations/0/params/segmentSelectors/selectors/-', value: AUDIENCE },
];
const BLOB_SKELETON = [
	{
		name: 'GeneralTransform',
		params: {
			mandatoryFields: [],
			primaryFields: [],
			profileMapping: {},
			segmentSelectors: { selectors: [] },
		},
	},
];

describe('POST /flows: creating a destination dataflow', () => {
	const api = useApi();
	beforeEach(async () => {
		api.emu.reset();
		await api.refreshToken();
	});

	it('creates an S3 audience dataflow from the tutorial’s chain: 201 {id, etag}', async () => {
		const sourceId = await created(post(api, '/sourceConnections', PROFILE_SOURCE_BODY));
		const targetId = await created(post(api, '/targetConnections', s3TargetBody()));
		const r = await post(api, '/flows', flowBody(sourceId, targetId));
		expect(r.status).toBe(201);
		expect(Object.keys(r.data).sort()).toEqual(['etag', 'id']);
		expect(problems(schema('Patch_Flow_Response'), r.data)).toEqual([]);
		expect(r.data.etag).toMatch(ETAG_FORMAT);

		const flow = await getFlow(api, r.data.id);
		expect(problems(schema('BatchFlowItem'), flow)).toEqual([]);
		expect(flow).toMatchObject({
			id: r.data.id,
			etag: r.data.etag,
			version: r.data.etag,
			state: 'enabled',
			name: 'Activate audiences to an Amazon S3 cloud storage destination',
			flowSpec: { id: DESTINATION_FLOW_SPECS.amazonS3.audience, version: '1.0' },
			sandboxName: 'prod',
			createdClient: 'emulator-client-id',
			sourceConnectionIds: [sourceId],
			targetConnectionIds: [targetId],
			inheritedAttributes: {
				properties: { isDestinationFlow: true },
				sourceConnections: [
					{
						id: sourceId,
						connectionSpec: { id: CONNECTION_SPECS.profileStoreSource, version: '1.0' },
						typeInfo: { type: 'ProfileFragments', id: 'ups' },
						baseConnection: { id: ACCOUNT_IDS.prod.profileStore },
					},
				],
				targetConnections: [
					{
						id: targetId,
						connectionSpec: { id: CONNECTION_SPECS.amazonS3, version: '1.0' },
						baseConnection: { id: ACCOUNT_IDS.prod.marketingS3 },
					},
				],
			},
			// Created with [], it holds the skeleton Adobe's V2 create example sends.
			transformations: BLOB_SKELETON,
			runs: `/runs?property=flowId==${r.data.id}`,
			lastOperation: { operation: 'create', status: { value: 'completed' } },
		});
	});

	it('takes the documented audience PATCHes on a dataflow created with []', async () => {
		const { flowId } = await createS3Flow(api);
		const { etag } = await getFlow(api, flowId);
		const added = await patch(api, flowId, etag, [
			...ADD_AUDIENCE,
			{
				op: 'add',
				path: '/transformations/0/params/profileMapping',
				value: { mappingId: 'b4f93d13a8064f2e8a32d40dc1c6c97d', mappingVersion: 0 },
			},
			{
				op: 'add',
				path: '/transformations/0/params/mandatoryFields',
				value: ['person.name.firstName'],
			},
		]);
		expect(added.status).toBe(200);
		const flow = await getFlow(api, flowId);
		expect(problems(schema('BatchFlowItem'), flow)).toEqual([]);
		expect(flow.transformations[0].params.segmentSelectors.selectors[0].value.id).toBe(
			TUTORIAL_NEW_AUDIENCE_ID,
		);
	});

	it('keeps the GeneralTransform skeleton of the Blob tab as sent, and takes audiences on it', async () => {
		const targetBody = {
			name: 'Blob',
			baseConnectionId: ACCOUNT_IDS.prod.archiveBlob,
			params: {
				mode: 'Server-to-server',
				container: 'your-container-name',
				path: 'folder/subfolder',
				compression: 'NONE',
				fileType: 'JSON',
			},
			connectionSpec: { id: CONNECTION_SPECS.azureBlob, version: '1.0' },
		};
		const sourceId = await created(post(api, '/sourceConnections', PROFILE_SOURCE_BODY));
		const targetId = await created(post(api, '/targetConnections', targetBody));
		const flowId = await created(
			post(
				api,
				'/flows',
				flowBody(sourceId, targetId, {
					flowSpec: { id: DESTINATION_FLOW_SPECS.azureBlob.audience, version: '1.0' },
					transformations: BLOB_SKELETON,
				}),
			),
		);
		const flow = await getFlow(api, flowId);
		expect(flow.transformations).toEqual(BLOB_SKELETON);
		expect((await patch(api, flowId, flow.etag, ADD_AUDIENCE)).status).toBe(200);
	});

	it('stores the schema’s "General Transform" spelling as "GeneralTransform"', async () => {
		const { flowId } = await createS3Flow(api, {
			transformations: [
				{ name: 'General Transform', params: { segmentSelectors: { selectors: [] } } },
			],
		});
		expect((await getFlow(api, flowId)).transformations[0].name).toBe('GeneralTransform');
	});

	it('creates a streaming (Kinesis) dataflow as the streaming tutorial does', async () => {
		const sourceBody = {
			...PROFILE_SOURCE_BODY,
			baseConnectionId: ACCOUNT_IDS.prod.profileStore,
			data: { format: 'json' },
			params: {},
		};
		const sourceId = await created(post(api, '/sourceConnections', sourceBody));
		const targetId = await created(
			post(api, '/targetConnections', {
				name: 'Amazon Kinesis target connection',
				baseConnectionId: ACCOUNT_IDS.prod.clickstreamKinesis,
				connectionSpec: { id: CONNECTION_SPECS.amazonKinesis, version: '1.0' },
				data: { format: 'json' },
				params: { stream: 'aep-stream', region: 'us-east-1' },
			}),
		);
		const transformations = [
			{
				name: 'GeneralTransform',
				params: { profileSelectors: { selectors: [] }, segmentSelectors: { selectors: [] } },
			},
		];
		const flowId = await created(
			post(
				api,
				'/flows',
				flowBody(sourceId, targetId, {
					flowSpec: { id: FLOW_SPECS.batchDestination, version: '1.0' },
					transformations,
				}),
			),
		);
		const flow = await getFlow(api, flowId);
		expect(problems(schema('StreamingFlowItem'), flow)).toEqual([]);
		expect(flow.transformations).toEqual(transformations);
		const streamingAudience = {
			type: 'PLATFORM_SEGMENT',
			value: { id: TUTORIAL_NEW_AUDIENCE_ID, name: 'x' },
		};
		const r = await patch(api, flowId, flow.etag, [
			{
				op: 'add',
				path: '/transformations/0/params/segmentSelectors/selectors/-',
				value: streamingAudience,
			},
		]);
		expect(r.status).toBe(200);
	});

	it('gives a legacy (profile based) dataflow created with [] its profile and segment selectors', async () => {
		const sourceId = await created(post(api, '/sourceConnections', PROFILE_SOURCE_BODY));
		const targetId = await created(
			post(api, '/targetConnections', {
				name: 'Kinesis',
				baseConnectionId: ACCOUNT_IDS.prod.clickstreamKinesis,
				connectionSpec: { id: CONNECTION_SPECS.amazonKinesis, version: '1.0' },
				params: { stream: 's', region: 'eu-west-1' },
			}),
		);
		const flowId = await created(
			post(
				api,
				'/flows',
				flowBody(sourceId, targetId, { flowSpec: { id: FLOW_SPECS.batchDestination } }),
			),
		);
		const flow = await getFlow(api, flowId);
		expect(flow.flowSpec).toEqual({ id: FLOW_SPECS.batchDestination, version: '1.0' });
		expect(flow.transformations).toEqual([
			{
				name: 'GeneralTransform',
				params: { profileSelectors: { selectors: [] }, segmentSelectors: { selectors: [] } },
			},
		]);
	});

	it('lists the created dataflow, records its runs, exports it now and deletes it', async () => {
		const { flowId, sourceId, targetId } = await createS3Flow(api);
		const listed = await api.fs.get(
			`/flows?property=inheritedAttributes.properties.isDestinationFlow==true&property=flowSpec.id==${DESTINATION_FLOW_SPECS.amazonS3.audience}&property=sourceConnectionIds[]==${sourceId}`,
		);
		expect(listed.data.items.map((f: { id: string }) => f.id)).toEqual([flowId]);
		const byAccount = await api.fs.get(
			`/flows?property=inheritedAttributes.targetConnections[].baseConnection.id==${ACCOUNT_IDS.prod.marketingS3}&orderby=-createdAt&limit=1`,
		);
		expect(byAccount.data.items[0].id).toBe(flowId);

		expect((await patch(api, flowId, (await getFlow(api, flowId)).etag, ADD_AUDIENCE)).status).toBe(
			200,
		);
		api.emu.addRun(flowId, { status: 'Success', audienceId: TUTORIAL_NEW_AUDIENCE_ID });
		const runs = await api.fs.get(`/runs?property=flowId==${flowId}`);
		expect(runs.data.items).toHaveLength(1);

		const adhoc = await api.http.post(
			'/data/core/activation/disflowprovider/adhocrun',
			{ activationInfo: { [flowId]: [TUTORIAL_NEW_AUDIENCE_ID] } },
			{
				headers: api.headers({ accept: 'application/vnd.adobe.adhoc.activation+json; version=2' }),
			},
		);
		expect(adhoc.status).toBe(200);
		expect(adhoc.data.order[0]).toMatchObject({ segment: TUTORIAL_NEW_AUDIENCE_ID, order: flowId });

		expectFlowError(await api.fs.delete(`/targetConnections/${targetId}`), '1447-400');
		expect((await api.fs.delete(`/flows/${flowId}`)).status).toBe(202);
		expectFlowError(await api.fs.get(`/flows/${flowId}`), '1439-404');
		expect((await api.fs.delete(`/targetConnections/${targetId}`)).status).toBe(202);
		expect((await api.fs.delete(`/sourceConnections/${sourceId}`)).status).toBe(202);
	});

	describe('refusals', () => {
		let ids: { sourceId: string; targetId: string };
		beforeEach(async () => {
			ids = {
				sourceId: await created(post(api, '/sourceConnections', PROFILE_SOURCE_BODY)),
				targetId: await created(post(api, '/targetConnections', s3TargetBody())),
			};
		});
		const attempt = (extra: Record<string, unknown>) =>
			post(api, '/flows', flowBody(ids.sourceId, ids.targetId, extra));
		const flowCount = async () => (await api.fs.get('/flows?count=true')).data.count as number;

		it.each([
			[
				'a state',
				{ state: 'enabled' },
				'1410-400',
				/^`State` is not allowed in the create flow request\.$/,
			],
			['no name', { name: undefined }, '1100-400', /name: is required/],
			['an empty name', { name: '' }, '1100-400', /name: must NOT have fewer than 1 characters/],
			['no flowSpec', { flowSpec: undefined }, '1100-400', /flowSpec: is required/],
			[
				'a flowSpec without id',
				{ flowSpec: { version: '1.0' } },
				'1100-400',
				/flowSpec.id: is required/,
			],
			[
				'no sourceConnectionIds',
				{ sourceConnectionIds: undefined },
				'1100-400',
				/sourceConnectionIds: is required/,
			],
			[
				'no targetConnectionIds',
				{ targetConnectionIds: undefined },
				'1100-400',
				/targetConnectionIds: is required/,
			],
			[
				'empty targetConnectionIds',
				{ targetConnectionIds: [] },
				'1100-400',
				/targetConnectionIds: must NOT have fewer than 1 items/,
			],
			[
				'no transformations on an audience flow spec',
				{ transformations: undefined },
				'1100-400',
				/transformations: is required/,
			],
			['an unknown flow spec', { flowSpec: { id: 'nope', version: '1.0' } }, '1413-400', /spec ID/],
			[
				'an unknown flow spec version',
				{ flowSpec: { id: DESTINATION_FLOW_SPECS.amazonS3.audience, version: '2.0' } },
				'1413-400',
				/version 2.0/,
			],
			[
				'a flow spec of another destination',
				{ flowSpec: { id: DESTINATION_FLOW_SPECS.sftp.audience, version: '1.0' } },
				'1413-400',
				/does not go with connection/,
			],
			[
				'the dataset flow spec for audiences',
				{
					flowSpec: { id: DESTINATION_FLOW_SPECS.amazonS3.dataset, version: '1.0' },
					scheduleParams: {},
				},
				'1413-400',
				/does not go with connection/,
			],
			[
				'an unknown source connection',
				{ sourceConnectionIds: ['nope'] },
				'1100-400',
				/sourceConnectionIds\[0\]: source connection nope does not exist/,
			],
			[
				'an unknown target connection',
				{ targetConnectionIds: ['nope'] },
				'1100-400',
				/targetConnectionIds\[0\]: target connection nope/,
			],
			[
				'audiences that break the destination rules',
				{
					transformations: [
						{
							name: 'GeneralTransform',
							params: {
								segmentSelectors: {
									selectors: [
										{
											type: 'PLATFORM_SEGMENT',
											value: { id: 'a', exportMode: 'DAILY_FULL_EXPORT' },
										},
									],
								},
							},
						},
					],
				},
				'1100-400',
				/schedule/,
			],
		])('refuses %s', async (_case, extra, code, message) => {
			const before = await flowCount();
			expect(expectFlowError(await attempt(extra), code).errorMessage).toMatch(message);
			expect(await flowCount()).toBe(before);
		});

		it('refuses a dataset flow spec without scheduleParams', async () => {
			const lake = await created(post(api, '/sourceConnections', dataLakeSourceBody()));
			const r = await post(
				api,
				'/flows',
				flowBody(lake, ids.targetId, {
					flowSpec: { id: DESTINATION_FLOW_SPECS.amazonS3.dataset, version: '1.0' },
				}),
			);
			expect(expectFlowError(r, '1100-400').errorMessage).toMatch(/scheduleParams: is required/);
		});

		it('refuses connections of another sandbox', async () => {
			const r = await post(api, '/flows', flowBody(ids.sourceId, ids.targetId), SANDBOX_DEV);
			expect(expectFlowError(r, '1100-400').errorMessage).toMatch(/does not exist in sandbox dev/);
		});

		it('refuses a body that is not JSON, or not sent as JSON', async () => {
			const raw = (body: string, contentType: string) =>
				api.fs.post('/flows', body, {
					headers: { 'content-type': contentType },
					transformRequest: [(d: unknown) => d],
				});
			expect((await raw('{}', 'text/plain')).status).toBe(400);
			expectFlowError(await raw('', 'application/json'), '1405-400');
			expectFlowError(await raw('not json', 'application/json'), '1100-400');
		});
	});

	it('refuses the 101st destination dataflow of a sandbox', async () => {
		const headers = { 'x-sandbox-name': SANDBOX_DEV };
		const sourceId = await created(
			post(api, '/sourceConnections', PROFILE_SOURCE_BODY, SANDBOX_DEV),
		);
		const targetId = await created(
			post(api, '/targetConnections', s3TargetBody(ACCOUNT_IDS.dev.marketingS3), SANDBOX_DEV),
		);
		const existing = (
			await api.fs.get(
				'/flows?property=inheritedAttributes.properties.isDestinationFlow==true&count=true',
				{ headers },
			)
		).data.count;
		for (let n = existing; n < 100; n++)
			await created(
				post(api, '/flows', flowBody(sourceId, targetId, { name: `Flow ${n}` }), SANDBOX_DEV),
			);
		const refused = expectFlowError(
			await post(api, '/flows', flowBody(sourceId, targetId), SANDBOX_DEV),
			'1100-400',
		);
		expect(refused.errorMessage).toMatch(/sandbox dev already has 100 destination dataflows/);
		expect((await api.fs.get('/flows?count=true', { headers })).data.count).toBe(100);
		// prod holds the generated paging flows, which the guardrail does not count (README).
		expect((await createS3Flow(api)).flowId).toBeTruthy();
	});
});

describe('POST /flows under faults', () => {
	const api = useApi();
	beforeEach(async () => {
		api.emu.reset();
		await api.refreshToken();
	});
	const FLOWS = '/data/foundation/flowservice/flows';
	const named = async (name: string) =>
		(await api.fs.get(`/flows?property=name==${encodeURIComponent(name)}&count=true`)).data.count;

	it('can create the dataflow and lose the answer (504 after the write)', async () => {
		const sourceId = await created(post(api, '/sourceConnections', PROFILE_SOURCE_BODY));
		const targetId = await created(post(api, '/targetConnections', s3TargetBody()));
		api.emu.injectFault({ type: 'error', status: 504, method: 'POST', path: FLOWS, after: true });
		expectFlowError(
			await post(api, '/flows', flowBody(sourceId, targetId, { name: 'lost answer' })),
			'1104-504',
		);
		expect(await named('lost answer')).toBe(1);
	});

	it('can reset the connection after the write, or before it', async () => {
		const sourceId = await created(post(api, '/sourceConnections', PROFILE_SOURCE_BODY));
		const targetId = await created(post(api, '/targetConnections', s3TargetBody()));
		api.emu.injectFault({ type: 'reset', method: 'POST', path: FLOWS, after: true });
		await expect(
			post(api, '/flows', flowBody(sourceId, targetId, { name: 'reset after' })),
		).rejects.toBeDefined();
		expect(await named('reset after')).toBe(1);
		api.emu.injectFault({ type: 'reset', method: 'POST', path: FLOWS });
		await expect(
			post(api, '/flows', flowBody(sourceId, targetId, { name: 'reset before' })),
		).rejects.toBeDefined();
		expect(await named('reset before')).toBe(0);
		expect(api.emu.requests().at(-2)).toMatchObject({
			method: 'POST',
			status: 0,
			faults: ['reset'],
		});
	});

	it('targets the connection endpoints by method and path', async () => {
		api.emu.injectFault({
			type: 'error',
			status: 503,
			method: 'POST',
			path: '/data/foundation/flowservice/*Connections',
		});
		expectFlowError(await post(api, '/sourceConnections', PROFILE_SOURCE_BODY), '1103-503');
		expect((await post(api, '/sourceConnections', PROFILE_SOURCE_BODY)).status).toBe(201);
		api.emu.injectFault({
			type: 'error',
			status: 429,
			method: 'GET',
			path: '/data/foundation/flowservice/connections/*',
		});
		const limited = await api.fs.get(`/connections/${ACCOUNT_IDS.prod.marketingS3}`);
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('1');
		api.emu.injectFault({
			type: 'error',
			status: 500,
			path: '/data/foundation/flowservice/flowSpecs',
		});
		expectFlowError(await api.fs.get('/flowSpecs'), '1102-500');
	});
});
