import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../model/inputError';
import { requireString, truncate } from '../../rules/scalars';
import { planUpdateMapping, type MappingLocation } from '../../planner/mapping';
import type { UpdateRequest } from '../../update/runUpdates';
import {
	flowLocator,
	getClient,
	getFlowId,
	getUpdateOptions,
	updateOptions,
} from '../../descriptions/common';

const OPERATION = 'updateMapping';
const show = { show: { operation: [OPERATION] } };
const LOCATIONS: MappingLocation[] = ['auto', 'transformation', 'profileMapping'];

export const description: INodeProperties[] = [
	flowLocator([OPERATION]),
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
	const mappingId = requireString(
		this.getNodeParameter('mappingId', itemIndex, ''),
		'mappingId',
		'Mapping ID',
	);
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(mappingId)) {
		inputError(
			'mappingId',
			`Mapping ID "${truncate(mappingId)}" may hold only letters, digits, "-" and "_" (up to 64)`,
		);
	}
	const version = this.getNodeParameter('mappingVersion', itemIndex, 0);
	const mappingVersion =
		typeof version === 'string' && /^\d+$/.test(version) ? Number(version) : version;
	if (
		typeof mappingVersion !== 'number' ||
		!Number.isInteger(mappingVersion) ||
		mappingVersion < 0
	) {
		inputError(
			'mappingVersion',
			`Mapping version must be a whole number of at least 0, got ${JSON.stringify(version)}`,
		);
	}
	const location = this.getNodeParameter('mappingLocation', itemIndex, 'auto') as MappingLocation;
	if (!LOCATIONS.includes(location))
		inputError('mappingLocation', `Mapping location must be one of ${LOCATIONS.join(', ')}`);
	return {
		flowId,
		planner: planUpdateMapping({ mappingId, mappingVersion, location }),
		options: getUpdateOptions.call(this, itemIndex),
		client: getClient.call(this, itemIndex),
	};
}
