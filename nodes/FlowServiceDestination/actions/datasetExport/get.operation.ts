import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requestOptions, simplifyFields } from '../../descriptions/options';
import { getClient, getFlowId, getSimplify } from '../parameters';
import { datasetsOfFlows, readDatasetExport, simplifyDatasetExports } from './listing';

const OPERATION = 'get';

export const description: INodeProperties[] = [
	...simplifyFields([OPERATION]),
	requestOptions([OPERATION]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const flowId = getFlowId.call(this, itemIndex);
	const simplify = getSimplify.call(this, itemIndex);
	const client = getClient.call(this, itemIndex);
	const flow = await readDatasetExport(client, flowId);
	if (!simplify) return flow as IDataObject;
	const datasets = await datasetsOfFlows(client, [flow]);
	return (await simplifyDatasetExports.call(this, client, [flow], datasets, Date.now()))[0];
}
