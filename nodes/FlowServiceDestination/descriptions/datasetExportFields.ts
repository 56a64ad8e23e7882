import type { INodeProperties } from 'n8n-workflow';

import { EXPORT_FREQUENCIES } from '../rules/datasetExportCreate';
import { FOLDER_MACROS } from '../rules/datasetSchedule';
import { DEFAULT_CONFLICT_RETRIES } from '../rules/options';
import { accountLocator } from './accountLocator';
import { enableField, ifExistsField } from './createFields';
import { compressionChoices, fileStorageFieldOptions } from './fileStorageFields';
import { conflictRetriesOption, dryRunOption, flowConcurrencyOption, optionsWith } from './options';

const OPERATION = 'create';
const create = { operation: [OPERATION] };
const regular = { ...create, exportMode: ['FIRST_FULL_THEN_INCREMENTAL'] };

/** The folder name template, as Create and Update Schedule offer it. */
export function folderNameTemplateField(description: string): INodeProperties {
	return {
		displayName: 'Folder Name Template',
		name: 'folderNameTemplate',
		type: 'string',
		default: '',
		placeholder: '%DATASET_NAME%/exportTime=%DATETIME(YYYYMMdd_HHmm)%',
		description: `${description}. Macros: ${FOLDER_MACROS.map((m) => `%${m}%`).join(', ')}, %DATETIME(pattern)%.`,
	};
}

/** A dataset export's two modes, in words (Adobe's constant in the description). */
export const datasetExportModes = [
	{
		name: 'Incremental Files (First Full)',
		value: 'FIRST_FULL_THEN_INCREMENTAL',
		description: 'FIRST_FULL_THEN_INCREMENTAL',
	},
	{ name: 'One-Time Full Export', value: 'DAILY_FULL_EXPORT', description: 'DAILY_FULL_EXPORT' },
];

/** The two dataset fields: picked by name from the exportable list, and typed IDs. */
export function datasetPickerFields(
	operation: string,
	verb: string,
	typedDescription: string,
): INodeProperties[] {
	const show = { operation: [operation] };
	return [
		{
			displayName: 'Dataset Names or IDs',
			name: 'datasets',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getExportableDatasets' },
			default: [],
			description: `Datasets to ${verb}, picked by name from those Adobe says the sandbox can export. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
			displayOptions: { show },
		},
		{
			displayName: 'Dataset IDs',
			name: 'datasetIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 65f1a0c2e4b0a1d2c3e4f501, 65f1a0c2e4b0a1d2c3e4f502',
			description: typedDescription,
			displayOptions: { show },
		},
	];
}

const locationOptions = new Set(['bucketName', 'container', 'folderPath']);

/** The parameters of Dataset Export › Create. */
export const datasetExportCreateFields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'dataflowName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Daily loyalty export',
		description: 'Name of the new dataset export; also how it is found when it already exists',
		displayOptions: { show: create },
	},
	{
		displayName: 'Description',
		name: 'dataflowDescription',
		type: 'string',
		default: '',
		displayOptions: { show: create },
	},
	accountLocator(create, {
		description: 'The destination account the files go to (Destinations › Accounts)',
	}),
	...datasetPickerFields(
		OPERATION,
		'export',
		'Catalog IDs of more datasets to export, comma or newline separated (with or instead of Dataset Names or IDs); each must be exportable',
	),
	{
		displayName: 'Export Location',
		name: 'exportSettings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description:
			'Where the destination receives the files. Checked against what the destination declares before anything is sent.',
		displayOptions: { show: create },
		options: [
			...fileStorageFieldOptions.filter((option) => locationOptions.has(option.name)),
			{
				displayName: 'Other Settings (JSON)',
				name: 'otherSettings',
				type: 'json',
				default: '{}',
				description:
					'More target connection parameters as a JSON object, named as the destination’s connection spec declares them; merged over the fields above',
			},
		],
	},
	{
		displayName: 'File Type',
		name: 'datasetFileType',
		type: 'options',
		default: 'JSON',
		description: 'Format of the exported files (Adobe’s datasetFileType)',
		displayOptions: { show: create },
		options: [
			{ name: 'JSON Lines (JSON)', value: 'JSON', description: 'JSON' },
			{ name: 'Columnar (Parquet)', value: 'PARQUET', description: 'PARQUET' },
		],
	},
	{
		displayName: 'Compression',
		name: 'compression',
		type: 'options',
		default: 'GZIP',
		description: 'Adobe’s UI writes JSON files compressed only',
		displayOptions: { show: create },
		options: compressionChoices,
	},
	{
		displayName: 'Export Mode',
		name: 'exportMode',
		type: 'options',
		default: 'FIRST_FULL_THEN_INCREMENTAL',
		description:
			'Incremental: everything first, then only what changed, at every Frequency. One-time full export: everything once, at Start Time.',
		displayOptions: { show: create },
		options: datasetExportModes,
	},
	{
		displayName: 'Frequency',
		name: 'exportFrequency',
		type: 'options',
		default: 'DAILY',
		description:
			'How often the incremental files are written (sent as Adobe’s time unit and interval: day and 1, or hour and 3, 6, 8, 9 or 12)',
		displayOptions: { show: regular },
		options: [
			...Object.entries(EXPORT_FREQUENCIES).map(([value, { timeUnit, interval }]) => ({
				name: timeUnit === 'day' ? 'Daily' : `Every ${interval} Hours`,
				value,
				description: value,
			})),
		],
	},
	{
		displayName: 'Start Time',
		name: 'scheduleStart',
		type: 'dateTime',
		default: '',
		description: 'When the first export runs (sent as epoch seconds); empty: now',
		displayOptions: { show: create },
	},
	{
		displayName: 'End Time',
		name: 'scheduleEnd',
		type: 'dateTime',
		default: '',
		description:
			'When the exports stop. Empty: Adobe ends them six months after the dataflow is created, without telling anyone; extend them later with Extend End Date, or watch them with the trigger’s Export Ending Soon.',
		displayOptions: { show: regular },
	},
	{
		...folderNameTemplateField(
			'Folder (under the folder path) each export’s files land in; empty: Adobe’s default, the dataset ID then exportTime=YYYYMMDDHHMM',
		),
		displayOptions: { show: create },
	},
	enableField(create),
	ifExistsField(
		create,
		'Make the dataset export of that name export exactly these datasets on this schedule (an empty Start Time or End Time keeps its own); safe to run on a schedule',
	),
	optionsWith(
		[OPERATION],
		[
			dryRunOption(
				'Whether to only read and list every request a create would send, in order, with its body, without sending any',
			),
			conflictRetriesOption(DEFAULT_CONFLICT_RETRIES),
			flowConcurrencyOption,
		],
	),
];
