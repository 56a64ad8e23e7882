import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { flowLocator, getClient, getFlowId, requestOptions } from '../../descriptions/common';

export const description: INodeProperties[] = [flowLocator(['get']), requestOptions(['get'])];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const flowId = getFlowId.call(this, itemIndex);
	return (await getClient.call(this, itemIndex).getFlow(flowId)) as IDataObject;
}
