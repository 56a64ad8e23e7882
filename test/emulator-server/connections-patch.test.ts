import { ACCOUNT_IDS, SANDBOX_DEV } from '../../emulator';
import { authSpecValidator, problems, schema } from './openapi';
import { edit, patchConnection, read } from './connections';
import { ETAG_FORMAT, expectFlowError, useApi, type TestApi } from './support';

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
