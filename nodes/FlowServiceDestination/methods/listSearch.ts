import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { FlowServiceClient } from '../transport';
import { DESTINATION_FLOWS_FILTER, nameMatcher } from '../actions/dataflow/getMany.operation';

/** Feeds the dataflow picker: destination dataflows by name, one page at a time. */
export async function searchDataflows(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const matchesName = nameMatcher(filter?.trim());
	const page = await new FlowServiceClient(this).listFlows({ property: [DESTINATION_FLOWS_FILTER], limit: 100, orderby: 'name' }, paginationToken);
	return {
		results: (page.items ?? []).filter(matchesName).map((flow) => ({
			name: flow.name ?? flow.id,
			value: flow.id,
			description: flow.state ? `${flow.state} · ${flow.id}` : flow.id,
		})),
		paginationToken: page._links?.next?.href,
	};
}
