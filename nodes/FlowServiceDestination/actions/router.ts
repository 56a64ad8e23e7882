import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorItem, toNodeError } from '../errors';
import { operations } from './operations';
import { runUpdates } from '../update/runUpdates';

/** Runs the chosen operation; every output item is paired to its input, errors included. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const name = this.getNodeParameter('operation', 0) as string;
	const operation = operations[name];
	if (!operation)
		throw new NodeOperationError(this.getNode(), `The operation "${name}" is not supported`);
	if (operation.prepare)
		return [await runUpdates.call(this, operation.prepare, operation.combinable !== false)];

	const returnData: INodeExecutionData[] = [];
	const items = this.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await operation.execute!.call(this, itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				returnData.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			returnData.push(errorItem(nodeError, itemIndex));
		}
	}
	return [returnData];
}
