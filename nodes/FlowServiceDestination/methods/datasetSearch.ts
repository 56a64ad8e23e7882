import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { FlowServiceClient } from '../transport';
import { exportableDatasetPages, type ExportableDataset } from '../transport/exportableDatasets';

/** Feeds the Datasets picker of Create, Add Datasets and Remove Datasets: the exportable datasets, by name. */
export async function getExportableDatasets(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	for await (const page of exportableDatasetPages(new FlowServiceClient(this))) {
		options.push(...datasetOptions(page.items));
	}
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
