// Segmentation Service audiences under /data/core/ups: GET /audiences (start/limit paging, sort,
// property, name and description filters) and GET /audiences/{id}, in Adobe's response shape
// ({children, _page, _links}). The catalogue is built once from the seed and is read-only.
import {
	DEV_ONLY_AUDIENCE_ID,
	EXTERNAL_AUDIENCE_ID,
	EXTERNAL_AUDIENCE_SOURCE_ID,
	INACTIVE_AUDIENCE_ID,
	STREAMING_AUDIENCE_IDS,
	STREAMING_AUDIENCE_NAMES,
	TUTORIAL_NEW_AUDIENCE_ID,
	TUTORIAL_NEW_AUDIENCE_NAME,
} from './fixtures/ids';
import { SANDBOX_DEV, SANDBOX_IDS, SANDBOX_PROD } from './identity';
import type { StoreData } from './store';
import type { ApiResponse, JsonObject, RequestContext } from './types';

export const AUDIENCE_DEFAULT_LIMIT = 20;
export const AUDIENCE_MAX_LIMIT = 100;
const ALLOWED_PARAMS = new Set([
	'start',
	'limit',
	'sort',
	'property',
	'name',
	'description',
	'entityType',
]);
const SORTABLE = new Set([
	'id',
	'audienceId',
	'name',
	'description',
	'namespace',
	'lifecycleState',
	'creationTime',
	'updateTime',
	'createEpoch',
	'updateEpoch',
]);

export interface Audience extends JsonObject {
	id: string;
	audienceId: string;
	name: string;
	lifecycleState: string;
	creationTime: number;
}

/** Audiences per sandbox, in creation order. */
export type AudienceCatalogue = Map<string, Audience[]>;

interface AudienceSpec {
	id: string;
	name: string;
	description?: string;
	lifecycleState?: string;
	external?: { audienceId: string };
}

function makeAudience(spec: AudienceSpec, sandbox: string, orgId: string, index: number): Audience {
	const created = 1_640_000_000_000 + index * 3_600_000;
	const updated = created + 86_400_000;
	const common = {
		id: spec.id,
		audienceId: spec.external?.audienceId ?? spec.id,
		name: spec.name,
		description: spec.description ?? '',
		imsOrgId: orgId,
		sandbox: {
			sandboxId: SANDBOX_IDS[sandbox],
			sandboxName: sandbox,
			type: sandbox === SANDBOX_PROD ? 'production' : 'development',
			default: sandbox === SANDBOX_PROD,
		},
		isSystem: false,
		lifecycleState: spec.lifecycleState ?? 'published',
		createdBy: '0A4334FA556585B77F000101@AdobeID',
		labels: ['core/C1'],
		creationTime: created,
		updateEpoch: Math.floor(updated / 1000),
		updateTime: updated,
		createEpoch: Math.floor(created / 1000),
		_etag: `"${(0x33120000 + index).toString(16)}-0000-0200-0000-${Math.floor(updated / 1000).toString(16)}0000"`,
	};
	if (spec.external) {
		return {
			...common,
			namespace: 'CustomerAudienceUpload',
			type: 'ExternalSegment',
			originName: 'CUSTOM_UPLOAD',
			datasetId: '6254cf3c97f8e31b639fb14d',
		};
	}
	return {
		...common,
		schema: { name: '_xdm.context.profile' },
		ttlInDays: 60,
		profileInstanceId: 'ups',
		expression: {
			type: 'PQL',
			format: 'pql/text',
			value: `segmentMembership.status = "realized" /* ${spec.name.replace(/\*\//g, '')} */`,
		},
		mergePolicyId: 'ef006bbe-750e-4e81-85f0-0c6902192dcc',
		evaluationInfo: {
			batch: { enabled: true },
			continuous: { enabled: false },
			synchronous: { enabled: false },
		},
		dataGovernancePolicy: { excludeOptOut: true },
		dependents: [],
		dependencies: [],
		type: 'SegmentDefinition',
		originName: 'REAL_TIME_CUSTOMER_PROFILE',
		namespace: 'AEPSegments',
	};
}

