import axios from 'axios';
import { randomBytes } from 'node:crypto';

import { startEmulator, type RunningEmulator } from '../../emulator';
import { DEFAULT_IMS_ORG } from '../../emulator/identity';
import {
	ACCOUNT_IDS,
	PROFILE_MAPPING_FLOW_ID,
	TUTORIAL_FLOW_ID,
} from '../../emulator/fixtures/ids';
import { byId, runNode } from '../workflow-mocked/setup';
import type { RunWorkflowResult } from '../harness';
import { printFigure } from './report';

const CLIENT_ID = 'secrets-probe-client';
const SECRET = `S3cr3t-Pr0be-${randomBytes(8).toString('hex')}`;
const WRONG_SECRET = `${SECRET}-Wr0ng`;
/** Credentials the node sets on destination accounts, of the forms their auth specs require. */
const pick = (alphabet: string, length: number) =>
	Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
const ACCOUNT_SECRETS = {
	s3AccessKey: `AKIA${pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
	s3SecretKey: pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 40),
	password: `Sftp-Pr0be-${randomBytes(8).toString('hex')}`,
	sshKey: randomBytes(48).toString('base64'),
};
/**
 * As the fields' hints ask, an expression gives the value (here built from two halves, as a
 * secrets lookup would give it), so the saved workflow never holds it whole.
 */
const fromExpression = (secret: string) =>
	`={{ ${JSON.stringify([secret.slice(0, 6), secret.slice(6)])}.join('') }}`;
const updateCredentials = (
	accountId: string,
	secrets: Record<string, string>,
	options: Record<string, unknown> = {},
) =>
	runNode(
		{
			resource: 'destinationAccount',
			operation: 'updateCredentials',
			accountId: byId(accountId),
			authParams: Object.fromEntries(
				Object.entries(secrets).map(([param, secret]) => [param, fromExpression(secret)]),
			),
			options: { retryInitialDelay: 1, ...options },
		},
		{ credential: oauth() },
	);
let emulator: RunningEmulator;
let pastedToken: string;
const issuedTokens: string[] = [];
const searched: string[] = [];

function oauth(secret = SECRET) {
	return {
		authMode: 'oAuthServerToServer',
		clientId: CLIENT_ID,
		clientSecret: secret,
		imsOrgId: DEFAULT_IMS_ORG,
		sandboxName: 'prod',
		platformHost: emulator.url,
		imsHost: emulator.url,
	};
}
function pasted() {
	return {
		authMode: 'accessToken',
		clientId: CLIENT_ID,
		accessToken: pastedToken,
		imsOrgId: DEFAULT_IMS_ORG,
		sandboxName: 'prod',
		platformHost: emulator.url,
		imsHost: emulator.url,
	};
}

/** Everything a user or an operator can see of a run: outputs, errors (stack included), run data. */
function record(result: RunWorkflowResult): void {
	for (const update of result.credentialUpdates)
		if (typeof update.data.sessionToken === 'string') issuedTokens.push(update.data.sessionToken);
	const error = result.error as (Error & Record<string, unknown>) | undefined;
	searched.push(
		JSON.stringify(result.runData),
		JSON.stringify(error ?? null),
		String(error?.stack ?? ''),
		String(error?.description ?? ''),
	);
}

/** n8n's log lines of the running test, or none when N8N_TEST_LOG=console left them on the console. */
function n8nLogLines(): string[] {
	return (globalThis as { n8nLogLines?: string[] }).n8nLogLines ?? [];
}

describe('secrets never show in outputs, errors or logs', () => {
	const logs: string[] = [];
	let restore: () => void;

	beforeAll(async () => {
		emulator = await startEmulator({ clients: [{ clientId: CLIENT_ID, clientSecret: SECRET }] });
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: CLIENT_ID,
			client_secret: SECRET,
			scope: 'openid',
		});
		pastedToken = (await axios.post(`${emulator.url}/ims/token/v3`, form.toString())).data
			.access_token;
		const capture = (write: typeof process.stdout.write) =>
			((chunk: unknown, ...rest: unknown[]) => {
				logs.push(String(chunk));
				return (write as (...args: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
			}) as typeof process.stdout.write;
		const [out, err, log] = [process.stdout.write, process.stderr.write, console.log];
		process.stdout.write = capture(out);
		process.stderr.write = capture(err);
		console.log = (...args: unknown[]) => logs.push(args.map(String).join(' '));
		restore = () => {
			process.stdout.write = out;
			process.stderr.write = err;
			console.log = log;
		};
	});

	afterAll(async () => {
		restore();
		await emulator.close();
	});

	const scenarios: Array<[string, () => Promise<RunWorkflowResult>]> = [
		[
			'OAuth get',
			() => runNode({ operation: 'get', flowId: byId(TUTORIAL_FLOW_ID) }, { credential: oauth() }),
		],
		[
			'OAuth add',
			() =>
				runNode(
					{
						operation: 'addAudiences',
						flowId: byId(TUTORIAL_FLOW_ID),
						audiences: { audience: [{ id: '0b0b0b0b-1111-4222-8333-444444444441' }] },
					},
					{ credential: oauth() },
				),
		],
		[
			'OAuth wrong secret',
			() =>
				runNode(
					{ operation: 'get', flowId: byId(TUTORIAL_FLOW_ID) },
					{ credential: oauth(WRONG_SECRET) },
				),
		],
		[
			'pasted token get',
			() => runNode({ operation: 'get', flowId: byId(TUTORIAL_FLOW_ID) }, { credential: pasted() }),
		],
		[
			'missing flow',
			() =>
				runNode(
					{ operation: 'get', flowId: byId('00000000-0000-4000-8000-000000000000') },
					{ credential: pasted() },
				),
		],
		[
			'bad input',
			() =>
				runNode(
					{ operation: 'removeAudiences', flowId: byId(TUTORIAL_FLOW_ID), audienceKeys: 'nope' },
					{ credential: oauth() },
				),
		],
		[
			'conflicts exhausted',
			async () => {
				emulator.injectFault({ type: 'concurrentWrite', method: 'PATCH', count: 5 });
				return await runNode(
					{
						operation: 'updateInfo',
						flowId: byId(TUTORIAL_FLOW_ID),
						updateFields: { name: 'x' },
						options: { maxConflictRetries: 1, retryInitialDelay: 1 },
					},
					{ credential: oauth() },
				);
			},
		],
		[
			'server errors exhausted',
			async () => {
				emulator.injectFault({ type: 'error', status: 503, count: 10 });
				return await runNode(
					{
						operation: 'get',
						flowId: byId(TUTORIAL_FLOW_ID),
						options: { maxRetries: 1, retryInitialDelay: 1 },
					},
					{ credential: oauth() },
				);
			},
		],
		[
			'OAuth create, dry run and real',
			async () => {
				const create = (options: Record<string, unknown>) =>
					runNode(
						{
							operation: 'create',
							dataflowName: 'Secret scan campaign',
							accountId: byId(ACCOUNT_IDS.prod.marketingS3),
							exportSettings: {
								bucketName: 'scan',
								folderPath: 'x',
								fileType: 'CSV',
								compression: 'NONE',
							},
							options,
						},
						{ credential: oauth() },
					);
				record(await create({ dryRun: true }));
				return await create({});
			},
		],
		[
			'create failing after its connections (cleaned up)',
			async () => {
				emulator.injectFault({
					type: 'error',
					status: 503,
					method: 'POST',
					path: '/data/foundation/flowservice/flows',
					count: 10,
				});
				return await runNode(
					{
						operation: 'create',
						createFrom: 'template',
						templateFlowId: byId(PROFILE_MAPPING_FLOW_ID),
						dataflowName: 'Secret scan copy',
						options: { maxRetries: 1, retryInitialDelay: 1 },
					},
					{ credential: oauth() },
				);
			},
		],
		[
			'destination accounts, raw and simplified',
			async () => {
				record(
					await runNode(
						{
							resource: 'destinationAccount',
							operation: 'getMany',
							returnAll: true,
							simplify: false,
						},
						{ credential: oauth() },
					),
				);
				return await runNode(
					{
						resource: 'destinationAccount',
						operation: 'get',
						accountId: byId(ACCOUNT_IDS.prod.partnerSftp),
						simplify: true,
					},
					{ credential: pasted() },
				);
			},
		],
		[
			'get with destination details',
			() =>
				runNode(
					{
						operation: 'get',
						flowId: byId(PROFILE_MAPPING_FLOW_ID),
						options: { includeDestinationDetails: true },
					},
					{ credential: oauth() },
				),
		],
		[
			'account credentials, dry run and real (S3 keys)',
			async () => {
				emulator.clearFaults();
				const keys = {
					s3AccessKey: ACCOUNT_SECRETS.s3AccessKey,
					s3SecretKey: ACCOUNT_SECRETS.s3SecretKey,
				};
				record(await updateCredentials(ACCOUNT_IDS.prod.marketingS3, keys, { dryRun: true }));
				return await updateCredentials(ACCOUNT_IDS.prod.marketingS3, keys);
			},
		],
		[
			'account credentials: SFTP password, then SSH key',
			async () => {
				const sftp = ACCOUNT_IDS.prod.partnerSftp;
				record(await updateCredentials(sftp, { password: ACCOUNT_SECRETS.password }));
				return await updateCredentials(sftp, { sshKey: ACCOUNT_SECRETS.sshKey });
			},
		],
		[
			'account credentials refused: a secret missing, a wrong form, a credential not taken',
			async () => {
				const s3 = ACCOUNT_IDS.prod.marketingS3;
				record(await updateCredentials(s3, { s3AccessKey: ACCOUNT_SECRETS.s3AccessKey }));
				record(
					await updateCredentials(s3, {
						s3AccessKey: ACCOUNT_SECRETS.s3AccessKey,
						s3SecretKey: ACCOUNT_SECRETS.password,
					}),
				);
				return await updateCredentials(s3, { password: ACCOUNT_SECRETS.password });
			},
		],
		[
			'account credentials: conflicts and server errors exhausted',
			async () => {
				const sftp = ACCOUNT_IDS.prod.partnerSftp;
				emulator.injectFault({ type: 'concurrentWrite', method: 'PATCH', count: 5 });
				record(
					await updateCredentials(
						sftp,
						{ password: ACCOUNT_SECRETS.password },
						{ maxConflictRetries: 1 },
					),
				);
				emulator.clearFaults();
				emulator.injectFault({ type: 'error', status: 503, method: 'PATCH', count: 10 });
				return await updateCredentials(
					sftp,
					{ password: ACCOUNT_SECRETS.password },
					{ maxRetries: 1 },
				);
			},
		],
		[
			'pasted token expired',
			async () => {
				emulator.expireTokens();
				return await runNode(
					{ operation: 'get', flowId: byId(TUTORIAL_FLOW_ID) },
					{ credential: pasted() },
				);
			},
		],
	];

	it.each(scenarios)('%s', async (_name, scenario) => {
		record(await scenario());
		// What n8n's logger wrote during the scenario (kept off the console: test/quietEnvironment.js).
		logs.push(...n8nLogLines());
	});

	it('finds none of the secret values anywhere', () => {
		// The S3 access key ID is an identifier to Adobe (its auth spec does not mark it a secret),
		// so the emulator's log keeps it like a user name; the node still never shows it.
		const fromNode = [...searched, ...logs].join('\n');
		expect(fromNode.split(ACCOUNT_SECRETS.s3AccessKey)).toHaveLength(1);
		searched.push(JSON.stringify(emulator.requests()), ...logs);
		const secrets = [
			SECRET,
			WRONG_SECRET,
			pastedToken,
			...issuedTokens,
			ACCOUNT_SECRETS.s3SecretKey,
			ACCOUNT_SECRETS.password,
			ACCOUNT_SECRETS.sshKey,
		];
		const haystack = searched.join('\n');
		const occurrences = secrets.reduce(
			(count, secret) => count + haystack.split(secret).length - 1,
			0,
		);
		printFigure(
			`secret occurrences (in-process): ${occurrences} in ${haystack.length} characters of outputs, errors, logs and the emulator log, ${secrets.length} secret values`,
		);
		// The search is real: tokens were issued and used, so there was something to leak.
		expect(issuedTokens.length).toBeGreaterThan(0);
		expect(occurrences).toBe(0);
	});
});
