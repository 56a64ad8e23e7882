import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { conflictRetriesOption, dryRunOption, optionsWith } from '../../descriptions/options';
import type { DatasetChange } from '../../planner/datasetMembership';
import { parseDatasetChoice } from '../../rules/datasetIds';
import { DEFAULT_CONFLICT_RETRIES } from '../../rules/options';
import type { ItemOutcome } from '../operations';
import { getClient, getFlowId, getUpdateOptions } from '../parameters';
import { changeDatasets } from './changeDatasets';
import type { DatasetChangeInput } from './datasetRequests';

export type { DatasetChangeInput } from './datasetRequests';

/** The fields of one of the two operations. */
export function datasetChangeFields(operation: string, change: DatasetChange): INodeProperties[] {
	return [
		{
			displayName: 'Dataset Names or IDs',
			name: 'datasets',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getExportableDatasets' },
			default: [],
			description: `Datasets to ${change === 'add' ? 'start' : 'stop'} exporting, picked by name from those the sandbox can export. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
			displayOptions: { show: { operation: [operation] } },
		},
		{
			displayName: 'Dataset IDs',
			name: 'datasetIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 65f1a0c2e4b0a1d2c3e4f501, 65f1a0c2e4b0a1d2c3e4f502',
			description:
				change === 'add'
					? 'Catalog IDs of more datasets to start exporting, comma or newline separated (with or instead of Dataset Names or IDs); ones the dataflow already exports are skipped'
					: 'Catalog IDs of more datasets to stop exporting, comma or newline separated (with or instead of Dataset Names or IDs); ones the dataflow does not export are skipped',
			displayOptions: { show: { operation: [operation] } },
		},
		optionsWith(
			[operation],
			[
				dryRunOption(
					'Whether to only output the requests that would be sent (the new source connection and the PATCH of the dataflow), without changing anything',
				),
				conflictRetriesOption(DEFAULT_CONFLICT_RETRIES),
			],
		),
	];
}

/** One item's parameters, checked before anything of the run is sent. */
export function prepareDatasetChange(
	this: IExecuteFunctions,
	itemIndex: number,
	change: DatasetChange,
): DatasetChangeInput {
	const flowId = getFlowId.call(this, itemIndex);
	const datasetIds = parseDatasetChoice(
		this.getNodeParameter('datasets', itemIndex, []),
		this.getNodeParameter('datasetIds', itemIndex, ''),
	);
	const { dryRun, maxConflictRetries } = getUpdateOptions.call(this, itemIndex);
	return {
		flowId,
		change,
		datasetIds,
		dryRun,
		maxConflictRetries,
		client: getClient.call(this, itemIndex),
	};
}

/** The items one after the other (two items may change one dataflow); the first failure stops the rest unless failures continue. */
export async function runDatasetChanges(
	items: Array<{ itemIndex: number; input: DatasetChangeInput }>,
	continueOnFail: boolean,
): Promise<ItemOutcome[]> {
	const outcomes: ItemOutcome[] = [];
	for (const { itemIndex, input } of items) {
		try {
			outcomes.push({ itemIndex, json: await changeDatasets(input) });
		} catch (error) {
			outcomes.push({ itemIndex, error });
			if (!continueOnFail) break;
		}
	}
	return outcomes;
}
