// GET /connectionSpecs and /flowSpecs (listing: property filters, orderby, paging, as /flows)
// and GET /{connectionSpecs|flowSpecs}/{id}, answered `{"items": [spec]}` as Adobe's guides show.
import { entityNotFound } from '../errors';
import { listResources, type ListSpec } from '../listing';
import type { ServiceCall } from '../routes/scope';
import type { ApiResponse, JsonObject } from '../types';
import { connectionSpec, flowSpec } from './catalogue';
import { CONNECTION_SPEC_LIST } from './connection-specs';
import { FLOW_SPEC_LIST } from './flow-specs';

type SpecKind = 'connectionSpecs' | 'flowSpecs';

const CATALOGUE: Record<
	SpecKind,
	{ list: readonly JsonObject[]; find: (id: string) => JsonObject | undefined }
> = {
	connectionSpecs: { list: CONNECTION_SPEC_LIST, find: connectionSpec },
	flowSpecs: { list: FLOW_SPEC_LIST, find: flowSpec },
};

const listSpec = (basePath: string): ListSpec => ({
	basePath,
	sortable: new Set(['id', 'name', 'providerId']),
	defaultOrder: [{ path: ['name'], desc: false }],
});

export function listSpecs(kind: SpecKind) {
	const spec = listSpec(`/${kind}`);
	return ({ ctx }: ServiceCall): ApiResponse =>
		listResources(ctx, CATALOGUE[kind].list as Array<JsonObject & { id: string }>, spec);
}

export function getSpec(kind: SpecKind) {
	return ({ ctx }: ServiceCall): ApiResponse => {
		const found = CATALOGUE[kind].find(ctx.params.id);
		if (!found) return entityNotFound(ctx.requestId, kind, ctx.params.id);
		return { status: 200, body: { items: [found] } };
	};
}
