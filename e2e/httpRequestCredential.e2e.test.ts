/**
 * The Adobe credential in n8n's own HTTP Request node, in real n8n 2.x and 1.x: an endpoint the
 * package's node lacks, reached with the credential a user already has. One workflow calls the
 * emulator's GET /data/foundation/flowservice/flows through two HTTP Request nodes (Authentication:
 * Predefined Credential Type, Adobe Experience Platform API), one in OAuth Server-to-Server mode and
 * one in Access Token mode; it runs twice, the second time after every token IMS issued expired.
 * Checked: the exact requests the emulator received (the four Adobe headers; IMS asked once, then
 * again only after a 401), the output, that n8n offers the credential in the HTTP Request node's
 * Credential Type list, and that no secret is in the CLI output or the executions n8n stored.
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { randomBytes } from 'crypto';
import { tmpdir } from 'os';
import * as path from 'path';

import {
	DEFAULT_CLIENT_ID,
	DEFAULT_IMS_ORG,
	FLOW_SERVICE_BASE_PATH,
	IMS_TOKEN_PATH,
	STATIC_ACCESS_TOKEN,
	startEmulator,
	staticTokenHeaders,
	type LoggedRequest,
	type RunningEmulator,
} from '../emulator';
import {
	chainOf,
	createUserFolder,
	executeWorkflow,
	getExecution,
	importCredentials,
	importWorkflow,
	installCommunityPackage,
	listExecutions,
	login,
	manualTriggerNode,
	nodeItems,
	observeCli,
	repoRoot,
	restRequest,
	setupOwner,
	startServer,
	type N8nServer,
	type RestAuth,
	type RuntimeKey,
	type UserFolder,
} from '../local-n8n';
import { CREDENTIAL_TYPE, NODE_TYPE, requireBuiltNodes } from '../local-n8n/project';
import { FlowServiceDestination } from '../nodes/FlowServiceDestination/FlowServiceDestination.node';
import { describeWithRuntime } from './runtimeSuite';
import { SecretScan, filesUnder, occurrences, type Secret } from './secretScan';

/** The Dataflow operations the node declares, in its own order. */
function declaredOperations(): string[] {
	const operation = new FlowServiceDestination().description.properties.find(
		(property) => property.name === 'operation',
	);
	return ((operation?.options ?? []) as Array<{ value: string }>).map((option) => option.value);
}

type Json = Record<string, any>;

const WORKFLOW_ID = 'e2eHttpRequestAep';
const OAUTH_NODE = 'Flows (OAuth Server-to-Server)';
const TOKEN_NODE = 'Flows (Access Token)';
const FLOWS_QUERY = {
	property: 'inheritedAttributes.properties.isDestinationFlow==true',
	limit: '2',
};
const OWNER = {
	email: 'http-request@example.com',
	password: 'Http-Request-Passw0rd',
	firstName: 'Http',
	lastName: 'Request',
};
const CREDENTIALS = {
	oauth: { id: 'httpReqOAuthCred', name: 'AEP for HTTP Request (OAuth)' },
	token: { id: 'httpReqTokenCred', name: 'AEP for HTTP Request (access token)' },
} as const;

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** An HTTP Request node calling the Flow Service listing with the Adobe credential `credential`. */
function httpRequestNode(
	name: string,
	x: number,
	url: string,
	credential: { id: string; name: string },
) {
	return {
		id: name.replace(/\W+/g, '-').toLowerCase(),
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [x, 0],
		parameters: {
			method: 'GET',
			url: `${url}${FLOW_SERVICE_BASE_PATH}/flows`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: CREDENTIAL_TYPE,
			sendQuery: true,
			queryParameters: {
				parameters: Object.entries(FLOWS_QUERY).map(([key, value]) => ({ name: key, value })),
			},
			options: {},
		},
		credentials: { [CREDENTIAL_TYPE]: credential },
	};
}

/**
 * The HTTP Request node's "Credential Type" list as the editor filters it (CredentialsSelect's
 * isSupported in 2.41.1 and 1.123.81): the types that extend a listed parent or have a listed property.
 */
function offeredCredentialTypes(nodeTypes: Json[], credentialTypes: Json[]): string[] {
	const httpRequest = nodeTypes.find(
		(type) =>
			type.name === 'n8n-nodes-base.httpRequest' &&
			[type.version].flat().includes(4.2) &&
			type.properties.some((p: Json) => p.name === 'nodeCredentialType'),
	);
	const wanted = httpRequest!.properties.find((p: Json) => p.name === 'nodeCredentialType')
		.credentialTypes as string[];
	const has = wanted.filter((w) => w.startsWith('has:')).map((w) => w.slice(4));
	const parents = wanted.filter((w) => w.startsWith('extends:')).map((w) => w.slice(8));
	const byName = new Map(credentialTypes.map((type) => [type.name as string, type]));
	const supported = (name: string): boolean => {
		const type = byName.get(name);
		if (!type || type.hidden || type.restrictToSupportedNodes) return false;
		for (const property of has) {
			if (type[property] === undefined) continue;
			if (property === 'authenticate' && (type.genericAuth === true || name === 'httpHeaderAuth'))
				continue;
			return true;
		}
		return ((type.extends ?? []) as string[]).some(
			(parent) => parents.includes(parent) || supported(parent),
		);
	};
	return [...byName.keys()].filter(supported);
}

