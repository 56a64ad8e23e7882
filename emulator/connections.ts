// Base connections (destination accounts), source and target connections: listing and reading
// them (GET, same filters and paging as /flows) and deleting source and target connections.
import { entityNotFound, fsError } from './errors';
import { listResources, type ListSpec } from './listing';
import type { ServiceCall } from './routes/scope';
import type { ConnectionKind, Store } from './store';
import type { ApiResponse } from './types';

export type { ConnectionKind } from './store';

const SORTABLE = [
	'id',
	'name',
	'description',
	'state',
	'createdAt',
	'updatedAt',
	'createdBy',
	'updatedBy',
	'connectionSpec.id',
];

export const CONNECTION_LISTS: Record<ConnectionKind, ListSpec> = {
	connections: {
		basePath: '/connections',
		sortable: new Set(SORTABLE),
		defaultOrder: [{ path: ['updatedAt'], desc: true }],
	},
	sourceConnections: {
		basePath: '/sourceConnections',
		sortable: new Set([...SORTABLE, 'baseConnectionId']),
		defaultOrder: [{ path: ['updatedAt'], desc: true }],
	},
	targetConnections: {
		basePath: '/targetConnections',
		sortable: new Set([...SORTABLE, 'baseConnectionId']),
		defaultOrder: [{ path: ['updatedAt'], desc: true }],
	},
};

export function listConnections(kind: ConnectionKind) {
	return ({ ctx, deps, sandbox }: ServiceCall): ApiResponse =>
		listResources(ctx, deps.store[kind].in(sandbox), CONNECTION_LISTS[kind]);
}

/** `{"items": [connection]}`, as the OpenAPI document's examples answer a read by id. */
export function getConnection(kind: ConnectionKind) {
	return ({ ctx, deps, sandbox }: ServiceCall): ApiResponse => {
		const item = deps.store[kind].get(sandbox, ctx.params.id);
		if (!item) return entityNotFound(ctx.requestId, kind, ctx.params.id);
		return { status: 200, body: { items: [item] } };
	};
}

function usedBy(store: Store, sandbox: string, kind: ConnectionKind, id: string): boolean {
	const field = kind === 'sourceConnections' ? 'sourceConnectionIds' : 'targetConnectionIds';
	for (const flow of store.flowsIn(sandbox))
		if (((flow[field] ?? []) as string[]).includes(id)) return true;
	return false;
}

/** 202 without a body, as the OpenAPI document answers; refused while a dataflow uses it. */
export function deleteConnection(kind: 'sourceConnections' | 'targetConnections') {
	return ({ ctx, deps, sandbox }: ServiceCall): ApiResponse => {
		const id = ctx.params.id;
		const items = deps.store[kind];
		if (!items.get(sandbox, id)) return entityNotFound(ctx.requestId, kind, id);
		if (usedBy(deps.store, sandbox, kind, id))
			return fsError(
				'activeFlows',
				ctx.requestId,
				`Found active flows containing id ${id}.`,
				id,
				kind,
			);
		items.delete(sandbox, id);
		return { status: 202 };
	};
}
