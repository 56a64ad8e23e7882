import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	ICredentialType,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IConnections,
	JsonObject,
} from 'n8n-workflow';
import { Expression, NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import nock from 'nock';

import { MANUAL_TRIGGER_TYPE, runNodeMethod, runWorkflow, testCredentials } from '.';
import type { CredentialsInput, WorkflowInput } from '.';

const API = 'https://api.example.test';
const TOKEN_URL = 'https://auth.example.test/token';

/* ---------- test-only credential types ---------- */

/** A masked text field, as credentials keep secrets. */
function secretField(displayName: string, name: string): ICredentialType['properties'][number] {
	return { displayName, name, type: 'string', typeOptions: { password: true }, default: '' };
}

class HeaderKeyApi implements ICredentialType {
	name = 'headerKeyApi';
	displayName = 'Header Key API';
	properties: ICredentialType['properties'] = [
		secretField('API Key', 'apiKey'),
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: API },
		{ displayName: 'Tenant', name: 'tenant', type: 'string', default: '' },
		// Default built from another field, the way n8n resolves `$self` in credential defaults.
		{
			displayName: 'Scheme',
			name: 'authValue',
			type: 'hidden',
			default: '={{ "Key " + $self.apiKey }}',
		},
	];
	authenticate: ICredentialType['authenticate'] = {
		type: 'generic',
		properties: {
			headers: { Authorization: '={{ $credentials.authValue }}' },
			qs: { tenant: '={{ $credentials.tenant }}' },
		},
	};
	test: ICredentialType['test'] = {
		request: { baseURL: '={{ $credentials.baseUrl }}', url: '/whoami' },
		rules: [{ type: 'responseCode', properties: { value: 403, message: 'Key lacks permission' } }],
	};
}

class TokenApi implements ICredentialType {
	name = 'tokenApi';
	displayName = 'Token API';
	properties: ICredentialType['properties'] = [
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
		secretField('Client Secret', 'clientSecret'),
		{ displayName: 'Token URL', name: 'tokenUrl', type: 'string', default: TOKEN_URL },
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	];
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const { access_token } = (await this.helpers.httpRequest({
			method: 'POST',
			url: credentials.tokenUrl as string,
			body: { client_id: credentials.clientId, client_secret: credentials.clientSecret },
			json: true,
		})) as { access_token: string };
		return { accessToken: access_token };
	}
	authenticate: ICredentialType['authenticate'] = {
		type: 'generic',
		properties: { headers: { Authorization: '={{ "Bearer " + $credentials.accessToken }}' } },
	};
	test: ICredentialType['test'] = { request: { baseURL: API, url: '/me' } };
}

class FunctionAuthApi implements ICredentialType {
	name = 'functionAuthApi';
	displayName = 'Function Auth API';
	properties: ICredentialType['properties'] = [
		{ displayName: 'Key', name: 'key', type: 'string', default: '' },
	];
	async authenticate(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions) {
		return { ...options, qs: { ...options.qs, api_key: credentials.key } };
	}
}

/* ---------- test-only node type ---------- */

const NODE_TYPE = 'harness-test.fetcher';

/** The Fetcher's authentication choices: credential type → option name. */
const AUTHENTICATIONS = {
	headerKeyApi: 'Header Key',
	tokenApi: 'Token',
	functionAuthApi: 'Function',
};

const fetcherDescription: INodeTypeDescription = {
	displayName: 'Fetcher',
	name: 'fetcher',
	group: ['transform'],
	version: [1, 2],
	description: 'GETs a URL per item with the selected credential',
	defaults: { name: 'Fetcher' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	// Each credential is required when its authentication is chosen.
	credentials: Object.keys(AUTHENTICATIONS).map((name) => ({
		name,
		required: true,
		displayOptions: { show: { authentication: [name] } },
	})),
	properties: [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: Object.entries(AUTHENTICATIONS).map(([value, name]) => ({ name, value })),
			default: 'headerKeyApi',
		},
		{ displayName: 'Path', name: 'path', type: 'string', default: '/items' },
		{ displayName: 'Must Be Positive', name: 'amount', type: 'number', default: 1 },
	],
};

