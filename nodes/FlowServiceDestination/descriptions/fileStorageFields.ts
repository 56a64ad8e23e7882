import type { INodeProperties } from 'n8n-workflow';

import { COMPRESSIONS, FILE_TYPES } from '../rules/exportSettings';

/** Adobe's constants in words; the value (and description) stays the constant. */
const choices = (values: string[], labels: Record<string, string>) =>
	values.map((value) => ({ name: labels[value], value, description: value }));

export const compressionChoices = choices(COMPRESSIONS, { NONE: 'None', GZIP: 'Gzip' });

/** Adobe's file formatting options for CSV (batch-destinations-file-formatting-options). */
const csvOption = (
	name: string,
	displayName: string,
	values: Record<string, string>,
	description: string,
): INodeProperties => {
	// Adobe's default is each list's first value; n8n's lint takes a default given by a plain name.
	const first = Object.values(values)[0];
	return {
		displayName,
		name,
		type: 'options',
		default: first,
		description,
		options: Object.entries(values).map(([label, value]) => ({ name: label, value })),
	};
};

/**
 * The file-based cloud storage settings as fields (read by rules/exportSettings.ts): Create's
 * Export Settings and Update Export Location's share them.
 */
export const fileStorageFieldOptions: INodeProperties[] = [
	{
		displayName: 'Bucket Name',
		name: 'bucketName',
		type: 'string',
		default: '',
		placeholder: 'marketing-exports',
		description: 'Amazon S3 or Google Cloud Storage bucket',
	},
	{
		displayName: 'Compression',
		name: 'compression',
		type: 'options',
		default: 'NONE',
		options: compressionChoices,
	},
	{
		displayName: 'Container',
		name: 'container',
		type: 'string',
		default: '',
		description: 'Azure Blob Storage container',
	},
	csvOption(
		'csvDelimiter',
		'CSV Delimiter',
		{ Comma: ',', Tab: '\t', Pipe: '|', Semicolon: ';', Colon: ':' },
		'Separates the values of a row',
	),
	csvOption(
		'csvEmptyValue',
		'CSV Empty Value',
		{ Nothing: '', null: 'null', '""': '""' },
		'What a blank field is written as',
	),
	csvOption(
		'csvEscape',
		'CSV Escape',
		{ Backslash: '\\', 'Single Quote': "'" },
		'Escapes quotes inside quoted values',
	),
	csvOption(
		'csvNullValue',
		'CSV Null Value',
		{ null: 'null', '""': '""', Nothing: '' },
		'What a null field is written as',
	),
	csvOption(
		'csvQuote',
		'CSV Quote',
		{ 'Double Quote': '"', 'None (Null Character)': '' },
		'Quotes values',
	),
	{
		displayName: 'File Type',
		name: 'fileType',
		type: 'options',
		default: 'CSV',
		options: choices(FILE_TYPES, {
			CSV: 'Comma-Separated (CSV)',
			JSON: 'JSON Objects (JSON)',
			PARQUET: 'Columnar (Parquet)',
		}),
	},
	{
		displayName: 'Folder Path',
		name: 'folderPath',
		type: 'string',
		default: '',
		placeholder: 'exports/campaigns',
		description:
			'Folder the files land in (Adobe’s path, or remotePath for SFTP, as the destination declares)',
	},
];
