import { spawnGroup, sleep, stopGroup, groupAlive } from './processes';
import { UserFolder } from './userFolder';

export interface StartServerOptions {
	/** How long to wait for readiness; default 180 s (a busy 2-core machine is slow). */
	readyTimeoutMs?: number;
	/** Extra environment for this server only. */
	env?: Record<string, string>;
	/** Called with every chunk n8n writes to stdout or stderr. */
	onOutput?: (chunk: string) => void;
	/**
	 * Production webhooks (paths under /webhook/) to wait for before resolving. n8n 2.x registers
	 * published workflows asynchronously (publication outbox) after it reports ready, so a webhook
	 * can answer 404 for a while; see waitForWebhook().
	 */
	webhooks?: Array<string | { path: string; method?: string }>;
}

export interface N8nServer {
	/** http://127.0.0.1:<port> */
	url: string;
	pid: number;
	/** Milliseconds from spawn to ready (readiness / editor line), before waiting for webhooks. */
	readyMs: number;
	/** Milliseconds from spawn to resolved (ready and the requested webhooks registered). */
	startupMs: number;
	/** Everything n8n printed so far (stdout and stderr interleaved). */
	logs(): string;
	/** SIGTERM to n8n's process group (n8n and its task runner), SIGKILL after graceMs. */
	stop(graceMs?: number): Promise<void>;
}

/** Log line n8n 1.x and 2.x print once the HTTP server, webhooks included, is up. */
const EDITOR_READY = /Editor is now accessible via/;

async function httpStatus(url: string): Promise<number | undefined> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
		await response.arrayBuffer();
		return response.status;
	} catch {
		return undefined;
	}
}

export interface N8nProcessOptions {
	/** Log line that says the process is ready. */
	ready: RegExp;
	/** Also wait until this URL answers 200 (after the log line). */
	readinessUrl?: string;
	/** How long to wait; default 180 s. */
	readyTimeoutMs?: number;
	env?: Record<string, string>;
	onOutput?: (chunk: string) => void;
}

/**
 * Spawns `n8n <args>` for the folder in its own process group and resolves once it logged `ready`
 * (and `readinessUrl` answers 200). The result's url is the folder's N8N_PORT. Used for `n8n start`
 * (startServer) and for queue mode's `n8n worker` and `n8n webhook`.
 */
