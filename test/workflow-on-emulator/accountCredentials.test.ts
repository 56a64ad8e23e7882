import { ACCOUNT_IDS, CONNECTION_SPECS } from '../../emulator/fixtures/ids';
import { byId, outputJson, runNode } from '../workflow-mocked/setup';
import { calls, tokenCredential, useEmulator } from './setup';

const emulator = useEmulator({ slowWorkflows: true });

/** Values of the forms Amazon S3's auth spec requires (AWS's documented example key pair). */
const NEW_ACCESS_KEY = 'AKIANEWKEYEXAMPLE234';
const NEW_SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const NEW_SSH_KEY = Buffer.from('-----BEGIN OPENSSH PRIVATE KEY-----new').toString('base64');
const S3 = ACCOUNT_IDS.prod.marketingS3;
const SFTP = ACCOUNT_IDS.prod.partnerSftp;

/** As the fields' hints ask: each credential an expression, its value from the input item. */
function updateCredentials(
	accountId: string,
	secrets: Record<string, unknown>,
	options: Record<string, unknown> = {},
) {
	const authParams = Object.fromEntries(
		Object.keys(secrets).map((param) => [param, `={{ $json.${param} }}`]),
	);
	return runNode(
		{
			resource: 'destinationAccount',
			operation: 'updateCredentials',
			accountId: byId(accountId),
			authParams,
			options: { retryInitialDelay: 0, ...options },
		},
		{
			credential: tokenCredential(emulator.current),
			triggerItems: [{ json: secrets as never }],
		},
	);
}

function stored(accountId: string) {
	return emulator.current.getConnection(accountId)!.connection as unknown as {
		etag: string;
		auth: { specName: string; params: Record<string, unknown> };
	};
}

