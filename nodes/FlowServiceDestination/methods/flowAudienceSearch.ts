import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { findGeneralTransform, segmentSelectors } from '../model/flowDocument';
import type { FlowDocument } from '../model/types';
import { flowIdFromLocator } from '../rules/flowLocator';
import { FlowServiceClient } from '../transport';
import { audienceLabel } from './audienceSearch';

/** The audiences the chosen dataflow exports, for Export Now's picker; names containing the search text. */
export async function searchFlowAudiences(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const flowId = flowIdFromLocator(this.getCurrentNodeParameter('flowId'));
	return flowAudienceResults(await new FlowServiceClient(this).getFlow(flowId), filter);
}

/** Pure: a dataflow's audiences as picker entries. */
export function flowAudienceResults(flow: FlowDocument, filter?: string): INodeListSearchResult {
	const transform = findGeneralTransform(flow);
	const text = filter?.trim().toLowerCase() ?? '';
	return {
		results: (transform ? (segmentSelectors(transform) ?? []) : [])
			.map((selector) => selector?.value)
			.filter((value) => typeof value?.id === 'string')
			.filter((value) => !text || (value.name ?? value.id).toLowerCase().includes(text))
			.map((value) => ({
				name: audienceLabel(value.name, value.id),
				value: value.id,
				description: value.id,
			})),
	};
}
