import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	filtersCollection,
	limitFields,
	requestOptions,
	simplifyFields,
} from '../../descriptions/options';
import { audienceLocator } from '../../descriptions/audienceLocator';
import type { FlowDocument } from '../../model/types';
import { buildFlowFilters, nameMatcher } from '../../rules/flowFilters';
import { flowPages } from '../../transport';
import { collect } from '../../transport/pager';
import { getClient, getLimit, getSimplify } from '../parameters';
import { simplifyFlows } from '../simplifyFlows';

const PAGE_SIZE = 100;

export const description: INodeProperties[] = [
	...limitFields(['getMany']),
	filtersCollection(
		['getMany'],
		[
			// Was a plain ID field: saved workflows' strings still reach buildFlowFilters as they were.
			audienceLocator('audienceId', 'Audience', 'Only dataflows that export this audience'),
			{
				displayName: 'Name Contains',
				name: 'nameContains',
				type: 'string',
				default: '',
				description: 'Only dataflows whose name contains this text',
			},
			{
				displayName: 'Property Filters',
				name: 'property',
				type: 'string',
				default: '',
				placeholder: 'state==enabled',
				description:
					'Raw Flow Service "property" filters, one per line (all must match; commas inside one filter mean OR)',
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				default: 'enabled',
				options: [
					{ name: 'Enabled', value: 'enabled' },
					{ name: 'Disabled', value: 'disabled' },
				],
			},
		],
	),
	...simplifyFields(['getMany']),
	requestOptions(['getMany']),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = getLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const property = buildFlowFilters(filters);
	const matchesName = nameMatcher(filters.nameContains);
	// A name filter is applied here, so pages are full-size: some of each page may be dropped.
	const pageSize = filters.nameContains ? PAGE_SIZE : Math.min(PAGE_SIZE, limit);
	const client = getClient.call(this, itemIndex);
	const flows = await collect(flowPages(client, { property, limit: pageSize }), limit, matchesName);
	if (!getSimplify.call(this, itemIndex)) return flows as IDataObject[];
	return await simplifyFlows.call(this, client, flows as FlowDocument[]);
}
