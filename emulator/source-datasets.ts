// The datasets of a Data Lake source connection: given when it is created (each one a dataset of
// the sandbox's Data Lake, listed once), never changed afterwards. Adobe: "once a Source
// Connection is created, its datasets cannot be modified. If you need to add or remove datasets,
// create a new Source Connection with the updated values."
import { CONNECTION_SPECS } from './fixtures/ids';
import type { DatasetSubject } from './runs';
import { isDatasetFlowSpec } from './specs/catalogue';
import type { Store } from './store';
import type { Flow, JsonObject } from './types';

export const isDataLakeSource = (connection: { connectionSpec?: { id?: string } }) =>
	connection.connectionSpec?.id === CONNECTION_SPECS.dataLakeSource;

export function datasetsOf(connection: JsonObject): Array<{ dataSetId: string; name?: string }> {
	const datasets = (connection.params as { datasets?: unknown } | undefined)?.datasets;
	return Array.isArray(datasets) ? datasets : [];
}

/** Why a new Data Lake source connection's datasets are refused, or undefined. */
export function newDatasetsProblem(
	store: Store,
	sandbox: string,
	params: JsonObject | undefined,
): string | undefined {
	const datasets = datasetsOf({ params });
	if (datasets.length === 0)
		return 'params.datasets: a Data Lake source connection needs at least one dataset to export';
	const seen = new Set<string>();
	for (const [i, { dataSetId }] of datasets.entries()) {
		if (!store.getDataset(sandbox, dataSetId))
			return `params.datasets[${i}].dataSetId: dataset ${dataSetId} does not exist in sandbox ${sandbox} or cannot be exported (GET /connectionSpecs/${CONNECTION_SPECS.dataLakeSource}/configs?outputType=activationDatasets&outputField=datasets lists those that can)`;
		if (seen.has(dataSetId))
			return `params.datasets[${i}].dataSetId: dataset ${dataSetId} is listed twice`;
		seen.add(dataSetId);
	}
	return undefined;
}

/** Why a changed Data Lake source connection is refused: its datasets differ from before. */
export function changedDatasetsProblem(before: JsonObject, after: JsonObject): string | undefined {
	if (!isDataLakeSource(before as { connectionSpec?: { id?: string } })) return undefined;
	if (JSON.stringify(datasetsOf(before)) === JSON.stringify(datasetsOf(after))) return undefined;
	return 'params.datasets: the datasets of a source connection cannot be modified after it is created. Create a new source connection with the full list of datasets and replace /sourceConnectionIds of the dataflow with its id';
}

/** What a run of the dataflow exports, when it is a dataset export: its source connection's datasets. */
export function datasetSubject(store: Store, flow: Flow): DatasetSubject | undefined {
	if (!isDatasetFlowSpec((flow.flowSpec as { id?: string } | undefined)?.id)) return undefined;
	const sourceConnectionId = String((flow.sourceConnectionIds as unknown[] | undefined)?.[0] ?? '');
	const source = store.sourceConnections.get(flow.sandboxName, sourceConnectionId);
	return {
		sourceConnectionId,
		datasetIds: source ? datasetsOf(source).map((d) => d.dataSetId) : [],
	};
}
