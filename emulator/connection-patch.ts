// PATCH /connections/{id} (a destination account: name, credentials), /targetConnections/{id}
// (export location and file options) and /sourceConnections/{id} (name; a Data Lake source's
// datasets never change): JSON Patch guarded by If-Match exactly like a dataflow's PATCH, 200
// {id, etag} with a new etag. README "Editing connections" lists the refusals.
import { patchedConnectionProblem, mergeParamsReplace } from './connection-rules';
import type { ConnectionKind } from './connections';
import { recordWrite } from './entity';
import { entityNotFound, fsError, invalidRequest } from './errors';
import { applyJsonPatch } from './json-patch';
import { ifMatchOf, jsonContentRefusal, readPatchBody, versionRefusal } from './patch-request';
import type { ServiceCall } from './routes/scope';
import type { ApiResponse } from './types';

/** Top-level fields of a connection the service manages (or that would make it another connection). */
const READ_ONLY = new Set([
	'id',
	'etag',
	'version',
	'createdAt',
	'updatedAt',
	'createdBy',
	'updatedBy',
	'createdClient',
	'updatedClient',
	'sandboxId',
	'sandboxName',
	'imsOrgId',
	'state',
	'connectionSpec',
	'inheritedAttributes',
	'baseConnectionId',
	'typeInfo',
]);

export function patchConnection(kind: ConnectionKind) {
	return ({ ctx, caller, deps, sandbox }: ServiceCall): ApiResponse => {
		const id = ctx.params.id;
		const contentType = jsonContentRefusal(ctx);
		if (contentType) return contentType;
		const ifMatch = ifMatchOf(ctx);
		if (typeof ifMatch !== 'string') return ifMatch;
		const items = deps.store[kind];
		const connection = items.get(sandbox, id);
		if (!connection) return entityNotFound(ctx.requestId, kind, id);
		const stale = versionRefusal(ctx, ifMatch, connection, kind);
		if (stale) return stale;
		const body = readPatchBody(ctx, id, kind);
		if ('refusal' in body) return body.refusal;
		const outcome = applyJsonPatch(
			connection,
			mergeParamsReplace(kind, connection, body.ops),
			READ_ONLY,
		);
		if (!outcome.ok) return fsError(outcome.kind, ctx.requestId, outcome.message, id, kind);
		const doc = outcome.doc;
		const problem = patchedConnectionProblem(kind, connection, doc);
		if (problem) return invalidRequest(ctx.requestId, `${problem}.`, kind, id);
		const etag = recordWrite(doc, caller.clientId, ctx.receivedAt);
		items.put(doc);
		return { status: 200, body: { id, etag } };
	};
}
