import type { AxiosRequestConfig, AxiosResponse } from 'axios';
import {
	ACCOUNT_IDS,
	DATASET_FLOW_IDS,
	DATASET_IDS,
	PROFILE_MAPPING_FLOW_ID,
	REPLACED_DATASET_SOURCE_ID,
	SANDBOX_DEV,
} from '../../emulator';
import { PROFILE_SOURCE_BODY, created, post } from './destinations';
import { authSpecValidator, problems, schema } from './openapi';
import { ETAG_FORMAT, expectFlowError, getFlow, useApi, type TestApi } from './support';

type Kind = 'connections' | 'sourceConnections' | 'targetConnections';

async function read(api: TestApi, kind: Kind, id: string, sandbox?: string) {
	const r = await api.fs.get(
		`/${kind}/${id}`,
		sandbox ? { headers: { 'x-sandbox-name': sandbox } } : undefined,
	);
	if (r.status !== 200) throw new Error(`GET /${kind}/${id}: ${r.status}`);
	return r.data.items[0] as Record<string, any>;
}

function patchConnection(
	api: TestApi,
	kind: Kind,
	id: string,
	etag: string | undefined,
	ops: unknown,
	config: AxiosRequestConfig = {},
): Promise<AxiosResponse> {
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		...(config.headers as Record<string, string>),
	};
	if (etag !== undefined) headers['if-match'] = etag;
	return api.fs.patch(`/${kind}/${id}`, typeof ops === 'string' ? ops : JSON.stringify(ops), {
		transformRequest: [(d: unknown) => d],
		...config,
		headers,
	});
}

/** PATCHes with the entity's current etag; returns the answer. */
async function edit(api: TestApi, kind: Kind, id: string, ops: unknown, sandbox?: string) {
	const { etag } = await read(api, kind, id, sandbox);
	const headers = sandbox ? { 'x-sandbox-name': sandbox } : undefined;
	return patchConnection(api, kind, id, etag, ops, { headers });
}

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const S3 = ACCOUNT_IDS.prod.marketingS3;

async function expectValidAccount(api: TestApi, id: string, sandbox?: string) {
	const account = await read(api, 'connections', id, sandbox);
	expect(problems(schema('ConnectionItem'), account)).toEqual([]);
	const [spec] = (await api.fs.get(`/connectionSpecs/${account.connectionSpec.id}`)).data.items;
	const entry = spec.authSpec.find((a: { name: string }) => a.name === account.auth.specName);
	expect(problems(authSpecValidator(entry.spec), account.auth.params)).toEqual([]);
	return account;
}

