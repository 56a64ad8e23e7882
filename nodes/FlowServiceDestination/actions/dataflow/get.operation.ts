import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getFlow } from '../../transport';
import { flowLocator, getFlowId } from '../common';

export const description: INodeProperties[] = [flowLocator(['get'])];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return (await getFlow.call(this, getFlowId.call(this, itemIndex))) as IDataObject;
}
