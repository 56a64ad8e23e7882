import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { flowLocator, requestOptions } from '../../descriptions/common';
import { setFlowState } from './setState';

export const description: INodeProperties[] = [flowLocator(['enable']), requestOptions(['enable'])];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await setFlowState.call(this, itemIndex, 'enable');
}
