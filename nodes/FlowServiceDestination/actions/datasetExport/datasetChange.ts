import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { datasetPickerFields } from '../../descriptions/datasetExportFields';
import { conflictRetriesOption, dryRunOption, optionsWith } from '../../descriptions/options';
import type { DatasetChange } from '../../planner/datasetMembership';
import { parseDatasetChoice } from '../../rules/datasetIds';
import { DEFAULT_CONFLICT_RETRIES } from '../../rules/options';
import type { ItemOutcome } from '../operations';
import { getClient, getFlowId, getUpdateOptions } from '../parameters';
import { lookupsOf } from '../create/lookups';
import { changeDatasets } from './changeDatasets';
import type { DatasetChangeInput } from './datasetRequests';

export type { DatasetChangeInput } from './datasetRequests';

/** The fields of one of the two operations. */
export function datasetChangeFields(operation: string, change: DatasetChange): INodeProperties[] {
	return [
		...datasetPickerFields(
			operation,
			change === 'add' ? 'start exporting' : 'stop exporting',
			change === 'add'
				? 'Catalog IDs of more datasets to start exporting, comma or newline separated (with or instead of Dataset Names or IDs); ones the dataflow already exports are skipped'
				: 'Catalog IDs of more datasets to stop exporting, comma or newline separated (with or instead of Dataset Names or IDs); ones the dataflow does not export are skipped',
		),
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
	const client = getClient.call(this, itemIndex);
	// Added datasets get their names from Adobe's exportable list, read once for the run.
	const lookups = lookupsOf(this, client);
	return {
		flowId,
		change,
		datasetIds,
		...(change === 'add' ? { exportable: async () => await lookups.exportableDatasets('') } : {}),
		dryRun,
		maxConflictRetries,
		client,
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
