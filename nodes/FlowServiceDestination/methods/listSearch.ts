import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { FlowServiceClient } from '../transport';
import { DESTINATION_FLOWS_FILTER, nameMatcher } from '../actions/dataflow/getMany.operation';

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
	const search = filter?.trim();
	const matchesName = nameMatcher(search);
	const client = new FlowServiceClient(this);
	const results: INodeListSearchItems[] = [];
	let token = paginationToken;
	for (let pages = 0; pages < (search ? SEARCH_PAGES_PER_CALL : 1); pages++) {
		const page = await client.listFlows(
			{ property: [DESTINATION_FLOWS_FILTER], limit: 100, orderby: 'name' },
			token,
		);
		for (const flow of (page.items ?? []).filter(matchesName)) {
			results.push({
				name: flow.name ?? flow.id,
				value: flow.id,
				description: flow.state ? `${flow.state} · ${flow.id}` : flow.id,
			});
		}
		token = page._links?.next?.href;
		if (!token || results.length >= SEARCH_RESULTS_ENOUGH) break;
	}
	return { results, paginationToken: token };
}
