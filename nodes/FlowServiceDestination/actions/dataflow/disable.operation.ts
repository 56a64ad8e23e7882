import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { flowLocator, requestOptions } from '../../descriptions/common';
import { setFlowState } from './setState';

export const description: INodeProperties[] = [
	flowLocator(['disable']),
	requestOptions(['disable']),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await setFlowState.call(this, itemIndex, 'disable');
}
