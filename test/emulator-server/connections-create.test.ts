import {
	ACCOUNT_IDS,
	CONNECTION_SPECS,
	DATASET_IDS,
	DISABLED_FLOW_ID,
	SANDBOX_DEV,
} from '../../emulator';
import { PROFILE_SOURCE_BODY, S3_PARAMS, created, post, s3TargetBody } from './destinations';
import { problems, schema } from './openapi';
import { ETAG_FORMAT, expectFlowError, getFlow, useApi } from './support';

const DATA_LAKE_SOURCE_BODY = {
	name: 'Data Lake Source Connection',
	description: 'Data Lake Source Connection',
	connectionSpec: { id: CONNECTION_SPECS.dataLakeSource, version: '1.0' },
	params: { datasets: [{ dataSetId: DATASET_IDS.prod.loyaltyMembers, name: 'Loyalty Members' }] },
};

describe('source connections', () => {
	const api = useApi();
	beforeEach(() => api.emu.reset());

	it('creates a Profile store source connection: 201 {id, etag}, then reads it', async () => {
		const r = await post(api, '/sourceConnections', PROFILE_SOURCE_BODY);
		expect(r.status).toBe(201);
		expect(Object.keys(r.data).sort()).toEqual(['etag', 'id']);
		expect(problems(schema('Create_Source_Connection_Response'), r.data)).toEqual([]);
		expect(r.data.etag).toMatch(ETAG_FORMAT);
		const read = await api.fs.get(`/sourceConnections/${r.data.id}`);
		const [source] = read.data.items;
		expect(problems(schema('SourceConnectionItem'), source)).toEqual([]);
		expect(source).toMatchObject({
			id: r.data.id,
			etag: r.data.etag,
			name: PROFILE_SOURCE_BODY.name,
			connectionSpec: PROFILE_SOURCE_BODY.connectionSpec,
			typeInfo: { type: 'ProfileFragments', id: 'ups' },
			createdClient: 'emulator-client-id',
			// Adobe's examples show the sandbox's Profile store base connection.
			inheritedAttributes: { baseConnection: { id: ACCOUNT_IDS.prod.profileStore } },
		});
	});

	it('creates a Data Lake source connection with its datasets (a name is optional)', async () => {
		const id = await created(post(api, '/sourceConnections', DATA_LAKE_SOURCE_BODY));
		const [source] = (await api.fs.get(`/sourceConnections/${id}`)).data.items;
		expect(problems(schema('SourceConnectionItem'), source)).toEqual([]);
		expect(source).toMatchObject({
			baseConnectionId: ACCOUNT_IDS.prod.dataLake,
			params: DATA_LAKE_SOURCE_BODY.params,
		});
		const unnamed = {
			...DATA_LAKE_SOURCE_BODY,
			params: { datasets: [{ dataSetId: DATASET_IDS.prod.webEvents }] },
		};
		expect((await post(api, '/sourceConnections', unnamed)).status).toBe(201);
	});

	it('accepts the streaming tutorial’s body: a Profile base connection, data and params', async () => {
		const body = {
			...PROFILE_SOURCE_BODY,
			baseConnectionId: ACCOUNT_IDS.dev.profileStore,
			data: { format: 'json' },
			params: {},
		};
		const id = await created(post(api, '/sourceConnections', body, SANDBOX_DEV));
		const list = await api.fs.get(`/sourceConnections?property=id==${id}`, {
			headers: { 'x-sandbox-name': SANDBOX_DEV },
		});
		expect(list.data.items[0]).toMatchObject({
			data: { format: 'json' },
			params: {},
			baseConnectionId: ACCOUNT_IDS.dev.profileStore,
		});
	});

	it('lists them with property filters', async () => {
		const id = await created(post(api, '/sourceConnections', PROFILE_SOURCE_BODY));
		const r = await api.fs.get(
			`/sourceConnections?property=connectionSpec.id==${CONNECTION_SPECS.profileStoreSource}&orderby=-createdAt&limit=1`,
		);
		expect(r.data.items.map((s: { id: string }) => s.id)).toEqual([id]);
		for (const item of r.data.items)
			expect(problems(schema('SourceConnectionItem'), item)).toEqual([]);
	});

	it.each([
		[
			'no name',
			{ connectionSpec: PROFILE_SOURCE_BODY.connectionSpec },
			'1100-400',
			/name: is required/,
		],
		['no connectionSpec', { name: 'x' }, '1100-400', /connectionSpec: is required/],
		[
			'connectionSpec without version',
			{ name: 'x', connectionSpec: { id: CONNECTION_SPECS.profileStoreSource } },
			'1100-422',
			/version/,
		],
		[
			'an unknown spec',
			{ name: 'x', connectionSpec: { id: 'nope', version: '1.0' } },
			'1413-400',
			/spec ID/,
		],
		[
			'a destination spec',
			{ name: 'x', connectionSpec: { id: CONNECTION_SPECS.amazonS3, version: '1.0' } },
			'1413-400',
			/source connection spec/,
		],
		[
			'another version',
			{ name: 'x', connectionSpec: { id: CONNECTION_SPECS.profileStoreSource, version: '2.0' } },
			'1413-400',
			/version 2.0/,
		],
		[
			'an unknown base connection',
			{ ...PROFILE_SOURCE_BODY, baseConnectionId: 'nope' },
			'1100-400',
			/baseConnectionId: base connection nope/,
		],
		[
			'a base connection of another spec',
			{ ...PROFILE_SOURCE_BODY, baseConnectionId: ACCOUNT_IDS.prod.dataLake },
			'1413-400',
			/spec/,
		],
		[
			'a dataset without id',
			{ ...DATA_LAKE_SOURCE_BODY, params: { datasets: [{ name: 'x' }] } },
			'1100-400',
			/params.datasets\[0\].dataSetId: is required/,
		],
		[
			'an unknown dataset',
			{
				...DATA_LAKE_SOURCE_BODY,
				params: { datasets: [{ dataSetId: '616d53e0a6de2719486fb024' }] },
			},
			'1100-400',
			/params.datasets\[0\].dataSetId: dataset 616d53e0a6de2719486fb024 does not exist in sandbox prod/,
		],
		[
			'a dataset of another sandbox',
			{
				...DATA_LAKE_SOURCE_BODY,
				params: { datasets: [{ dataSetId: DATASET_IDS.dev.webEvents }] },
			},
			'1100-400',
			/does not exist in sandbox prod/,
		],
		[
			'a dataset listed twice',
			{
				...DATA_LAKE_SOURCE_BODY,
				params: {
					datasets: [
						{ dataSetId: DATASET_IDS.prod.webEvents },
						{ dataSetId: DATASET_IDS.prod.webEvents },
					],
				},
			},
			'1100-400',
			/params.datasets\[1\].dataSetId: dataset \w+ is listed twice/,
		],
		[
			'a Data Lake source without datasets',
			{ ...DATA_LAKE_SOURCE_BODY, params: {} },
			'1100-400',
			/params.datasets: a Data Lake source connection needs at least one dataset/,
		],
	])('refuses %s', async (_case, body, code, message) => {
		const before = (await api.fs.get('/sourceConnections?count=true')).data.count;
		const error = expectFlowError(await post(api, '/sourceConnections', body), code);
		expect(error.errorMessage).toMatch(message);
		expect((await api.fs.get('/sourceConnections?count=true')).data.count).toBe(before);
	});

	it('refuses bodies that are not a JSON object', async () => {
		const raw = (body: string, contentType = 'application/json') =>
			api.fs.post('/sourceConnections', body, {
				headers: { 'content-type': contentType },
				transformRequest: [(d: unknown) => d],
			});
		expect((await raw(JSON.stringify(PROFILE_SOURCE_BODY), 'text/plain')).data).toMatchObject({
			title: 'BadRequestError',
			detail: 'A valid content-type must be specified',
		});
		expectFlowError(await raw(''), '1405-400');
		expect(expectFlowError(await raw('{'), '1100-400').errorMessage).toMatch(/not valid JSON/);
		expect(expectFlowError(await raw('[]'), '1100-400').errorMessage).toMatch(/JSON object/);
	});

	it('deletes one (202, then 404), refusing one a dataflow uses', async () => {
		const id = await created(post(api, '/sourceConnections', PROFILE_SOURCE_BODY));
		const r = await api.fs.delete(`/sourceConnections/${id}`);
		expect(r.status).toBe(202);
		expect(r.data).toBe('');
		expectFlowError(await api.fs.get(`/sourceConnections/${id}`), '1439-404');
		expectFlowError(await api.fs.delete(`/sourceConnections/${id}`), '1439-404');
		const used = (await getFlow(api, DISABLED_FLOW_ID)).sourceConnectionIds[0];
		const refused = expectFlowError(await api.fs.delete(`/sourceConnections/${used}`), '1447-400');
		expect(refused.errorMessage).toBe(`Found active flows containing id ${used}.`);
	});
});

