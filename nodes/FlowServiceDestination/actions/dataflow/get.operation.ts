import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { requestOptions, simplifyFields } from '../../descriptions/options';
import { simplifyFlow } from '../../model/simplify';
import { getClient, getFlowId, getSimplify } from '../parameters';

export const description: INodeProperties[] = [...simplifyFields(['get']), requestOptions(['get'])];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const flowId = getFlowId.call(this, itemIndex);
	const flow = await getClient.call(this, itemIndex).getFlow(flowId);
	return (getSimplify.call(this, itemIndex) ? simplifyFlow(flow) : flow) as IDataObject;
}
