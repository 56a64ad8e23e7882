import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionalString } from '../../rules/scalars';
import { parseRawPatch, quoteEtag } from '../../rules/rawPatch';
import type { UpdateRequest } from '../../update/runUpdates';
import { updateOptions } from '../../descriptions/options';
import { getClient, getFlowId, getUpdateOptions } from '../parameters';

const OPERATION = 'applyJsonPatch';
const show = { show: { operation: [OPERATION] } };

export const description: INodeProperties[] = [
	{
		displayName: 'JSON Patch',
		name: 'operations',
		type: 'json',
		default: '[\n  {\n    "op": "replace",\n    "path": "/name",\n    "value": "New name"\n  }\n]',
		required: true,
		description: 'RFC 6902 operations; the Flow Service accepts add, replace and remove only',
		displayOptions: show,
	},
	{
		displayName: 'Etag',
		name: 'etag',
		type: 'string',
		default: '',
		placeholder: '"8b0351ca-0000-0200-0000-61c4d6700000"',
		description:
			'Etag to send in If-Match, quotes included, skipping the read; empty reads the dataflow first',
		displayOptions: show,
	},
	{
		displayName:
			'Raw operations are sent as written: on a conflict (HTTP 412) they are only re-sent if Max Conflict Retries is above 0, so check they still fit the changed dataflow.',
		name: 'conflictNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	updateOptions([OPERATION], { conflictRetries: 0 }),
];

export function prepare(this: IExecuteFunctions, itemIndex: number): UpdateRequest {
	const flowId = getFlowId.call(this, itemIndex);
	const operations = parseRawPatch(this.getNodeParameter('operations', itemIndex, '[]'));
	const etag = quoteEtag(
		optionalString(this.getNodeParameter('etag', itemIndex, ''), 'etag', 'Etag'),
	);
	return {
		flowId,
		change: { patch: { operations, skipped: [] }, etag },
		options: getUpdateOptions.call(this, itemIndex, 0),
		client: getClient.call(this, itemIndex),
	};
}

/** Raw operations are written against one state of the flow; stacking them with others' is unsafe. */
export const combinable = false;
