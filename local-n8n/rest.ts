/**
 * n8n's internal REST API (/rest/...), as the editor uses it: settings, login, workflows and the
 * credential test. Checked on 2.41.1 and 1.123.81 (both take `emailOrLdapLoginId` at login).
 */

export interface RestAuth {
	/** http://127.0.0.1:<port> */
	url: string;
	/** `n8n-auth=...` */
	cookie: string;
}

export interface RestResponse<T = unknown> {
	status: number;
	/** The parsed JSON body (n8n wraps results in `{ data }`); the raw text when it is not JSON. */
	body: T;
}

export class RestError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly text: string,
	) {
		super(message);
		this.name = 'RestError';
	}
}

/** One request to n8n's REST API; never rejects on the status. */
export async function restRequest<T = unknown>(
	url: string,
	method: string,
	path: string,
	options: { cookie?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<RestResponse<T>> {
	const headers: Record<string, string> = { accept: 'application/json' };
	if (options.cookie) headers.cookie = options.cookie;
	if (options.body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(`${url}${path}`, {
		method,
		headers,
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
		signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
	});
	const text = await response.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// not JSON: keep the text
	}
	return { status: response.status, body: body as T };
}

/** restRequest that throws RestError unless the answer is 2xx; returns `body.data` when there is one. */
export async function restData<T = unknown>(
	api: RestAuth,
	method: string,
	path: string,
	body?: unknown,
): Promise<T> {
	const response = await restRequest<{ data?: T }>(api.url, method, path, {
		cookie: api.cookie,
		body,
	});
	if (response.status < 200 || response.status > 299) {
		const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
		throw new RestError(
			`${method} ${path} answered ${response.status}: ${text.slice(0, 2_000)}`,
			response.status,
			text,
		);
	}
	const parsed = response.body as { data?: T } | T;
	return parsed && typeof parsed === 'object' && 'data' in parsed
		? (parsed.data as T)
		: (parsed as T);
}

/** True once an owner account exists (`/rest/settings` stops asking for the setup screen). */
export async function ownerIsSetUp(url: string): Promise<boolean> {
	const response = await restRequest<{
		data?: { userManagement?: { showSetupOnFirstLoad?: boolean } };
	}>(url, 'GET', '/rest/settings');
	if (response.status !== 200)
		throw new RestError(`GET /rest/settings answered ${response.status}`, response.status, '');
	const flag = (response.body as { data?: { userManagement?: { showSetupOnFirstLoad?: boolean } } })
		.data?.userManagement?.showSetupOnFirstLoad;
	if (typeof flag !== 'boolean')
		throw new Error('GET /rest/settings has no userManagement.showSetupOnFirstLoad');
	return !flag;
}

/** POST /rest/login with email and password; returns the auth cookie for further calls. */
export async function login(url: string, email: string, password: string): Promise<RestAuth> {
	const response = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
		signal: AbortSignal.timeout(60_000),
	});
	const text = await response.text();
	if (response.status !== 200) {
		throw new RestError(
			`POST /rest/login answered ${response.status}: ${text.slice(0, 500)}`,
			response.status,
			text,
		);
	}
	const cookie = /(n8n-auth=[^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
	if (!cookie) throw new Error('POST /rest/login answered 200 without an n8n-auth cookie');
	return { url, cookie };
}

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	/** As the editor receives it: password fields replaced by a placeholder n8n swaps back on test. */
	data: Record<string, unknown>;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * Runs a stored credential's test the way the editor's Test button does: reads the credential with
 * `GET /rest/credentials/<id>?includeData=true` (secrets come back redacted) and posts it to
 * `POST /rest/credentials/test`; n8n puts the stored secrets back in and runs the credential type's
 * `test` request. `overrides` replace fields first (e.g. a wrong secret typed into the form).
 */
export async function testStoredCredential(
	api: RestAuth,
	id: string,
	overrides: Record<string, unknown> = {},
): Promise<CredentialTestResult> {
	const stored = await restData<StoredCredential>(
		api,
		'GET',
		`/rest/credentials/${id}?includeData=true`,
	);
	return await restData<CredentialTestResult>(api, 'POST', '/rest/credentials/test', {
		credentials: {
			id: stored.id,
			name: stored.name,
			type: stored.type,
			data: { ...stored.data, ...overrides },
		},
	});
}

export interface WorkflowSummary {
	id: string;
	name: string;
	active: boolean;
}

/** GET /rest/workflows: the workflows the user sees in the editor. */
export async function listWorkflows(api: RestAuth): Promise<WorkflowSummary[]> {
	const data = await restData<WorkflowSummary[]>(api, 'GET', '/rest/workflows');
	return data.map(({ id, name, active }) => ({ id, name, active }));
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
}

/**
 * GET /rest/executions: the executions the editor lists (newest first, at most `limit`, which 2.x
 * caps at 100), optionally of one workflow. n8n 2.x and 1.x answer `{ data: { count, results } }`.
 */
export async function listExecutions(
	api: RestAuth,
	options: { workflowId?: string; limit?: number } = {},
): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(
		JSON.stringify(options.workflowId ? { workflowId: options.workflowId } : {}),
	);
	const data = await restData<{ results: ExecutionSummary[] }>(
		api,
		'GET',
		`/rest/executions?filter=${filter}&limit=${options.limit ?? 100}`,
	);
	return data.results.map(({ id, workflowId, mode, status }) => ({
		id: String(id),
		workflowId,
		mode,
		status,
	}));
}

/**
 * GET /rest/executions/<id>: one execution as the editor opens it. Its `data` holds the run data in
 * n8n's flatted form (a string); the raw response text is returned too.
 */
export async function getExecution(
	api: RestAuth,
	id: string,
): Promise<{ execution: Record<string, unknown>; text: string }> {
	const response = await fetch(`${api.url}/rest/executions/${id}`, {
		headers: { accept: 'application/json', cookie: api.cookie },
		signal: AbortSignal.timeout(60_000),
	});
	const text = await response.text();
	if (response.status !== 200)
		throw new RestError(
			`GET /rest/executions/${id} answered ${response.status}: ${text.slice(0, 2_000)}`,
			response.status,
			text,
		);
	const body = JSON.parse(text) as { data?: Record<string, unknown> };
	return { execution: body.data ?? (body as Record<string, unknown>), text };
}
