/**
 * Secrets in real n8n (2.x and 1.x: secrets-v2.e2e.test.ts, secrets-v1.e2e.test.ts): a distinctive
 * client secret, a wrong one, a pasted token and an unknown one, used by workflows in OAuth
 * Server-to-Server and Access Token mode that read, update, create (and dry-run create) dataflows
 * and list destination accounts, that succeed and fail (wrong secret, unknown token, 404, bad
 * input, 412 until the retries run out, 503, continue on fail, an expired token renewed), by
 * webhook executions on a server, by the credential Test button over REST, and by destination
 * account credentials the node sets (Update Credentials: S3 keys, an SFTP password and SSH key, a
 * dry run, a refusal), each given by an expression. Then every place a user or an operator can read is searched for the
 * secrets and every token the emulator issued: the output of every n8n command (`--rawOutput` runs
 * included), the error n8n reported, the server's output, n8n's debug log file, every execution as
 * the editor opens it, the webhook and REST answers, and the emulator's request log. Prints the
 * count, which must be 0; and whether any secret is in plain text anywhere in n8n's user folder.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'fs';
import { randomBytes } from 'crypto';
import { tmpdir } from 'os';
import * as path from 'path';

import {
	ACCOUNT_IDS,
	DATABASE_FLOW_ID,
	DEFAULT_IMS_ORG,
	FLOW_SERVICE_BASE_PATH,
	IMS_TOKEN_PATH,
	PROFILE_MAPPING_FLOW_ID,
	STREAMING_AUDIENCE_IDS,
	STREAMING_FLOW_ID,
	TUTORIAL_FLOW_ID,
	startEmulator,
	type RunningEmulator,
} from '../emulator';
import { printFigure } from '../test/reliability/report';
import {
	createUserFolder,
	getExecution,
	getRuntime,
	importCredentials,
	importWorkflows,
	manualTriggerNode,
	installCommunityPackage,
	listExecutions,
	login,
	nodeItems,
	observeCli,
	publishWorkflow,
	repoRoot,
	restRequest,
	runN8n,
	runN8nOk,
	setupOwner,
	startServer,
	testStoredCredential,
	type CliResult,
	type CredentialInput,
	type N8nServer,
	type RestAuth,
	type RuntimeKey,
	type UserFolder,
	branchesTo,
	connectTo,
	postWebhook,
} from '../local-n8n';
import { CREDENTIAL_TYPE, NODE_TYPE, requireBuiltNodes } from '../local-n8n/project';
import { SecretScan, filesUnder, occurrences, type Hit, type Secret } from './secretScan';

type Json = Record<string, any>;

const OWNER = {
	email: 'secrets-owner@example.com',
	password: 'Secrets-E2e-Passw0rd',
	firstName: 'Secrets',
	lastName: 'Owner',
};
const HOOK_PATH = 'secrets-probe';
const MISSING_FLOW_ID = '0000dead-0000-4000-8000-00000000beef';
const NEW_AUDIENCES = [
	'5ec7e75e-0000-4000-8000-000000000001',
	'5ec7e75e-0000-4000-8000-000000000002',
	'5ec7e75e-0000-4000-8000-000000000003',
];
/**
 * Credentials the node sets on destination accounts (Update Credentials), of the forms their auth
 * specs require; random per run.
 */
const pick = (alphabet: string, length: number) =>
	Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
