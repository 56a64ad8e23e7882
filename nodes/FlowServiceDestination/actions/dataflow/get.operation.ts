import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { flowLocator } from '../../descriptions/flowLocator';
import { requestOptions } from '../../descriptions/options';
import { getClient, getFlowId } from '../parameters';

export const description: INodeProperties[] = [flowLocator(['get']), requestOptions(['get'])];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const flowId = getFlowId.call(this, itemIndex);
	return (await getClient.call(this, itemIndex).getFlow(flowId)) as IDataObject;
}