class Fetcher implements INodeType {
	description = fetcherDescription;

	methods = {
		listSearch: {
			async searchItems(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
				const auth = this.getCurrentNodeParameter('authentication') as string;
				const body = (await this.helpers.httpRequestWithAuthentication.call(this, auth, {
					url: `${API}/items`,
					qs: { q: filter, page: paginationToken },
					json: true,
				})) as { items: Array<{ id: string; title: string }>; next?: string };
				return {
					results: body.items.map((item) => ({ name: item.title, value: item.id })),
					paginationToken: body.next,
				};
			},
		},
		loadOptions: {
			async getRegions(this: ILoadOptionsFunctions) {
				const credentials = await this.getCredentials('headerKeyApi');
				return [{ name: `Region of ${credentials.baseUrl as string}`, value: 'eu' }];
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const auth = this.getNodeParameter('authentication', 0) as string;
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				if ((this.getNodeParameter('amount', i) as number) <= 0) {
					throw new NodeOperationError(this.getNode(), 'Amount must be positive', {
						itemIndex: i,
						description: `Got ${this.getNodeParameter('amount', i) as number}`,
					});
				}
				const body = (await this.helpers.httpRequestWithAuthentication.call(this, auth, {
					url: `${API}${this.getNodeParameter('path', i) as string}`,
					json: true,
				})) as JsonObject;
				out.push({ json: body, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				if (error instanceof NodeOperationError) throw error;
				// The helper already wrapped it; NodeApiError hands the same object back.
				const apiError = new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: i });
				apiError.context.itemIndex = i;
				throw apiError;
			}
		}
		return [out];
	}
}

/* ---------- helpers ---------- */

const credentials: CredentialsInput = {
	headerKeyApi: { id: '1', name: 'Header key', data: { apiKey: 'k-1', tenant: 'acme' } },
	tokenApi: { id: '2', name: 'Token', data: { clientId: 'cid', clientSecret: 'secret' } },
	functionAuthApi: { id: '3', name: 'Function', data: { key: 'fk' } },
};
/** The token endpoint hands out "fresh" and `path` refuses "stale" once; returns `path` for "fresh", to reply on. */
function refreshOn401(path: string) {
	nock('https://auth.example.test').post('/token').reply(200, { access_token: 'fresh' });
	nock(API, { reqheaders: { authorization: 'Bearer stale' } })
		.get(path)
		.reply(401, {});
	return nock(API, { reqheaders: { authorization: 'Bearer fresh' } }).get(path);
}

/** The Fetcher's searchItems list search, with every credential stored. */
function searchItems(call: {
	parameters: INode['parameters'];
	filter?: string;
	paginationToken?: string;
}) {
	return runNodeMethod({
		nodeTypes,
		credentialTypes,
		credentials,
		nodeType: NODE_TYPE,
		kind: 'listSearch',
		method: 'searchItems',
		...call,
	});
}

/** Only the token credential, with `accessToken` already stored. */
function tokenApiHolding(accessToken: string): CredentialsInput {
	return {
		tokenApi: { ...credentials.tokenApi, data: { ...credentials.tokenApi.data, accessToken } },
	};
}
const credentialTypes = [new HeaderKeyApi(), new TokenApi(), FunctionAuthApi];
const nodeTypes = { [NODE_TYPE]: Fetcher };

function fetcherWorkflow(
	parameters: INode['parameters'] = {},
	settings: Partial<INode> = {},
): WorkflowInput {
	const auth = (parameters.authentication as string | undefined) ?? 'headerKeyApi';
	const connections: IConnections = {
		Start: { main: [[{ node: 'Fetch', type: NodeConnectionTypes.Main, index: 0 }]] },
	};
	return {
		nodes: [
			{
				id: 'a',
				name: 'Start',
				type: MANUAL_TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'b',
				name: 'Fetch',
				type: NODE_TYPE,
				typeVersion: 2,
				position: [200, 0],
				parameters,
				credentials: { [auth]: { id: credentials[auth].id, name: credentials[auth].name } },
				...settings,
			},
		],
		connections,
	};
}

function run(workflow: WorkflowInput, triggerItems?: INodeExecutionData[]) {
	return runWorkflow({ nodeTypes, credentialTypes, credentials, workflow, triggerItems });
}

