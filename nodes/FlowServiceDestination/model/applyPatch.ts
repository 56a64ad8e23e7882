import { parsePointer } from './jsonPointer';
import type { PatchOperation } from './types';

/**
 * Applies planned operations to a copy of a flow, as the Flow Service would (RFC 6902, in order),
 * so several items' plans can be stacked on one read. Throws when an operation does not apply.
 */
export function applyPatch<T>(document: T, operations: PatchOperation[]): T {
	return applyPatchInPlace(structuredClone(document), operations);
}

/** As applyPatch, but changes `document` itself: for a copy the caller owns. A failure may leave it half-changed. */
export function applyPatchInPlace<T>(document: T, operations: PatchOperation[]): T {
	const root = { value: document as unknown };
	for (const operation of operations) applyOne(root, operation);
	return root.value as T;
}

function applyOne(root: { value: unknown }, operation: PatchOperation): void {
	const tokens = parsePointer(operation.path);
	if (!tokens || tokens.length === 0)
		throw new Error(`Cannot apply ${operation.op} at "${operation.path}"`);
	const parent = resolve(root.value, tokens.slice(0, -1), operation.path);
	const key = tokens[tokens.length - 1];
	if (Array.isArray(parent)) {
		applyToArray(parent, key, operation);
		return;
	}
	if (typeof parent !== 'object' || parent === null)
		throw new Error(`"${operation.path}" does not point into an object or array`);
	const object = parent as Record<string, unknown>;
	if (operation.op !== 'add' && !(key in object))
		throw new Error(`"${operation.path}" does not exist, so it cannot be ${operation.op}d`);
	if (operation.op === 'remove') delete object[key];
	else object[key] = structuredClone(operation.value);
}

function applyToArray(array: unknown[], key: string, operation: PatchOperation): void {
	const index = key === '-' && operation.op === 'add' ? array.length : Number(key);
	const limit = operation.op === 'add' ? array.length : array.length - 1;
	if (!/^(0|[1-9]\d*|-)$/.test(key) || !Number.isInteger(index) || index > limit) {
		throw new Error(`"${operation.path}" is not a valid index for ${operation.op}`);
	}
	if (operation.op === 'add') array.splice(index, 0, structuredClone(operation.value));
	else if (operation.op === 'remove') array.splice(index, 1);
	else array[index] = structuredClone(operation.value);
}

function resolve(document: unknown, tokens: string[], path: string): unknown {
	let current = document;
	for (const token of tokens) {
		if (typeof current !== 'object' || current === null || !(token in current))
			throw new Error(`"${path}" does not exist`);
		current = (current as Record<string, unknown>)[token];
	}
	return current;
}