/** The request as the emulator logged it: method, path, query, status, the four Adobe headers. */
function received(request: LoggedRequest) {
	const url = new URL(request.path, 'http://emulator');
	const pick = ['authorization', 'x-api-key', 'x-gw-ims-org-id', 'x-sandbox-name'];
	return {
		method: request.method,
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		status: request.status,
		headers: Object.fromEntries(
			pick.filter((name) => name in request.headers).map((name) => [name, request.headers[name]]),
		),
	};
}

function describeHttpRequestCredential(key: RuntimeKey): void {
	describeWithRuntime(
		key,
		(n8n) => `the Adobe credential in the HTTP Request node, n8n ${n8n} (${key})`,
		() => {
			const clientId = `http-request-probe-${hex(4)}`;
			const secret = `HttpReqS3cr3t-${hex(16)}`;
			const scan = new SecretScan();
			let stateDir: string;
			let emulator: RunningEmulator;
			let folder: UserFolder;
			let server: N8nServer | undefined;
			let owner: RestAuth;
			let stopObserving: () => void = () => undefined;
			const runs: Json[] = [];

			/** The Flow Service's answer to the same listing, read directly. */
			async function listingAnswer(): Promise<Json> {
				const query = new URLSearchParams(FLOWS_QUERY).toString();
				const answer = await fetch(`${emulator.flowServiceUrl}/flows?${query}`, {
					headers: staticTokenHeaders(),
				});
				return (await answer.json()) as Json;
			}

			async function run(): Promise<Json> {
				emulator.clearRequests();
				const { data } = await executeWorkflow(folder, WORKFLOW_ID);
				runs.push(data as Json);
				return data as Json;
			}

			/** Every value a user must never read: the client secret and every access token. */
			function secrets(): Secret[] {
				const state = JSON.parse(readFileSync(path.join(stateDir, 'emulator.json'), 'utf8')) as {
					auth: { tokens: Array<[string, unknown]> };
				};
				const issued = state.auth.tokens.map(([token]) => token);
				return [
					{ label: 'client secret', value: secret },
					{ label: 'pasted access token', value: STATIC_ACCESS_TOKEN },
					...issued.flatMap((token, n) => [
						{ label: `issued token ${n}`, value: token },
						{ label: `issued token ${n} (signature)`, value: token.split('.')[2] },
					]),
				];
			}

			beforeAll(async () => {
				requireBuiltNodes();
				stateDir = mkdtempSync(path.join(tmpdir(), 'http-request-emulator-'));
				emulator = await startEmulator({
					clients: [{ clientId, clientSecret: secret }],
					dataFile: path.join(stateDir, 'emulator.json'),
				});
				folder = await createUserFolder(key);
				stopObserving = observeCli((result, from) => {
					if (from.dir !== folder.dir) return;
					scan.add('CLI output', `n8n ${result.args.join(' ')}`, result.stdout + result.stderr);
				});
				installCommunityPackage(folder, repoRoot);
				const common = {
					imsOrgId: DEFAULT_IMS_ORG,
					sandboxName: 'prod',
					platformHost: emulator.url,
					imsHost: emulator.url,
				};
				await importCredentials(folder, [
					{
						...CREDENTIALS.oauth,
						type: CREDENTIAL_TYPE,
						data: { ...common, authMode: 'oAuthServerToServer', clientId, clientSecret: secret },
					},
					{
						...CREDENTIALS.token,
						type: CREDENTIAL_TYPE,
						data: {
							...common,
							authMode: 'accessToken',
							clientId: DEFAULT_CLIENT_ID,
							accessToken: STATIC_ACCESS_TOKEN,
						},
					},
				]);
				await importWorkflow(folder, {
					id: WORKFLOW_ID,
					name: 'AEP endpoint through the HTTP Request node (e2e)',
					nodes: [
						manualTriggerNode('start'),
						httpRequestNode(OAUTH_NODE, 200, emulator.url, CREDENTIALS.oauth),
						httpRequestNode(TOKEN_NODE, 400, emulator.url, CREDENTIALS.token),
					],
					connections: chainOf('Start', OAUTH_NODE, TOKEN_NODE),
					settings: { executionOrder: 'v1' },
				});
			}, 300_000);

			afterAll(async () => {
				stopObserving();
				await server?.stop();
				await emulator?.close();
				if (stateDir) rmSync(stateDir, { recursive: true, force: true });
				folder?.cleanup();
			});

			const adobeHeaders = (apiKey: string) => ({
				authorization: 'Bearer ***',
				'x-api-key': apiKey,
				'x-gw-ims-org-id': DEFAULT_IMS_ORG,
				'x-sandbox-name': 'prod',
			});
			const listing = (apiKey: string, status = 200) => ({
				method: 'GET',
				path: `${FLOW_SERVICE_BASE_PATH}/flows`,
				query: FLOWS_QUERY,
				status,
				headers: adobeHeaders(apiKey),
			});
			const tokenRequest = {
				method: 'POST',
				path: IMS_TOKEN_PATH,
				query: {},
				status: 200,
				headers: {},
			};

			it('OAuth Server-to-Server: n8n asks IMS for a token with the client, then sends the listing with the four Adobe headers; Access Token: the pasted token, no IMS', async () => {
				const data = await run();

				const requests = emulator.requests();
				expect(requests.map(received)).toEqual([
					tokenRequest,
					listing(clientId),
					listing(DEFAULT_CLIENT_ID),
				]);
				const [ims] = requests;
				expect(Object.fromEntries(new URLSearchParams(String(ims.body)))).toEqual({
					grant_type: 'client_credentials',
					client_id: clientId,
					client_secret: '***',
					scope:
						'openid,AdobeID,read_organizations,additional_info.projectedProductContext,session',
				});
				const expected = await listingAnswer();
				expect(expected.items).toHaveLength(2);
				for (const name of [OAUTH_NODE, TOKEN_NODE]) {
					expect(nodeItems(data, name)).toEqual([expected]);
				}
			});

			it('runs again with the stored token; once IMS expired it, the 401 makes n8n fetch a new one and repeat the request', async () => {
				const issued = emulator.tokensIssued();
				emulator.expireTokens();

				const data = await run();

				expect(emulator.requests().map(received)).toEqual([
					listing(clientId, 401),
					tokenRequest,
					listing(clientId),
					listing(DEFAULT_CLIENT_ID),
				]);
				expect(emulator.tokensIssued()).toBe(issued + 1);
				expect(nodeItems(data, OAUTH_NODE)).toEqual([await listingAnswer()]);
			});

			describe('on a running server (n8n start)', () => {
				beforeAll(async () => {
					server = await startServer(folder);
					await setupOwner(server.url, OWNER);
					owner = await login(server.url, OWNER.email, OWNER.password);
				}, 300_000);

				it("the HTTP Request node offers the credential as Predefined Credential Type; the package's node keeps its own operations", async () => {
					const get = async (file: string) => {
						const answer = await restRequest<Json[]>(owner.url, 'GET', `/types/${file}`, {
							cookie: owner.cookie,
						});
						expect(answer.status).toBe(200);
						return answer.body;
					};
					const [nodeTypes, credentialTypes] = [
						await get('nodes.json'),
						await get('credentials.json'),
					];

					expect(offeredCredentialTypes(nodeTypes, credentialTypes)).toContain(CREDENTIAL_TYPE);
					const ours = credentialTypes.find((type) => type.name === CREDENTIAL_TYPE)!;
					expect(ours).toMatchObject({
						displayName: 'Adobe Experience Platform API',
						authenticate: {},
					});
					const operations = nodeTypes
						.find((type) => type.name === NODE_TYPE)!
						.properties.find((p: Json) => p.name === 'operation')
						.options.map((o: Json) => o.value);
					// As the package declares them: no operation n8n adds for credentials with authenticate.
					expect(operations).toEqual(declaredOperations());
					expect(operations).not.toContain('__CUSTOM_API_CALL__');
				});

				it('no secret in the CLI output, the runs or the executions n8n stored', async () => {
					const executions = await listExecutions(owner, { workflowId: WORKFLOW_ID });
					expect(executions.map((e) => e.status)).toEqual(['success', 'success']);
					for (const { id } of executions) {
						const { text } = await getExecution(owner, id);
						expect(text).toContain(OAUTH_NODE);
						scan.add('stored executions', `GET /rest/executions/${id}`, text);
					}
					runs.forEach((data, n) => scan.add('runs', `run ${n + 1}`, data));
					await server!.stop();
					scan.add('server output', 'n8n start', server!.logs());
					// Control: the stored executions hold the listing the nodes received.
					expect(
						scan.countIn('stored executions', (await listingAnswer()).items[0].id),
					).toBeGreaterThan(0);

					const all = secrets();
					expect(all.filter((s) => s.label.startsWith('issued token')).length).toBe(4);
					const hits = scan.find(all);
					console.log(
						`HTTP Request secret scan (${key}): ${occurrences(hits)} occurrences in ${scan.byteCount} bytes (${scan.summary()})`,
					);
					expect(hits).toEqual([]);
					// And the user folder (database, settings) holds none in plain text.
					const stored = new SecretScan();
					for (const file of filesUnder(folder.dir)) stored.addFile('user folder', file);
					expect(stored.find(all)).toEqual([]);
				});
			});
		},
	);
}

describeHttpRequestCredential('v2');
describeHttpRequestCredential('v1');
