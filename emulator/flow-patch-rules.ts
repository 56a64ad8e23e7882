// What a PATCH of a dataflow must respect beyond the audience rules (validation.ts): replaced
// source or target connections exist in the sandbox and fit the flow spec (the dataflow's
// inheritedAttributes follow them), and a dataset export keeps no audiences and a valid schedule,
// which gets the six-month default end when it comes without one.
import { invalidRequest } from './errors';
import {
	ID_FIELDS,
	inheritedConnection,
	resolveConnections,
	specMismatch,
	type ConnectionRole,
} from './flow-connections';
import type { ServiceCall } from './routes/scope';
import { scheduleProblem, withDefaultEnd } from './schedule-params';
import { flowSpec, isDatasetFlowSpec, workflowOf } from './specs/catalogue';
import type { ApiResponse, Flow, JsonObject } from './types';

const TYPE = 'flows';
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The flow's spec when the catalogue serves it (legacy and sources flows have none). */
function specOf(flow: Flow): JsonObject | undefined {
	const id = (flow.flowSpec as { id?: string } | undefined)?.id;
	return id ? flowSpec(id) : undefined;
}

const isDatasetExport = (flow: Flow) =>
	isDatasetFlowSpec((flow.flowSpec as { id?: string } | undefined)?.id);

/** A dataset export has no audiences: any operation on its transformations is refused up front. */
export function datasetPatchRefusal(
	call: ServiceCall,
	flow: Flow,
	ops: unknown,
): ApiResponse | undefined {
	if (!Array.isArray(ops) || !isDatasetExport(flow)) return undefined;
	const touching = ops.find(
		(op) =>
			typeof op?.path === 'string' &&
			(op.path === '/transformations' || op.path.startsWith('/transformations/')),
	) as { op?: string; path: string } | undefined;
	if (!touching) return undefined;
	return invalidRequest(
		call.ctx.requestId,
		`${touching.path}: dataflow ${flow.id} exports datasets (flow spec ${String(specOf(flow)?.name)}); it has no audiences or profile attributes. To change its datasets, replace /sourceConnectionIds with a new Data Lake source connection.`,
		TYPE,
		flow.id,
	);
}

function followConnections(
	call: ServiceCall,
	before: Flow,
	doc: Flow,
	spec: JsonObject,
	role: ConnectionRole,
): ApiResponse | undefined {
	const field = ID_FIELDS[role];
	if (same(before[field], doc[field])) return undefined;
	const connections = resolveConnections(call, doc[field], role);
	if (!Array.isArray(connections)) return connections;
	const mismatch = specMismatch(call, spec, connections, role);
	if (mismatch) return mismatch;
	const datasetTarget = role === 'targetConnections' && workflowOf(spec) === 'DATASETS';
	const inherited = (doc.inheritedAttributes ??= {}) as JsonObject;
	inherited[role] = connections.map((c) => inheritedConnection(c, datasetTarget));
	return undefined;
}

/** Checks the patched document against the rules above and completes it; or the refusal. */
export function settlePatchedFlow(
	call: ServiceCall,
	before: Flow,
	doc: Flow,
): ApiResponse | undefined {
	const spec = specOf(doc);
	if (!spec) return undefined;
	const refused =
		followConnections(call, before, doc, spec, 'sourceConnections') ??
		followConnections(call, before, doc, spec, 'targetConnections');
	if (refused) return refused;
	if (workflowOf(spec) !== 'DATASETS' || same(before.scheduleParams, doc.scheduleParams))
		return undefined;
	const problem = scheduleProblem(doc.scheduleParams);
	if (problem)
		return invalidRequest(
			call.ctx.requestId,
			`${problem === 'scheduleParams: must be an object' ? 'scheduleParams: is required by a dataset export dataflow' : problem}.`,
			TYPE,
			doc.id,
		);
	doc.scheduleParams = withDefaultEnd(doc.scheduleParams as JsonObject, call.ctx.receivedAt);
	return undefined;
}