/** Audience id and name of every selector of the flows, first name wins. */
function selectorAudiences(flows: StoreData['flows'], sandbox: string): AudienceSpec[] {
	const found = new Map<string, AudienceSpec>();
	for (const flow of flows) {
		if (flow.sandboxName !== sandbox) continue;
		for (const t of (flow.transformations ?? []) as Array<{
			params?: {
				segmentSelectors?: { selectors?: Array<{ value?: { id?: unknown; name?: unknown } }> };
			};
		}>) {
			for (const selector of t?.params?.segmentSelectors?.selectors ?? []) {
				const id = selector?.value?.id;
				if (typeof id !== 'string' || found.has(id)) continue;
				const name =
					typeof selector.value?.name === 'string' && selector.value.name !== ''
						? selector.value.name
						: (NAMES[id] ?? `Audience ${id.slice(0, 8)}`);
				found.set(id, { id, name });
			}
		}
	}
	return [...found.values()];
}

const NAMES: Record<string, string> = Object.fromEntries(
	STREAMING_AUDIENCE_IDS.map((id, i) => [id, STREAMING_AUDIENCE_NAMES[i]]),
);

/** Every audience the seeded flows export, under their names, plus a few that no flow exports. */
export function buildAudienceCatalogue(seed: StoreData, orgId: string): AudienceCatalogue {
	const extras: Record<string, AudienceSpec[]> = {
		[SANDBOX_PROD]: [
			{
				id: TUTORIAL_NEW_AUDIENCE_ID,
				name: TUTORIAL_NEW_AUDIENCE_NAME,
				description: 'Winter campaign audience from the update-dataflows tutorial',
			},
			{
				id: EXTERNAL_AUDIENCE_ID,
				name: 'externalSegment1',
				description: 'Last 30 days',
				external: { audienceId: EXTERNAL_AUDIENCE_SOURCE_ID },
			},
			{ id: INACTIVE_AUDIENCE_ID, name: 'Summer 2020 promo (retired)', lifecycleState: 'inactive' },
		],
		[SANDBOX_DEV]: [
			{
				id: DEV_ONLY_AUDIENCE_ID,
				name: 'People who ordered in the last 30 days',
				description: 'Last 30 days',
			},
		],
	};
	const catalogue: AudienceCatalogue = new Map();
	for (const sandbox of [SANDBOX_PROD, SANDBOX_DEV]) {
		const specs = [...selectorAudiences(seed.flows, sandbox), ...extras[sandbox]];
		catalogue.set(
			sandbox,
			specs.map((spec, index) => makeAudience(spec, sandbox, orgId, index)),
		);
	}
	return catalogue;
}

/** Platform's generic problem body (the Segmentation Service documents no catalogue of its own). */
function problem(status: 400 | 404, detail: string): ApiResponse {
	return {
		status,
		body: {
			type: '/placeholder/type/uri',
			status,
			title: status === 400 ? 'BadRequestError' : 'NotFoundError',
			detail,
		},
	};
}

/** `GET /audiences/{id}`: the audience itself, not wrapped. */
export function getAudience(
	ctx: RequestContext,
	audiences: Audience[],
	sandbox: string,
): ApiResponse {
	const id = ctx.params.id;
	const audience = audiences.find((a) => a.id === id);
	return audience
		? { status: 200, body: audience }
		: problem(404, `Audience with id ${id} was not found in sandbox ${sandbox}.`);
}

/** Any other path or method under the Segmentation Service. */
export function segmentationNotFound(ctx: RequestContext): ApiResponse {
	return problem(404, `The requested resource is not found: ${ctx.method} ${ctx.path}.`);
}

/**
 * `POST /segment/definitions/bulk-get` with `{ids: [{id}]}`, as Adobe's segment definitions guide
 * shows it: HTTP 207 with `{results: {"<ID>": <definition>}}`, each definition whole. The guide
 * does not say what an unknown ID gives; the emulator leaves it out of `results`.
 */
export function bulkGet(ctx: RequestContext, audiences: JsonObject[]): ApiResponse {
	let ids: unknown;
	try {
		ids = (JSON.parse(ctx.body.toString('utf8') || '{}') as { ids?: unknown }).ids;
	} catch {
		ids = undefined;
	}
	if (!Array.isArray(ids) || ids.some((entry) => typeof entry?.id !== 'string')) {
		return problem(400, 'The request body must be {"ids": [{"id": "<segment definition ID>"}]}.');
	}
	const results: Record<string, JsonObject> = {};
	for (const { id } of ids as Array<{ id: string }>) {
		const audience = audiences.find((a) => String(a.id).toLowerCase() === id.toLowerCase());
		if (audience) results[String(audience.id)] = audience;
	}
	return { status: 207, body: { results } };
}

