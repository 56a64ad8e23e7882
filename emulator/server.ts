// The HTTP front end (Fastify): every body is read raw whatever its content type (the
// handlers parse JSON, JSON Patch and IMS's form themselves), every answer carries
// x-request-id, and what no route matches is answered the way Adobe's services do.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { EmulatorApp } from './app';
import { fsError } from './errors';
import { send } from './http';
import { answer, apiRouter } from './routes/api';
import { controlRoutes } from './routes/control';
import { fallback } from './routes/fallback';
import { flowServiceRoutes } from './routes/flow-service';
import { platformRoutes } from './routes/platform';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function createEmulatorServer(app: EmulatorApp, baseUrl: () => string): FastifyInstance {
	const notFound = fallback(app);
	const fastify = Fastify({
		bodyLimit: MAX_BODY_BYTES,
		keepAliveTimeout: 30_000,
		// close() drops open connections, keep-alive ones included.
		forceCloseConnections: true,
		genReqId: () => randomUUID(),
		// A HEAD is not a GET: Adobe's services do not answer it, and neither does the emulator.
		exposeHeadRoutes: false,
		routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
		// A path that cannot be decoded names no resource.
		frameworkErrors: (_error, request, reply) => answer(app, notFound, request, reply),
	});
	fastify.decorateRequest('receivedAt', 0);
	fastify.addHook('onRequest', (request, _reply, done) => {
		request.receivedAt = Date.now();
		done();
	});
	fastify.removeAllContentTypeParsers();
	fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
		done(null, body),
	);
	fastify.setErrorHandler((error: FastifyError, request, reply) => {
		if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
			const message = `The request body is larger than ${MAX_BODY_BYTES} bytes.`;
			return send(reply, request.id, fsError('patchInvalid', request.id, message));
		}
		// A bug must not take the emulator down: answer 500 and keep serving.
		return send(reply, request.id, {
			status: 500,
			body: { error: String(error.stack ?? error) },
		});
	});

	controlRoutes(fastify, app, baseUrl);
	const route = apiRouter(fastify, app);
	platformRoutes(route, app);
	flowServiceRoutes(route, app);
	fastify.setNotFoundHandler((request, reply) => answer(app, notFound, request, reply));
	return fastify;
}

export async function listen(server: FastifyInstance, port: number, host: string): Promise<number> {
	await server.listen({ port, host });
	const address = server.server.address();
	if (address === null || typeof address === 'string') throw new Error('not listening on a port');
	return address.port;
}
