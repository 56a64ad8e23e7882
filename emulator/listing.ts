// Listing endpoints (GET /flows, GET /runs): filters, count, orderby, limit and
// continuation tokens. Pages are cut by keyset (the last item's sort key), so
// following `_links.next` never repeats or skips an unchanged item.
import { fsError } from './errors';
import { matchesAll, parseFilters } from './filter';
import type { ApiResponse, RequestContext } from './types';

export const MAX_LIMIT = 100;
const ALLOWED_PARAMS = new Set(['property', 'limit', 'orderby', 'count', 'continuationToken']);

interface SortKey {
	path: string[];
	desc: boolean;
}

export interface ListSpec {
	/** e.g. "/flows": the base of `_links.next.href`, relative to the service root. */
	basePath: string;
	/** Fields `orderby` accepts. */
	sortable: ReadonlySet<string>;
	/** Order when none is asked: most recently updated first. */
	defaultOrder: SortKey[];
}

interface TokenState {
	p: string[];
	o: string | null;
	l: string | null;
	k: unknown[];
}

function getPath(item: unknown, path: string[]): unknown {
	let node = item;
	for (const key of path) {
		if (node === null || typeof node !== 'object') return undefined;
		node = (node as Record<string, unknown>)[key];
	}
	return node;
}

const TYPE_RANK: Record<string, number> = {
	undefined: 0,
	object: 0,
	boolean: 1,
	number: 2,
	string: 3,
};

function compareValues(a: unknown, b: unknown): number {
	const ra = TYPE_RANK[a === null ? 'object' : typeof a] ?? 0;
	const rb = TYPE_RANK[b === null ? 'object' : typeof b] ?? 0;
	if (ra !== rb || ra === 0) return ra - rb;
	return (a as number | string) < (b as number | string)
		? -1
		: (a as number | string) > (b as number | string)
			? 1
			: 0;
}

function keyOf(item: unknown, order: SortKey[]): unknown[] {
	const key: unknown[] = order.map((s) => {
		const v = getPath(item, s.path);
		return v === undefined || (typeof v === 'object' && v !== null) ? null : v;
	});
	key.push((item as { id: string }).id);
	return key;
}

function compareKeys(a: unknown[], b: unknown[], order: SortKey[]): number {
	for (let i = 0; i < order.length; i++) {
		const c = compareValues(a[i], b[i]);
		if (c !== 0) return order[i].desc ? -c : c;
	}
	// The id breaks ties so every item has a unique position.
	return compareValues(a[order.length], b[order.length]);
}

function parseOrder(
	orderby: string,
	sortable: ReadonlySet<string>,
): SortKey[] | { kind: 'sortOrder' | 'sortField'; message: string } {
	const keys: SortKey[] = [];
	for (const raw of orderby.split(',')) {
		// A literal "+" in a query string decodes to a space: treat both as ascending.
		const term = raw.trim();
		let field = term;
		let desc = false;
		if (term.startsWith('-') || term.startsWith('+')) {
			desc = term.startsWith('-');
			field = term.slice(1).trim();
		} else if (!/^[A-Za-z]/.test(term)) {
			return {
				kind: 'sortOrder',
				message:
					'Sort order specified is not correct, prepend + for ascending order and - for descending order in the fieldName.',
			};
		}
		if (!sortable.has(field))
			return {
				kind: 'sortField',
				message: `Incorrect field= #${field} passed in orderBy, example are +name, -name, name.`,
			};
		keys.push({ path: field.split('.'), desc });
	}
	return keys;
}

function encodeToken(t: TokenState): string {
	return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeToken(text: string): TokenState | undefined {
	try {
		const t = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as TokenState;
		if (!Array.isArray(t.p) || !Array.isArray(t.k)) return undefined;
		return t;
	} catch {
		return undefined;
	}
}

export function listResources<T extends { id: string }>(
	ctx: RequestContext,
	items: Iterable<T>,
	spec: ListSpec,
): ApiResponse {
	const q = ctx.query;
	const rid = ctx.requestId;
	for (const name of q.keys()) {
		if (!ALLOWED_PARAMS.has(name))
			return fsError('invalidParam', rid, `Invalid params ${name} provided in query params.`);
	}

	const tokenText = q.get('continuationToken');
	let token: TokenState | undefined;
	if (tokenText !== null) {
		token = decodeToken(tokenText);
		if (!token)
			return fsError(
				'invalidParam',
				rid,
				`Invalid value ${tokenText} for param continuationToken.`,
			);
	}
	// A continuation token pins the query it was issued for.
	const properties = token ? token.p : q.getAll('property');
	const orderby = token ? token.o : q.get('orderby');
	const limitText = token ? token.l : q.get('limit');

	const countText = q.get('count');
	let count = false;
	if (countText !== null) {
		const lower = countText.toLowerCase();
		if (lower !== 'true' && lower !== 'false')
			return fsError('invalidParam', rid, `Invalid value ${countText} for param count.`);
		count = lower === 'true';
	}
	if (count && q.get('limit') !== null) {
		return fsError(
			'limitWithCount',
			rid,
			'The limit and count parameters cannot be given together in the same request. Please provide either only the limit or the count parameter and try again.',
		);
	}

	let limit = MAX_LIMIT;
	if (limitText !== null) {
		const n = /^\d+$/.test(limitText) ? Number(limitText) : NaN;
		if (!(n >= 1 && n <= MAX_LIMIT)) {
			return fsError(
				'invalidParam',
				rid,
				`Invalid value ${limitText} for param limit. Provide a number from 1 to ${MAX_LIMIT}.`,
			);
		}
		limit = n;
	}

	const parsed = parseFilters(properties);
	if ('error' in parsed) return fsError(parsed.error.kind, rid, parsed.error.message);

	let order = spec.defaultOrder;
	if (orderby) {
		const o = parseOrder(orderby, spec.sortable);
		if (!Array.isArray(o)) return fsError(o.kind, rid, o.message);
		order = o;
	}

	const matched: { item: T; key: unknown[] }[] = [];
	for (const item of items)
		if (matchesAll(item, parsed.filters)) matched.push({ item, key: keyOf(item, order) });
	if (count) return { status: 200, body: { count: matched.length } };

	matched.sort((a, b) => compareKeys(a.key, b.key, order));
	let start = 0;
	if (token) {
		const after = token.k;
		while (start < matched.length && compareKeys(matched[start].key, after, order) <= 0) start++;
	}
	const page = matched.slice(start, start + limit);
	const links: Record<string, { href: string }> = {};
	if (start + limit < matched.length) {
		const next = encodeToken({
			p: properties,
			o: orderby,
			l: limitText,
			k: page[page.length - 1].key,
		});
		const params = [`continuationToken=${next}`];
		for (const p of properties) params.push(`property=${encodeURIComponent(p)}`);
		if (orderby) params.push(`orderby=${encodeURIComponent(orderby)}`);
		if (limitText !== null) params.push(`limit=${limitText}`);
		links.next = { href: `${spec.basePath}?${params.join('&')}` };
	}
	return { status: 200, body: { items: page.map((m) => m.item), _links: links } };
}
