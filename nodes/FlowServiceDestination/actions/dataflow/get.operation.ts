import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { requestOptions, simplifyFields } from '../../descriptions/options';
import { getClient, getFlowId, getSimplify } from '../parameters';
import { simplifyFlows } from '../simplifyFlows';

export const description: INodeProperties[] = [...simplifyFields(['get']), requestOptions(['get'])];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const flowId = getFlowId.call(this, itemIndex);
	const client = getClient.call(this, itemIndex);
	const flow = await client.getFlow(flowId);
	if (!getSimplify.call(this, itemIndex)) return flow as IDataObject;
	return (await simplifyFlows.call(this, client, [flow]))[0];
}
