import type { IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';

import { rawParameter } from './runParameters';

/** `={{ $json.name }}` and nothing else: a plain reference to one field of the current item. */
const PLAIN_FIELD = /^=\{\{\s*\$json\.([A-Za-z_$][\w$]*)\s*\}\}$/;

const NOT_PLAIN = Symbol('not only plain field references');

/**
 * A parameter of one item, read as n8n reads it, but without n8n's expression engine when every
 * expression in it is a plain `{{ $json.field }}` whose field holds text, a finite number or a
 * boolean: that value is what n8n's evaluation returns for it (each evaluation runs in an isolated
 * VM in n8n 2.x, the largest cost per item). Any other expression, value or shape goes to n8n.
 * test/workflow-mocked/jsonFieldParameter.test.ts checks both ways give the same on generated input.
 */
export function readItemParameter(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback?: unknown,
): unknown {
	const raw = rawParameter.call(this, name);
	if (raw !== undefined) {
		const item = this.getInputData()[itemIndex]?.json;
		const value = item === undefined ? NOT_PLAIN : substitute(raw, item);
		if (value !== NOT_PLAIN) return value;
	}
	return this.getNodeParameter(name, itemIndex, fallback as NodeParameterValueType);
}

/** A copy of `raw` with each plain field reference replaced by the field's value, or NOT_PLAIN. */
function substitute(raw: unknown, item: Record<string, unknown>): unknown {
	if (typeof raw === 'string') {
		if (!raw.startsWith('=')) return raw;
		const field = PLAIN_FIELD.exec(raw)?.[1];
		if (field === undefined || !Object.prototype.hasOwnProperty.call(item, field)) return NOT_PLAIN;
		const value = item[field];
		const primitive =
			typeof value === 'string' ||
			typeof value === 'boolean' ||
			(typeof value === 'number' && Number.isFinite(value));
		return primitive ? value : NOT_PLAIN;
	}
	if (Array.isArray(raw)) {
		const copy: unknown[] = [];
		for (const entry of raw) {
			const value = substitute(entry, item);
			if (value === NOT_PLAIN) return NOT_PLAIN;
			copy.push(value);
		}
		return copy;
	}
	if (typeof raw === 'object' && raw !== null) {
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(raw)) {
			const value = substitute(entry, item);
			if (value === NOT_PLAIN) return NOT_PLAIN;
			copy[key] = value;
		}
		return copy;
	}
	return typeof raw === 'number' || typeof raw === 'boolean' ? raw : NOT_PLAIN;
}