beforeAll(() => {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});
afterAll(() => {
	nock.enableNetConnect();
	nock.restore();
});

/* ---------- tests ---------- */

describe('runWorkflow', () => {
	it('runs the Manual Trigger and the node with expressions, pairedItem and generic header auth', async () => {
		nock(API, { reqheaders: { authorization: 'Key k-1' } })
			.get('/items/7')
			.query({ tenant: 'acme' })
			.reply(200, { id: 7 })
			.get('/items/8')
			.query({ tenant: 'acme' })
			.reply(200, { id: 8 });

		const result = await run(fetcherWorkflow({ path: '={{ "/items/" + $json.id }}' }), [
			{ json: { id: 7 } },
			{ json: { id: 8 } },
		]);

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.executedNodes).toEqual(['Start', 'Fetch']);
		expect(result.output('Start').map((item) => item.json)).toEqual([{ id: 7 }, { id: 8 }]);
		expect(result.output('Fetch')).toEqual([
			{ json: { id: 7 }, pairedItem: { item: 0 } },
			{ json: { id: 8 }, pairedItem: { item: 1 } },
		]);
		expect(result.credentialUpdates).toEqual([]);
	});

	it('emits one empty item by default and leaves the caller workflow untouched', async () => {
		nock(API).get('/items').query(true).reply(200, { ok: true });
		const workflow = fetcherWorkflow();
		const before = JSON.stringify(workflow);

		const result = await run(workflow);

		expect(result.output('Start')).toEqual([{ json: {}, pairedItem: { item: 0 } }]);
		expect(result.output('Fetch')).toEqual([{ json: { ok: true }, pairedItem: { item: 0 } }]);
		expect(JSON.stringify(workflow)).toBe(before);
	});

	it('resolves expressions that reach back to another node through pairedItem and $vars', async () => {
		nock(API).get('/items/b-2').query(true).reply(200, {});
		const workflow = fetcherWorkflow({
			path: '={{ "/items/" + $("Start").item.json.name + "-" + $vars.SUFFIX }}',
		});

		const result = await runWorkflow({
			nodeTypes,
			credentialTypes,
			credentials,
			workflow,
			triggerItems: [{ json: { name: 'b' } }],
			variables: { SUFFIX: '2' },
		});

		expect(result.status).toBe('success');
	});

	it('accepts a parsed n8n export and starts a trigger-less workflow with the items as input', async () => {
		nock(API).get('/items').query(true).reply(200, { fromExport: true });
		const exported = JSON.parse(
			JSON.stringify({
				name: 'Exported',
				active: false,
				meta: { instanceId: 'x' },
				pinData: {},
				...fetcherWorkflow(),
			}),
		) as WorkflowInput;
		exported.nodes = exported.nodes.filter((node) => node.name === 'Fetch');
		exported.connections = {};

		const result = await runWorkflow({
			nodeTypes,
			credentialTypes,
			credentials,
			workflow: exported,
			triggerItems: [{ json: { a: 1 } }],
		});

		expect(result.output('Fetch')).toEqual([
			{ json: { fromExport: true }, pairedItem: { item: 0 } },
		]);
	});

	it('applies a function-form authenticate to credential data resolved from expressions', async () => {
		nock(API).get('/items').query({ api_key: 'from-var' }).reply(200, { ok: 1 });

		const result = await runWorkflow({
			nodeTypes,
			credentialTypes,
			credentials: {
				functionAuthApi: { id: '3', name: 'Function', data: { key: '={{ $vars.FN_KEY }}' } },
			},
			variables: { FN_KEY: 'from-var' },
			workflow: fetcherWorkflow({ authentication: 'functionAuthApi' }),
		});

		expect(result.output('Fetch')[0].json).toEqual({ ok: 1 });
	});
});

