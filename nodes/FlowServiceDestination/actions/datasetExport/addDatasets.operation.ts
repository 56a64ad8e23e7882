import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	datasetChangeFields,
	prepareDatasetChange,
	runDatasetChanges,
	type DatasetChangeInput,
} from './datasetChange';

const OPERATION = 'addDatasets';

export const description: INodeProperties[] = datasetChangeFields(OPERATION, 'add');

export function prepareItem(this: IExecuteFunctions, itemIndex: number): DatasetChangeInput {
	return prepareDatasetChange.call(this, itemIndex, 'add');
}

export const runAll = async (
	items: Array<{ itemIndex: number; input: DatasetChangeInput }>,
	continueOnFail: boolean,
) => await runDatasetChanges(items, continueOnFail);
