import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	datasetExportModes,
	folderNameTemplateField,
} from '../../descriptions/datasetExportFields';
import { updateOptions } from '../../descriptions/options';
import { planDatasetSchedule } from '../../planner/datasetSchedule';
import { HOUR_INTERVALS, parseScheduleFields } from '../../rules/datasetSchedule';
import type { UpdateRequest } from '../../update/runUpdates';
import { getFlowId, updateRequest } from '../parameters';

const OPERATION = 'updateSchedule';

export const description: INodeProperties[] = [
	{
		displayName: 'Schedule Fields',
		name: 'scheduleFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The schedule fields to change; the others keep their values',
		displayOptions: { show: { operation: [OPERATION] } },
		options: [
			{
				displayName: 'End Time',
				name: 'endTime',
				type: 'dateTime',
				default: '',
				description: 'When the dataflow stops exporting (sent as epoch seconds)',
			},
			{
				displayName: 'Export Mode',
				name: 'exportMode',
				type: 'options',
				default: 'FIRST_FULL_THEN_INCREMENTAL',
				description:
					'Incremental: a full file first, then only what changed, every Interval. One-time full export: everything once, with Time Unit Day and Interval 0.',
				options: datasetExportModes,
			},
			folderNameTemplateField(
				'Folder (under the destination’s folder path) each export’s files land in, from custom text and macros',
			),
			{
				displayName: 'Interval',
				name: 'interval',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 24 },
				default: 1,
				description: `How many time units between exports: 1 with Day, ${HOUR_INTERVALS.join(', ')} with Hour, 0 for a one-time export`,
			},
			{
				displayName: 'Start Time',
				name: 'startTime',
				type: 'dateTime',
				default: '',
				description: 'When the first export runs (sent as epoch seconds)',
			},
			{
				displayName: 'Time Unit',
				name: 'timeUnit',
				type: 'options',
				default: 'day',
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
	const change = parseScheduleFields(
		this.getNodeParameter('scheduleFields', itemIndex, {}) as IDataObject,
	);
	return updateRequest.call(this, itemIndex, flowId, planDatasetSchedule(change));
}

/** The schedule the dataflow gets (or would get, in a dry run), beside the usual update output. */
export function summarize(result: IDataObject): IDataObject {
	const [replace] = (result.operations ?? []) as Array<{ value?: IDataObject }>;
	return replace?.value ? { scheduleParams: replace.value } : {};
}