/** Nothing the node gives back holds a secret it was given. */
function expectNoSecrets(result: unknown, ...secrets: string[]) {
	const text = JSON.stringify(result);
	for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('Destination Account › Update Credentials against the emulator', () => {
	it('reads the account and its auth specs, then PATCHes /auth/params with the account’s etag', async () => {
		const before = stored(S3);
		const result = await updateCredentials(S3, {
			s3AccessKey: NEW_ACCESS_KEY,
			s3SecretKey: NEW_SECRET_KEY,
		});

		expect(calls(emulator.current)).toEqual([
			`GET /connections/${S3}`,
			`GET /connectionSpecs/${CONNECTION_SPECS.amazonS3}`,
			`PATCH /connections/${S3}`,
		]);
		const patch = emulator.current.requests()[2];
		expect(patch.status).toBe(200);
		expect(patch.headers['if-match']).toBe(before.etag);
		const after = stored(S3);
		// The emulator keeps secrets masked, as Adobe answers them.
		expect(after.auth).toEqual({
			specName: 'Access Key',
			params: { s3AccessKey: NEW_ACCESS_KEY, s3SecretKey: 'X'.repeat(40) },
		});
		expect(after.etag).not.toBe(before.etag);
		const [item] = outputJson(result);
		expect(item).toEqual({
			summary: `Updated the credentials of destination account Marketing exports (S3) (${S3}): Access Key, s3AccessKey, s3SecretKey`,
			changed: true,
			account: { id: S3, name: 'Marketing exports (S3)' },
			destination: 'Amazon S3',
			authType: 'Access Key',
			previousAuthType: 'Access Key',
			updated: ['s3AccessKey', 's3SecretKey'],
			kept: [],
			etag: after.etag,
			previousEtag: before.etag,
			conflictRetries: 0,
			transientRetries: 0,
		});
		expectNoSecrets(result.output('Flow Service Destination'), NEW_SECRET_KEY, NEW_ACCESS_KEY);
	});

	it('switching SFTP from password to SSH key replaces /auth and keeps domain, port and user', async () => {
		const before = stored(SFTP);
		expect(before.auth.specName).toBe('SFTP with Password');
		const [item] = outputJson(await updateCredentials(SFTP, { sshKey: NEW_SSH_KEY }));

		expect(calls(emulator.current)).toEqual([
			`GET /connections/${SFTP}`,
			`GET /connectionSpecs/${CONNECTION_SPECS.sftp}`,
			`PATCH /connections/${SFTP}`,
		]);
		expect(stored(SFTP).auth).toEqual({
			specName: 'SFTP with SSH Key',
			params: {
				sshKey: 'X'.repeat(NEW_SSH_KEY.length),
				domain: 'sftp.partner.example.com',
				port: 22,
				username: 'aep-export',
			},
		});
		expect(item).toMatchObject({
			authType: 'SFTP with SSH Key',
			previousAuthType: 'SFTP with Password',
			updated: ['sshKey'],
			kept: ['domain', 'port', 'username'],
		});
		expectNoSecrets(item, NEW_SSH_KEY);
	});

	it('on 412 reads the account again and sends with its new etag', async () => {
		emulator.current.injectFault({
			type: 'concurrentWrite',
			method: 'PATCH',
			path: '/data/foundation/flowservice/connections/*',
		});
		const [item] = outputJson(await updateCredentials(SFTP, { password: 'n3w-Pa55word' }));

		expect(calls(emulator.current)).toEqual([
			`GET /connections/${SFTP}`,
			`GET /connectionSpecs/${CONNECTION_SPECS.sftp}`,
			`PATCH /connections/${SFTP}`,
			`GET /connections/${SFTP}`,
			`PATCH /connections/${SFTP}`,
		]);
		const patches = emulator.current.requests().filter((request) => request.method === 'PATCH');
		expect(patches.map((request) => request.status)).toEqual([412, 200]);
		expect(patches[1].headers['if-match']).not.toBe(patches[0].headers['if-match']);
		expect(stored(SFTP).auth.params.password).toBe('X'.repeat('n3w-Pa55word'.length));
		expect(item).toMatchObject({ changed: true, conflictRetries: 1 });
		expectNoSecrets(item, 'n3w-Pa55word');
	});

	it('Dry Run reads, shows what would change and sends nothing', async () => {
		const before = stored(S3);
		const result = await updateCredentials(
			S3,
			{ s3AccessKey: NEW_ACCESS_KEY, s3SecretKey: NEW_SECRET_KEY },
			{ dryRun: true },
		);
		expect(calls(emulator.current).some((call) => call.startsWith('PATCH'))).toBe(false);
		expect(stored(S3)).toEqual(before);
		const [item] = outputJson(result);
		expect(item).toMatchObject({ changed: false, dryRun: true, etag: before.etag });
		expect(item.summary).toMatch(/^Would update the credentials/);
		expectNoSecrets(result.output('Flow Service Destination'), NEW_SECRET_KEY, NEW_ACCESS_KEY);
	});

	it('a secret the way of signing in needs, not given, fails naming it; nothing is written', async () => {
		const result = await updateCredentials(S3, { s3AccessKey: NEW_ACCESS_KEY });
		expect(result.error?.message).toBe(
			'Credentials: Access Key of Amazon S3 needs Secret Access Key as well: Adobe replaces all credentials of an account at once (item 1)',
		);
		expect(calls(emulator.current).some((call) => call.startsWith('PATCH'))).toBe(false);
		expectNoSecrets(result.error, NEW_ACCESS_KEY);
	});

	it('a value of the wrong form fails naming the field, never quoting it', async () => {
		const result = await updateCredentials(S3, {
			s3AccessKey: NEW_ACCESS_KEY,
			s3SecretKey: 'too-short-secret',
		});
		expect(result.error?.message).toBe(
			'Credentials › Secret Access Key: Secret Access Key does not have the form Amazon S3 requires (Access Key) (item 1)',
		);
		expectNoSecrets(result.error, 'too-short-secret', NEW_ACCESS_KEY);
	});

	it('a credential the destination does not take fails naming it', async () => {
		const result = await updateCredentials(S3, { password: 'hunter2-password' });
		expect(result.error?.message).toMatch(
			/^Credentials › Password: Amazon S3 takes no Password; its credentials are Access Key \(Access Key ID, Secret Access Key\); Assumed Role \(s3Role\) \(item 1\)$/,
		);
		expectNoSecrets(result.error, 'hunter2-password');
	});

	it('a credential typed into its field works, with a warning that the workflow holds it in clear text', async () => {
		const result = await emulator.run({
			resource: 'destinationAccount',
			operation: 'updateCredentials',
			accountId: byId(SFTP),
			authParams: { password: 'typed-Pa55word' },
		});
		const [item] = outputJson(result);
		expect(item).toMatchObject({
			changed: true,
			warnings: [
				'Password typed into the node: the saved workflow holds it in clear text; give it as an expression instead',
			],
		});
		expectNoSecrets(result.output('Flow Service Destination'), 'typed-Pa55word');
	});

	it('no credentials fail before any request', async () => {
		const result = await updateCredentials(S3, {});
		expect(result.error?.message).toMatch(/^Credentials: Add the credentials to set/);
		expect(emulator.current.requests()).toEqual([]);
	});
});
