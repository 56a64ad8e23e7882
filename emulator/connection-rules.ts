// What an edited connection must still be (checked on the result of every PATCH): a name; for an
// account, credentials its connection spec's auth spec describes (then masked, like on create);
// for a target connection, params its spec's targetSpec accepts; for a Data Lake source
// connection, the datasets it was created with.
import { describe, validatorFor } from './create-body';
import { changedDatasetsProblem } from './source-datasets';
import type { ConnectionKind } from './connections';
import { maskAuth } from './secrets';
import { authSpecs, connectionSpec } from './specs/catalogue';
import { targetParamsProblem } from './specs/target-params';
import type { Connection, JsonObject } from './types';

const isObject = (v: unknown): v is JsonObject =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The names Adobe's edit guide and OpenAPI examples use for credentials the auth specs name
 * otherwise: S3's `accessId`/`secretKey`, SFTP's former `host` (README "Decisions").
 */
const AUTH_ALIASES: Record<string, Record<string, string>> = {
	'Access Key': { accessId: 's3AccessKey', secretKey: 's3SecretKey' },
	'SFTP with Password': { host: 'domain' },
	'SFTP with SSH Key': { host: 'domain' },
};

function withSpecNames(specName: string, params: JsonObject): JsonObject {
	const aliases = AUTH_ALIASES[specName] ?? {};
	const out: JsonObject = {};
	for (const [name, value] of Object.entries(params)) {
		const canonical = aliases[name];
		out[canonical && params[canonical] === undefined ? canonical : name] = value;
	}
	return out;
}

/**
 * Why the account's credentials are refused; when they are not, they are put in the auth spec's
 * names and masked in `doc`, as a create stores them.
 */
function settleAuth(doc: Connection): string | undefined {
	const spec = connectionSpec(doc.connectionSpec.id);
	const entries = spec ? authSpecs(spec) : [];
	if (entries.length === 0)
		return doc.auth === undefined
			? undefined
			: `auth: connection spec ${doc.connectionSpec.id} takes no credentials`;
	const auth = doc.auth;
	if (!isObject(auth)) return 'auth: must be an object with specName and params';
	const entry = entries.find((e) => e.name === auth.specName);
	if (!entry)
		return `auth.specName: must be one of ${entries.map((e) => e.name).join(', ')} (got ${JSON.stringify(auth.specName)})`;
	// Adobe documents removing the params (Patch_Connection_Remove_Auth_Params): the account keeps its auth spec.
	if (auth.params === undefined) return undefined;
	if (!isObject(auth.params)) return 'auth.params: must be an object';
	const params = withSpecNames(entry.name, auth.params);
	const validate = validatorFor(entry.spec);
	if (!validate(params)) return describe(validate.errors![0], 'auth.params');
	doc.auth = maskAuth(doc.connectionSpec.id, { specName: entry.name, params });
	return undefined;
}

/** The first rule the patched connection breaks (named with its field), or undefined. */
export function patchedConnectionProblem(
	kind: ConnectionKind,
	before: Connection,
	doc: Connection,
): string | undefined {
	if (typeof doc.name !== 'string' || doc.name.length === 0)
		return 'name: must be a non-empty string';
	if (doc.description !== undefined && typeof doc.description !== 'string')
		return 'description: must be a string';
	if (kind === 'connections') return settleAuth(doc);
	if (kind === 'sourceConnections') return changedDatasetsProblem(before, doc);
	const spec = connectionSpec(doc.connectionSpec.id);
	if (!isObject(doc.params)) return 'params: must be an object';
	return spec ? targetParamsProblem(spec, doc.params) : undefined;
}

/**
 * Adobe's edit guide replaces `/params` with only the fields it changes (`{bucketName, path}`): such
 * a replace keeps the other params (README "Decisions"). Other operations apply as sent.
 */
export function mergeParamsReplace(
	kind: ConnectionKind,
	entity: Connection,
	ops: unknown,
): unknown {
	if (kind !== 'targetConnections' || !Array.isArray(ops)) return ops;
	return ops.map((op) =>
		isObject(op) && op.op === 'replace' && op.path === '/params' && isObject(op.value)
			? { ...op, value: { ...(entity.params as JsonObject | undefined), ...op.value } }
			: op,
	);
}
