import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { setFlowState } from './setState';
import { requestOptions } from '../../descriptions/options';

export const description: INodeProperties[] = [requestOptions(['disable'])];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await setFlowState.call(this, itemIndex, 'disable');
}