describe('PATCH /connections/{id}: editing a destination account', () => {
	const api = useApi();
	beforeEach(async () => {
		api.emu.reset();
		await api.refreshToken();
	});

	it('takes Adobe’s S3 example (accessId, secretKey) as the spec’s s3AccessKey and s3SecretKey, masked', async () => {
		const before = await read(api, 'connections', S3);
		const r = await patchConnection(api, 'connections', S3, before.etag, [
			{
				op: 'add',
				path: '/auth/params',
				value: { accessId: 'AKIAEMULATORNEWKEY22', secretKey: SECRET },
			},
		]);
		expect(r.status).toBe(200);
		expect(Object.keys(r.data).sort()).toEqual(['etag', 'id']);
		expect(problems(schema('Patch_Connection_Response'), r.data)).toEqual([]);
		expect(r.data.etag).toMatch(ETAG_FORMAT);
		expect(r.data.etag).not.toBe(before.etag);
		const account = await expectValidAccount(api, S3);
		expect(account).toMatchObject({
			etag: r.data.etag,
			version: r.data.etag,
			updatedClient: 'emulator-client-id',
			updatedBy: 'emulator-client-id@AdobeID',
			createdAt: before.createdAt,
			auth: {
				specName: 'Access Key',
				params: { s3AccessKey: 'AKIAEMULATORNEWKEY22', s3SecretKey: 'X'.repeat(40) },
			},
		});
		expect(account.updatedAt).toBeGreaterThan(before.updatedAt);
		const log = JSON.stringify(api.emu.requests());
		expect(log).not.toContain(SECRET);
		expect(JSON.stringify(api.emu.getConnection(S3))).not.toContain(SECRET);
	});

	it('replaces one credential, or the name, and never logs the secret in clear', async () => {
		const r = await edit(api, 'connections', S3, [
			{ op: 'replace', path: '/auth/params/s3SecretKey', value: SECRET },
			{ op: 'replace', path: '/name', value: 'Marketing exports (S3, rotated)' },
		]);
		expect(r.status).toBe(200);
		const account = await expectValidAccount(api, S3);
		expect(account.name).toBe('Marketing exports (S3, rotated)');
		expect(account.auth.params.s3SecretKey).toBe('X'.repeat(40));
		const logged = api.emu.requests().find((e) => e.method === 'PATCH')!;
		expect(logged.body).toEqual([
			{ op: 'replace', path: '/auth/params/s3SecretKey', value: '***' },
			{ op: 'replace', path: '/name', value: 'Marketing exports (S3, rotated)' },
		]);
	});

	it('removes the credentials (Adobe’s Patch_Connection_Remove_Auth_Params), then takes new ones', async () => {
		expect(
			(
				await edit(api, 'connections', S3, [
					{ op: 'remove', path: '/auth/params', value: { accessId: 'a', secretKey: 'b' } },
				])
			).status,
		).toBe(200);
		expect((await read(api, 'connections', S3)).auth).toEqual({ specName: 'Access Key' });
		const r = await edit(api, 'connections', S3, [
			{
				op: 'add',
				path: '/auth/params',
				value: { s3AccessKey: 'AKIAEMULATORNEWKEY33', s3SecretKey: SECRET },
			},
		]);
		expect(r.status).toBe(200);
		await expectValidAccount(api, S3);
	});

	it('switches an SFTP account from a password to an SSH key; both secrets masked and redacted', async () => {
		const sftp = ACCOUNT_IDS.prod.partnerSftp;
		const key = Buffer.from('-----BEGIN OPENSSH PRIVATE KEY-----new').toString('base64');
		expect(
			(
				await edit(api, 'connections', sftp, [
					{ op: 'replace', path: '/auth/params/password', value: 'n3w-pa55' },
				])
			).status,
		).toBe(200);
		const r = await edit(api, 'connections', sftp, [
			{
				op: 'replace',
				path: '/auth',
				value: {
					specName: 'SFTP with SSH Key',
					params: { host: 'sftp.example.com', port: 22, username: 'u', sshKey: key },
				},
			},
		]);
		expect(r.status).toBe(200);
		const account = await expectValidAccount(api, sftp);
		expect(account.auth).toEqual({
			specName: 'SFTP with SSH Key',
			params: {
				domain: 'sftp.example.com',
				port: 22,
				username: 'u',
				sshKey: 'X'.repeat(key.length),
			},
		});
		const log = JSON.stringify(api.emu.requests());
		expect(log).not.toContain('n3w-pa55');
		expect(log).not.toContain(key);
	});

	it('edits an account of the dev sandbox there, and answers 404 for it in prod', async () => {
		const dev = ACCOUNT_IDS.dev.archiveBlob;
		const ops = [{ op: 'add', path: '/description', value: 'dev archive' }];
		expect((await edit(api, 'connections', dev, ops, SANDBOX_DEV)).status).toBe(200);
		const { etag } = await read(api, 'connections', dev, SANDBOX_DEV);
		const r = await patchConnection(api, 'connections', dev, etag, ops);
		expect(expectFlowError(r, '1439-404').report).toMatchObject({ type: 'connections', id: dev });
	});

	describe('refusals, storing nothing', () => {
		let before: Record<string, any>;
		beforeEach(async () => {
			before = await read(api, 'connections', S3);
		});
		afterEach(async () => {
			expect(await read(api, 'connections', S3)).toEqual(before);
		});
		const ops = [{ op: 'replace', path: '/name', value: 'x' }];

		it('without If-Match: 1403-400', async () => {
			expectFlowError(await patchConnection(api, 'connections', S3, undefined, ops), '1403-400');
		});

		it('with a stale etag, or one without its quotes: 1404-412 naming both versions', async () => {
			const stale = '"00000000-0000-0200-0000-000000000000"';
			const error = expectFlowError(
				await patchConnection(api, 'connections', S3, stale, ops),
				'1404-412',
			);
			expect(error.errorMessage).toBe(
				`Supplied version=[${stale}] does not match the current version on entity=[${before.etag}]`,
			);
			expect(error.report).toMatchObject({ id: S3, type: 'connections' });
			const unquoted = before.etag.replace(/"/g, '');
			expectFlowError(await patchConnection(api, 'connections', S3, unquoted, ops), '1404-412');
		});

		it('without a JSON content type: Platform’s 400', async () => {
			const r = await patchConnection(api, 'connections', S3, before.etag, ops, {
				headers: { 'content-type': 'text/plain' },
			});
			expect(r.status).toBe(400);
			expect(r.data).toMatchObject({
				title: 'BadRequestError',
				detail: 'A valid content-type must be specified',
			});
		});

		it.each([
			['an empty body', '', '1405-400', /cannot be null or empty/],
			['an empty array', '[]', '1405-400', /cannot be null or empty/],
			['a body that is not JSON', '[{"op":', '1455-400', /not valid JSON/],
			[
				'move',
				[{ op: 'move', from: '/name', path: '/description', value: 1 }],
				'1434-400',
				/Unsupported operation 'move'/,
			],
			[
				'a service-managed field',
				[{ op: 'replace', path: '/connectionSpec', value: { id: 'x', version: '1.0' } }],
				'1455-400',
				/"\/connectionSpec" is managed by the service/,
			],
			[
				'a path that does not exist',
				[{ op: 'replace', path: '/auth/nope/x', value: 1 }],
				'1455-400',
				/operation 0 .* failed/,
			],
			[
				'an access key that breaks the spec’s pattern',
				[{ op: 'replace', path: '/auth/params/s3AccessKey', value: 'lowercase' }],
				'1100-400',
				/auth.params.s3AccessKey: must match pattern/,
			],
			[
				'credentials missing a required one',
				[{ op: 'replace', path: '/auth/params', value: { s3AccessKey: 'AKIAEMULATORNEWKEY22' } }],
				'1100-400',
				/auth.params.s3SecretKey: is required/,
			],
			[
				'an auth spec of another destination',
				[{ op: 'replace', path: '/auth/specName', value: 'ConnectionString' }],
				'1100-400',
				/auth.specName: must be one of Access Key, Assumed Role/,
			],
			[
				'no credentials at all',
				[{ op: 'remove', path: '/auth', value: {} }],
				'1100-400',
				/auth: must be an object/,
			],
			[
				'an empty name',
				[{ op: 'replace', path: '/name', value: '' }],
				'1100-400',
				/name: must be a non-empty string/,
			],
		])('%s', async (_case, body, code, message) => {
			const r = await patchConnection(api, 'connections', S3, before.etag, body);
			const error = expectFlowError(r, code);
			expect(error.errorMessage).toMatch(message);
			expect(JSON.stringify(error)).not.toContain(SECRET);
		});

		it('for an unknown account: 1439-404', async () => {
			const r = await patchConnection(api, 'connections', 'nope', before.etag, ops);
			expect(expectFlowError(r, '1439-404').report.type).toBe('connections');
		});
	});

	it('refuses credentials on an account whose spec takes none (Data Landing Zone)', async () => {
		const r = await edit(api, 'connections', ACCOUNT_IDS.prod.landingZone, [
			{ op: 'add', path: '/auth', value: { specName: 'x', params: {} } },
		]);
		expect(expectFlowError(r, '1100-400').errorMessage).toMatch(
			/auth: connection spec .* takes no credentials/,
		);
	});
});

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
