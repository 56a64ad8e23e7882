// Every API route (IMS and /data/...) runs through here: latency and faults around the handler
// (EmulatorApp.process), the request log, then the answer, or a destroyed socket for a reset.
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { EmulatorApp } from '../app';
import { contextOf, send } from '../http';
import type { Handler } from './scope';

export async function answer(
	app: EmulatorApp,
	handler: Handler,
	request: FastifyRequest,
	reply: FastifyReply,
): Promise<FastifyReply | undefined> {
	const ctx = contextOf(request);
	const outcome = await app.process(ctx, handler);
	app.log.add({
		requestId: ctx.requestId,
		receivedAt: ctx.receivedAt,
		method: ctx.method,
		path: ctx.rawUrl,
		headers: ctx.headers,
		body: ctx.body,
		status: 'reset' in outcome ? 0 : outcome.response.status,
		durationMs: Date.now() - ctx.receivedAt,
		faults: outcome.faults.length
			? outcome.faults.map((f) => (f.type === 'error' ? `error:${f.status}` : f.type))
			: undefined,
	});
	if ('reset' in outcome) {
		// Fastify must not answer: the client sees the connection drop.
		reply.hijack();
		request.raw.socket.destroy();
		return undefined;
	}
	return send(reply, ctx.requestId, outcome.response);
}

/** The methods a catch-all route answers (HEAD is not derived from GET: see server.ts). */
export const ALL_METHODS: HTTPMethods[] = [
	'GET',
	'HEAD',
	'POST',
	'PUT',
	'PATCH',
	'DELETE',
	'OPTIONS',
];

/** Registers API routes of one Fastify instance. */
export type ApiRoute = (method: HTTPMethods | HTTPMethods[], url: string, handler: Handler) => void;

export function apiRouter(fastify: FastifyInstance, app: EmulatorApp): ApiRoute {
	return (method, url, handler) => {
		fastify.route({
			method,
			url,
			handler: (request, reply) => answer(app, handler, request, reply),
		});
	};
}
