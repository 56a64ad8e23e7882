// GET /connectionSpecs/{id}/configs?outputType=activationDatasets&outputField=datasets: the
// datasets a dataset export may use, as the export-datasets tutorial lists them: Catalog datasets
// in `items`, paged by `start` (an offset) and `limit`, with `pageInfo{start, end, total, hasNext}`.
// Only the Data Lake source spec answers; README "Decisions" has the choices made.
import { invalidSpec } from './connection-create';
import { fsError } from './errors';
import { CONNECTION_SPECS } from './fixtures/ids';
import type { ServiceCall } from './routes/scope';
import type { ApiResponse, JsonObject, RequestContext } from './types';

const ALLOWED = new Set(['outputType', 'outputField', 'start', 'limit', 'properties']);
export const DATASETS_DEFAULT_LIMIT = 20;
export const DATASETS_MAX_LIMIT = 100;
/** What the tutorial's answer shows for each dataset when `properties` narrows the fields. */
const SUMMARY = ['id', 'name', 'description', 'fileDescription', 'aspect', 'state'];

function invalidParam(ctx: RequestContext, name: string, value: string | null, hint: string) {
	return fsError(
		'invalidParam',
		ctx.requestId,
		`Invalid value ${value ?? '(missing)'} for param ${name}. ${hint}`,
		undefined,
		'connectionSpecs',
	);
}

function integerParam(
	ctx: RequestContext,
	name: string,
	fallback: number,
	min: number,
	max: number,
) {
	const text = ctx.query.get(name);
	if (text === null) return fallback;
	const n = /^\d+$/.test(text) ? Number(text) : NaN;
	if (n >= min && n <= max) return n;
	return invalidParam(ctx, name, text, `Provide a whole number from ${min} to ${max}.`);
}

/** The summary fields and any other field `properties` names (Catalog's `properties` filter). */
function narrowed(dataset: JsonObject, properties: string[]): JsonObject {
	const out: JsonObject = {};
	for (const field of [...SUMMARY, ...properties])
		if (dataset[field] !== undefined) out[field] = dataset[field];
	return out;
}

export function listExportableDatasets({ ctx, deps, sandbox }: ServiceCall): ApiResponse {
	for (const name of ctx.query.keys())
		if (!ALLOWED.has(name))
			return fsError(
				'invalidParam',
				ctx.requestId,
				`Invalid params ${name} provided in query params.`,
				undefined,
				'connectionSpecs',
			);
	if (ctx.params.id !== CONNECTION_SPECS.dataLakeSource)
		return invalidSpec(
			ctx,
			`Exportable datasets are listed for the Data Lake source connection spec ${CONNECTION_SPECS.dataLakeSource} only, not ${ctx.params.id}.`,
			'connectionSpecs',
		);
	const outputType = ctx.query.get('outputType');
	if (outputType !== 'activationDatasets')
		return invalidParam(ctx, 'outputType', outputType, 'Use outputType=activationDatasets.');
	const outputField = ctx.query.get('outputField');
	if (outputField !== 'datasets')
		return invalidParam(ctx, 'outputField', outputField, 'Use outputField=datasets.');
	const start = integerParam(ctx, 'start', 0, 0, Number.MAX_SAFE_INTEGER);
	if (typeof start !== 'number') return start;
	const limit = integerParam(ctx, 'limit', DATASETS_DEFAULT_LIMIT, 1, DATASETS_MAX_LIMIT);
	if (typeof limit !== 'number') return limit;
	const propertiesText = ctx.query.get('properties');
	const properties = propertiesText
		? propertiesText
				.split(',')
				.map((p) => p.trim())
				.filter(Boolean)
		: undefined;

	const all = [...deps.store.datasetsIn(sandbox)].sort(
		(a, b) =>
			String(a.name).localeCompare(String(b.name)) || String(a.id).localeCompare(String(b.id)),
	);
	const page = all.slice(start, start + limit);
	return {
		status: 200,
		body: {
			items: page.map((d) => (properties ? narrowed(d, properties) : structuredClone(d))),
			// `end` is the index of the last item on the page, as in the tutorial (start 0, 5 items, end 4).
			pageInfo: {
				start,
				end: start + page.length - 1,
				total: all.length,
				hasNext: start + page.length < all.length,
			},
		},
	};
}
