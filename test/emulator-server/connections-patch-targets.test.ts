import {
	ACCOUNT_IDS,
	DATASET_FLOW_IDS,
	DATASET_IDS,
	PROFILE_MAPPING_FLOW_ID,
	REPLACED_DATASET_SOURCE_ID,
} from '../../emulator';
import { edit, patchConnection, read } from './connections';
import { PROFILE_SOURCE_BODY, created, post } from './destinations';
import { problems, schema } from './openapi';
import { ETAG_FORMAT, expectFlowError, getFlow, useApi } from './support';

const S3 = ACCOUNT_IDS.prod.marketingS3;

describe('PATCH /targetConnections/{id}: editing the export location and file options', () => {
	const api = useApi();
	let targetId: string;
	beforeEach(async () => {
		api.emu.reset();
		await api.refreshToken();
		targetId = (await getFlow(api, PROFILE_MAPPING_FLOW_ID)).targetConnectionIds[0];
	});

	it('takes Adobe’s edit example, replacing /params with the fields it changes and keeping the others', async () => {
		const before = await read(api, 'targetConnections', targetId);
		const flow = await getFlow(api, PROFILE_MAPPING_FLOW_ID);
		const r = await patchConnection(api, 'targetConnections', targetId, before.etag, [
			{
				op: 'replace',
				path: '/params',
				value: { bucketName: 'newbucketname', path: 'updatedPath' },
			},
		]);
		expect(r.status).toBe(200);
		expect(problems(schema('Patch_Flow_Response'), r.data)).toEqual([]);
		const target = await read(api, 'targetConnections', targetId);
		expect(problems(schema('TargetConnectionItem'), target)).toEqual([]);
		expect(target.params).toEqual({
			...before.params,
			bucketName: 'newbucketname',
			path: 'updatedPath',
		});
		expect(target.etag).toBe(r.data.etag);
		// The dataflow is its own entity: its etag does not move.
		expect((await getFlow(api, PROFILE_MAPPING_FLOW_ID)).etag).toBe(flow.etag);
	});

	it('changes file type, compression and CSV options member by member', async () => {
		const r = await edit(api, 'targetConnections', targetId, [
			{ op: 'replace', path: '/params/fileType', value: 'PARQUET' },
			{ op: 'replace', path: '/params/compression', value: 'GZIP' },
			{ op: 'add', path: '/params/csvOptions', value: { delimiter: ';', quote: '"' } },
			{ op: 'replace', path: '/name', value: 'renamed target' },
		]);
		expect(r.status).toBe(200);
		expect(await read(api, 'targetConnections', targetId)).toMatchObject({
			name: 'renamed target',
			params: {
				fileType: 'PARQUET',
				compression: 'GZIP',
				csvOptions: { delimiter: ';', quote: '"' },
			},
		});
	});

	it.each([
		[
			'an unknown compression',
			[{ op: 'replace', path: '/params/compression', value: 'ZIP' }],
			/params.compression: must be one of NONE, GZIP/,
		],
		[
			'a bucket name S3 refuses',
			[{ op: 'replace', path: '/params/bucketName', value: 'Not_A_Bucket' }],
			/params.bucketName: must match pattern/,
		],
		[
			'a CSV delimiter the spec does not offer',
			[{ op: 'add', path: '/params/csvOptions', value: { delimiter: '#' } }],
			/params.csvOptions.delimiter/,
		],
		[
			'no compression',
			[{ op: 'remove', path: '/params/compression', value: 'NONE' }],
			/params.compression: is required/,
		],
		[
			'a dataset file type Adobe does not have',
			[{ op: 'add', path: '/params/datasetFileType', value: 'CSV' }],
			/params.datasetFileType: must be one of JSON, PARQUET/,
		],
	])('refuses %s, storing nothing', async (_case, ops, message) => {
		const before = await read(api, 'targetConnections', targetId);
		const r = await patchConnection(api, 'targetConnections', targetId, before.etag, ops);
		const error = expectFlowError(r, '1100-400');
		expect(error.errorMessage).toMatch(message);
		expect(error.report).toMatchObject({ id: targetId, type: 'targetConnections' });
		expect(await read(api, 'targetConnections', targetId)).toEqual(before);
	});

	it('refuses moving a target connection to another account', async () => {
		const r = await edit(api, 'targetConnections', targetId, [
			{ op: 'replace', path: '/baseConnectionId', value: ACCOUNT_IDS.prod.dataScienceS3 },
		]);
		expect(expectFlowError(r, '1455-400').errorMessage).toMatch(
			/"\/baseConnectionId" is managed by the service/,
		);
	});
});

