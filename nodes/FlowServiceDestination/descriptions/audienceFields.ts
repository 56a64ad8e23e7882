import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_FILENAME_TEMPLATE,
	EXPORT_MODES,
	FREQUENCIES,
	TRIGGER_TYPES,
} from '../rules/audiences';
import { audienceLocator } from './audienceLocator';
import type { EntryList } from './entriesInput';

const NOT_SET: INodePropertyOptions = { name: 'Not Set', value: '' };

/**
 * Adobe's constants in words; the stored values stay the constants, so saved workflows and
 * expressions keep working. Each frequency says which export mode takes it: n8n cannot filter a
 * static list by a sibling field inside a fixed collection without turning it into a dynamic
 * list (which its lint then requires to be labelled "Name or ID"), and the rules reject a
 * mismatch before anything is sent.
 */
export const CHOICE_LABELS: Record<string, string> = {
	DAILY_FULL_EXPORT: 'Full Files',
	FIRST_FULL_THEN_INCREMENTAL: 'Incremental Files (First One Full)',
	ONCE: 'Once (Full Files Only)',
	DAILY: 'Daily',
	EVERY_3_HOURS: 'Every 3 Hours (Incremental Only)',
	EVERY_6_HOURS: 'Every 6 Hours (Incremental Only)',
	EVERY_8_HOURS: 'Every 8 Hours (Incremental Only)',
	EVERY_12_HOURS: 'Every 12 Hours (Incremental Only)',
	SCHEDULED: 'At a Set Time',
	AFTER_SEGMENT_EVAL: 'After Audience Evaluation',
};

const option = (value: string): INodePropertyOptions => ({
	name: CHOICE_LABELS[value] ?? value,
	value,
	description: value,
});

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
				'Once or Daily for Full Files; Daily or every 3, 6, 8 or 12 hours for Incremental Files',
			options: [empty, ...FREQUENCIES.map(option)],
		},
		{
			displayName: 'Trigger Type',
			name: 'triggerType',
			type: 'options',
			default: '',
			description: 'Full Files only: at a set time, or right after audience evaluation',
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

/** Offered where an update names audiences to write; its default depends on the node version. */
export const checkAudiencesOption: INodeProperties = {
	displayName: 'Check Audiences Exist',
	name: 'checkAudiencesExist',
	type: 'boolean',
	default: true,
	description:
		'Whether to look every audience ID up in the sandbox before sending (one Segmentation Service request per run and 100 IDs), fill empty names from it, and fail an unknown ID. On by default from node version 2; turn it off for bulk runs that trust their IDs.',
};
