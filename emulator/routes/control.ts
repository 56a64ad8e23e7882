// The control surface under /__emulator/ (no auth): reset, request log, raw flow
// state, faults, tokens, settings and runs. Documented in emulator/README.md.
import type { FastifyInstance, HTTPMethods } from 'fastify';
import type { EmulatorApp } from '../app';
import { contextOf, send } from '../http';
import { ALL_METHODS } from './api';
import { checkFaultSpec, type FaultSpec } from '../faults';
import {
	DEFAULT_CLIENT_ID,
	DEFAULT_CLIENT_SECRET,
	DEFAULT_IMS_ORG,
	DEFAULT_SCOPES,
	FLOW_SERVICE_BASE_PATH,
	IMS_TOKEN_PATH,
	STATIC_ACCESS_TOKEN,
} from '../identity';
import { runInputProblem, type RunInput } from '../runs';
import type { ApiResponse, Flow, RequestContext } from '../types';

export const CONTROL_PREFIX = '/__emulator';

const ok = (body: unknown, status = 200): ApiResponse => ({ status, body });
const bad = (message: string, status = 400): ApiResponse => ({ status, body: { error: message } });

function jsonBody(ctx: RequestContext): { value: unknown } | { error: ApiResponse } {
	if (ctx.body.length === 0) return { value: {} };
	try {
		return { value: JSON.parse(ctx.body.toString('utf8')) };
	} catch {
		return { error: bad('body must be JSON') };
	}
}

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type ControlHandler = (ctx: RequestContext, input: unknown) => ApiResponse;

function updateConfig(app: EmulatorApp, input: unknown): ApiResponse {
	if (!isObject(input)) return bad('body must be an object');
	const { latencyMs, asyncUpdateMs, requireSandboxHeader, tokenTtlSeconds } = input;
	const isMs = (v: unknown) => v === undefined || (typeof v === 'number' && v >= 0);
	if (!isMs(latencyMs) || !isMs(asyncUpdateMs))
		return bad('latencyMs and asyncUpdateMs must be numbers >= 0');
	// 0 is allowed: tokens are then expired on arrival, which makes refresh paths testable without waiting.
	if (
		tokenTtlSeconds !== undefined &&
		!(typeof tokenTtlSeconds === 'number' && tokenTtlSeconds >= 0)
	)
		return bad('tokenTtlSeconds must be >= 0');
	if (requireSandboxHeader !== undefined && typeof requireSandboxHeader !== 'boolean')
		return bad('requireSandboxHeader must be a boolean');
	const { adhocRunMs, adhocRunStatus } = input;
	if (!isMs(adhocRunMs)) return bad('adhocRunMs must be a number >= 0');
	if (adhocRunStatus !== undefined && adhocRunStatus !== 'Success' && adhocRunStatus !== 'Failed')
		return bad('adhocRunStatus must be Success or Failed');
	if (adhocRunMs !== undefined) app.config.adhocRunMs = adhocRunMs as number;
	if (adhocRunStatus !== undefined) app.config.adhocRunStatus = adhocRunStatus;
	if (latencyMs !== undefined) app.config.latencyMs = latencyMs as number;
	if (asyncUpdateMs !== undefined) app.config.asyncUpdateMs = asyncUpdateMs as number;
	if (requireSandboxHeader !== undefined) app.config.requireSandboxHeader = requireSandboxHeader;
	if (tokenTtlSeconds !== undefined) app.auth.tokenTtlSeconds = tokenTtlSeconds as number;
	return ok({ ...app.config, tokenTtlSeconds: app.auth.tokenTtlSeconds });
}

function putRawFlow(app: EmulatorApp, id: string, input: unknown): ApiResponse {
	if (
		!isObject(input) ||
		input.id !== id ||
		typeof input.sandboxName !== 'string' ||
		!app.store.hasSandbox(input.sandboxName)
	) {
		return bad(
			'body must be a flow whose id matches the path and whose sandboxName is a known sandbox',
		);
	}
	if (typeof input.etag !== 'string')
		return bad(
			'the flow needs an etag (quoted, like "\\"8b0351ca-0000-0200-0000-61c4d6700000\\"")',
		);
	app.putRawFlow(input as unknown as Flow);
	return ok({ id: input.id, etag: input.etag });
}

function addFaults(app: EmulatorApp, input: unknown): ApiResponse {
	const specs = Array.isArray(input) ? input : [input];
	for (const spec of specs) {
		const problem = isObject(spec)
			? checkFaultSpec(spec as unknown as FaultSpec)
			: 'each fault must be an object';
		if (problem) return bad(problem);
	}
	return ok({ items: specs.map((s) => app.faults.add(s as FaultSpec)) }, 201);
}

