import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../model/inputError';
import { requireString } from '../../rules/scalars';
import { planUpdateInfo, type UpdateInfoInput } from '../../planner/updateInfo';
import type { UpdateRequest } from '../../update/runUpdates';
import {
	flowLocator,
	getClient,
	getFlowId,
	getUpdateOptions,
	updateOptions,
} from '../../descriptions/common';

const OPERATION = 'updateInfo';

export const description: INodeProperties[] = [
	flowLocator([OPERATION]),
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

const SCHEDULE_FIELDS = [
	['scheduleFrequency', 'frequency'],
	['scheduleInterval', 'interval'],
	['scheduleTimeUnit', 'timeUnit'],
	['scheduleStartTime', 'startTime'],
	['scheduleEndTime', 'endTime'],
] as const;

/** Pure: the collection as n8n hands it over, checked and mapped onto the flow's fields. */
export function parseUpdateFields(fields: IDataObject): UpdateInfoInput {
	const input: UpdateInfoInput = {};
	if (fields.name !== undefined)
		input.name = requireString(fields.name, 'updateFields.name', 'Name');
	if (fields.description !== undefined) {
		if (typeof fields.description !== 'string')
			inputError('updateFields.description', 'Description must be text');
		input.description = fields.description;
	}
	const schedule: Record<string, string | number> = {};
	for (const [param, key] of SCHEDULE_FIELDS) {
		const value = fields[param];
		if (value === undefined || value === '') continue;
		const field = `updateFields.${param}`;
		if (key === 'interval') schedule[key] = wholeNumber(value, field);
		else if (key === 'startTime' || key === 'endTime') schedule[key] = epochSeconds(value, field);
		else schedule[key] = requireString(value, field, param);
	}
	if (Object.keys(schedule).length > 0) input.schedule = schedule;
	if (input.name === undefined && input.description === undefined && input.schedule === undefined) {
		inputError(
			'updateFields',
			'Add at least one field to update (name, description or a schedule field)',
		);
	}
	return input;
}

function wholeNumber(value: unknown, field: string): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) {
		inputError(
			field,
			`Schedule interval must be a whole number of at least 0, got ${JSON.stringify(value)}`,
		);
	}
	return number;
}

/** Adobe's scheduleParams hold epoch seconds; the editor hands over ISO date-times. */
function epochSeconds(value: unknown, field: string): number {
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
	if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
	const millis = typeof value === 'string' ? Date.parse(value) : NaN;
	if (Number.isNaN(millis))
		inputError(field, `${JSON.stringify(value)} is not a date-time or epoch seconds`);
	return Math.floor(millis / 1000);
}

export function prepare(this: IExecuteFunctions, itemIndex: number): UpdateRequest {
	const flowId = getFlowId.call(this, itemIndex);
	const input = parseUpdateFields(
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
	);
	return {
		flowId,
		planner: planUpdateInfo(input),
		options: getUpdateOptions.call(this, itemIndex),
		client: getClient.call(this, itemIndex),
	};
}
