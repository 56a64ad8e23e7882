import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { DATA_LAKE_SOURCE_SPEC } from '../model/flowKind';
import { FlowServiceClient } from '../transport';
import { readPages, type Page } from '../transport/pager';

type ExportableDataset = { id?: unknown; name?: unknown };

interface ExportableDatasetsPage {
	items?: ExportableDataset[];
	pageInfo?: { end?: number; hasNext?: boolean };
}

const PAGE_SIZE = 100;

/**
 * Feeds the Datasets picker of Add Datasets and Remove Datasets: the datasets the sandbox can
 * export (Adobe's exportable-datasets list of the Data Lake source spec), by name, every page read
 * through the one pager (`start` is an offset; `pageInfo.hasNext` says whether more follow).
 */
export async function getExportableDatasets(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const client = new FlowServiceClient(this);
	const readPage = async (next: string | undefined): Promise<Page<ExportableDataset>> => {
		const start = Number(next ?? 0);
		const { body } = await client.request<ExportableDatasetsPage>(
			'GET',
			`/connectionSpecs/${DATA_LAKE_SOURCE_SPEC}/configs`,
			{
				qs: {
					outputType: 'activationDatasets',
					outputField: 'datasets',
					start,
					limit: PAGE_SIZE,
					properties: 'name,state',
				},
				retry: true,
			},
		);
		const items = body?.items ?? [];
		const more = body?.pageInfo?.hasNext === true && items.length > 0;
		return { items, next: more ? String(start + items.length) : undefined };
	};
	const options: INodePropertyOptions[] = [];
	for await (const page of readPages(readPage)) options.push(...datasetOptions(page.items));
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

/** Pure: datasets as picker options, named and described by their ID; entries without an ID left out. */
export function datasetOptions(items: ExportableDataset[]): INodePropertyOptions[] {
	return items.flatMap(({ id, name }) =>
		typeof id === 'string'
			? [{ name: typeof name === 'string' && name ? name : id, value: id, description: id }]
			: [],
	);
}
