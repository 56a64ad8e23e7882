import { DATA_LAKE_SOURCE_SPEC } from '../model/flowKind';
import type { FlowServiceClient } from './index';
import { readPages, type Page } from './pager';

/** A dataset Adobe says the sandbox can export (a Catalog dataset; only what the node reads is typed). */
export interface ExportableDataset {
	id?: unknown;
	name?: unknown;
}

interface ExportableDatasetsPage {
	items?: ExportableDataset[];
	pageInfo?: { end?: number; hasNext?: boolean };
}

const PAGE_SIZE = 100;

/**
 * The datasets the sandbox can export: Adobe's exportable-datasets list of the Data Lake source
 * spec, every page read through the one pager (`start` is an offset; `pageInfo.hasNext` says
 * whether more follow).
 */
export function exportableDatasetPages(client: Pick<FlowServiceClient, 'request'>) {
	return readPages(async (next: string | undefined): Promise<Page<ExportableDataset>> => {
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
	});
}