describe('credentials with preAuthentication', () => {
	it('fetches the expirable token once, uses it for every request and reports the write-back', async () => {
		const tokenScope = nock('https://auth.example.test')
			.post('/token', { client_id: 'cid', client_secret: 'secret' })
			.once()
			.reply(200, { access_token: 't-1' });
		nock(API, { reqheaders: { authorization: 'Bearer t-1' } })
			.get('/items')
			.times(2)
			.reply(200, { ok: true });

		const result = await run(fetcherWorkflow({ authentication: 'tokenApi' }), [
			{ json: {} },
			{ json: {} },
		]);

		expect(result.status).toBe('success');
		expect(tokenScope.isDone()).toBe(true);
		expect(result.credentialUpdates).toEqual([
			{ type: 'tokenApi', id: '2', data: { accessToken: 't-1' } },
		]);
	});

	it('does not pre-authenticate when a token is already stored', async () => {
		nock(API, { reqheaders: { authorization: 'Bearer kept' } })
			.get('/items')
			.reply(200, {});

		const result = await runWorkflow({
			nodeTypes,
			credentialTypes,
			credentials: tokenApiHolding('kept'),
			workflow: fetcherWorkflow({ authentication: 'tokenApi' }),
		});

		expect(result.status).toBe('success');
		expect(result.credentialUpdates).toEqual([]);
	});

	it('refreshes the token on a 401 and retries the request once', async () => {
		refreshOn401('/items').times(2).reply(200, { ok: true });

		const result = await runWorkflow({
			nodeTypes,
			credentialTypes,
			credentials: tokenApiHolding('stale'),
			workflow: fetcherWorkflow({ authentication: 'tokenApi' }),
			// The second item must reuse the refreshed token: no second token request is mocked.
			triggerItems: [{ json: {} }, { json: {} }],
		});

		expect(result.status).toBe('success');
		expect(result.output('Fetch')).toHaveLength(2);
		expect(result.credentialUpdates).toEqual([
			{ type: 'tokenApi', id: '2', data: { accessToken: 'fresh' } },
		]);
	});

	it('refreshes on failure in the legacy requestWithAuthentication path as well', async () => {
		refreshOn401('/legacy').reply(200, { v: 1 });
		class LegacyFetcher extends Fetcher {
			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				const body = (await this.helpers.requestWithAuthentication.call(this, 'tokenApi', {
					uri: `${API}/legacy`,
					json: true,
				})) as JsonObject;
				return [[{ json: body }]];
			}
		}

		const result = await runWorkflow({
			nodeTypes: { [NODE_TYPE]: LegacyFetcher },
			credentialTypes,
			credentials: tokenApiHolding('stale'),
			workflow: fetcherWorkflow({ authentication: 'tokenApi' }),
		});

		expect(result.output('Fetch')[0].json).toEqual({ v: 1 });
		expect(result.credentialUpdates).toEqual([
			{ type: 'tokenApi', id: '2', data: { accessToken: 'fresh' } },
		]);
	});

	it('retries a 401 once even without a refreshable token, as n8n-core does', async () => {
		const scope = nock(API).get('/items').query(true).times(2).reply(401, { message: 'bad key' });

		const result = await run(fetcherWorkflow());

		expect(scope.isDone()).toBe(true);
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
	});
});