const ACCOUNT_SECRETS = {
	s3AccessKey: `AKIA${pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
	s3SecretKey: pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 40),
	password: `SftpPr0be-${randomBytes(12).toString('hex')}`,
	sshKey: randomBytes(48).toString('base64'),
};
/** The S3 access key ID is an identifier to Adobe (not a secret in its auth spec): the emulator's log keeps it. */
const ACCESS_KEY_LABEL = 'S3 access key ID';
/**
 * As the fields' hints ask, an expression gives each credential (built from two halves, as a
 * secrets lookup would give it), so the saved workflow never holds one whole.
 */
const fromExpression = (secret: string) =>
	`={{ ${JSON.stringify([secret.slice(0, 6), secret.slice(6)])}.join('') }}`;
const credentialsNode = (
	name: string,
	y: number,
	credential: CredentialKey,
	accountId: string,
	given: Record<string, string>,
	options: Json = {},
) =>
	flowNode(name, y, credential, {
		resource: 'destinationAccount',
		operation: 'updateCredentials',
		accountId: byId(accountId),
		authParams: Object.fromEntries(
			Object.entries(given).map(([param, value]) => [param, fromExpression(value)]),
		),
		options,
	});

const CREDENTIALS = {
	oauth: { id: 'secretsOAuthCred', name: 'AEP secrets probe (OAuth)' },
	wrongSecret: { id: 'secretsWrongSecr', name: 'AEP secrets probe (OAuth, wrong secret)' },
	token: { id: 'secretsTokenCred', name: 'AEP secrets probe (access token)' },
	wrongToken: { id: 'secretsWrongTokn', name: 'AEP secrets probe (unknown access token)' },
} as const;
type CredentialKey = keyof typeof CREDENTIALS;

/** A node of this package; every one goes on after a failure (continue on fail) unless `stopOnFail`. */
function flowNode(
	name: string,
	y: number,
	credential: CredentialKey,
	parameters: Json,
	stopOnFail = false,
): Json {
	return {
		id: name.replace(/\W+/g, '-').toLowerCase(),
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [300, y],
		parameters: { options: {}, ...parameters },
		credentials: { adobeExperiencePlatformApi: CREDENTIALS[credential] },
		...(stopOnFail ? {} : { onError: 'continueRegularOutput' }),
	};
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const fromBody = (field: string) => byId(`={{ $json.body.${field} }}`);

/** The branches of the CLI workflow, run top to bottom; each one's expected first item. */
const BRANCHES: Array<{ node: Json; expect: (item: Json) => void }> = [
	{
		node: flowNode('OAuth: get', 0, 'oauth', { operation: 'get', flowId: byId(TUTORIAL_FLOW_ID) }),
		expect: (item) => expect(item).toMatchObject({ id: TUTORIAL_FLOW_ID }),
	},
	{
		node: flowNode('OAuth: add audience', 100, 'oauth', {
			operation: 'addAudiences',
			flowId: byId(TUTORIAL_FLOW_ID),
			audiences: { audience: [{ id: NEW_AUDIENCES[0] }] },
		}),
		expect: (item) => expect(item).toMatchObject({ flowId: TUTORIAL_FLOW_ID, changed: true }),
	},
	{
		node: flowNode('OAuth: wrong secret', 200, 'wrongSecret', {
			operation: 'get',
			flowId: byId(TUTORIAL_FLOW_ID),
		}),
		expect: (item) => expect(JSON.stringify(item)).toContain('invalid_client'),
	},
	{
		node: flowNode('Token: get', 300, 'token', {
			operation: 'get',
			flowId: byId(TUTORIAL_FLOW_ID),
		}),
		expect: (item) => expect(item).toMatchObject({ id: TUTORIAL_FLOW_ID }),
	},
	{
		node: flowNode('Token: unknown token', 400, 'wrongToken', {
			operation: 'get',
			flowId: byId(TUTORIAL_FLOW_ID),
		}),
		expect: (item) => expect(item).toMatchObject({ error: expect.any(String), httpCode: '401' }),
	},
	{
		node: flowNode('Token: missing flow', 500, 'token', {
			operation: 'get',
			flowId: byId(MISSING_FLOW_ID),
		}),
		expect: (item) => expect(item).toMatchObject({ error: expect.any(String), httpCode: '404' }),
	},
	{
		node: flowNode('OAuth: bad input', 600, 'oauth', {
			operation: 'removeAudiences',
			flowId: byId(TUTORIAL_FLOW_ID),
			audienceKeys: 'nope',
		}),
		expect: (item) => expect(item).toMatchObject({ error: expect.any(String) }),
	},
	{
		node: flowNode('OAuth: 412 until the retries run out', 700, 'oauth', {
			operation: 'updateInfo',
			flowId: byId(DATABASE_FLOW_ID),
			updateFields: { name: 'Secrets probe' },
			options: { maxConflictRetries: 1, retryInitialDelay: 1 },
		}),
		expect: (item) => expect(item).toMatchObject({ error: expect.any(String) }),
	},
	{
		node: flowNode('Token: 412, re-planned', 800, 'token', {
			operation: 'removeAudiences',
			flowId: byId(STREAMING_FLOW_ID),
			audienceKeys: STREAMING_AUDIENCE_IDS[0],
		}),
		expect: (item) =>
			expect(item).toMatchObject({ flowId: STREAMING_FLOW_ID, changed: true, conflictRetries: 1 }),
	},
	{
		node: flowNode('OAuth: 503 until the retries run out', 900, 'oauth', {
			operation: 'get',
			flowId: byId(PROFILE_MAPPING_FLOW_ID),
			options: { maxRetries: 1, retryInitialDelay: 1 },
		}),
		expect: (item) => expect(item).toMatchObject({ error: expect.any(String) }),
	},
	{
		node: flowNode('OAuth: create', 1000, 'oauth', {
			operation: 'create',
			dataflowName: 'Secrets probe campaign',
			accountId: byId(ACCOUNT_IDS.prod.marketingS3),
			exportSettings: {
				bucketName: 'probe',
				folderPath: 'x',
				fileType: 'CSV',
				compression: 'NONE',
			},
		}),
		expect: (item) => expect(item).toMatchObject({ created: true, changed: true }),
	},
	{
		node: flowNode('Token: create, dry run', 1100, 'token', {
			operation: 'create',
			dataflowName: 'Secrets probe copy',
			accountId: byId(ACCOUNT_IDS.prod.partnerSftp),
			exportSettings: { folderPath: 'x', fileType: 'JSON', compression: 'NONE' },
			options: { dryRun: true },
		}),
		expect: (item) => expect(item).toMatchObject({ dryRun: true, created: false }),
	},
	{
		node: flowNode('OAuth: destination accounts', 1200, 'oauth', {
			resource: 'destinationAccount',
			operation: 'getMany',
			returnAll: true,
			simplify: false,
		}),
		expect: (item) => expect(item).toMatchObject({ id: expect.any(String) }),
	},
	{
		node: credentialsNode(
			'OAuth: account credentials (S3 keys)',
			1300,
			'oauth',
			ACCOUNT_IDS.prod.marketingS3,
			{
				s3AccessKey: ACCOUNT_SECRETS.s3AccessKey,
				s3SecretKey: ACCOUNT_SECRETS.s3SecretKey,
			},
		),
		expect: (item) =>
			expect(item).toMatchObject({
				changed: true,
				authType: 'Access Key',
				updated: ['s3AccessKey', 's3SecretKey'],
			}),
	},
	{
		node: credentialsNode(
			'Token: account credentials, dry run (SFTP password)',
			1400,
			'token',
			ACCOUNT_IDS.prod.partnerSftp,
			{ password: ACCOUNT_SECRETS.password },
			{ dryRun: true },
		),
		expect: (item) => expect(item).toMatchObject({ changed: false, dryRun: true }),
	},
	{
		node: credentialsNode(
			'OAuth: account credentials refused (a secret of the wrong form)',
			1500,
			'oauth',
			ACCOUNT_IDS.prod.marketingS3,
			{ s3AccessKey: ACCOUNT_SECRETS.s3AccessKey, s3SecretKey: ACCOUNT_SECRETS.password },
		),
		expect: (item) =>
			expect(item).toMatchObject({
				error: expect.stringContaining('Secret Access Key does not have the form'),
			}),
	},
	{
		node: credentialsNode(
			'Token: account credentials (SFTP SSH key)',
			1600,
			'token',
			ACCOUNT_IDS.prod.partnerSftp,
			{
				sshKey: ACCOUNT_SECRETS.sshKey,
			},
		),
		expect: (item) => expect(item).toMatchObject({ changed: true, authType: 'SFTP with SSH Key' }),
	},
];

const START = manualTriggerNode('start', [0, 400]);

function fanOut(from: string, nodes: Json[]): Json {
	return { [from]: connectTo(...nodes.map((node) => String(node.name))) };
}

const BRANCHES_WORKFLOW = {
	id: 'secretsBranches1',
	name: 'Secrets probe: every branch (continue on fail)',
	nodes: [START, ...BRANCHES.map((b) => b.node)],
	connections: fanOut(
		'Start',
		BRANCHES.map((b) => b.node),
	),
	settings: { executionOrder: 'v1' },
};

const FAILING_NODE = flowNode(
	'OAuth: wrong secret (stops the run)',
	0,
	'wrongSecret',
	{ operation: 'get', flowId: byId(TUTORIAL_FLOW_ID) },
	true,
);
const FAILING_WORKFLOW = {
	id: 'secretsFailing01',
	name: 'Secrets probe: wrong secret fails the run',
	nodes: [START, FAILING_NODE],
	connections: fanOut('Start', [FAILING_NODE]),
	settings: { executionOrder: 'v1' },
};

/** Webhook → Switch on body.kind → OAuth add, OAuth with the wrong secret, or Access Token get; answers with the last node's output. */
const HOOK_WORKFLOW = {
	id: 'secretsWebhook01',
	name: 'Secrets probe: webhook',
	nodes: [
		{
			id: 'hook',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '5ec7e75e-0000-4000-8000-00000000f00d',
			parameters: {
				httpMethod: 'POST',
				path: HOOK_PATH,
				responseMode: 'lastNode',
				responseData: 'firstEntryJson',
				options: {},
			},
		},
		{
			id: 'kind',
			name: 'Kind',
			type: 'n8n-nodes-base.switch',
			typeVersion: 3,
			position: [150, 0],
			parameters: {
				mode: 'expression',
				numberOutputs: 3,
				output: '={{ ({ oauth: 0, wrongSecret: 1, token: 2 })[$json.body.kind] }}',
			},
		},
		flowNode(
			'OAuth add',
			-100,
			'oauth',
			{
				operation: 'addAudiences',
				flowId: fromBody('flowId'),
				audiences: { audience: [{ id: '={{ $json.body.audienceId }}' }] },
			},
			true,
		),
		flowNode(
			'OAuth get, wrong secret',
			0,
			'wrongSecret',
			{ operation: 'get', flowId: fromBody('flowId') },
			true,
		),
		flowNode('Token get', 100, 'token', { operation: 'get', flowId: fromBody('flowId') }, true),
	],
	connections: {
		Webhook: connectTo('Kind'),
		Kind: branchesTo('OAuth add', 'OAuth get, wrong secret', 'Token get'),
	},
	settings: { executionOrder: 'v1' },
};

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

const LOG_FILE = 'logs/n8n.log';
/** Every n8n process logs at debug level to the console and to <N8N_USER_FOLDER>/.n8n/logs/n8n.log. */
const DEBUG_LOG_ENV = {
	N8N_LOG_LEVEL: 'debug',
	N8N_LOG_OUTPUT: 'console,file',
	N8N_LOG_FILE_LOCATION: LOG_FILE,
};
/**
 * `n8n execute --rawOutput` prints the run through its logger (2.41.1 and 1.123.81): on a debug
 * console it comes out coloured and wrapped. So `execute` logs to the file only, and the run is read
 * back from there (one JSON object per line, the run as an info message).
 */
const EXECUTE_ENV = { N8N_LOG_OUTPUT: 'file' };

interface LogEntry {
	level: string;
	message: string;
	metadata?: { file?: string; function?: string };
}

function logEntries(file: string, from: number): LogEntry[] {
	if (!existsSync(file)) return [];
	return readFileSync(file)
		.subarray(from)
		.toString('utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as LogEntry);
}

/**
 * `n8n execute --id=<id> --rawOutput` at debug level, the log to the file only; returns the run it
 * printed (read from the log file), its exit and the errors it logged.
 */
async function execute(
	folder: UserFolder,
	id: string,
): Promise<{ run: Json | undefined; cli: CliResult; errors: string[] }> {
	const file = path.join(folder.n8nDir, LOG_FILE);
	const from = existsSync(file) ? statSync(file).size : 0;
	const cli = await runN8n(folder, ['execute', `--id=${id}`, '--rawOutput'], { env: EXECUTE_ENV });
	const entries = logEntries(file, from);
	// A successful run comes through base-command.js's log(), a failed one straight from execute.js.
	const printed = entries.filter(
		(e) => e.level === 'info' && e.message.startsWith('{') && e.message.includes('"resultData"'),
	);
	const run = printed.length
		? (JSON.parse(printed[printed.length - 1].message) as Json)
		: undefined;
	return { run, cli, errors: entries.filter((e) => e.level === 'error').map((e) => e.message) };
}

/**
 * Defines the secret scan for one runtime: `describe('secret scan, n8n <version> (<key>)')`, its
 * tests in order on one emulator, one user folder and one server.
 */
export function describeSecretScan(key: RuntimeKey): void {
	const runtime = getRuntime(key);
	const clientId = `secrets-probe-${hex(4)}`;
	const secret = `S3cr3tProbe-${hex(16)}`;
	const wrongSecret = `Wr0ngS3cr3t-${hex(16)}`;
	const unknownToken = `Unkn0wnT0ken-${hex(24)}`;
	const scan = new SecretScan();
	const ctx = {} as {
		emulator: RunningEmulator;
		stateDir: string;
		folder: UserFolder;
		server: N8nServer;
		owner: RestAuth;
		pastedToken: string;
		stopObserving: () => void;
		webhookCalls: number;
	};

	function credential(key: CredentialKey): CredentialInput {
		const base = {
			clientId,
			imsOrgId: DEFAULT_IMS_ORG,
			sandboxName: 'prod',
			platformHost: ctx.emulator.url,
			imsHost: ctx.emulator.url,
		};
		const data: Record<CredentialKey, Json> = {
			oauth: { authMode: 'oAuthServerToServer', clientSecret: secret },
			wrongSecret: { authMode: 'oAuthServerToServer', clientSecret: wrongSecret },
			token: { authMode: 'accessToken', accessToken: ctx.pastedToken },
			wrongToken: { authMode: 'accessToken', accessToken: unknownToken },
		};
		return { ...CREDENTIALS[key], type: CREDENTIAL_TYPE, data: { ...base, ...data[key] } };
	}

	/** An OAuth webhook execution that adds the audience: it must succeed and change the flow. */
	async function expectOAuthAdd(flowId: string, audienceId: string): Promise<void> {
		expect(await hook({ kind: 'oauth', flowId, audienceId })).toMatchObject({
			status: 200,
			body: { flowId, changed: true },
		});
	}

	async function hook(body: Json): Promise<{ status: number; body: Json }> {
		ctx.webhookCalls++;
		const answer = await postWebhook(ctx.server.url, HOOK_PATH, body);
		scan.add('webhook answers', `POST /webhook/${HOOK_PATH} ${JSON.stringify(body)}`, answer.text);
		return {
			status: answer.status,
			body: (answer.json as Json | undefined) ?? { text: answer.text },
		};
	}

	/** Every token the emulator issued so far, from its state file (the request log redacts them). */
	function issuedTokens(): string[] {
		const file = path.join(ctx.stateDir, 'emulator.json');
		const state = JSON.parse(readFileSync(file, 'utf8')) as {
			auth: { tokens: Array<[string, unknown]> };
		};
		return state.auth.tokens.map(([token]) => token);
	}

	function secrets(): Secret[] {
		const tokens = issuedTokens();
		return [
			{ label: 'client secret', value: secret },
			{ label: 'wrong client secret', value: wrongSecret },
			{ label: 'unknown pasted token', value: unknownToken },
			{ label: 'S3 secret key', value: ACCOUNT_SECRETS.s3SecretKey },
			{ label: 'SFTP password', value: ACCOUNT_SECRETS.password },
			{ label: 'SSH key', value: ACCOUNT_SECRETS.sshKey },
			{ label: ACCESS_KEY_LABEL, value: ACCOUNT_SECRETS.s3AccessKey },
			...tokens.flatMap((token, n) => [
				{ label: token === ctx.pastedToken ? 'pasted token' : `issued token ${n}`, value: token },
				// The random part alone: a token cut short in a message must not slip through either.
				{
					label: `${token === ctx.pastedToken ? 'pasted token' : `issued token ${n}`} (signature)`,
					value: token.split('.')[2],
				},
			]),
		];
	}

	describe(`secret scan, n8n ${runtime.n8nVersion} (${key})`, () => {
		beforeAll(async () => {
			requireBuiltNodes();
			ctx.webhookCalls = 0;
			ctx.stateDir = mkdtempSync(path.join(tmpdir(), 'secrets-emulator-'));
			ctx.emulator = await startEmulator({
				clients: [{ clientId, clientSecret: secret }],
				dataFile: path.join(ctx.stateDir, 'emulator.json'),
			});
			// The pasted token: one the emulator's IMS issued to the probe client, as a user would copy it.
			const form = new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: clientId,
				client_secret: secret,
				scope: 'openid',
			});
			const issued = await fetch(ctx.emulator.imsTokenUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: form.toString(),
			});
			ctx.pastedToken = ((await issued.json()) as { access_token: string }).access_token;
			expect(ctx.pastedToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]{30,}$/);

			ctx.folder = await createUserFolder(key, { env: DEBUG_LOG_ENV });
			ctx.stopObserving = observeCli((result, folder) => {
				if (folder.dir !== ctx.folder.dir) return;
				scan.add('CLI output', `n8n ${result.args.join(' ')} (stdout)`, result.stdout);
				scan.add('CLI output', `n8n ${result.args.join(' ')} (stderr)`, result.stderr);
			});
			installCommunityPackage(ctx.folder, repoRoot);
			await importCredentials(
				ctx.folder,
				(Object.keys(CREDENTIALS) as CredentialKey[]).map(credential),
			);
			await importWorkflows(ctx.folder, [BRANCHES_WORKFLOW, FAILING_WORKFLOW, HOOK_WORKFLOW]);
			await publishWorkflow(ctx.folder, HOOK_WORKFLOW.id);
		});

		afterAll(async () => {
			ctx.stopObserving?.();
			await ctx.server?.stop();
			await ctx.emulator?.close();
			if (ctx.stateDir) rmSync(ctx.stateDir, { recursive: true, force: true });
			if (process.env.E2E_KEEP_FOLDERS) console.log(`kept ${ctx.folder?.dir}`);
			else ctx.folder?.cleanup();
		});

		it('n8n execute: every branch in OAuth and Access Token mode (creates and destination accounts too), failures continued on (wrong secret, unknown token, 404, bad input, 412 and 503 until the retries run out)', async () => {
			const { emulator, folder } = ctx;
			const flowPath = (id: string) => `${FLOW_SERVICE_BASE_PATH}/flows/${id}`;
			emulator.injectFault({
				type: 'concurrentWrite',
				method: 'PATCH',
				path: flowPath(DATABASE_FLOW_ID),
				count: 5,
			});
			emulator.injectFault({
				type: 'concurrentWrite',
				method: 'PATCH',
				path: flowPath(STREAMING_FLOW_ID),
				count: 1,
			});
			emulator.injectFault({
				type: 'error',
				status: 503,
				method: 'GET',
				path: flowPath(PROFILE_MAPPING_FLOW_ID),
				count: 10,
			});

			const { run: data, cli } = await execute(folder, BRANCHES_WORKFLOW.id);
			emulator.clearFaults();

			// n8n 2.41.1 is often killed by SIGSEGV while exiting after a complete run (see local-n8n/README.md).
			expect([cli.code, cli.signal].join()).toMatch(/^0,$|,SIGSEGV$/);
			expect(data?.status).toBe('success');
			for (const branch of BRANCHES) {
				const [item] = nodeItems(data, branch.node.name) as Json[];
				branch.expect(item);
			}
			// Both secrets were really sent to IMS, the right one got a token.
			const tokenCalls = emulator.requests().filter((r) => r.path === IMS_TOKEN_PATH);
			expect(tokenCalls.map((r) => r.status).sort()).toEqual(expect.arrayContaining([200, 401]));
		});

		it("n8n execute: a wrong client secret without continue on fail fails the run with IMS's answer", async () => {
			const { run, cli, errors } = await execute(ctx.folder, FAILING_WORKFLOW.id);
			// Exit 1, or (2.41.1) the SIGSEGV while exiting; never a success.
			expect([cli.code, cli.signal].join()).toMatch(/^1,$|,SIGSEGV$/);
			expect(run?.data.resultData.error.message).toContain('invalid_client');
			expect(errors.join('\n')).toContain('invalid_client');
			// What the run and the log file hold is searched with them; the failure as a user reads it:
			scan.add('n8n errors', 'execute: the errors it logged', errors);
			scan.add('n8n errors', 'execute: the failed node', run?.data.resultData.error);
		});

		describe('on a running server (n8n start)', () => {
			beforeAll(async () => {
				ctx.server = await startServer(ctx.folder, {
					webhooks: [{ path: HOOK_PATH, method: 'POST' }],
				});
				await setupOwner(ctx.server.url, OWNER);
				ctx.owner = await login(ctx.server.url, OWNER.email, OWNER.password);
			});

			it('webhook executions: OAuth and Access Token succeed; missing flow, wrong secret and bad input fail', async () => {
				await expectOAuthAdd(TUTORIAL_FLOW_ID, NEW_AUDIENCES[1]);
				const got = await hook({ kind: 'token', flowId: TUTORIAL_FLOW_ID });
				expect(got).toMatchObject({ status: 200, body: { id: TUTORIAL_FLOW_ID } });
				for (const failing of [
					{ kind: 'oauth', flowId: MISSING_FLOW_ID, audienceId: NEW_AUDIENCES[1] },
					{ kind: 'wrongSecret', flowId: TUTORIAL_FLOW_ID },
					{ kind: 'token', flowId: 'not a dataflow id' },
				]) {
					expect((await hook(failing)).status).toBe(500);
				}
			});

			it('credential Test button over REST: pasted and unknown token; once every token expired, right and wrong secret', async () => {
				const { owner } = ctx;
				const test = async (id: string, overrides: Json = {}) => {
					const result = await testStoredCredential(owner, id, overrides);
					scan.add(
						'REST answers',
						`credential test ${id} ${Object.keys(overrides).join()}`,
						result,
					);
					return [id, result.status, result.message];
				};
				expect(await test(CREDENTIALS.token.id)).toEqual([
					CREDENTIALS.token.id,
					'OK',
					'Connection successful!',
				]);
				expect(await test(CREDENTIALS.wrongToken.id)).toEqual([
					CREDENTIALS.wrongToken.id,
					'Error',
					expect.any(String),
				]);
				// Also with every token expired, the test has to ask IMS with the secret typed in.
				ctx.emulator.expireTokens();
				expect(await test(CREDENTIALS.oauth.id, { clientSecret: wrongSecret })).toEqual([
					CREDENTIALS.oauth.id,
					'Error',
					expect.stringContaining('invalid_client'),
				]);
				expect(await test(CREDENTIALS.wrongSecret.id)).toEqual([
					CREDENTIALS.wrongSecret.id,
					'Error',
					expect.stringContaining('invalid_client'),
				]);
				expect(await test(CREDENTIALS.oauth.id)).toEqual([
					CREDENTIALS.oauth.id,
					'OK',
					'Connection successful!',
				]);
				// What the editor gets when it opens the credentials.
				for (const { id } of Object.values(CREDENTIALS)) {
					const opened = await restRequest(
						owner.url,
						'GET',
						`/rest/credentials/${id}?includeData=true`,
						{ cookie: owner.cookie },
					);
					expect(opened.status).toBe(200);
					scan.add('REST answers', `GET /rest/credentials/${id}?includeData=true`, opened.body);
				}
				scan.add(
					'REST answers',
					'GET /rest/credentials',
					(await restRequest(owner.url, 'GET', '/rest/credentials', { cookie: owner.cookie })).body,
				);
			});

			it('OAuth after every token expired: the webhook execution gets a new token and succeeds', async () => {
				const before = ctx.emulator.tokensIssued();
				ctx.emulator.expireTokens();
				await expectOAuthAdd(STREAMING_FLOW_ID, NEW_AUDIENCES[2]);
				expect(ctx.emulator.tokensIssued()).toBe(before + 1);
			});

			it('every execution as the editor opens it (GET /rest/executions/<id>)', async () => {
				const executions = await listExecutions(ctx.owner);
				scan.add('executions (REST)', 'GET /rest/executions', executions);
				const webhookRuns = executions.filter((e) => e.workflowId === HOOK_WORKFLOW.id);
				expect(webhookRuns).toHaveLength(ctx.webhookCalls);
				for (const { id } of executions) {
					const { text } = await getExecution(ctx.owner, id);
					scan.add('executions (REST)', `GET /rest/executions/${id}`, text);
				}
				console.log(
					`secret scan (${key}): ${executions.length} executions read: ${executions.map((e) => `${e.mode}/${e.status}`).join(' ')}`,
				);
			});
		});

		it(`finds none of the secrets in n8n's outputs, errors, logs, executions and the emulator log`, async () => {
			const { folder } = ctx;
			await ctx.server.stop();
			scan.add('server output', 'n8n start (stdout and stderr)', ctx.server.logs());
			const logFiles = existsSync(path.join(folder.n8nDir, 'logs'))
				? filesUnder(path.join(folder.n8nDir, 'logs'))
				: [];
			expect(logFiles.length).toBeGreaterThan(0);
			for (const file of logFiles) scan.addFile('log files', file);
			// The file log is at debug level: the node's requests are in it.
			expect(logFiles.map((file) => readFileSync(file, 'utf8')).join('\n')).toMatch(/debug/i);
			scan.add('emulator log', 'emulator request log', ctx.emulator.requests());
			await ctx.emulator.close();

			// The sources hold what the runs did: the failures as n8n reported them, the flows, the requests.
			const imsRefusal = 'Adobe IMS refused the token request';
			expect({
				logRefusals: scan.countIn('log files', imsRefusal) > 0,
				logNodeRuns: scan.countIn('log files', 'Running node') > 0,
				serverWebhooks: scan.countIn('server output', 'Received webhook') > 0,
				executionRefusals: scan.countIn('executions (REST)', imsRefusal) > 0,
				executionFlows: scan.countIn('executions (REST)', TUTORIAL_FLOW_ID) > 0,
				webhookAnswers: scan.countIn('webhook answers', TUTORIAL_FLOW_ID) > 0,
				credentialTests: scan.countIn('REST answers', 'invalid_client') > 0,
				emulatorClient: scan.countIn('emulator log', clientId) > 0,
			}).toEqual({
				logRefusals: true,
				logNodeRuns: true,
				serverWebhooks: true,
				executionRefusals: true,
				executionFlows: true,
				webhookAnswers: true,
				credentialTests: true,
				emulatorClient: true,
			});
			const all = secrets();
			// The tokens n8n received: the pasted one and at least two fetched by n8n (first use, after expiry).
			expect(
				all.filter((s) => s.label.startsWith('issued token') && !s.label.endsWith('(signature)'))
					.length,
			).toBeGreaterThanOrEqual(2);
			const hits = scan
				.find(all)
				.filter(
					(hit) => !(hit.secret === ACCESS_KEY_LABEL && hit.source === 'emulator request log'),
				);
			printFigure(
				`secret occurrences (real n8n ${runtime.n8nVersion}): ${occurrences(hits)} (searched ${scan.byteCount} bytes in ${scan.sources.length} sources, ${all.length} secret values)`,
			);
			printFigure(`  sources (${key}): ${scan.summary()}`);
			expect(describeHits(hits)).toEqual([]);
		});

		it('no secret in plain text anywhere in the user folder (database, settings, logs); the search finds them in a decrypted export', async () => {
			const { folder } = ctx;
			ctx.stopObserving();
			const all = secrets();
			const files = filesUnder(folder.dir);
			const stored = new SecretScan();
			for (const file of files) stored.addFile('user folder', file);
			const hits = stored.find(all);
			// The editor's assets (.cache) and the installed package (.n8n/nodes) are searched but not listed.
			const data = files
				.map((f) => path.relative(folder.dir, f))
				.filter((f) => !f.startsWith('.cache/') && !f.startsWith('.n8n/nodes/'));
			printFigure(
				`secret in plain text in the n8n user folder (real n8n ${runtime.n8nVersion}): ${occurrences(hits)} (searched ${files.length} files, ${stored.byteCount} bytes; n8n's data: ${data.join(', ')})`,
			);
			expect(describeHits(hits)).toEqual([]);

			// Control: the credentials n8n stored do hold the secrets, and the search finds them there.
			const exportDir = mkdtempSync(path.join(tmpdir(), 'secrets-export-'));
			try {
				const file = path.join(exportDir, 'credentials.json');
				await runN8nOk(folder, ['export:credentials', '--all', '--decrypted', `--output=${file}`]);
				const found = new SecretScan().addFile('decrypted export', file).find(all);
				const labels = new Set(found.filter((h) => h.form === 'plain').map((h) => h.secret));
				expect([...labels].sort()).toEqual(
					expect.arrayContaining([
						'client secret',
						'pasted token',
						'unknown pasted token',
						'wrong client secret',
					]),
				);
				expect([...labels].some((label) => label.startsWith('issued token'))).toBe(true);
				// And an encoded secret: a Basic auth header of the client is found as base64.
				const basic = `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
				expect(
					new SecretScan()
						.add('control', 'Basic auth header', basic)
						.find(all)
						.map((h) => [h.secret, h.form.split('@')[0]]),
				).toEqual([['client secret', 'base64']]);
			} finally {
				rmSync(exportDir, { recursive: true, force: true });
			}
		});
	});
}

function describeHits(hits: Hit[]): string[] {
	return hits.map((hit) => `${hit.count}x ${hit.secret} (${hit.form}) in ${hit.source}`);
}
