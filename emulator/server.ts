// node:http front end: reads the request, runs the pipeline, writes the response
// (always with x-request-id) and records API requests in the log.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorApp } from './app';
import { CONTROL_PREFIX, handleControl } from './control';
import { fsError } from './errors';
import type { ApiResponse, RequestContext } from './types';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () =>
			resolve(
				size > MAX_BODY_BYTES ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
			),
		);
		req.on('error', reject);
	});
}

function send(res: ServerResponse, requestId: string, response: ApiResponse): void {
	const headers: Record<string, string | number> = {
		'x-request-id': requestId,
		...response.headers,
	};
	let payload: string | undefined;
	if (response.body !== undefined) {
		payload = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
		headers['content-type'] ??= 'application/json;charset=utf-8';
		headers['content-length'] = Buffer.byteLength(payload);
	} else {
		headers['content-length'] = 0;
	}
	res.writeHead(response.status, headers);
	res.end(payload);
}

function isControl(path: string): boolean {
	return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
}

export function createEmulatorServer(app: EmulatorApp, baseUrl: () => string): Server {
	const server = createServer((req, res) => {
		void handle(app, baseUrl, req, res).catch((error: unknown) => {
			// A bug must not take the emulator down: answer 500 and keep serving.
			if (!res.headersSent)
				send(res, randomUUID(), {
					status: 500,
					body: { error: String(error instanceof Error ? error.stack : error) },
				});
			else res.destroy();
		});
	});
	server.keepAliveTimeout = 30_000;
	return server;
}

async function handle(
	app: EmulatorApp,
	baseUrl: () => string,
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	const receivedAt = Date.now();
	const requestId = randomUUID();
	const rawUrl = req.url ?? '/';
	const q = rawUrl.indexOf('?');
	let path = q < 0 ? rawUrl : rawUrl.slice(0, q);
	if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
	const method = (req.method ?? 'GET').toUpperCase();
	const body = await readBody(req);
	if (!body) {
		send(
			res,
			requestId,
			fsError(
				'patchInvalid',
				requestId,
				`The request body is larger than ${MAX_BODY_BYTES} bytes.`,
			),
		);
		return;
	}
	const ctx: RequestContext = {
		requestId,
		method,
		path,
		rawUrl,
		query: new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1)),
		headers: req.headers,
		body,
		receivedAt,
	};

	if (isControl(path)) {
		send(res, requestId, handleControl(ctx, app, baseUrl()));
		return;
	}

	const outcome = await app.process(ctx);
	const status = 'reset' in outcome ? 0 : outcome.response.status;
	app.log.add({
		requestId,
		receivedAt,
		method,
		path: rawUrl,
		headers: req.headers,
		body,
		status,
		durationMs: Date.now() - receivedAt,
		faults: outcome.faults.length
			? outcome.faults.map((f) => (f.type === 'error' ? `error:${f.status}` : f.type))
			: undefined,
	});
	if ('reset' in outcome) {
		req.socket.destroy();
		return;
	}
	send(res, requestId, outcome.response);
}

export function listen(server: Server, port: number, host: string): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve((server.address() as AddressInfo).port);
		});
	});
}
