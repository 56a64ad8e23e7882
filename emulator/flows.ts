// Flow Service dataflows: listing, reading, PATCH (JSON Patch with If-Match), enable/disable, delete,
// and the asynchronous-update bookkeeping they share. Routed in routes/flow-service.ts.
import { fsError, flowNotFound } from './errors';
import { recordWrite } from './entity';
import { datasetPatchRefusal, settlePatchedFlow } from './flow-patch-rules';
import { SANDBOX_PROD } from './identity';
import { listResources, type ListSpec } from './listing';
import { applyFlowPatch, stampAudiences } from './patch';
import {
	header,
	ifMatchOf,
	jsonContentRefusal,
	readPatchBody,
	versionRefusal,
} from './patch-request';
import type { ServiceCall } from './routes/scope';
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

export function listFlows({ ctx, deps, sandbox }: ServiceCall): ApiResponse {
	settleAll(deps.store, ctx.receivedAt);
	return listResources(ctx, deps.store.flowsIn(sandbox), FLOWS_LIST);
}

export function getFlow({ ctx, deps, sandbox }: ServiceCall): ApiResponse {
	const { store } = deps;
	const id = ctx.params.id;
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

export function patchFlow(call: ServiceCall): ApiResponse {
	const { ctx, caller, deps, sandbox } = call;
	const rid = ctx.requestId;
	const id = ctx.params.id;
	const { store, config } = deps;
	const contentType = jsonContentRefusal(ctx);
	if (contentType) return contentType;
	const ifMatch = ifMatchOf(ctx);
	if (typeof ifMatch !== 'string') return ifMatch;
	const flow = store.getFlow(sandbox, id);
	if (!flow) return flowNotFound(rid, id);
	settle(store, flow, ctx.receivedAt);
	const stale = versionRefusal(ctx, ifMatch, flow, 'flows');
	if (stale) return stale;
	if (isBusy(store, flow))
		return fsError(
			'stateCannotUpdate',
			rid,
			'The current state updating cannot be updated.',
			id,
			'flows',
		);
	const body = readPatchBody(ctx, id, 'flows');
	if ('refusal' in body) return body.refusal;
	const notForDatasets = datasetPatchRefusal(call, flow, body.ops);
	if (notForDatasets) return notForDatasets;
	const outcome = applyFlowPatch(flow, body.ops);
	if (!outcome.ok) return fsError(outcome.kind, rid, outcome.message, id, 'flows');
	const doc = outcome.doc;
	const refused = settlePatchedFlow(call, flow, doc);
	if (refused) return refused;

	const now = ctx.receivedAt;
	stampAudiences(flow, doc, now);
	const etag = recordWrite(doc, caller.clientId, now);
	const async = config.asyncUpdateMs > 0;
	doc.lastOperation = operation(now, 'update', outcome.ops, async);
	if (async) store.pending.set(id, now + config.asyncUpdateMs);
	store.putFlow(doc);
	return { status: 200, body: { id, etag } };
}

export function flowAction({ ctx, caller, deps, sandbox }: ServiceCall): ApiResponse {
	const rid = ctx.requestId;
	const id = ctx.params.id;
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
	const etag = recordWrite(doc, caller.clientId, now);
	doc.lastOperation = operation(now, lower, [], false);
	store.putFlow(doc);
	return { status: 200, body: { id, etag } };
}

export function deleteFlow({ ctx, deps, sandbox }: ServiceCall): ApiResponse {
	const { store } = deps;
	const id = ctx.params.id;
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