describe('PATCH /sourceConnections/{id}: a Data Lake source keeps its datasets', () => {
	const api = useApi();
	beforeEach(async () => {
		api.emu.reset();
		await api.refreshToken();
	});
	const sourceOf = async () =>
		(await getFlow(api, DATASET_FLOW_IDS.everySixHours)).sourceConnectionIds[0];

	it.each([
		[
			'replacing them',
			[
				{
					op: 'replace',
					path: '/params/datasets',
					value: [{ dataSetId: DATASET_IDS.prod.webEvents }],
				},
			],
		],
		[
			'adding one',
			[
				{
					op: 'add',
					path: '/params/datasets/-',
					value: { dataSetId: DATASET_IDS.prod.crmCustomers },
				},
			],
		],
		['removing one', [{ op: 'remove', path: '/params/datasets/1', value: {} }]],
		['replacing the params', [{ op: 'replace', path: '/params', value: {} }]],
	])(
		'refuses %s (Create_Data_Lake_Source_Connection_Request: "its datasets cannot be modified")',
		async (_case, ops) => {
			const id = await sourceOf();
			const before = await read(api, 'sourceConnections', id);
			const r = await patchConnection(api, 'sourceConnections', id, before.etag, ops);
			expect(expectFlowError(r, '1100-400').errorMessage).toMatch(
				/params.datasets: the datasets of a source connection cannot be modified after it is created. Create a new source connection with the full list of datasets and replace \/sourceConnectionIds of the dataflow/,
			);
			expect(await read(api, 'sourceConnections', id)).toEqual(before);
		},
	);

	it('renames a source connection, its datasets unchanged', async () => {
		const r = await edit(api, 'sourceConnections', REPLACED_DATASET_SOURCE_ID, [
			{ op: 'replace', path: '/name', value: 'no longer used' },
			{ op: 'add', path: '/description', value: 'replaced by a source with two datasets' },
		]);
		expect(r.status).toBe(200);
		const source = await read(api, 'sourceConnections', REPLACED_DATASET_SOURCE_ID);
		expect(problems(schema('SourceConnectionItem'), source)).toEqual([]);
		expect(source).toMatchObject({ name: 'no longer used', etag: r.data.etag });
		const profile = await created(post(api, '/sourceConnections', PROFILE_SOURCE_BODY));
		expect(
			(
				await edit(api, 'sourceConnections', profile, [
					{ op: 'replace', path: '/name', value: 'p' },
				])
			).status,
		).toBe(200);
	});
});

describe('another writer, and faults, on connections', () => {
	const api = useApi();
	beforeEach(async () => {
		api.emu.reset();
		await api.refreshToken();
	});
	const ops = [{ op: 'add', path: '/description', value: 'changed' }];

	it('rotateConnectionEtag (and the control surface) make a freshly read etag stale', async () => {
		const { etag } = await read(api, 'connections', S3);
		const rotated = api.emu.rotateConnectionEtag(S3)!;
		expect(rotated).toMatch(ETAG_FORMAT);
		expectFlowError(await patchConnection(api, 'connections', S3, etag, ops), '1404-412');
		const target = (await getFlow(api, PROFILE_MAPPING_FLOW_ID)).targetConnectionIds[0];
		const read1 = await read(api, 'targetConnections', target);
		const control = await api.http.post(`/__emulator/connections/${target}/rotate-etag`);
		expect(control.data).toEqual({ id: target, etag: expect.stringMatching(ETAG_FORMAT) });
		expectFlowError(
			await patchConnection(api, 'targetConnections', target, read1.etag, ops),
			'1404-412',
		);
		const raw = (await api.http.get(`/__emulator/connections/${target}`)).data;
		expect(raw).toMatchObject({
			kind: 'targetConnections',
			sandbox: 'prod',
			connection: { etag: control.data.etag },
		});
		expect(api.emu.getConnection(target)).toMatchObject({
			kind: 'targetConnections',
			connection: { updatedBy: 'another.user@AdobeID' },
		});
		expect(api.emu.rotateConnectionEtag('nope')).toBeUndefined();
		expect((await api.http.post('/__emulator/connections/nope/rotate-etag')).status).toBe(404);
	});

	it('concurrentWrite and errors match connection paths by method and path', async () => {
		api.emu.injectFault({
			type: 'concurrentWrite',
			method: 'PATCH',
			path: '/data/foundation/flowservice/connections/*',
		});
		expectFlowError(await edit(api, 'connections', S3, ops), '1404-412');
		expect((await edit(api, 'connections', S3, ops)).status).toBe(200);

		const target = (await getFlow(api, PROFILE_MAPPING_FLOW_ID)).targetConnectionIds[0];
		const before = await read(api, 'targetConnections', target);
		api.emu.injectFault({
			type: 'error',
			status: 503,
			method: 'PATCH',
			path: '/data/foundation/flowservice/targetConnections/*',
		});
		expectFlowError(
			await patchConnection(api, 'targetConnections', target, before.etag, ops),
			'1103-503',
		);
		expect(await read(api, 'targetConnections', target)).toEqual(before);
		api.emu.injectFault({
			type: 'error',
			status: 504,
			method: 'PATCH',
			path: '/data/foundation/flowservice/targetConnections/*',
			after: true,
		});
		expectFlowError(
			await patchConnection(api, 'targetConnections', target, before.etag, ops),
			'1104-504',
		);
		// The write happened; only the answer was lost.
		expect((await read(api, 'targetConnections', target)).description).toBe('changed');
	});
});