/** The control surface's routes: not logged, never faulted, no gateway. */
export function controlRoutes(
	fastify: FastifyInstance,
	app: EmulatorApp,
	baseUrl: () => string,
): void {
	const route = (method: HTTPMethods | HTTPMethods[], path: string, handler: ControlHandler) =>
		fastify.route({
			method,
			url: `${CONTROL_PREFIX}${path}`,
			handler: (request, reply) => {
				const ctx = contextOf(request);
				const body = jsonBody(ctx);
				return send(reply, ctx.requestId, 'error' in body ? body.error : handler(ctx, body.value));
			},
		});
	const id = (ctx: RequestContext) => ctx.params.id;

	route('GET', '/health', () =>
		ok({ ok: true, flows: app.store.flowCount, pendingUpdates: app.store.pending.size }),
	);
	route('GET', '/stats', () => {
		// CPU time of the emulator's process: lets a benchmark tell whether the emulator or the client is the bottleneck.
		const cpu = process.cpuUsage();
		return ok({
			cpuMs: (cpu.user + cpu.system) / 1000,
			uptimeMs: process.uptime() * 1000,
			requestsLogged: app.log.length,
		});
	});
	route('GET', '/identity', () =>
		ok({
			clientId: DEFAULT_CLIENT_ID,
			clientSecret: DEFAULT_CLIENT_SECRET,
			imsOrg: DEFAULT_IMS_ORG,
			scopes: DEFAULT_SCOPES,
			staticAccessToken: STATIC_ACCESS_TOKEN,
			sandboxes: app.store.sandboxes,
			imsTokenUrl: `${baseUrl()}${IMS_TOKEN_PATH}`,
			flowServiceUrl: `${baseUrl()}${FLOW_SERVICE_BASE_PATH}`,
		}),
	);
	route('POST', '/reset', () => {
		app.reset();
		return ok({ reset: true });
	});
	route('GET', '/requests', (ctx) => {
		let entries = app.log.list();
		const method = ctx.query.get('method');
		const contains = ctx.query.get('path');
		if (method) entries = entries.filter((e) => e.method === method.toUpperCase());
		if (contains) entries = entries.filter((e) => e.path.includes(contains));
		return ok({ items: entries, size: app.log.length, capacity: app.log.capacity });
	});
	route('DELETE', '/requests', () => {
		app.log.clear();
		return ok({ cleared: true });
	});
	route('GET', '/flows/:id', (ctx) => {
		const flow = app.store.findFlow(id(ctx));
		if (!flow) return bad(`no flow ${id(ctx)} in any sandbox`, 404);
		const pendingUntil = app.store.pending.get(flow.id);
		return ok({ sandbox: flow.sandboxName, pendingUntil: pendingUntil ?? null, flow });
	});
	route('PUT', '/flows/:id', (ctx, input) => putRawFlow(app, id(ctx), input));
	route('POST', '/flows/:id/rotate-etag', (ctx) => {
		const etag = app.rotateEtag(id(ctx));
		return etag ? ok({ id: id(ctx), etag }) : bad(`no flow ${id(ctx)}`, 404);
	});
	route('POST', '/flows/:id/runs', (ctx, input) => {
		if (!isObject(input)) return bad('body must be an object');
		const problem = runInputProblem(input as RunInput);
		if (problem) return bad(problem);
		const run = app.addRun(id(ctx), input as RunInput);
		return run ? ok(run, 201) : bad(`no flow ${id(ctx)}`, 404);
	});
	route('GET', '/connections/:id', (ctx) => {
		const found = app.store.findConnection(id(ctx));
		if (!found) return bad(`no connection ${id(ctx)} in any sandbox`, 404);
		return ok({
			kind: found.kind,
			sandbox: found.connection.sandboxName,
			connection: found.connection,
		});
	});
	route('POST', '/connections/:id/rotate-etag', (ctx) => {
		const etag = app.rotateConnectionEtag(id(ctx));
		return etag ? ok({ id: id(ctx), etag }) : bad(`no connection ${id(ctx)}`, 404);
	});
	route('GET', '/faults', () => ok({ items: app.faults.list() }));
	route('POST', '/faults', (_ctx, input) => addFaults(app, input));
	route('DELETE', '/faults', () => {
		app.faults.clear();
		return ok({ cleared: true });
	});
	route('GET', '/tokens', () =>
		ok({ issued: app.auth.issuedCount, ttlSeconds: app.auth.tokenTtlSeconds }),
	);
	route('POST', '/tokens/expire', () => ok({ expired: app.auth.expireAll() }));
	route('GET', '/config', () => ok({ ...app.config, tokenTtlSeconds: app.auth.tokenTtlSeconds }));
	route('POST', '/config', (_ctx, input) => updateConfig(app, input));
	route('POST', '/operations/complete', () => ok({ completed: app.completePendingUpdates() }));
	const unknown: ControlHandler = (ctx) =>
		bad(`no control endpoint ${ctx.method} ${ctx.path}`, 404);
	route(ALL_METHODS, '', unknown);
	route(ALL_METHODS, '/*', unknown);
}
