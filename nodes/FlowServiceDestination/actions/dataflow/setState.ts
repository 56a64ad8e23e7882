import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { readableHead } from '../../update/summary';
import { getClient, getFlowId } from '../parameters';

/** Enable and Disable share this: Adobe's action endpoint, then the etag it answers. */
export async function setFlowState(
	this: IExecuteFunctions,
	itemIndex: number,
	op: 'enable' | 'disable',
): Promise<IDataObject> {
	const flowId = getFlowId.call(this, itemIndex);
	const client = getClient.call(this, itemIndex);
	const result = await client.flowAction(flowId, op);
	const etag = result.etag ?? (await client.getFlow(flowId)).etag;
	const state = op === 'enable' ? 'enabled' : 'disabled';
	// Adobe's action endpoint has no patch to show.
	return readableHead(
		{
			summary: `${op === 'enable' ? 'Enabled' : 'Disabled'} the dataflow`,
			changed: true,
			updated: [{ id: 'state', name: state }],
			flowId,
			etag,
		},
		{ state },
	);
}
