import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildRunFilters, RUN_STATUSES, type RunFilters } from '../../rules/runFilters';
import {
	filtersCollection,
	limitFields,
	requestOptions,
	simplifyFields,
} from '../../descriptions/options';
import { simplifyRun } from '../../model/simplify';
import { runPages } from '../../transport';
import { collect } from '../../transport/pager';
import { getClient, getFlowId, getLimit, getSimplify } from '../parameters';

const OPERATION = 'getRuns';
const PAGE_SIZE = 100;

export const description: INodeProperties[] = [
	...limitFields([OPERATION]),
	filtersCollection(
		[OPERATION],
		[
			{
				displayName: 'Started After',
				name: 'startedAfter',
				type: 'dateTime',
				default: '',
				description:
					'Only runs that started after this time (metrics.durationSummary.startedAtUTC); runs not started yet have no start time',
			},
			{
				displayName: 'Started Before',
				name: 'startedBefore',
				type: 'dateTime',
				default: '',
				description: 'Only runs that started before this time',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				default: [],
				description: 'Only runs with one of these statuses',
				options: RUN_STATUSES.map((status) => ({ name: status, value: status })),
			},
		],
	),
	...simplifyFields([OPERATION]),
	requestOptions([OPERATION]),
];

/** One output item per run, newest first as Adobe lists them; Return All follows `_links.next`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const flowId = getFlowId.call(this, itemIndex);
	const limit = getLimit.call(this, itemIndex);
	const property = buildRunFilters(
		flowId,
		this.getNodeParameter('filters', itemIndex, {}) as RunFilters,
	);
	const pages = runPages(getClient.call(this, itemIndex), {
		property,
		limit: Math.min(PAGE_SIZE, limit),
	});
	const runs = (await collect(pages, limit)) as IDataObject[];
	return getSimplify.call(this, itemIndex) ? (runs.map(simplifyRun) as IDataObject[]) : runs;
}
