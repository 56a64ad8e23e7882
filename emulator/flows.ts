// Flow Service routes under /data/foundation/flowservice.
import { fsError, contentTypeError, flowNotFound } from './errors';
import { newEtag } from './etag';
import { FLOW_SERVICE_BASE_PATH, SANDBOX_PROD } from './identity';
import { listResources, type ListSpec } from './listing';
import { applyFlowPatch, stampAudiences } from './patch';
import { getRun, listRuns } from './runs';
import type { Store } from './store';
import type { ApiResponse, EmulatorConfig, Flow, RequestContext } from './types';

export const FLOWS_LIST: ListSpec = {
	basePath: '/flows',
	sortable: new Set([
		'id',
		'name',
		'description',
		'state',
		'createdAt',
		'updatedAt',
		'createdBy',
		'updatedBy',
		'flowSpec.id',
	]),
	defaultOrder: [{ path: ['updatedAt'], desc: true }],
};

export interface FlowServiceDeps {
	store: Store;
	config: EmulatorConfig;
}

interface Caller {
	clientId: string;
}

/** A request that changes one dataflow: who asks, in which sandbox, for which flow. */
interface FlowCall {
	ctx: RequestContext;
	caller: Caller;
	deps: FlowServiceDeps;
	sandbox: string;
	id: string;
}

function header(ctx: RequestContext, name: string): string | undefined {
	const v = ctx.headers[name];
	return Array.isArray(v) ? v.join(', ') : v;
}

/** Completes an asynchronous update whose time is up (checked lazily, no timers). */
export function settle(store: Store, flow: Flow, now: number): void {
	const until = store.pending.get(flow.id);
	if (until === undefined || until > now) return;
	completeOperation(store, flow, until);
}

export function completeOperation(store: Store, flow: Flow, at: number): void {
	store.pending.delete(flow.id);
	const op = flow.lastOperation as
		{ status?: { value?: string }; percentCompleted?: number; updated?: number } | undefined;
	if (op?.status) {
		op.status.value = 'completed';
		op.percentCompleted = 100;
		op.updated = at;
	}
	store.onChange();
}

function settleAll(store: Store, now: number): void {
	if (store.pending.size === 0) return;
	for (const [id, until] of [...store.pending]) {
		if (until > now) continue;
		const flow = store.findFlow(id);
		if (flow) completeOperation(store, flow, until);
		else store.pending.delete(id);
	}
}

function isBusy(store: Store, flow: Flow): boolean {
	return store.pending.has(flow.id);
}

/** The caller's sandbox (x-sandbox-name, prod when absent), or the error to answer. */
export function resolveSandbox(ctx: RequestContext, deps: FlowServiceDeps): string | ApiResponse {
	const sent = header(ctx, 'x-sandbox-name')?.trim();
	if (!sent) {
		if (deps.config.requireSandboxHeader) {
			return fsError(
				'sandboxMissing',
				ctx.requestId,
				'The header x-sandbox-name is missing in the request. Please add the header in the request and try again.',
			);
		}
		return SANDBOX_PROD;
	}
	if (!deps.store.hasSandbox(sent)) {
		return fsError(
			'sandboxNotFound',
			ctx.requestId,
			`The sandbox with the name '${sent}' could not be found. Please ensure that the sandbox name is correct and try again.`,
		);
	}
	return sent;
}

function notFoundRoute(ctx: RequestContext): ApiResponse {
	return fsError(
		'notFoundRoute',
		ctx.requestId,
		`The requested resource is not found: ${ctx.method} ${ctx.path}.`,
	);
}

export function handleFlowService(
	ctx: RequestContext,
	caller: Caller,
	deps: FlowServiceDeps,
): ApiResponse {
	const sub = ctx.path.slice(FLOW_SERVICE_BASE_PATH.length);
	let parts: string[];
	try {
		parts = sub.split('/').filter(Boolean).map(decodeURIComponent);
	} catch {
		return notFoundRoute(ctx);
	}
	const [collection, id, action] = parts;
	if ((collection !== 'flows' && collection !== 'runs') || parts.length > 3)
		return notFoundRoute(ctx);

	const sandbox = resolveSandbox(ctx, deps);
	if (typeof sandbox !== 'string') return sandbox;
	const { store } = deps;
	const m = ctx.method;

	if (collection === 'runs') {
		if (m !== 'GET' || action !== undefined) return notFoundRoute(ctx);
		return id === undefined ? listRuns(ctx, store, sandbox) : getRun(ctx, store, sandbox, id);
	}
	if (id === undefined) {
		if (m !== 'GET') return notFoundRoute(ctx);
		settleAll(store, ctx.receivedAt);
		return listResources(ctx, store.flowsIn(sandbox), FLOWS_LIST);
	}
	if (action !== undefined) {
		if (action !== 'action' || m !== 'POST') return notFoundRoute(ctx);
		return flowAction({ ctx, caller, deps, sandbox, id });
	}
	switch (m) {
		case 'GET':
			return getFlow(ctx, store, sandbox, id);
		case 'PATCH':
			return patchFlow({ ctx, caller, deps, sandbox, id });
		case 'DELETE':
			return deleteFlow(ctx, store, sandbox, id);
		default:
			return notFoundRoute(ctx);
	}
}