export async function startN8nProcess(
	folder: UserFolder,
	args: string[],
	options: N8nProcessOptions,
): Promise<N8nServer> {
	const { runtime } = folder;
	const env = { ...folder.env, ...(options.env ?? {}) };
	const url = `http://127.0.0.1:${env.N8N_PORT ?? folder.port}`;
	const readyTimeoutMs = options.readyTimeoutMs ?? 180_000;
	const what = `n8n ${args.join(' ')}`;
	const started = Date.now();
	const child = spawnGroup(runtime.nodeBin, [runtime.n8nScript, ...args], {
		cwd: folder.dir,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const pid = child.pid;
	if (pid === undefined) throw new Error(`${what} did not spawn`);
	let output = '';
	let exited: string | undefined;
	const onData = (chunk: string) => {
		output += chunk;
		options.onOutput?.(chunk);
	};
	child.stdout?.setEncoding('utf8').on('data', onData);
	child.stderr?.setEncoding('utf8').on('data', onData);
	child.once(
		'exit',
		(code, signal) => (exited = signal ? `killed by ${signal}` : `exited with ${code}`),
	);

	const server: N8nServer = {
		url,
		pid,
		readyMs: 0,
		startupMs: 0,
		logs: () => output,
		stop: async (graceMs = 15_000) => {
			if (!exited || groupAlive(pid)) await stopGroup(pid, graceMs);
		},
	};

	const deadline = started + readyTimeoutMs;
	for (;;) {
		if (exited) {
			throw new Error(
				`${what} ${exited} before it was ready\n--- output (tail) ---\n${output.slice(-6_000)}`,
			);
		}
		const logged = options.ready.test(output);
		if (logged && (!options.readinessUrl || (await httpStatus(options.readinessUrl)) === 200))
			break;
		if (Date.now() > deadline) {
			await server.stop();
			throw new Error(
				`${what} not ready after ${readyTimeoutMs} ms\n--- output (tail) ---\n${output.slice(-6_000)}`,
			);
		}
		await sleep(250);
	}
	server.readyMs = Date.now() - started;
	server.startupMs = server.readyMs;
	return server;
}

/**
 * Starts `n8n start` for the folder and resolves once it serves: on 2.x when /healthz/readiness
 * answers 200 (and the editor line is logged), on 1.x when the log says the editor is accessible
 * (webhooks answer 404 before that). Publish or activate workflows before calling this.
 */
export async function startServer(
	folder: UserFolder,
	options: StartServerOptions = {},
): Promise<N8nServer> {
	const started = Date.now();
	const url = `http://127.0.0.1:${options.env?.N8N_PORT ?? folder.port}`;
	const readyTimeoutMs = options.readyTimeoutMs ?? 180_000;
	const server = await startN8nProcess(folder, ['start'], {
		ready: EDITOR_READY,
		readinessUrl: folder.runtime.key === 'v1' ? undefined : `${url}/healthz/readiness`,
		readyTimeoutMs,
		env: options.env,
		onOutput: options.onOutput,
	});
	await waitForWebhooks(server, options.webhooks ?? [], started + readyTimeoutMs);
	server.startupMs = Date.now() - started;
	return server;
}

/** waitForWebhook for each hook, until the deadline; stops the server when one does not come. */
export async function waitForWebhooks(
	server: N8nServer,
	hooks: Array<string | { path: string; method?: string }>,
	deadline: number,
): Promise<void> {
	for (const hook of hooks) {
		const { path, method } = typeof hook === 'string' ? { path: hook, method: 'GET' } : hook;
		try {
			await waitForWebhook(server.url, path, {
				method,
				timeoutMs: Math.max(deadline - Date.now(), 1_000),
			});
		} catch (error) {
			await server.stop();
			throw new Error(
				`${(error as Error).message}\n--- output (tail) ---\n${server.logs().slice(-6_000)}`,
			);
		}
	}
}

/**
 * Waits until n8n has registered a production webhook, without running it: a CORS preflight
 * (OPTIONS with an Origin header) on /webhook/<path> lists the registered methods in
 * Access-Control-Allow-Methods.
 */
export async function waitForWebhook(
	url: string,
	webhookPath: string,
	{ method = 'GET', timeoutMs = 60_000 }: { method?: string; timeoutMs?: number } = {},
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	const target = `${url}/webhook/${webhookPath.replace(/^\//, '')}`;
	let last = '';
	for (;;) {
		try {
			const response = await fetch(target, {
				method: 'OPTIONS',
				headers: { origin: url },
				signal: AbortSignal.timeout(2_000),
			});
			await response.arrayBuffer();
			const allowed = (response.headers.get('access-control-allow-methods') ?? '')
				.split(',')
				.map((m) => m.trim().toUpperCase());
			if (allowed.includes(method.toUpperCase())) return;
			last = `${response.status}, allowed methods: ${allowed.join(' ') || '(none)'}`;
		} catch (error) {
			last = (error as Error).message;
		}
		if (Date.now() > deadline) {
			throw new Error(
				`webhook ${method} ${webhookPath} not registered after ${timeoutMs} ms (last: ${last})`,
			);
		}
		await sleep(250);
	}
}

export interface OwnerInput {
	email: string;
	/** n8n's rules: 8 to 64 characters with at least one number and one capital letter. */
	password: string;
	firstName: string;
	lastName: string;
}

export interface OwnerResult {
	/** The user object n8n answered with. */
	user: Record<string, unknown>;
	/** `n8n-auth=...` auth cookie of the new owner, for further /rest calls. */
	cookie: string | undefined;
}

/**
 * Creates the instance owner on a fresh n8n (no browser needed): POST /rest/owner/setup.
 * Fails when an owner exists already.
 */
export async function setupOwner(url: string, owner: OwnerInput): Promise<OwnerResult> {
	const response = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify(owner),
	});
	const text = await response.text();
	if (!response.ok) {
		throw new Error(`POST /rest/owner/setup answered ${response.status}: ${text.slice(0, 2_000)}`);
	}
	const body = JSON.parse(text) as { data?: Record<string, unknown> };
	const setCookie = response.headers.get('set-cookie') ?? '';
	const cookie = /(n8n-auth=[^;]+)/.exec(setCookie)?.[1];
	return { user: body.data ?? (body as Record<string, unknown>), cookie };
}

/** A webhook's answer: its status, its text, and the text parsed when it is JSON. */
export interface WebhookAnswer {
	status: number;
	text: string;
	json?: unknown;
}

/** POSTs `body` as JSON to `<baseUrl>/webhook/<path>`, the way a caller of the workflow would. */
export async function postWebhook(
	baseUrl: string,
	path: string,
	body: unknown,
	signal: AbortSignal = AbortSignal.timeout(120_000),
): Promise<WebhookAnswer> {
	const response = await fetch(`${baseUrl}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		signal,
	});
	const text = await response.text();
	try {
		return { status: response.status, text, json: JSON.parse(text) as unknown };
	} catch {
		return { status: response.status, text };
	}
}
