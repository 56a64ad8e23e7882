import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { accountIdsOf, destinationIdOf } from '../../model/destination';
import {
	datasetsOfSource,
	endTimeOf,
	isDatasetExport,
	requireDatasetExport,
	simplifyDatasetExport,
	type DatasetRef,
} from '../../model/datasetExport';
import type { FlowDocument } from '../../model/types';
import type { DatasetExportFilters } from '../../rules/datasetExportFilters';
import { flowPages, pagesOf, type FlowServiceClient } from '../../transport';
import { collect } from '../../transport/pager';
import { connectionSpecs, destinationAccounts, IDS_PER_LOOKUP } from '../runLookups';
import { nameIn } from '../simplifyFlows';

const PAGE_SIZE = 100;

/**
 * The datasets of each dataflow, by dataflow ID: a dataflow names only its source connection,
 * whose `params.datasets` list them; one listing request per IDS_PER_LOOKUP source connections.
 */
export async function datasetsOfFlows(
	client: FlowServiceClient,
	flows: FlowDocument[],
): Promise<Map<string, DatasetRef[]>> {
	const sourceIds = [...new Set(flows.flatMap((flow) => sourceIdsOf(flow)))];
	const bySource = new Map<string, DatasetRef[]>();
	for (let start = 0; start < sourceIds.length; start += IDS_PER_LOOKUP) {
		const chunk = sourceIds.slice(start, start + IDS_PER_LOOKUP);
		for await (const page of pagesOf<{ id?: string }>(client, 'sourceConnections', {
			property: [`id==${chunk.join(',')}`],
		})) {
			for (const source of page.items) {
				if (typeof source?.id === 'string')
					bySource.set(source.id.toLowerCase(), datasetsOfSource(source));
			}
		}
	}
	return new Map(
		flows.map((flow) => [flow.id, sourceIdsOf(flow).flatMap((id) => bySource.get(id) ?? [])]),
	);
}

const sourceIdsOf = (flow: FlowDocument): string[] =>
	(Array.isArray(flow.sourceConnectionIds) ? flow.sourceConnectionIds : [])
		.filter((id): id is string => typeof id === 'string')
		.map((id) => id.toLowerCase());

/** What the filters decide from the dataflow alone (its kind, end and destination). */
function matchesFlow(filters: DatasetExportFilters): (flow: FlowDocument) => boolean {
	return (flow) => {
		if (!isDatasetExport(flow)) return false;
		if (filters.endsBefore !== undefined) {
			const end = endTimeOf(flow);
			if (end === undefined || end >= filters.endsBefore) return false;
		}
		return filters.destination === undefined || destinationIdOf(flow) === filters.destination;
	};
}

/**
 * The dataset exports that pass the filters, up to `limit`. A dataset filter needs each
 * dataflow's source connection, so it reads the whole listing first and hands the datasets on.
 */
export async function findDatasetExports(
	client: FlowServiceClient,
	filters: DatasetExportFilters,
	limit: number,
): Promise<{ flows: FlowDocument[]; datasets?: Map<string, DatasetRef[]> }> {
	const pages = flowPages(client, { property: filters.property, limit: PAGE_SIZE });
	const { datasetId } = filters;
	if (datasetId === undefined) return { flows: await collect(pages, limit, matchesFlow(filters)) };
	const candidates = await collect(pages, Infinity, matchesFlow(filters));
	const datasets = await datasetsOfFlows(client, candidates);
	const exportsDataset = (flow: FlowDocument) =>
		(datasets.get(flow.id) ?? []).some((dataset) => dataset.id.toLowerCase() === datasetId);
	return { flows: candidates.filter(exportsDataset).slice(0, limit), datasets };
}

/**
 * Dataset exports simplified, each naming its destination and account (looked up together, each
 * once per run), with its datasets and the days left at `nowMs`.
 */
export async function simplifyDatasetExports(
	this: IExecuteFunctions,
	client: FlowServiceClient,
	flows: FlowDocument[],
	datasets: ReadonlyMap<string, DatasetRef[]>,
	nowMs: number,
): Promise<IDataObject[]> {
	const destinations = flows.map(destinationIdOf);
	const accounts = flows.map((flow) => accountIdsOf(flow)[0]);
	const specs = await connectionSpecs.call(this, client, destinations);
	const found = await destinationAccounts.call(this, client, accounts);
	return flows.map(
		(flow, index) =>
			simplifyDatasetExport(
				flow,
				datasets.get(flow.id) ?? [],
				{
					destinationName: nameIn(specs, destinations[index]),
					accountName: nameIn(found, accounts[index]),
				},
				nowMs,
			) as IDataObject,
	);
}

/** A dataset export read by ID; any other dataflow is refused, naming what it is. */
export async function readDatasetExport(
	client: FlowServiceClient,
	flowId: string,
): Promise<FlowDocument> {
	const flow = await client.getFlow(flowId);
	requireDatasetExport(flow);
	return flow;
}
