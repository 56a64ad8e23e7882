import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { flowAction, getFlow } from '../../transport';
import { getFlowId } from '../common';

/** Enable and Disable share this: Adobe's action endpoint, then the etag it answers. */
export async function setFlowState(this: IExecuteFunctions, itemIndex: number, op: 'enable' | 'disable'): Promise<IDataObject> {
	const flowId = getFlowId.call(this, itemIndex);
	const result = await flowAction.call(this, flowId, op);
	const etag = result.etag ?? (await getFlow.call(this, flowId)).etag;
	return { flowId, state: op === 'enable' ? 'enabled' : 'disabled', etag };
}