interface Property {
	path: string[];
	negate: boolean;
	values: string[];
}

function parseWhole(text: string | null, name: string, min: number, max: number): number | string {
	if (text === null) return NaN;
	const n = /^\d+$/.test(text) ? Number(text) : NaN;
	return n >= min && n <= max
		? n
		: `Invalid value ${text} for query parameter ${name}: expected a whole number from ${min} to ${max}.`;
}

function valueAt(item: JsonObject, path: string[]): unknown {
	let node: unknown = item;
	for (const key of path)
		node = node !== null && typeof node === 'object' ? (node as JsonObject)[key] : undefined;
	return node;
}

export function listAudiences(ctx: RequestContext, all: Audience[]): ApiResponse {
	const q = ctx.query;
	for (const name of q.keys())
		if (!ALLOWED_PARAMS.has(name)) return problem(400, `Query parameter ${name} is not supported.`);

	const start = q.has('start')
		? parseWhole(q.get('start'), 'start', 0, Number.MAX_SAFE_INTEGER)
		: 0;
	if (typeof start === 'string') return problem(400, start);
	const limit = q.has('limit')
		? parseWhole(q.get('limit'), 'limit', 1, AUDIENCE_MAX_LIMIT)
		: AUDIENCE_DEFAULT_LIMIT;
	if (typeof limit === 'string') return problem(400, limit);

	const properties: Property[] = [];
	for (const text of q.getAll('property')) {
		const m = /^([A-Za-z_][\w.]*)(==|!=)(.+)$/.exec(text);
		if (!m)
			return problem(
				400,
				`Invalid property filter ${text}: expected <field>==<value> or <field>!=<value>.`,
			);
		properties.push({ path: m[1].split('.'), negate: m[2] === '!=', values: m[3].split(',') });
	}
	let sortKey = 'creationTime';
	let descending = true;
	const sort = q.get('sort');
	if (sort !== null) {
		const m = /^([A-Za-z]+):(asc|desc)$/i.exec(sort);
		if (!m || !SORTABLE.has(m[1]))
			return problem(
				400,
				`Invalid sort ${sort}: expected <field>:asc or <field>:desc with field one of ${[...SORTABLE].join(', ')}.`,
			);
		sortKey = m[1];
		descending = m[2].toLowerCase() === 'desc';
	}
	const contains = (field: 'name' | 'description') => {
		const text = q.get(field)?.toLowerCase();
		return (a: Audience) =>
			text === undefined ||
			String(a[field] ?? '')
				.toLowerCase()
				.includes(text);
	};
	const entityType = q.get('entityType');
	// Adobe leaves inactive audiences out unless they are asked for by audienceId.
	const byAudienceId = properties.some((p) => p.path.join('.') === 'audienceId' && !p.negate);

	const matched = all
		.filter((a) => byAudienceId || a.lifecycleState !== 'inactive')
		.filter(contains('name'))
		.filter(contains('description'))
		.filter((a) => entityType === null || valueAt(a, ['schema', 'name']) === entityType)
		.filter((a) =>
			properties.every((p) => p.values.includes(String(valueAt(a, p.path))) !== p.negate),
		)
		.sort((a, b) => {
			const [x, y] = [a[sortKey], b[sortKey]];
			const order =
				typeof x === 'number' && typeof y === 'number'
					? x - y
					: String(x ?? '').localeCompare(String(y ?? ''), 'en', { sensitivity: 'base' });
			return (descending ? -order : order) || a.id.localeCompare(b.id);
		});
	const children = matched.slice(start, start + limit);
	const next =
		start + children.length < matched.length ? String(start + children.length) : undefined;
	const links: Record<string, { href: string }> = {};
	if (next !== undefined) {
		const params = [`start=${next}`, `limit=${limit}`, `totalCount=${matched.length}`];
		for (const [key, value] of q.entries())
			if (key !== 'start' && key !== 'limit') params.push(`${key}=${encodeURIComponent(value)}`);
		links.next = { href: `@/audiences?${params.join('&')}` };
	}
	const page: JsonObject = { totalCount: matched.length, pageSize: children.length };
	if (next !== undefined) page.next = next;
	return { status: 200, body: { children, _page: page, _links: links } };
}
