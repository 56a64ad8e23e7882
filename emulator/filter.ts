// The `property` filter language of Flow Service listings (sort-and-filter guide):
// `path<op>value[,value...]`, `[]` after an array name to look inside its items,
// repeated `property` parameters combine with AND, comma-separated values with OR.
import type { FlowErrorKind } from './errors';

export type FilterOp = '==' | '!=' | '>' | '>=' | '<' | '<=';
const OPS = new Set<string>(['==', '!=', '>', '>=', '<', '<=']);
const RANGE_OPS = new Set<string>(['>', '>=', '<', '<=']);

interface Segment {
	key: string;
	/** `[]`: the value is an array, continue in each item. */
	each: boolean;
}

export interface Filter {
	path: Segment[];
	op: FilterOp;
	values: string[];
	/** Lower-cased values: string comparison ignores case (Adobe's docs spell run statuses both ways). */
	lowered: string[];
	numbers: number[];
}

export interface FilterError {
	kind: FlowErrorKind;
	message: string;
}

const SEGMENT = /^([A-Za-z0-9_$@-]+)(\[\])?$/;

/** Adobe's guides quote values (`name=="CRMToAEP"`); the quotes are not part of the value. */
const unquote = (v: string) =>
	v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
const NUMBER = /^-?\d+(\.\d+)?$/;

function parseOne(expression: string): Filter | FilterError {
	const m = /^([^=!<>~]*)([=!<>~]+)([\s\S]*)$/.exec(expression);
	if (!m)
		return {
			kind: 'emptyFilterValue',
			message: `Invalid query value ${expression} provided in query param.`,
		};
	const [, pathText, opText, valueText] = m;
	const segments: Segment[] = [];
	for (const part of pathText.split('.')) {
		const s = SEGMENT.exec(part);
		if (!s)
			return { kind: 'invalidFilterField', message: `Invalid field ${pathText} in filter params.` };
		segments.push({ key: s[1], each: s[2] === '[]' });
	}
	if (opText === '~')
		return { kind: 'operatorNotImplemented', message: "Operator '~' not implemented." };
	if (!OPS.has(opText))
		return { kind: 'invalidOperator', message: `Invalid operator ${opText} in filter params.` };
	if (valueText === '')
		return {
			kind: 'emptyFilterValue',
			message: `Invalid query value ${expression} provided in query param.`,
		};
	const values = valueText.split(',').map(unquote);
	if (RANGE_OPS.has(opText)) {
		if (values.length > 1)
			return {
				kind: 'multiValueOperator',
				message: `Operator '${opText}' is not allowed for multiple values.`,
			};
		const last = segments[segments.length - 1].key;
		if (last === 'id' || last === 'flowId')
			return {
				kind: 'operatorForField',
				message: `Operator ${opText} not supported for field ${last}.`,
			};
		if (!NUMBER.test(values[0]))
			return {
				kind: 'invalidFilterValue',
				message: `Invalid value ${values[0]} for field ${pathText}.`,
			};
	}
	return {
		path: segments,
		op: opText as FilterOp,
		values,
		lowered: values.map((v) => v.toLowerCase()),
		numbers: values.map((v) => (NUMBER.test(v) ? Number(v) : NaN)),
	};
}

export function parseFilters(
	expressions: string[],
): { filters: Filter[] } | { error: FilterError } {
	const filters: Filter[] = [];
	for (const e of expressions) {
		const parsed = parseOne(e);
		if ('kind' in parsed) return { error: parsed };
		filters.push(parsed);
	}
	return { filters };
}

/** Values at the path; a path must say `[]` to enter an array, as Adobe requires. */
export function resolvePath(node: unknown, path: Segment[], i = 0, out: unknown[] = []): unknown[] {
	if (i === path.length) {
		if (node !== undefined) out.push(node);
		return out;
	}
	if (node === null || typeof node !== 'object' || Array.isArray(node)) return out;
	const child = (node as Record<string, unknown>)[path[i].key];
	if (path[i].each) {
		if (Array.isArray(child)) for (const item of child) resolvePath(item, path, i + 1, out);
		return out;
	}
	return resolvePath(child, path, i + 1, out);
}

function equalsAny(value: unknown, f: Filter): boolean {
	switch (typeof value) {
		case 'string': {
			const lower = value.toLowerCase();
			return f.lowered.includes(lower);
		}
		case 'number':
			return f.numbers.includes(value);
		case 'boolean':
			return f.lowered.includes(String(value));
		default:
			return value === null && f.lowered.includes('null');
	}
}

function compare(value: unknown, op: FilterOp, bound: number): boolean {
	const n =
		typeof value === 'number'
			? value
			: typeof value === 'string' && NUMBER.test(value)
				? Number(value)
				: NaN;
	if (Number.isNaN(n)) return false;
	switch (op) {
		case '>':
			return n > bound;
		case '>=':
			return n >= bound;
		case '<':
			return n < bound;
		default:
			return n <= bound;
	}
}

export function matches(item: unknown, f: Filter): boolean {
	const values = resolvePath(item, f.path);
	if (f.op === '==') return values.some((v) => equalsAny(v, f));
	// `!=` is the negation of `==`, so items without the field match it.
	if (f.op === '!=') return !values.some((v) => equalsAny(v, f));
	return values.some((v) => compare(v, f.op, f.numbers[0]));
}

export function matchesAll(item: unknown, filters: Filter[]): boolean {
	for (const f of filters) if (!matches(item, f)) return false;
	return true;
}
