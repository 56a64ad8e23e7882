import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { planUpdateMapping } from '../../planner/mapping';
import { parseMappingInput } from '../../rules/mapping';
import type { UpdateRequest } from '../../update/runUpdates';
import { updateOptions } from '../../descriptions/options';
import { getFlowId, updateRequest } from '../parameters';

const OPERATION = 'updateMapping';
const show = { show: { operation: [OPERATION] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Mapping ID',
		name: 'mappingId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'c5f22f04e09f44498e528901546a83b1',
		description: 'ID of the Data Prep mapping set',
		displayOptions: show,
	},
	{
		displayName: 'Mapping Version',
		name: 'mappingVersion',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Version of the mapping set',
		displayOptions: show,
	},
	{
		displayName: 'Mapping Location',
		name: 'mappingLocation',
		type: 'options',
		default: 'auto',
		displayOptions: show,
		options: [
			{
				name: 'Auto-Detect',
				value: 'auto',
				description: 'Use whichever of the two the dataflow already has',
			},
			{
				name: 'Mapping Transformation',
				value: 'transformation',
				description: 'A {name: "Mapping"} transformation, as in sources-style dataflows',
			},
			{
				name: 'Profile Mapping',
				value: 'profileMapping',
				description: 'Params.profileMapping of newer file-based destinations',
			},
		],
	},
	updateOptions([OPERATION]),
];

export function prepare(this: IExecuteFunctions, itemIndex: number): UpdateRequest {
	const flowId = getFlowId.call(this, itemIndex);
	const input = parseMappingInput(
		this.getNodeParameter('mappingId', itemIndex, ''),
		this.getNodeParameter('mappingVersion', itemIndex, 0),
		this.getNodeParameter('mappingLocation', itemIndex, 'auto'),
	);
	return updateRequest.call(this, itemIndex, flowId, planUpdateMapping(input));
}
