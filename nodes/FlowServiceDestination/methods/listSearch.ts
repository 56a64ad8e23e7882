import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { DATASET_EXPORTS_FILTER, isDatasetExport } from '../model/datasetExport';
import type { FlowDocument } from '../model/types';
import { DESTINATION_FLOWS_FILTER, nameMatcher } from '../rules/flowFilters';
import { FlowServiceClient, flowPages } from '../transport';

/**
 * Pages a name search may read in one call. The Flow Service cannot filter by part of a name, so
 * the node filters each page itself; reading on returns the matches of up to 1,000 dataflows at
 * once, instead of pages that merely held no match (which the editor shows as "no results"). The
 * caps keep the picker responsive; past them, the page token carries on.
 */
export const SEARCH_PAGES_PER_CALL = 10;
/** A broad search stops reading once it has a page's worth of matches; scrolling carries on. */
const SEARCH_RESULTS_ENOUGH = 100;

/** Feeds the dataflow picker: destination dataflows by name, a page at a time (more when searching). */
export async function searchDataflows(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchFlows.call(
		this,
		[DESTINATION_FLOWS_FILTER],
		() => true,
		filter,
		paginationToken,
	);
}

/** Feeds the Dataset Export resource's picker: dataset export dataflows only, by name. */
export async function searchDatasetExports(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchFlows.call(
		this,
		[DESTINATION_FLOWS_FILTER, DATASET_EXPORTS_FILTER],
		isDatasetExport,
		filter,
		paginationToken,
	);
}

async function searchFlows(
	this: ILoadOptionsFunctions,
	property: string[],
	keep: (flow: FlowDocument) => boolean,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const search = filter?.trim();
	const matchesName = nameMatcher(search);
	const pages = flowPages(
		new FlowServiceClient(this),
		{ property, limit: 100, orderby: 'name' },
		{ start: paginationToken, maxPages: search ? SEARCH_PAGES_PER_CALL : 1 },
	);
	const results: INodeListSearchItems[] = [];
	let token: string | undefined;
	for await (const page of pages) {
		for (const flow of page.items.filter((item) => keep(item) && matchesName(item))) {
			results.push({
				name: flow.name ?? flow.id,
				value: flow.id,
				description: flow.state ? `${flow.state} · ${flow.id}` : flow.id,
			});
		}
		token = page.next;
		if (results.length >= SEARCH_RESULTS_ENOUGH) break;
	}
	return { results, paginationToken: token };
}