describe('errors and per-node error settings', () => {
	it('surfaces a NodeApiError with message, description, httpCode and itemIndex', async () => {
		nock(API).get('/items/x').query(true).reply(404, { message: 'No such item' });

		const result = await run(fetcherWorkflow({ path: '={{ "/items/" + $json.id }}' }), [
			{ json: { id: 'x' } },
		]);

		expect(result.status).toBe('error');
		// n8n-core stores a plain copy ({ ...error, message, stack }), so match fields, not the class.
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '404',
			message: 'The resource you are requesting could not be found',
			description: 'No such item',
			context: { itemIndex: 0 },
			node: { name: 'Fetch' },
		});
		expect(result.nodeError('Fetch')).toEqual(result.error);
		expect(() => result.output('Fetch')).toThrow(/Node "Fetch" failed/);
	});

	it('surfaces a NodeOperationError with description and itemIndex', async () => {
		const result = await run(fetcherWorkflow({ amount: '={{ $json.amount }}' }), [
			{ json: { amount: -1 } },
		]);

		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Amount must be positive',
			description: 'Got -1',
			context: { itemIndex: 0 },
		});
	});

	it('reports a node that never ran', async () => {
		const result = await run(fetcherWorkflow({ amount: 0 }));
		expect(() => result.output('Nope')).toThrow(
			/Node "Nope" did not run .*Amount must be positive/,
		);
	});

	it.each([
		['continueOnFail', { continueOnFail: true }],
		['onError: continueRegularOutput', { onError: 'continueRegularOutput' as const }],
	])('keeps going per item with %s', async (_label, settings) => {
		nock(API).get('/items/1').query(true).reply(500, { message: 'boom' });
		nock(API).get('/items/2').query(true).reply(200, { id: 2 });

		const result = await run(fetcherWorkflow({ path: '={{ "/items/" + $json.id }}' }, settings), [
			{ json: { id: 1 } },
			{ json: { id: 2 } },
		]);

		expect(result.status).toBe('success');
		const output = result.output('Fetch');
		expect(output[0].json.error).toBe('The service was not able to process your request');
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[1]).toEqual({ json: { id: 2 }, pairedItem: { item: 1 } });
	});

	it('routes failed items to the error output with onError: continueErrorOutput', async () => {
		const result = await run(
			fetcherWorkflow({ amount: '={{ $json.amount }}' }, { onError: 'continueErrorOutput' }),
			[{ json: { amount: -1 } }],
		);

		expect(result.status).toBe('success');
		expect(result.output('Fetch', 0)).toEqual([]);
		expect(result.output('Fetch', 1)[0].json).toMatchObject({ error: 'Amount must be positive' });
	});

	it('fails like n8n when a node points at a credential that is not stored', async () => {
		const result = await runWorkflow({
			nodeTypes,
			credentialTypes,
			credentials: {},
			workflow: fetcherWorkflow(),
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Credential with ID "1" does not exist for type "headerKeyApi".',
		);
	});
});

