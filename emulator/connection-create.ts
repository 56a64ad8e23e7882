// POST /sourceConnections and POST /targetConnections: 201 {id, etag}, as the OpenAPI document
// answers. A source connection reads from an Experience Platform source spec (Profile store or
// Data Lake); a target connection hangs on a destination account (base connection) of the same
// connection spec, with params valid for the spec's targetSpec.
import { randomUUID } from 'node:crypto';
import { checkShape, missingSpecVersion, readJsonObject } from './create-body';
import { inheritedBase, makeConnection, specRef, type Origin } from './entity';
import { fsError, invalidRequest } from './errors';
import { CONNECTION_SPECS } from './fixtures/ids';
import type { ServiceCall } from './routes/scope';
import { isDataLakeSource, newDatasetsProblem } from './source-datasets';
import { attribute, connectionSpec } from './specs/catalogue';
import { targetParamsProblem } from './specs/target-params';
import type { ApiResponse, Connection, JsonObject, RequestContext } from './types';

const SPEC_REF = {
	type: 'object',
	required: ['id', 'version'],
	properties: { id: { type: 'string', minLength: 1 }, version: { type: 'string' } },
};
const NAME = { type: 'string', minLength: 1 };

const SOURCE_BODY = {
	type: 'object',
	required: ['name', 'connectionSpec'],
	properties: {
		name: NAME,
		description: { type: 'string' },
		connectionSpec: SPEC_REF,
		baseConnectionId: { type: 'string', minLength: 1 },
		data: { type: 'object' },
		params: {
			type: 'object',
			properties: {
				datasets: {
					type: 'array',
					items: {
						type: 'object',
						required: ['dataSetId'],
						properties: { dataSetId: { type: 'string', minLength: 1 }, name: { type: 'string' } },
					},
				},
			},
		},
	},
};

const TARGET_BODY = {
	type: 'object',
	required: ['name', 'baseConnectionId', 'params', 'connectionSpec'],
	properties: {
		name: NAME,
		description: { type: 'string' },
		baseConnectionId: { type: 'string', minLength: 1 },
		connectionSpec: SPEC_REF,
		data: { type: 'object' },
		params: { type: 'object' },
	},
};

export function invalidSpec(ctx: RequestContext, detail: string, type: string): ApiResponse {
	return fsError(
		'invalidSpec',
		ctx.requestId,
		`The spec ID provided is invalid. Please provide a valid spec ID and try again. ${detail}`,
		undefined,
		type,
	);
}

export function originOf({ ctx, caller, sandbox }: ServiceCall): Origin {
	return { sandbox, orgId: caller.orgId, clientId: caller.clientId, at: ctx.receivedAt };
}

/** The spec a create body names, if it is one of `role` ('isSource' or 'isDestination'). */
function specFor(
	ctx: RequestContext,
	ref: { id: string; version: string },
	role: 'isSource' | 'isDestination',
	type: string,
): JsonObject | ApiResponse {
	const spec = connectionSpec(ref.id);
	if (!spec || attribute(spec, role) !== true || ref.version !== spec.version)
		return invalidSpec(
			ctx,
			`No ${role === 'isSource' ? 'source' : 'destination'} connection spec ${ref.id} version ${ref.version} exists.`,
			type,
		);
	return spec;
}

const isRefusal = (v: unknown): v is ApiResponse =>
	typeof v === 'object' && v !== null && 'status' in v && typeof v.status === 'number';

/** Reads and checks the body up to the spec; undefined body means `refusal` is set. */
function readCreate(
	call: ServiceCall,
	schema: object,
	type: string,
):
	| { body: JsonObject & { connectionSpec: { id: string; version: string } } }
	| { refusal: ApiResponse } {
	const read = readJsonObject(call.ctx, type);
	if ('refusal' in read) return read;
	const ref = read.body.connectionSpec as JsonObject | undefined;
	if (ref && typeof ref === 'object' && !Array.isArray(ref) && ref.version === undefined)
		return { refusal: missingSpecVersion(call.ctx, 'connectionSpec', type) };
	const problem = checkShape(call.ctx, read.body, schema, type);
	if (problem) return { refusal: problem };
	return { body: read.body as JsonObject & { connectionSpec: { id: string; version: string } } };
}

