import { inputError } from '../model/inputError';
import { parsePointer } from '../model/jsonPointer';
import type { PatchOperation } from '../model/types';
import { describeType } from './scalars';

const ALLOWED_OPS = ['add', 'replace', 'remove'];
const MAX_OPERATIONS = 500;
const MAX_BYTES = 1024 * 1024;
const PAST_TENSE: Record<string, string> = { add: 'added', replace: 'replaced', remove: 'removed' };

/** The body goes out as UTF-8, so the limit counts bytes, not UTF-16 code units. */
function utf8Length(text: string): number {
	return new TextEncoder().encode(text).length;
}

/** Checks a user-written JSON Patch against what the Flow Service accepts, before anything is sent. */
export function parseRawPatch(raw: unknown, field = 'operations'): PatchOperation[] {
	let parsed = raw;
	if (typeof raw === 'string') {
		const bytes = utf8Length(raw);
		if (bytes > MAX_BYTES)
			inputError(field, `The JSON Patch is ${bytes} bytes long; the limit is ${MAX_BYTES}`);
		try {
			parsed = JSON.parse(raw);
		} catch (error) {
			inputError(field, `The JSON Patch is not valid JSON: ${(error as Error).message}`);
		}
	}
	if (!Array.isArray(parsed))
		inputError(field, `The JSON Patch must be an array of operations, got ${describeType(parsed)}`);
	if (parsed.length === 0) inputError(field, 'The JSON Patch has no operations');
	if (parsed.length > MAX_OPERATIONS)
		inputError(
			field,
			`The JSON Patch has ${parsed.length} operations; the limit is ${MAX_OPERATIONS}`,
		);
	if (utf8Length(JSON.stringify(parsed)) > MAX_BYTES)
		inputError(field, `The JSON Patch is larger than ${MAX_BYTES} bytes`);
	return parsed.map((operation, index) => checkOperation(operation, `${field}[${index}]`, index));
}

function checkOperation(operation: unknown, field: string, index: number): PatchOperation {
	const label = `Operation ${index + 1}`;
	if (typeof operation !== 'object' || operation === null || Array.isArray(operation)) {
		inputError(
			field,
			`${label} must be an object with op, path and value, got ${describeType(operation)}`,
		);
	}
	const { op, path, value, ...rest } = operation as Record<string, unknown>;
	if (typeof op !== 'string' || !ALLOWED_OPS.includes(op)) {
		inputError(
			`${field}.op`,
			`${label}: op ${JSON.stringify(op)} is not supported by the Flow Service; use add, replace or remove`,
		);
	}
	const extra = Object.keys(rest);
	if (extra.length > 0) inputError(field, `${label} has unexpected member(s) ${extra.join(', ')}`);
	if (typeof path !== 'string')
		inputError(
			`${field}.path`,
			`${label}: path must be a JSON Pointer string, got ${describeType(path)}`,
		);
	const tokens = parsePointer(path);
	if (!tokens)
		inputError(
			`${field}.path`,
			`${label}: path "${path}" is not a valid JSON Pointer (it must start with "/" and escape "~" as ~0 and "/" as ~1)`,
		);
	if (tokens.length === 0)
		inputError(
			`${field}.path`,
			`${label}: the whole document cannot be ${PAST_TENSE[op]}; target a member`,
		);
	if (op === 'remove' && tokens[tokens.length - 1] === '-') {
		inputError(
			`${field}.path`,
			`${label}: "-" names the position after the last element and cannot be removed; use the element's index`,
		);
	}
	// Adobe's schema wants a value on every operation, remove included ({} will do for a remove).
	if (value === undefined)
		inputError(
			`${field}.value`,
			`${label}: ${op} needs a value${op === 'remove' ? ' for the Flow Service (use {} for a remove)' : ''}`,
		);
	return { op: op as PatchOperation['op'], path, value };
}

/** Adobe's etags carry literal quotes; one pasted without them would always meet a 412. */
export function quoteEtag(etag: string | undefined): string | undefined {
	if (etag === undefined || /^(W\/)?".*"$/.test(etag)) return etag;
	return `"${etag}"`;
}