function getFlow(ctx: RequestContext, store: Store, sandbox: string, id: string): ApiResponse {
	const flow = store.getFlow(sandbox, id);
	if (!flow) return flowNotFound(ctx.requestId, id);
	settle(store, flow, ctx.receivedAt);
	return { status: 200, body: { items: [flow] } };
}

function operation(
	now: number,
	operationName: string,
	ops: unknown[],
	inProgress: boolean,
): Record<string, unknown> {
	return {
		started: now,
		updated: now,
		percentCompleted: inProgress ? 0 : 100,
		status: { value: inProgress ? 'inProgress' : 'completed', properties: null, errors: [] },
		ops,
		operation: operationName,
	};
}

function touch(flow: Flow, caller: Caller, now: number): string {
	const etag = newEtag(now);
	flow.etag = etag;
	flow.version = etag;
	flow.updatedAt = now;
	flow.updatedClient = caller.clientId;
	flow.updatedBy = `${caller.clientId}@AdobeID`;
	return etag;
}

function patchFlow({ ctx, caller, deps, sandbox, id }: FlowCall): ApiResponse {
	const rid = ctx.requestId;
	const { store, config } = deps;
	if (!/^application\/json\s*(;|$)/i.test(header(ctx, 'content-type') ?? ''))
		return contentTypeError();
	const ifMatch = header(ctx, 'if-match');
	if (ifMatch === undefined)
		return fsError(
			'ifMatchMissing',
			rid,
			"The header 'If-Match' is missing in the request. Please provide the header and try again.",
		);
	const flow = store.getFlow(sandbox, id);
	if (!flow) return flowNotFound(rid, id);
	settle(store, flow, ctx.receivedAt);
	// Byte for byte: the quotes are part of the etag.
	if (ifMatch !== flow.etag) {
		return fsError(
			'versionMismatch',
			rid,
			`Supplied version=[${ifMatch}] does not match the current version on entity=[${flow.etag}]`,
			id,
			'flows',
		);
	}
	if (isBusy(store, flow))
		return fsError(
			'stateCannotUpdate',
			rid,
			'The current state updating cannot be updated.',
			id,
			'flows',
		);
	if (ctx.body.length === 0)
		return fsError(
			'emptyBody',
			rid,
			'The request body cannot be null or empty. Please provide a request body and try again.',
			id,
			'flows',
		);
	let parsed: unknown;
	try {
		parsed = JSON.parse(ctx.body.toString('utf8'));
	} catch {
		return fsError(
			'patchInvalid',
			rid,
			'An error has occurred while validating patch instructions: the body is not valid JSON.',
			id,
			'flows',
		);
	}
	const outcome = applyFlowPatch(flow, parsed);
	if (!outcome.ok) return fsError(outcome.kind, rid, outcome.message, id, 'flows');

	const now = ctx.receivedAt;
	const doc = outcome.doc;
	stampAudiences(flow, doc, now);
	const etag = touch(doc, caller, now);
	const async = config.asyncUpdateMs > 0;
	doc.lastOperation = operation(now, 'update', outcome.ops, async);
	if (async) store.pending.set(id, now + config.asyncUpdateMs);
	store.putFlow(doc);
	return { status: 200, body: { id, etag } };
}

function flowAction({ ctx, caller, deps, sandbox, id }: FlowCall): ApiResponse {
	const rid = ctx.requestId;
	const { store } = deps;
	const op = ctx.query.get('op') ?? '';
	const lower = op.toLowerCase();
	if (lower !== 'enable' && lower !== 'disable') {
		return fsError(
			'unsupportedAction',
			rid,
			`Unsupported action '${op}' received. Please use one of the supported action types (enable, disable) and try again.`,
			id,
			'flows',
		);
	}
	const flow = store.getFlow(sandbox, id);
	if (!flow) return flowNotFound(rid, id);
	settle(store, flow, ctx.receivedAt);
	if (isBusy(store, flow))
		return fsError(
			'stateCannotTransition',
			rid,
			'The current state updating cannot be transitioned.',
			id,
			'flows',
		);
	const now = ctx.receivedAt;
	const doc = structuredClone(flow);
	doc.state = lower === 'enable' ? 'enabled' : 'disabled';
	const etag = touch(doc, caller, now);
	doc.lastOperation = operation(now, lower, [], false);
	store.putFlow(doc);
	return { status: 200, body: { id, etag } };
}

function deleteFlow(ctx: RequestContext, store: Store, sandbox: string, id: string): ApiResponse {
	const flow = store.getFlow(sandbox, id);
	if (!flow) return flowNotFound(ctx.requestId, id);
	settle(store, flow, ctx.receivedAt);
	if (isBusy(store, flow)) {
		return fsError(
			'deleteOrUpdateState',
			ctx.requestId,
			'Delete or Update can only be applied on flows with enabled, disabled or initializing state.',
			id,
			'flows',
		);
	}
	store.deleteFlow(sandbox, id);
	return { status: 202 };
}
