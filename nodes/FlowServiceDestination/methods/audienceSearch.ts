import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isUuid } from '../rules/scalars';
import { FlowServiceClient, type AudienceListPage } from '../transport';

export const AUDIENCE_PAGE_SIZE = 50;

/**
 * Feeds the audience pickers from the Segmentation Service's audience listing: names containing the
 * search text (Adobe matches `name=` case-insensitively), sorted by name, one page at a time.
 */
export async function searchAudiences(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const qs: Record<string, string | number> = { limit: AUDIENCE_PAGE_SIZE, sort: 'name:asc' };
	const text = filter?.trim();
	if (text) qs.name = text;
	if (paginationToken) qs.start = paginationToken;
	return audienceResults(await new FlowServiceClient(this).listAudiences(qs));
}

/**
 * What a picker shows for an audience: its name and ID. Names need not be unique in a sandbox, and
 * n8n's list shows only an entry's name (2.41.1, 1.123.81), so the ID tells equal names apart.
 */
export function audienceLabel(name: string | undefined, id: string): string {
	return name ? `${name} (${id})` : id;
}

/**
 * Pure: a listing page as picker entries. Only IDs a dataflow can export (UUIDs) are offered;
 * `_page.next` is handed back as the token, and sent again as `start`, without interpreting it.
 */
export function audienceResults(page: AudienceListPage): INodeListSearchResult {
	const next = page._page?.next;
	return {
		results: (page.children ?? [])
			.filter((audience) => typeof audience.id === 'string' && isUuid(audience.id))
			.map((audience) => ({
				name: audienceLabel(audience.name, audience.id),
				value: audience.id,
				description: audience.description
					? `${audience.description} · ${audience.id}`
					: audience.id,
			})),
		paginationToken: next === undefined || next === null || next === '' ? undefined : String(next),
	};
}
