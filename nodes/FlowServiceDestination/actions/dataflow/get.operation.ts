import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { optionsWith, simplifyFields } from '../../descriptions/options';
import { readBoolean } from '../../rules/scalars';
import { destinationDetails } from '../destinationDetails';
import { getClient, getFlowId, getSimplify } from '../parameters';
import { simplifyFlows } from '../simplifyFlows';

export const description: INodeProperties[] = [
	...simplifyFields(['get']),
	optionsWith(
		['get'],
		[
			{
				displayName: 'Include Destination Details',
				name: 'includeDestinationDetails',
				type: 'boolean',
				default: true,
				description:
					'Whether to add the destination’s and account’s names and the export settings (destinationDetails), as Create needs them to make the same dataflow in another sandbox; two more reads',
			},
		],
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const flowId = getFlowId.call(this, itemIndex);
	const client = getClient.call(this, itemIndex);
	const flow = await client.getFlow(flowId);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const details = readBoolean(
		options.includeDestinationDetails,
		'options.includeDestinationDetails',
	)
		? { destinationDetails: await destinationDetails.call(this, client, flow) }
		: {};
	if (!getSimplify.call(this, itemIndex)) return { ...flow, ...details } as IDataObject;
	return { ...(await simplifyFlows.call(this, client, [flow]))[0], ...details };
}
