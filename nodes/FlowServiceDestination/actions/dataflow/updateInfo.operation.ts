import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { planUpdateInfo } from '../../planner/updateInfo';
import { parseUpdateFields } from '../../rules/updateInfo';
import type { UpdateRequest } from '../../update/runUpdates';
import { updateOptions } from '../../descriptions/options';
import { getFlowId, updateRequest } from '../parameters';

const OPERATION = 'updateInfo';

export const description: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { operation: [OPERATION] } },
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'New description of the dataflow',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New name of the dataflow',
			},
			{
				displayName: 'Schedule End Time',
				name: 'scheduleEndTime',
				type: 'dateTime',
				default: '',
				description: 'Sets scheduleParams.endTime (sent as epoch seconds)',
			},
			{
				displayName: 'Schedule Frequency',
				name: 'scheduleFrequency',
				type: 'options',
				default: 'day',
				description: 'Sets scheduleParams.frequency',
				options: [
					{ name: 'Day', value: 'day' },
					{ name: 'Hour', value: 'hour' },
					{ name: 'Minute', value: 'minute' },
					{ name: 'Once', value: 'once' },
					{ name: 'Week', value: 'week' },
				],
			},
			{
				displayName: 'Schedule Interval',
				name: 'scheduleInterval',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1,
				description: 'Sets scheduleParams.interval: how many frequency or time units between runs',
			},
			{
				displayName: 'Schedule Start Time',
				name: 'scheduleStartTime',
				type: 'dateTime',
				default: '',
				description: 'Sets scheduleParams.startTime (sent as epoch seconds)',
			},
			{
				displayName: 'Schedule Time Unit',
				name: 'scheduleTimeUnit',
				type: 'options',
				default: 'day',
				description: 'Sets scheduleParams.timeUnit (dataset export dataflows)',
				options: [
					{ name: 'Day', value: 'day' },
					{ name: 'Hour', value: 'hour' },
				],
			},
		],
	},
	updateOptions([OPERATION]),
];

export function prepare(this: IExecuteFunctions, itemIndex: number): UpdateRequest {
	const flowId = getFlowId.call(this, itemIndex);
	const input = parseUpdateFields(
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
	);
	return updateRequest.call(this, itemIndex, flowId, planUpdateInfo(input));
}