describe('local HTTP server', () => {
	let server: Server;
	let seenAuth: string | undefined;
	beforeAll(async () => {
		server = createServer((req, res) => {
			seenAuth = req.headers.authorization;
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify({ path: req.url }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	});
	afterAll(async () => await new Promise((resolve) => server.close(resolve)));

	it('performs real requests when the URL points at 127.0.0.1', async () => {
		const { port } = server.address() as AddressInfo;
		const result = await runWorkflow({
			credentialTypes,
			credentials: {
				headerKeyApi: { id: '1', name: 'Local', data: { apiKey: 'local' } },
			},
			workflow: fetcherWorkflow(),
			nodeTypes: {
				[NODE_TYPE]: class extends Fetcher {
					async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
						const body = (await this.helpers.httpRequestWithAuthentication.call(
							this,
							'headerKeyApi',
							{
								url: `http://127.0.0.1:${port}/local`,
								json: true,
							},
						)) as JsonObject;
						return [[{ json: body }]];
					}
				},
			},
		});

		expect(result.output('Fetch')[0].json).toEqual({ path: '/local?tenant=' });
		expect(seenAuth).toBe('Key local');
	});
});

describe('runNodeMethod', () => {
	it('runs listSearch with filter, pagination and the node credentials', async () => {
		nock(API, { reqheaders: { authorization: 'Key k-1' } })
			.get('/items')
			.query({ q: 'ab', page: 'p2', tenant: 'acme' })
			.reply(200, { items: [{ id: '1', title: 'Abc' }], next: 'p3' });

		const result = await searchItems({
			filter: 'ab',
			paginationToken: 'p2',
			parameters: { authentication: 'headerKeyApi' },
		});

		expect(result).toEqual({ results: [{ name: 'Abc', value: '1' }], paginationToken: 'p3' });
	});

	it('pre-authenticates inside listSearch too', async () => {
		nock('https://auth.example.test').post('/token').reply(200, { access_token: 'lt' });
		nock(API, { reqheaders: { authorization: 'Bearer lt' } })
			.get('/items')
			.query(true)
			.reply(200, { items: [] });

		const result = await searchItems({
			parameters: { authentication: 'tokenApi' },
		});

		expect(result.results).toEqual([]);
	});

	it('runs loadOptions with getCredentials returning defaults applied', async () => {
		const options = await runNodeMethod({
			nodeTypes,
			credentialTypes,
			credentials,
			nodeType: NODE_TYPE,
			typeVersion: 1,
			kind: 'loadOptions',
			method: 'getRegions',
		});

		expect(options).toEqual([{ name: `Region of ${API}`, value: 'eu' }]);
	});

	it('rejects an unknown method', async () => {
		await expect(
			runNodeMethod({ nodeTypes, nodeType: NODE_TYPE, kind: 'loadOptions', method: 'nope' }),
		).rejects.toThrow('has no methods.loadOptions.nope');
	});
});

describe('testCredentials', () => {
	const headerKey = credentials.headerKeyApi;

	it('returns OK when the test request succeeds with the authenticated request', async () => {
		nock(API, { reqheaders: { authorization: 'Key k-1' } })
			.get('/whoami')
			.query({ tenant: 'acme' })
			.reply(200, {});

		const result = await testCredentials({
			credentialTypes,
			type: 'headerKeyApi',
			credential: headerKey,
		});

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it('maps status codes through the rules, then to the status text', async () => {
		nock(API).get('/whoami').query(true).reply(403, {});
		// n8n-core retries any 401 once before giving up.
		nock(API).get('/whoami').query(true).times(2).reply(401, {});

		const ruled = await testCredentials({
			credentialTypes,
			type: 'headerKeyApi',
			credential: headerKey,
		});
		const plain = await testCredentials({
			credentialTypes,
			type: 'headerKeyApi',
			credential: headerKey,
		});

		expect(ruled).toEqual({ status: 'Error', message: 'Key lacks permission' });
		expect(plain).toEqual({ status: 'Error', message: 'Unauthorized' });
	});

	it('always pre-authenticates during a test, even with a stored token', async () => {
		nock('https://auth.example.test').post('/token').reply(200, { access_token: 'tested' });
		nock(API, { reqheaders: { authorization: 'Bearer tested' } })
			.get('/me')
			.reply(200, {});

		const result = await testCredentials({
			credentialTypes,
			type: 'tokenApi',
			credential: {
				...credentials.tokenApi,
				data: { ...credentials.tokenApi.data, accessToken: 'old' },
			},
		});

		expect(result.status).toBe('OK');
	});

	it('reports a failing token endpoint', async () => {
		nock('https://auth.example.test').post('/token').reply(400, { error: 'invalid_client' });

		const result = await testCredentials({
			credentialTypes,
			type: 'tokenApi',
			credential: credentials.tokenApi,
		});

		expect(result.status).toBe('Error');
	});

	it("uses a node's credentialTest function when the node names it in testedBy", async () => {
		const seen: ICredentialDataDecryptedObject[] = [];
		class Tested extends Fetcher {
			description = {
				...fetcherDescription,
				credentials: [{ name: 'functionAuthApi', required: true, testedBy: 'checkKey' }],
			};
			methods = {
				...new Fetcher().methods,
				credentialTest: {
					async checkKey(
						this: ICredentialTestFunctions,
						credential: ICredentialsDecrypted,
					): Promise<INodeCredentialTestResult> {
						seen.push(credential.data ?? {});
						return { status: 'Error', message: 'checked' };
					},
				},
			};
		}

		const result = await testCredentials({
			credentialTypes,
			nodeTypes: { [NODE_TYPE]: Tested },
			type: 'functionAuthApi',
			credential: credentials.functionAuthApi,
		});

		expect(result).toEqual({ status: 'Error', message: 'checked' });
		expect(seen).toEqual([{ key: 'fk' }]);
	});

	it('says so when nothing can test the credential', async () => {
		const result = await testCredentials({
			credentialTypes,
			type: 'functionAuthApi',
			credential: credentials.functionAuthApi,
		});

		expect(result).toEqual({
			status: 'Error',
			message: 'No testing function found for this credential.',
		});
	});
});

describe('environment', () => {
	it('evaluates expressions with the legacy engine, which needs no isolated-vm build', () => {
		expect(Expression.getActiveImplementation()).toBe('legacy');
	});

	it('keeps n8n instance settings out of the home folder', () => {
		expect(process.env.N8N_USER_FOLDER).toMatch(/n8n-nodes-adobe-flow-service-tests$/);
	});
});