describe('target connections', () => {
	const api = useApi();
	beforeEach(() => api.emu.reset());

	it('creates an S3 target connection on an account: 201 {id, etag}, then reads it', async () => {
		const r = await post(api, '/targetConnections', s3TargetBody());
		expect(r.status).toBe(201);
		expect(problems(schema('Create_Base_Connection_Response'), r.data)).toEqual([]);
		const [target] = (await api.fs.get(`/targetConnections/${r.data.id}`)).data.items;
		expect(problems(schema('TargetConnectionItem'), target)).toEqual([]);
		// S3 and SFTP params also match the document's own (V2) params schemas.
		expect(problems(schema('AmazonS3TargetConnectionParams_V2'), target.params)).toEqual([]);
		expect(target).toMatchObject({
			baseConnectionId: ACCOUNT_IDS.prod.marketingS3,
			params: S3_PARAMS,
			state: 'enabled',
			etag: r.data.etag,
			inheritedAttributes: {
				baseConnection: {
					id: ACCOUNT_IDS.prod.marketingS3,
					connectionSpec: { id: CONNECTION_SPECS.amazonS3, version: '1.0' },
				},
			},
		});
	});

	it.each([
		[
			'SFTP',
			CONNECTION_SPECS.sftp,
			ACCOUNT_IDS.prod.partnerSftp,
			{ remotePath: '/exports', compression: 'GZIP', fileType: 'JSON' },
		],
		[
			'Azure Blob',
			CONNECTION_SPECS.azureBlob,
			ACCOUNT_IDS.prod.archiveBlob,
			{
				mode: 'Server-to-server',
				container: 'your-container-name',
				path: 'folder/subfolder',
				compression: 'NONE',
				fileType: 'JSON',
				includeFileManifest: true,
			},
		],
		[
			'Data Landing Zone',
			CONNECTION_SPECS.dataLandingZone,
			ACCOUNT_IDS.prod.landingZone,
			{ mode: 'Server-to-server', path: 'folder/subfolder', compression: 'NONE', fileType: 'JSON' },
		],
		[
			'Data Landing Zone (dataset)',
			CONNECTION_SPECS.dataLandingZone,
			ACCOUNT_IDS.prod.landingZone,
			{ path: 'exports', datasetFileType: 'JSON', compression: 'GZIP' },
		],
		[
			'Kinesis',
			CONNECTION_SPECS.amazonKinesis,
			ACCOUNT_IDS.prod.clickstreamKinesis,
			{ stream: 'aep-stream', region: 'us-east-1' },
		],
	])('creates a %s target connection', async (_name, spec, account, params) => {
		const body = {
			name: 'target',
			baseConnectionId: account,
			params,
			connectionSpec: { id: spec, version: '1.0' },
			data: { format: 'json' },
		};
		const id = await created(post(api, '/targetConnections', body));
		const [target] = (await api.fs.get(`/targetConnections/${id}`)).data.items;
		expect(problems(schema('TargetConnectionItem'), target)).toEqual([]);
		if (spec === CONNECTION_SPECS.sftp)
			expect(problems(schema('SFTPTargetConnectionParams_V2'), target.params)).toEqual([]);
		expect(target).toMatchObject({
			params,
			connectionSpec: { id: spec },
			data: { format: 'json' },
		});
	});

	it('lists an account’s target connections with property=baseConnectionId==', async () => {
		const id = await created(
			post(api, '/targetConnections', s3TargetBody(ACCOUNT_IDS.prod.dataScienceS3)),
		);
		const r = await api.fs.get(
			`/targetConnections?property=baseConnectionId==${ACCOUNT_IDS.prod.dataScienceS3}`,
		);
		expect(r.data.items.map((t: { id: string }) => t.id)).toEqual([id]);
		expect(r.data._links).toEqual({});
	});

	it.each([
		[
			'no baseConnectionId',
			{ ...s3TargetBody(), baseConnectionId: undefined },
			'1100-400',
			/baseConnectionId: is required/,
		],
		['no params', { ...s3TargetBody(), params: undefined }, '1100-400', /params: is required/],
		[
			'connectionSpec without version',
			{ ...s3TargetBody(), connectionSpec: { id: CONNECTION_SPECS.amazonS3 } },
			'1100-422',
			/connectionSpec.version/,
		],
		[
			'an unknown spec',
			{ ...s3TargetBody(), connectionSpec: { id: 'nope', version: '1.0' } },
			'1413-400',
			/spec ID/,
		],
		[
			'a source spec',
			{
				...s3TargetBody(),
				connectionSpec: { id: CONNECTION_SPECS.profileStoreSource, version: '1.0' },
			},
			'1413-400',
			/destination connection spec/,
		],
		[
			'an unknown account',
			s3TargetBody('nope'),
			'1100-400',
			/base connection nope does not exist in sandbox prod/,
		],
		[
			'an account of another destination',
			s3TargetBody(ACCOUNT_IDS.prod.partnerSftp),
			'1413-400',
			/is a connection of spec/,
		],
		[
			'an account of another sandbox',
			s3TargetBody(ACCOUNT_IDS.dev.marketingS3),
			'1100-400',
			/does not exist/,
		],
		[
			'a missing bucket',
			{ ...s3TargetBody(), params: { ...S3_PARAMS, bucketName: undefined } },
			'1100-400',
			/params.bucketName: is required/,
		],
		[
			'a bucket name S3 refuses',
			{ ...s3TargetBody(), params: { ...S3_PARAMS, bucketName: 'Not_A_Bucket' } },
			'1100-400',
			/params.bucketName: must match pattern/,
		],
		[
			'an unknown file type',
			{ ...s3TargetBody(), params: { ...S3_PARAMS, fileType: 'XML' } },
			'1100-400',
			/params.fileType: must be one of CSV, JSON, PARQUET/,
		],
		[
			'an unknown compression',
			{ ...s3TargetBody(), params: { ...S3_PARAMS, compression: 'ZIP' } },
			'1100-400',
			/params.compression/,
		],
		[
			'a CSV delimiter Adobe does not offer',
			{ ...s3TargetBody(), params: { ...S3_PARAMS, csvOptions: { delimiter: '#' } } },
			'1100-400',
			/params.csvOptions.delimiter/,
		],
	])('refuses %s', async (_case, body, code, message) => {
		const before = (await api.fs.get('/targetConnections?count=true')).data.count;
		expect(expectFlowError(await post(api, '/targetConnections', body), code).errorMessage).toMatch(
			message,
		);
		expect((await api.fs.get('/targetConnections?count=true')).data.count).toBe(before);
	});

	it('deletes one (202, then 404), refusing one a dataflow uses', async () => {
		const id = await created(post(api, '/targetConnections', s3TargetBody()));
		expect((await api.fs.delete(`/targetConnections/${id}`)).status).toBe(202);
		expectFlowError(await api.fs.get(`/targetConnections/${id}`), '1439-404');
		expectFlowError(await api.fs.delete(`/targetConnections/${id}`), '1439-404');
		const used = (await getFlow(api, DISABLED_FLOW_ID)).targetConnectionIds[0];
		expectFlowError(await api.fs.delete(`/targetConnections/${used}`), '1447-400');
	});

	it('refuses bodies that are not a JSON object', async () => {
		const raw = (body: string, contentType = 'application/json') =>
			api.fs.post('/targetConnections', body, {
				headers: { 'content-type': contentType },
				transformRequest: [(d: unknown) => d],
			});
		expect((await raw(JSON.stringify(s3TargetBody()), 'text/plain')).data.title).toBe(
			'BadRequestError',
		);
		expectFlowError(await raw(''), '1405-400');
		expectFlowError(await raw('"text"'), '1100-400');
	});
});
