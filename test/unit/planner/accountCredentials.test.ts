import { CONNECTION_SPECS } from '../../../emulator/fixtures/ids';
import { connectionSpec } from '../../../emulator/specs/catalogue';
import type { ConnectionSpec, DestinationAccount } from '@node/model/destination';
import { InputError } from '@node/model/inputError';
import { planCredentials } from '@node/planner/accountCredentials';
import { parseCredentials } from '@node/rules/accountCredentials';

const specOf = (id: string) => connectionSpec(id) as unknown as ConnectionSpec;
const S3 = specOf(CONNECTION_SPECS.amazonS3);
const SFTP = specOf(CONNECTION_SPECS.sftp);
const DLZ = specOf(CONNECTION_SPECS.dataLandingZone);

const ACCESS_KEY = 'AKIANEWKEYEXAMPLE234';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function account(auth?: { specName: string; params: Record<string, unknown> }): DestinationAccount {
	return { id: 'acc-1', name: 'Account', etag: '"e1"', ...(auth ? { auth } : {}) };
}
const s3Account = account({
	specName: 'Access Key',
	params: { s3AccessKey: 'AKIAOLDKEYEXAMPLE234', s3SecretKey: 'X'.repeat(40) },
});
const sftpAccount = account({
	specName: 'SFTP with Password',
	params: { domain: 'sftp.example.com', port: 22, username: 'aep', password: 'XXXXXXXX' },
});

function thrown(run: () => unknown): InputError {
	try {
		run();
	} catch (error) {
		return error as InputError;
	}
	throw new Error('expected an InputError');
}

describe('planCredentials', () => {
	it('adds /auth/params with every param when the account keeps its way of signing in', () => {
		const plan = planCredentials(s3Account, S3, {
			s3AccessKey: ACCESS_KEY,
			s3SecretKey: SECRET_KEY,
		});
		expect(plan).toEqual({
			operations: [
				{
					op: 'add',
					path: '/auth/params',
					value: { s3AccessKey: ACCESS_KEY, s3SecretKey: SECRET_KEY },
				},
			],
			authType: 'Access Key',
			previousAuthType: 'Access Key',
			updated: ['s3AccessKey', 's3SecretKey'],
			kept: [],
		});
	});

	it('keeps the non-secret params (never a masked secret) of the account', () => {
		const plan = planCredentials(sftpAccount, SFTP, { password: 'new-password' });
		expect(plan.operations).toEqual([
			{
				op: 'add',
				path: '/auth/params',
				value: { password: 'new-password', domain: 'sftp.example.com', port: 22, username: 'aep' },
			},
		]);
		expect(plan.kept).toEqual(['domain', 'port', 'username']);
	});

	it('switches to the auth spec that takes the given params, replacing /auth whole', () => {
		const plan = planCredentials(sftpAccount, SFTP, { sshKey: 'c3NoLWtleQ==' });
		expect(plan.operations).toEqual([
			{
				op: 'replace',
				path: '/auth',
				value: {
					specName: 'SFTP with SSH Key',
					params: { sshKey: 'c3NoLWtleQ==', domain: 'sftp.example.com', port: 22, username: 'aep' },
				},
			},
		]);
		expect(plan).toMatchObject({
			authType: 'SFTP with SSH Key',
			previousAuthType: 'SFTP with Password',
		});
	});

	it('adds /auth to an account without one', () => {
		const plan = planCredentials(account(), S3, {
			s3AccessKey: ACCESS_KEY,
			s3SecretKey: SECRET_KEY,
		});
		expect(plan.operations[0]).toMatchObject({ op: 'add', path: '/auth' });
		expect(plan.previousAuthType).toBeNull();
	});

	it('needs every required secret, since Adobe replaces all params at once', () => {
		const error = thrown(() => planCredentials(s3Account, S3, { s3AccessKey: ACCESS_KEY }));
		expect(error.field).toBe('authParams');
		expect(error.message).toBe(
			'Access Key of Amazon S3 needs Secret Access Key as well: Adobe replaces all credentials of an account at once',
		);
	});

	it('names a credential the destination does not take, and the ones it does', () => {
		const error = thrown(() => planCredentials(s3Account, S3, { sshKey: 'c3No' }));
		expect(error.field).toBe('authParams.sshKey');
		expect(error.message).toBe(
			'Amazon S3 takes no SSH Key; its credentials are Access Key (Access Key ID, Secret Access Key); Assumed Role (s3Role)',
		);
	});

	it('refuses credentials no single way of signing in takes together', () => {
		const error = thrown(() =>
			planCredentials(sftpAccount, SFTP, { password: 'p', sshKey: 'c3No' }),
		);
		expect(error.field).toBe('authParams');
		expect(error.message).toMatch(
			/^No one way of signing in to SFTP takes all of Password, SSH Key/,
		);
	});

	it('checks the form without quoting the value', () => {
		const error = thrown(() =>
			planCredentials(s3Account, S3, { s3AccessKey: 'lower-case-key', s3SecretKey: SECRET_KEY }),
		);
		expect(error.field).toBe('authParams.s3AccessKey');
		expect(error.message).toBe(
			'Access Key ID does not have the form Amazon S3 requires (Access Key)',
		);
		expect(error.message).not.toContain('lower-case-key');
	});

	it('refuses a destination whose accounts have no credentials', () => {
		const error = thrown(() => planCredentials(account(), DLZ, { password: 'p' }));
		expect(error.message).toBe('Data Landing Zone accounts have no credentials to update');
	});
});

describe('parseCredentials', () => {
	it('keeps the given ones, trimmed; empty ones are not given', () => {
		expect(parseCredentials({ password: ' p ', sshKey: '' })).toEqual({ password: 'p' });
	});

	it('needs one', () => {
		expect(thrown(() => parseCredentials({})).message).toMatch(/^Add the credentials to set/);
	});

	it('names a value that is no text by its kind only', () => {
		for (const [value, kind] of [
			[12345, 'a number'],
			[true, 'a boolean'],
			[{ a: 1 }, 'an object'],
			[['x'], 'a list'],
		] as const) {
			const error = thrown(() => parseCredentials({ password: value }));
			expect(error.field).toBe('authParams.password');
			expect(error.message).toBe(`Password must be text, got ${kind}`);
		}
		expect(thrown(() => parseCredentials({ sshKey: '   ' })).message).toBe('SSH Key is blank');
	});
});
