import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toNodeError } from './nodeErrors';
import { operations } from './operations';

/** Runs the chosen operation per item; every output item is paired to its input, errors included. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const name = this.getNodeParameter('operation', itemIndex) as string;
			const operation = operations[name];
			if (!operation) throw new NodeOperationError(this.getNode(), `The operation "${name}" is not supported`, { itemIndex });
			const result = await operation.execute.call(this, itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				returnData.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			returnData.push({
				json: { error: nodeError.message, description: nodeError.description ?? undefined, httpCode: httpCodeOf(nodeError) },
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [returnData];
}

function httpCodeOf(error: object): string | undefined {
	return 'httpCode' in error && typeof error.httpCode === 'string' ? error.httpCode : undefined;
}
