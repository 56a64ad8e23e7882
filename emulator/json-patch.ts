// RFC 6902 PATCH as Flow Service accepts it: add/replace/remove only, every operation with a
// `value`, none on a field the service manages, applied in order to a copy so a failing operation
// leaves the stored entity untouched. Shared by dataflows and connections.
import { applyOperation, deepClone, JsonPatchError, type Operation } from 'fast-json-patch';
import type { FlowErrorKind } from './errors';
import type { JsonObject } from './types';

const SUPPORTED = new Set(['add', 'replace', 'remove']);

export type PatchFailure = { ok: false; kind: FlowErrorKind; message: string };
export type PatchOutcome<T> = { ok: true; doc: T; ops: Operation[] } | PatchFailure;

const PREFIX = 'An error has occurred while validating patch instructions: ';

export function fail(kind: FlowErrorKind, message: string): PatchFailure {
	return { ok: false, kind, message };
}

const REASONS: Record<string, string> = {
	OPERATION_PATH_UNRESOLVABLE: 'the path does not exist in the entity',
	OPERATION_PATH_CANNOT_ADD: 'the parent of the path does not exist in the entity',
	OPERATION_PATH_ILLEGAL_ARRAY_INDEX: 'an array index must be an unsigned integer or "-"',
	OPERATION_VALUE_OUT_OF_BOUNDS: 'the array index is beyond the end of the array',
};

/** Checks each operation's shape, then applies them in order to a deep copy of `entity`. */
export function applyJsonPatch<T extends JsonObject>(
	entity: T,
	body: unknown,
	readOnly: ReadonlySet<string>,
): PatchOutcome<T> {
	if (!Array.isArray(body))
		return fail('patchInvalid', `${PREFIX}the body must be a JSON array of operations (RFC 6902).`);
	if (body.length === 0)
		return fail(
			'emptyBody',
			'The request body cannot be null or empty. Please provide a request body and try again.',
		);
	const ops = body as JsonObject[];
	for (let i = 0; i < ops.length; i++) {
		const op = ops[i];
		const at = `operation ${i}`;
		if (typeof op !== 'object' || op === null || Array.isArray(op))
			return fail('patchInvalid', `${PREFIX}${at} is not an object.`);
		if (typeof op.op !== 'string')
			return fail('patchInvalid', `${PREFIX}Missing field "op" in ${at}.`);
		if (!SUPPORTED.has(op.op)) {
			return fail(
				'unsupportedOp',
				`Unsupported operation '${op.op}' received. Please use one of the supported operation types and try again.`,
			);
		}
		if (typeof op.path !== 'string')
			return fail('patchInvalid', `${PREFIX}Missing field "path" in ${at}.`);
		// The published schema requires `value` on every operation, remove included.
		if (!('value' in op))
			return fail('patchInvalid', `${PREFIX}Missing field "value" in ${at} (${op.op} ${op.path}).`);
		if (!op.path.startsWith('/'))
			return fail('patchInvalid', `${PREFIX}${at}: path "${op.path}" must start with "/".`);
		if (op.op !== 'add' && op.path.endsWith('/-')) {
			return fail(
				'patchInvalid',
				`${PREFIX}${at}: "-" addresses the end of an array and is valid only for add, not ${op.op} (${op.path}).`,
			);
		}
		const first = op.path.split('/')[1].replace(/~1/g, '/').replace(/~0/g, '~');
		if (readOnly.has(first))
			return fail(
				'patchInvalid',
				`${PREFIX}${at}: field "/${first}" is managed by the service and cannot be changed.`,
			);
	}

	const doc = deepClone(entity) as T;
	for (let i = 0; i < ops.length; i++) {
		const op = ops[i] as unknown as Operation;
		try {
			// Clone the operation: fast-json-patch stores values by reference.
			applyOperation(doc, deepClone(op), true, true, true, i);
		} catch (e) {
			const reason =
				e instanceof JsonPatchError
					? (REASONS[e.name] ?? e.message)
					: String(e instanceof Error ? e.message : e);
			return fail(
				'patchInvalid',
				`${PREFIX}operation ${i} (${op.op} ${op.path}) failed: ${reason}.`,
			);
		}
	}

	return { ok: true, doc, ops: ops as unknown as Operation[] };
}
