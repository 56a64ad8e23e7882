import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	filtersCollection,
	limitFields,
	requestOptions,
	simplifyFields,
} from '../../descriptions/options';
import type { DestinationAccount } from '../../model/destination';
import { destinationFilter } from '../../rules/accountLocator';
import { nameMatcher } from '../../rules/flowFilters';
import { pagesOf } from '../../transport';
import { getClient, getLimit, getSimplify } from '../parameters';
import { destinationAccountsOnly, outputAccounts } from './accounts';

const PAGE_SIZE = 100;

export const description: INodeProperties[] = [
	...limitFields(['getMany']),
	filtersCollection(
		['getMany'],
		[
			{
				displayName: 'Destination Name or ID',
				name: 'destination',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getDestinations' },
				default: '',
				description:
					'Only accounts of this destination. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Name Contains',
				name: 'nameContains',
				type: 'string',
				default: '',
				description: 'Only accounts whose name contains this text',
			},
		],
	),
	...simplifyFields(['getMany']),
	requestOptions(['getMany']),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = getLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const destination = destinationFilter(filters.destination);
	const matchesName = nameMatcher(filters.nameContains);
	const client = getClient.call(this, itemIndex);
	const qs: IDataObject = { limit: filters.nameContains ? PAGE_SIZE : Math.min(PAGE_SIZE, limit) };
	if (destination) qs.property = [`connectionSpec.id==${destination}`];
	const accounts: DestinationAccount[] = [];
	for await (const page of pagesOf<DestinationAccount>(client, 'connections', qs)) {
		const named = page.items.filter(matchesName);
		accounts.push(...(await destinationAccountsOnly.call(this, client, named)));
		if (accounts.length >= limit) break;
	}
	const simplify = getSimplify.call(this, itemIndex);
	return await outputAccounts.call(this, client, accounts.slice(0, limit), simplify);
}
