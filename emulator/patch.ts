// RFC 6902 PATCH as Flow Service accepts it: add/replace/remove only, applied to a
// copy so a failing operation leaves the stored flow untouched.
import { applyOperation, deepClone, JsonPatchError, type Operation } from 'fast-json-patch';
import type { FlowErrorKind } from './errors';
import type { Flow, JsonObject } from './types';
import { validateFlow } from './validation';

const SUPPORTED = new Set(['add', 'replace', 'remove']);

/** Top-level fields the service manages itself; a PATCH may not touch them. */
export const READ_ONLY_FIELDS = new Set([
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
	'flowSpec',
	'inheritedAttributes',
	'lastOperation',
	'lastRunDetails',
	'runs',
]);

export type PatchOutcome =
	{ ok: true; doc: Flow; ops: Operation[] } | { ok: false; kind: FlowErrorKind; message: string };

const PREFIX = 'An error has occurred while validating patch instructions: ';

function fail(kind: FlowErrorKind, message: string): PatchOutcome {
	return { ok: false, kind, message };
}

const REASONS: Record<string, string> = {
	OPERATION_PATH_UNRESOLVABLE: 'the path does not exist in the flow',
	OPERATION_PATH_CANNOT_ADD: 'the parent of the path does not exist in the flow',
	OPERATION_PATH_ILLEGAL_ARRAY_INDEX: 'an array index must be an unsigned integer or "-"',
	OPERATION_VALUE_OUT_OF_BOUNDS: 'the array index is beyond the end of the array',
};

/** Checks each operation's shape, then applies them in order to a deep copy. */
export function applyFlowPatch(flow: Flow, body: unknown): PatchOutcome {
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
		if (READ_ONLY_FIELDS.has(first))
			return fail(
				'patchInvalid',
				`${PREFIX}${at}: field "/${first}" is managed by the service and cannot be changed.`,
			);
	}

	const doc = deepClone(flow) as Flow;
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

	const problem = validateFlow(doc);
	if (problem)
		return fail(
			'providerError',
			`The request could not be processed. Error from flow provider: ${problem.message}`,
		);
	return { ok: true, doc, ops: ops as unknown as Operation[] };
}

function selectorsOf(flow: JsonObject): JsonObject[] {
	const out: JsonObject[] = [];
	const transformations = flow.transformations;
	if (!Array.isArray(transformations)) return out;
	for (const t of transformations) {
		const selectors = (t as { params?: { segmentSelectors?: { selectors?: unknown } } })?.params
			?.segmentSelectors?.selectors;
		if (Array.isArray(selectors))
			for (const s of selectors)
				if (s && typeof s === 'object' && (s as JsonObject).value)
					out.push((s as JsonObject).value as JsonObject);
	}
	return out;
}

function withoutTimes(v: JsonObject): string {
	const { createTime: _c, updateTime: _u, ...rest } = v;
	return JSON.stringify(rest);
}

/**
 * createTime/updateTime are system-generated (epoch seconds, as strings): new
 * audiences get both, changed ones a new updateTime, and a replaced selector keeps
 * its original createTime.
 */
export function stampAudiences(before: Flow, after: Flow, nowMs: number): void {
	const now = String(Math.floor(nowMs / 1000));
	const old = new Map<string, JsonObject>();
	for (const v of selectorsOf(before)) if (typeof v.id === 'string') old.set(v.id, v);
	for (const v of selectorsOf(after)) {
		if (typeof v.id !== 'string') continue;
		const prior = old.get(v.id);
		if (!prior) {
			v.createTime ??= now;
			v.updateTime ??= now;
			continue;
		}
		if (prior.createTime !== undefined) v.createTime = prior.createTime;
		if (withoutTimes(prior) !== withoutTimes(v)) v.updateTime = now;
		else if (prior.updateTime !== undefined) v.updateTime = prior.updateTime;
	}
}
