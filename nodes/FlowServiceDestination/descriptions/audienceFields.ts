import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_FILENAME_TEMPLATE,
	EXPORT_MODES,
	FREQUENCIES,
	TRIGGER_TYPES,
} from '../rules/audiences';
import { audienceLocator } from './audienceLocator';
import type { EntryList } from './entriesInput';

const option = (value: string): INodePropertyOptions => ({ name: value, value });
const NOT_SET: INodePropertyOptions = { name: 'Not Set', value: '' };

/**
 * Export Mode, Frequency and Trigger Type, with the choices the audience rules allow; `empty` is
 * the choice that leaves the setting out.
 */
export function scheduleChoiceFields(
	empty: INodePropertyOptions,
	exportModeDescription: string,
): INodeProperties[] {
	return [
		{
			displayName: 'Export Mode',
			name: 'exportMode',
			type: 'options',
			default: '',
			description: exportModeDescription,
			options: [empty, ...EXPORT_MODES.map(option)],
		},
		{
			displayName: 'Frequency',
			name: 'frequency',
			type: 'options',
			default: '',
			description:
				'ONCE or DAILY for DAILY_FULL_EXPORT; DAILY or EVERY_N_HOURS for FIRST_FULL_THEN_INCREMENTAL',
			options: [empty, ...FREQUENCIES.map(option)],
		},
		{
			displayName: 'Trigger Type',
			name: 'triggerType',
			type: 'options',
			default: '',
			description: 'DAILY_FULL_EXPORT only: at a set time, or right after audience evaluation',
			options: [empty, ...TRIGGER_TYPES.map(option)],
		},
	];
}

/** The fields of one audience entry, shared by every operation that writes audiences. */
export const audienceEntryFields: INodeProperties[] = [
	audienceLocator(
		'id',
		'Audience',
		'The audience (segment definition) to export: pick it by name or give its ID',
	),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Optional audience name stored on the dataflow',
	},
	...scheduleChoiceFields(
		NOT_SET,
		'Batch (file) destinations only; leave Not Set for streaming destinations',
	),
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'string',
		default: '',
		placeholder: '2026-12-01',
		description: 'First export day, YYYY-MM-DD',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'string',
		default: '',
		placeholder: '2026-12-31',
		description: 'YYYY-MM-DD, not itself exported; not for one-time exports',
	},
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'string',
		default: '',
		placeholder: '20:00',
		description: 'Whole hour, HH:00, UTC',
	},
	{
		displayName: 'File Name Template',
		name: 'filenameTemplate',
		type: 'string',
		default: '',
		placeholder: DEFAULT_FILENAME_TEMPLATE,
		description: `Must contain %DESTINATION_NAME% and %SEGMENT_ID%; empty means ${DEFAULT_FILENAME_TEMPLATE}`,
	},
];

/** The audience list of Add Audiences and Sync Audiences: same parameters, so one reader serves both. */
export const AUDIENCE_ENTRIES: EntryList = {
	modeName: 'audienceInput',
	modeLabel: 'Define Audiences',
	listName: 'audiences',
	listLabel: 'Audiences',
	entryName: 'audience',
	entryLabel: 'Audience',
	values: audienceEntryFields,
	jsonName: 'audiencesJson',
	jsonDefault: '[\n  {\n    "id": "",\n    "name": ""\n  }\n]',
};
