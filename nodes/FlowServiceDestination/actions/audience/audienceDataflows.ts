import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { audienceLocator } from '../../descriptions/audienceLocator';
import type { FlowDocument } from '../../model/types';
import { indexesOf } from '../../planner/audienceDataflows';
import { buildFlowFilters } from '../../rules/flowFilters';
import { requireUuid } from '../../rules/scalars';
import { flowPages, type FlowServiceClient } from '../../transport';
import { collect } from '../../transport/pager';

/** The largest page the Flow Service lists. */
const PAGE_SIZE = 100;

/** The audience every Audience operation works on: one parameter, so it survives switching operation. */
export const audienceProperty: INodeProperties = {
	...audienceLocator(
		'audienceId',
		'Audience',
		'The audience (segment) to look for on every destination dataflow of the sandbox',
	),
	required: true,
};

export function getAudienceId(this: IExecuteFunctions, itemIndex: number): string {
	return requireUuid(this.getNodeParameter('audienceId', itemIndex, ''), 'audienceId', 'Audience');
}

/**
 * Every destination dataflow that exports the audience: one filtered listing
 * (`transformations[].params.segmentSelectors.selectors[].value.id==…`, as Dataflow › Get Many's
 * Audience ID filter sends it), page after page. A dataflow the listing returns without the
 * audience on it is left out, whatever the service's matching.
 */
export async function flowsExporting(
	client: Pick<FlowServiceClient, 'listFlows'>,
	audienceId: string,
): Promise<FlowDocument[]> {
	const property = buildFlowFilters({ audienceId });
	const flows = await collect(flowPages(client, { property, limit: PAGE_SIZE }), Infinity);
	return flows.filter((flow) => indexesOf(flow, audienceId).length > 0);
}
