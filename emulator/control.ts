// The control surface under /__emulator/ (no auth): reset, request log, raw flow
// state, faults, tokens, settings and runs. Documented in emulator/README.md.
import type { EmulatorApp } from './app';
import { checkFaultSpec, type FaultSpec } from './faults';
import {
	DEFAULT_CLIENT_ID,
	DEFAULT_CLIENT_SECRET,
	DEFAULT_IMS_ORG,
	DEFAULT_SCOPES,
	FLOW_SERVICE_BASE_PATH,
	IMS_TOKEN_PATH,
	STATIC_ACCESS_TOKEN,
} from './identity';
import type { RunInput } from './runs';
import type { ApiResponse, Flow, RequestContext } from './types';

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

export function handleControl(ctx: RequestContext, app: EmulatorApp, baseUrl: string): ApiResponse {
	const parts = ctx.path
		.slice(CONTROL_PREFIX.length)
		.split('/')
		.filter(Boolean)
		.map(decodeURIComponent);
	const route = `${ctx.method} /${parts.map((p, i) => (parts[0] === 'flows' && i === 1 ? ':id' : p)).join('/')}`;
	const body = jsonBody(ctx);
	if ('error' in body) return body.error;
	const input = body.value;

	switch (route) {
		case 'GET /health':
			return ok({ ok: true, flows: app.store.flowCount, pendingUpdates: app.store.pending.size });
		case 'GET /stats': {
			// CPU time of the emulator's process: lets a benchmark tell whether the emulator or the client is the bottleneck.
			const cpu = process.cpuUsage();
			return ok({
				cpuMs: (cpu.user + cpu.system) / 1000,
				uptimeMs: process.uptime() * 1000,
				requestsLogged: app.log.length,
			});
		}
		case 'GET /identity':
			return ok({
				clientId: DEFAULT_CLIENT_ID,
				clientSecret: DEFAULT_CLIENT_SECRET,
				imsOrg: DEFAULT_IMS_ORG,
				scopes: DEFAULT_SCOPES,
				staticAccessToken: STATIC_ACCESS_TOKEN,
				sandboxes: app.store.sandboxes,
				imsTokenUrl: `${baseUrl}${IMS_TOKEN_PATH}`,
				flowServiceUrl: `${baseUrl}${FLOW_SERVICE_BASE_PATH}`,
			});
		case 'POST /reset':
			app.reset();
			return ok({ reset: true });
		case 'GET /requests': {
			let entries = app.log.list();
			const method = ctx.query.get('method');
			const contains = ctx.query.get('path');
			if (method) entries = entries.filter((e) => e.method === method.toUpperCase());
			if (contains) entries = entries.filter((e) => e.path.includes(contains));
			return ok({ items: entries, size: app.log.length, capacity: app.log.capacity });
		}
		case 'DELETE /requests':
			app.log.clear();
			return ok({ cleared: true });
		case 'GET /flows/:id': {
			const flow = app.store.findFlow(parts[1]);
			if (!flow) return bad(`no flow ${parts[1]} in any sandbox`, 404);
			const pendingUntil = app.store.pending.get(flow.id);
			return ok({ sandbox: flow.sandboxName, pendingUntil: pendingUntil ?? null, flow });
		}
		case 'PUT /flows/:id': {
			if (
				!isObject(input) ||
				input.id !== parts[1] ||
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
		case 'POST /flows/:id/rotate-etag': {
			const etag = app.rotateEtag(parts[1]);
			return etag ? ok({ id: parts[1], etag }) : bad(`no flow ${parts[1]}`, 404);
		}
		case 'POST /flows/:id/runs': {
			if (!isObject(input)) return bad('body must be an object');
			const run = app.addRun(parts[1], input as RunInput);
			return run ? ok(run, 201) : bad(`no flow ${parts[1]}`, 404);
		}
		case 'GET /faults':
			return ok({ items: app.faults.list() });
		case 'POST /faults': {
			const specs = Array.isArray(input) ? input : [input];
			for (const spec of specs) {
				const problem = isObject(spec)
					? checkFaultSpec(spec as unknown as FaultSpec)
					: 'each fault must be an object';
				if (problem) return bad(problem);
			}
			return ok({ items: specs.map((s) => app.faults.add(s as FaultSpec)) }, 201);
		}
		case 'DELETE /faults':
			app.faults.clear();
			return ok({ cleared: true });
		case 'GET /tokens':
			return ok({ issued: app.auth.issuedCount, ttlSeconds: app.auth.tokenTtlSeconds });
		case 'POST /tokens/expire':
			return ok({ expired: app.auth.expireAll() });
		case 'GET /config':
			return ok({ ...app.config, tokenTtlSeconds: app.auth.tokenTtlSeconds });
		case 'POST /config': {
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
			if (
				adhocRunStatus !== undefined &&
				adhocRunStatus !== 'Success' &&
				adhocRunStatus !== 'Failed'
			)
				return bad('adhocRunStatus must be Success or Failed');
			if (adhocRunMs !== undefined) app.config.adhocRunMs = adhocRunMs as number;
			if (adhocRunStatus !== undefined) app.config.adhocRunStatus = adhocRunStatus;
			if (latencyMs !== undefined) app.config.latencyMs = latencyMs as number;
			if (asyncUpdateMs !== undefined) app.config.asyncUpdateMs = asyncUpdateMs as number;
			if (requireSandboxHeader !== undefined)
				app.config.requireSandboxHeader = requireSandboxHeader;
			if (tokenTtlSeconds !== undefined) app.auth.tokenTtlSeconds = tokenTtlSeconds as number;
			return ok({ ...app.config, tokenTtlSeconds: app.auth.tokenTtlSeconds });
		}
		case 'POST /operations/complete':
			return ok({ completed: app.completePendingUpdates() });
		default:
			return bad(`no control endpoint ${ctx.method} ${ctx.path}`, 404);
	}
}