/** A base connection of the sandbox with that spec, checked; or the refusal. */
function baseOf(
	call: ServiceCall,
	id: string,
	specId: string,
	type: string,
): Connection | ApiResponse {
	const base = call.deps.store.connections.get(call.sandbox, id);
	if (!base)
		return invalidRequest(
			call.ctx.requestId,
			`baseConnectionId: base connection ${id} does not exist in sandbox ${call.sandbox}.`,
			type,
		);
	if (base.connectionSpec.id !== specId)
		return invalidSpec(
			call.ctx,
			`Base connection ${id} is a connection of spec ${base.connectionSpec.id}, not ${specId}.`,
			type,
		);
	return base;
}

export function createSourceConnection(call: ServiceCall): ApiResponse {
	const type = 'sourceConnections';
	const read = readCreate(call, SOURCE_BODY, type);
	if ('refusal' in read) return read.refusal;
	const { body } = read;
	const spec = specFor(call.ctx, body.connectionSpec, 'isSource', type);
	if (isRefusal(spec)) return spec;
	if (isDataLakeSource(body)) {
		const problem = newDatasetsProblem(call.deps.store, call.sandbox, body.params as JsonObject);
		if (problem) return invalidRequest(call.ctx.requestId, `${problem}.`, type);
	}
	// Adobe's examples show a base connection on source connections created without one: the
	// sandbox's Experience Platform base connection of the spec.
	let base: Connection | undefined;
	if (typeof body.baseConnectionId === 'string') {
		const found = baseOf(call, body.baseConnectionId, body.connectionSpec.id, type);
		if (isRefusal(found)) return found;
		base = found;
	} else {
		base = [...call.deps.store.connections.in(call.sandbox)].find(
			(c) => c.connectionSpec.id === body.connectionSpec.id,
		);
	}
	const profile = body.connectionSpec.id === CONNECTION_SPECS.profileStoreSource;
	const source = makeConnection(
		randomUUID(),
		originOf(call),
		{
			name: body.name,
			...(body.description !== undefined ? { description: body.description } : {}),
			// Adobe's Data Lake example carries it; its Profile Store examples do not, unless sent.
			...(base && (!profile || body.baseConnectionId) ? { baseConnectionId: base.id } : {}),
			connectionSpec: specRef(body.connectionSpec.id),
			...(profile ? { typeInfo: { type: 'ProfileFragments', id: 'ups' } } : {}),
			...(body.data !== undefined ? { data: body.data } : {}),
			...(body.params !== undefined ? { params: body.params } : {}),
		},
		{ inheritedAttributes: base ? inheritedBase(base.id, base.connectionSpec.id) : {} },
	);
	call.deps.store.sourceConnections.put(source);
	return { status: 201, body: { id: source.id, etag: source.etag } };
}

export function createTargetConnection(call: ServiceCall): ApiResponse {
	const type = 'targetConnections';
	const read = readCreate(call, TARGET_BODY, type);
	if ('refusal' in read) return read.refusal;
	const { body } = read;
	const spec = specFor(call.ctx, body.connectionSpec, 'isDestination', type);
	if (isRefusal(spec)) return spec;
	const base = baseOf(call, String(body.baseConnectionId), body.connectionSpec.id, type);
	if (isRefusal(base)) return base;
	const problem = targetParamsProblem(spec, body.params);
	if (problem) return invalidRequest(call.ctx.requestId, `${problem}.`, type);
	const target = makeConnection(
		randomUUID(),
		originOf(call),
		{
			name: body.name,
			...(body.description !== undefined ? { description: body.description } : {}),
			baseConnectionId: base.id,
			connectionSpec: specRef(body.connectionSpec.id),
			...(body.data !== undefined ? { data: body.data } : {}),
			params: body.params,
		},
		{ inheritedAttributes: inheritedBase(base.id, base.connectionSpec.id) },
	);
	call.deps.store.targetConnections.put(target);
	return { status: 201, body: { id: target.id, etag: target.etag } };
}
