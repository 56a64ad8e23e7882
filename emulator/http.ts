// Between Fastify and the emulator's handlers: a request becomes a RequestContext (raw body,
// query as URLSearchParams, path without a trailing slash), an ApiResponse becomes a reply
// (always with x-request-id; JSON serialised here so the bytes stay the emulator's own).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiResponse, RequestContext } from './types';

declare module 'fastify' {
	interface FastifyRequest {
		/** Epoch ms when the request arrived (set by the server's onRequest hook). */
		receivedAt: number;
	}
}

const EMPTY = Buffer.alloc(0);

export function contextOf(request: FastifyRequest): RequestContext {
	const rawUrl = request.url;
	const q = rawUrl.indexOf('?');
	let path = q < 0 ? rawUrl : rawUrl.slice(0, q);
	if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
	return {
		requestId: request.id,
		method: request.method,
		path,
		rawUrl,
		query: new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1)),
		params: (request.params ?? {}) as Record<string, string>,
		headers: request.headers,
		body: Buffer.isBuffer(request.body) ? request.body : EMPTY,
		// A URL the router could not decode skips the onRequest hook.
		receivedAt: request.receivedAt || Date.now(),
	};
}

export function send(reply: FastifyReply, requestId: string, response: ApiResponse): FastifyReply {
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
	return reply.code(response.status).headers(headers).send(payload);
}
