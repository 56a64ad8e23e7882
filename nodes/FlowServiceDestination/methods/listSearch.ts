import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listFlows } from '../transport';
import { DESTINATION_FLOWS_FILTER } from '../actions/dataflow/getMany.operation';

/** Feeds the dataflow picker: destination dataflows by name, one page at a time. */
export async function searchDataflows(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const property = [DESTINATION_FLOWS_FILTER];
	// Commas are Adobe's OR; a search for text with a comma cannot be expressed, so it is cut there.
	const text = filter?.split(',')[0].trim();
	if (text) property.push(`name~${text}`);
	const page = await listFlows.call(this, { property, limit: 100, orderby: 'name' }, paginationToken);
	return {
		results: (page.items ?? []).map((flow) => ({
			name: flow.name ?? flow.id,
			value: flow.id,
			description: flow.state ? `${flow.state} · ${flow.id}` : flow.id,
		})),
		paginationToken: page._links?.next?.href,
	};
}
