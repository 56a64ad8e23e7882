// The source and target connections a dataflow names: resolved in the caller's sandbox, checked
// against the flow spec, and summarised in the dataflow's `inheritedAttributes`. Shared by
// POST /flows and by a PATCH that replaces `/sourceConnectionIds` or `/targetConnectionIds`.
import { invalidSpec } from './connection-create';
import { invalidRequest } from './errors';
import type { ServiceCall } from './routes/scope';
import type { ApiResponse, Connection, JsonObject } from './types';

const TYPE = 'flows';
export type ConnectionRole = 'sourceConnections' | 'targetConnections';
export const ID_FIELDS = {
	sourceConnections: 'sourceConnectionIds',
	targetConnections: 'targetConnectionIds',
} as const;

/** The connections behind the ids, or the refusal naming the first one that is not there. */
export function resolveConnections(
	call: ServiceCall,
	ids: unknown,
	kind: ConnectionRole,
): Connection[] | ApiResponse {
	const field = ID_FIELDS[kind];
	if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' && id))
		return invalidRequest(call.ctx.requestId, `${field}: must be a non-empty array of ids.`, TYPE);
	const found: Connection[] = [];
	for (const [i, id] of (ids as string[]).entries()) {
		const connection = call.deps.store[kind].get(call.sandbox, id);
		if (!connection)
			return invalidRequest(
				call.ctx.requestId,
				`${field}[${i}]: ${kind === 'sourceConnections' ? 'source' : 'target'} connection ${id} does not exist in sandbox ${call.sandbox}.`,
				TYPE,
			);
		found.push(connection);
	}
	return found;
}

/** 1413-400 when a connection's spec is not one the flow spec takes. */
export function specMismatch(
	call: ServiceCall,
	spec: JsonObject,
	connections: Connection[],
	kind: ConnectionRole,
): ApiResponse | undefined {
	const field =
		kind === 'sourceConnections' ? 'sourceConnectionSpecIds' : 'targetConnectionSpecIds';
	const accepted = spec[field] as string[];
	const wrong = connections.find((c) => !accepted.includes(c.connectionSpec.id));
	if (!wrong) return undefined;
	return invalidSpec(
		call.ctx,
		`Flow spec ${String(spec.id)} (${String(spec.name)}) does not go with connection ${wrong.id} of spec ${wrong.connectionSpec.id}.`,
		TYPE,
	);
}

/**
 * One entry of `inheritedAttributes.sourceConnections`/`targetConnections`. A dataset export's
 * target says so in `data.outputType`, which the export-datasets tutorial filters on
 * (`inheritedAttributes.targetConnections[].data.outputType==DATASET_EXPORT`).
 */
export function inheritedConnection(
	connection: Connection,
	datasetExportTarget = false,
): JsonObject {
	const base = (connection.inheritedAttributes as JsonObject | undefined)?.baseConnection;
	return {
		id: connection.id,
		connectionSpec: connection.connectionSpec,
		...(base ? { baseConnection: base } : {}),
		...(connection.typeInfo ? { typeInfo: connection.typeInfo } : {}),
		...(datasetExportTarget ? { data: { outputType: 'DATASET_EXPORT' } } : {}),
	};
}
