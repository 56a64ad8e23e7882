import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FlowDocument } from '../../model/types';
import { findGeneralTransform, segmentSelectors } from '../../model/flowDocument';
import { toNodeError } from '../../errors';
import { inputError } from '../../model/inputError';
import { readBoolean } from '../../rules/scalars';
import { FlowServiceHttpError } from '../../transport';
import { dryRunOption, optionsWith } from '../../descriptions/options';
import { getClient, getFlowId } from '../parameters';
import { readableHead } from '../../update/summary';

const OPERATION = 'deleteDataflow';
const MISSING_CHOICES = ['fail', 'alreadyDeleted'] as const;
type IfMissing = (typeof MISSING_CHOICES)[number];

export const description: INodeProperties[] = [
	{
		displayName: 'If Dataflow Is Missing',
		name: 'ifFlowMissing',
		type: 'options',
		default: 'fail',
		description: 'What to do when the dataflow does not exist (Adobe answers 404)',
		displayOptions: { show: { operation: [OPERATION] } },
		options: [
			{ name: 'Fail', value: 'fail', description: 'Fail the item' },
			{
				name: 'Treat as Already Deleted',
				value: 'alreadyDeleted',
				description: 'Output the item with changed false, as when a workflow deletes again',
			},
		],
	},
	optionsWith(
		[OPERATION],
		[
			dryRunOption(
				'Whether to only read the dataflow and output what would be deleted, without deleting it',
			),
		],
	),
];

const isNotFound = (error: unknown) =>
	error instanceof FlowServiceHttpError && error.statusCode === 404;

/** Reads the dataflow (what is deleted, or whether it exists), then `DELETE /flows/{id}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const flowId = getFlowId.call(this, itemIndex);
	const ifMissing = this.getNodeParameter('ifFlowMissing', itemIndex, 'fail') as IfMissing;
	if (!MISSING_CHOICES.includes(ifMissing))
		inputError(
			'ifFlowMissing',
			`If Dataflow Is Missing must be one of ${MISSING_CHOICES.join(', ')}, got ${JSON.stringify(ifMissing)}`,
		);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const dryRun = readBoolean(options.dryRun, 'options.dryRun');
	const client = getClient.call(this, itemIndex);

	let flow: FlowDocument;
	try {
		flow = await client.getFlow(flowId);
	} catch (error) {
		if (!isNotFound(error) || ifMissing === 'fail')
			throw toNodeError(this.getNode(), error, itemIndex);
		return readableHead(
			{
				summary: `No change: dataflow ${flowId} does not exist (already deleted)`,
				changed: false,
				skipped: [{ id: flowId, reason: 'not found' }],
				flowId,
			},
			{ deleted: false, dryRun },
		);
	}
	const dataflow = describeFlow(flow);
	const named = `dataflow ${flow.name ? `${flow.name} (${flowId})` : flowId}`;
	if (dryRun) {
		return readableHead(
			{
				summary: `Would delete ${named}`,
				changed: false,
				removed: [{ id: flowId, name: flow.name }],
				flowId,
				etag: flow.etag,
			},
			{ deleted: false, dryRun, dataflow },
		);
	}
	try {
		await client.deleteFlow(flowId);
	} catch (error) {
		// It was there a moment ago: a 404 now means it is gone (a retry after a lost answer, or another writer).
		if (!isNotFound(error)) throw toNodeError(this.getNode(), error, itemIndex);
	}
	return readableHead(
		{
			summary: `Deleted ${named}`,
			changed: true,
			removed: [{ id: flowId, name: flow.name }],
			flowId,
			etag: flow.etag,
		},
		{ deleted: true, dryRun, dataflow },
	);
}

/** What is deleted, in a few fields: enough to recognise it, not the whole document. */
function describeFlow(flow: FlowDocument): IDataObject {
	const transform = findGeneralTransform(flow);
	const audiences = (transform ? (segmentSelectors(transform) ?? []) : []).map((selector) => ({
		id: selector.value?.id,
		name: selector.value?.name,
	}));
	return {
		id: flow.id,
		name: flow.name,
		state: flow.state,
		flowSpec: flow.flowSpec as IDataObject | undefined,
		targetConnectionIds: flow.targetConnectionIds as string[] | undefined,
		audiences,
	};
}
