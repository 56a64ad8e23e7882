import type { IDisplayOptions, INodePropertyOptions, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_FILENAME_TEMPLATE,
	EXPORT_MODES,
	FREQUENCIES,
	FREQUENCIES_BY_EXPORT_MODE,
	INCREMENTAL_FREQUENCY,
	TRIGGER_TYPES,
} from '../rules/audiences';
import { audienceLocator } from './audienceLocator';
import type { EntryList } from './entriesInput';

const NOT_SET: INodePropertyOptions = { name: 'Not Set', value: '' };

/**
 * Adobe's constants in words; the stored values stay the constants, so saved workflows and
 * expressions keep working. Where one list holds every frequency (node version 1, and an update
 * that keeps the export mode), each says which export mode takes it; the rules reject a mismatch
 * before anything is sent.
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

const FULL = 'DAILY_FULL_EXPORT';
const INCREMENTAL = 'FIRST_FULL_THEN_INCREMENTAL';
const IN_VERSION_1 = { '@version': [1] };
/** Spread first: n8n shows a field at the first rule whose value is an expression, so the version must be checked before the export mode. */
const FROM_VERSION_2 = { '@version': [{ _cnd: { gte: 2 } }] };

/** A list already narrowed to one export mode needs no "(… Only)" hint. */
const plainOption = (value: string): INodePropertyOptions => ({
	...option(value),
	name: option(value).name.replace(/ \(.* Only\)$/, ''),
});

function frequencyField(
	name: string,
	options: INodePropertyOptions[],
	show: IDisplayOptions['show'],
	description: string,
): INodeProperties {
	return {
		displayName: 'Frequency',
		name,
		type: 'options',
		default: '',
		description,
		options,
		displayOptions: { show },
	};
}

/**
 * Frequency per node version. Version 1 keeps its one list of every frequency. From version 2 the
 * list follows the export mode: one parameter per mode, as two parameters shown at once cannot
 * store into one value. Full Files keep the name `frequency`; incremental exports store
 * `incrementalFrequency`, which the rules read for that mode. `keepMode` (an update's Keep Current
 * export mode) shows every frequency, since the mode on the dataflow decides which fit.
 */
function frequencyFields(empty: INodePropertyOptions, keepMode: boolean): INodeProperties[] {
	const modeList = (mode: string) => [empty, ...FREQUENCIES_BY_EXPORT_MODE[mode].map(plainOption)];
	const every = [empty, ...FREQUENCIES.map(option)];
	return [
		frequencyField(
			'frequency',
			every,
			IN_VERSION_1,
			'Once or Daily for Full Files; Daily or every 3, 6, 8 or 12 hours for Incremental Files',
		),
		frequencyField(
			'frequency',
			modeList(FULL),
			{ ...FROM_VERSION_2, exportMode: [FULL] },
			'How often the full file is exported',
		),
		frequencyField(
			INCREMENTAL_FREQUENCY,
			modeList(INCREMENTAL),
			{ ...FROM_VERSION_2, exportMode: [INCREMENTAL] },
			'How often an incremental file is exported',
		),
		...(keepMode
			? [
					frequencyField(
						'frequency',
						every,
						{ ...FROM_VERSION_2, exportMode: [''] },
						'Must fit the export mode the audience has on the dataflow',
					),
				]
			: []),
	];
}

/**
 * Export Mode, Frequency and Trigger Type, with the choices the audience rules allow; `empty` is
 * the choice that leaves the setting out, and with `keepMode` it keeps the dataflow's value.
 */
export function scheduleChoiceFields(
	empty: INodePropertyOptions,
	exportModeDescription: string,
	keepMode = false,
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
		...frequencyFields(empty, keepMode),
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
