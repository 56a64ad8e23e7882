import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	filtersCollection,
	limitFields,
	requestOptions,
	simplifyFields,
} from '../../descriptions/options';
import { parseDatasetExportFilters } from '../../rules/datasetExportFilters';
import { getClient, getLimit, getSimplify } from '../parameters';
import { datasetsOfFlows, findDatasetExports, simplifyDatasetExports } from './listing';

const OPERATION = 'getMany';

export const description: INodeProperties[] = [
	...limitFields([OPERATION]),
	filtersCollection(
		[OPERATION],
		[
			{
				displayName: 'Dataset ID',
				name: 'datasetId',
				type: 'string',
				default: '',
				placeholder: '65f1a0c2e4b0a1d2c3e4f501',
				description: 'Only dataflows that export this dataset (its Catalog ID)',
			},
			{
				displayName: 'Destination ID',
				name: 'destination',
				type: 'string',
				default: '',
				placeholder: '4fce964d-3f37-408f-9778-e597338a21ee',
				description:
					'Only dataflows to this destination: its connection spec ID, as Simplify’s "destination" gives it',
			},
			{
				displayName: 'Ends Before',
				name: 'endsBefore',
				type: 'dateTime',
				default: '',
				description:
					'Only dataflows whose schedule ends before this date (UTC); one-time exports have no end and are left out',
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
	...simplifyFields([OPERATION]),
	requestOptions([OPERATION]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = getLimit.call(this, itemIndex);
	const filters = parseDatasetExportFilters(
		this.getNodeParameter('filters', itemIndex, {}) as IDataObject,
	);
	const simplify = getSimplify.call(this, itemIndex);
	const client = getClient.call(this, itemIndex);
	const found = await findDatasetExports(client, filters, limit);
	if (!simplify) return found.flows as IDataObject[];
	const datasets = found.datasets ?? (await datasetsOfFlows(client, found.flows));
	return await simplifyDatasetExports.call(this, client, found.flows, datasets, Date.now());
}
