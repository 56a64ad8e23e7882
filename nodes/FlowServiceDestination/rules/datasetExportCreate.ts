/**
 * Dataset Export › Create's parameters, read and checked before anything is read from Adobe:
 * what to export (datasets), where (account, folder, file type, compression), when (the
 * schedule Adobe's `scheduleParams` takes) and what to do when the name is taken. Pure: the
 * caller says what "now" is.
 */
import type { ConnectionSpec, FlowSpec } from '../model/destination';
import { inputError } from '../model/inputError';
import { IF_EXISTS, NAME_REQUIRED, oneOf } from './createDataflow';
import { datasetIdsOf } from './datasetIds';
import {
	EXPORT_MODES,
	checkFolderTemplate,
	checkSchedule,
	epochSeconds,
	type ScheduleChange,
} from './datasetSchedule';
import {
	EXPORT_SETTINGS_FIELD,
	checkSettings,
	fileStorageParams,
	readFileStorageFields,
	settingsObject,
	withSpecDefaults,
	type FileStorageFields,
} from './exportSettings';
import { optionalString, readBoolean } from './scalars';

export const DATASET_FILE_TYPES = ['JSON', 'PARQUET'] as const;
export const DATASET_COMPRESSIONS = ['GZIP', 'NONE'] as const;

/** Every regular export's frequency, as Adobe's schedule spells it. */
export const EXPORT_FREQUENCIES: Record<string, { timeUnit: 'day' | 'hour'; interval: number }> = {
	DAILY: { timeUnit: 'day', interval: 1 },
	EVERY_3_HOURS: { timeUnit: 'hour', interval: 3 },
	EVERY_6_HOURS: { timeUnit: 'hour', interval: 6 },
	EVERY_8_HOURS: { timeUnit: 'hour', interval: 8 },
	EVERY_9_HOURS: { timeUnit: 'hour', interval: 9 },
	EVERY_12_HOURS: { timeUnit: 'hour', interval: 12 },
};

/** Where a schedule rule's error points: the Create field the editor shows for it. */
const SCHEDULE_FIELDS: Record<keyof ScheduleChange, string> = {
	exportMode: 'exportMode',
	timeUnit: 'exportFrequency',
	interval: 'exportFrequency',
	startTime: 'scheduleStart',
	endTime: 'scheduleEnd',
	foldernameTemplate: 'folderNameTemplate',
};

/** One dataset the item names, and the field it came from (for errors). */
export interface NamedDataset {
	id: string;
	field: 'datasets' | 'datasetIds';
}

/** A dataset export's schedule as `POST /flows` sends it (`scheduleParams`, epoch seconds). */
export interface DatasetExportSchedule {
	exportMode: (typeof EXPORT_MODES)[number];
	timeUnit: 'day' | 'hour';
	interval: number;
	startTime: number;
	/** Absent: Adobe ends a regular export six months after it is created. */
	endTime?: number;
	foldernameTemplate?: string;
}

export interface DatasetExportCreateInput {
	name: string;
	description?: string;
	accountId: string;
	datasets: NamedDataset[];
	fileFields: FileStorageFields;
	otherSettings: Record<string, unknown>;
	fileType: (typeof DATASET_FILE_TYPES)[number];
	compression: (typeof DATASET_COMPRESSIONS)[number];
	schedule: DatasetExportSchedule;
	/** Whether Start Time was given (else it is now, and Use It keeps the dataflow's own). */
	startGiven: boolean;
	enable: boolean;
	ifExists: (typeof IF_EXISTS)[number];
}

/** The parameters as n8n hands them over (each already resolved for the item). */
export interface DatasetExportCreateParameters {
	dataflowName: unknown;
	dataflowDescription: unknown;
	accountId: string;
	datasets: unknown;
	datasetIds: unknown;
	exportSettings: Record<string, unknown>;
	datasetFileType: unknown;
	compression: unknown;
	exportMode: unknown;
	exportFrequency: unknown;
	scheduleStart: unknown;
	scheduleEnd: unknown;
	folderNameTemplate: unknown;
	enable: unknown;
	ifExists: unknown;
}

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/** The datasets picked, then those typed; repeats once; at least one. */
function namedDatasets(picked: unknown, typed: unknown): NamedDataset[] {
	const seen = new Set<string>();
	const named: NamedDataset[] = [];
	for (const [field, ids] of [
		['datasets', datasetIdsOf(picked, 'datasets', 'Dataset Names or IDs')],
		['datasetIds', datasetIdsOf(typed, 'datasetIds', 'Dataset IDs')],
	] as const) {
		for (const id of ids) {
			if (seen.has(id.toLowerCase())) continue;
			seen.add(id.toLowerCase());
			named.push({ id, field });
		}
	}
	if (named.length === 0)
		inputError(
			'datasets',
			'Pick at least one dataset in Dataset Names or IDs (or type its ID in Dataset IDs): a dataset export exports one or more datasets',
		);
	return named;
}

/** The schedule: one-time full export, or incremental at a frequency; the start defaults to now. */
function scheduleOf(raw: DatasetExportCreateParameters, nowSeconds: number): DatasetExportSchedule {
	const exportMode = oneOf(raw.exportMode ?? EXPORT_MODES[0], EXPORT_MODES, 'exportMode');
	const oneTime = exportMode === 'DAILY_FULL_EXPORT';
	const frequency = oneTime
		? { timeUnit: 'day' as const, interval: 0 }
		: EXPORT_FREQUENCIES[
				oneOf(raw.exportFrequency ?? 'DAILY', Object.keys(EXPORT_FREQUENCIES), 'exportFrequency')
			];
	const startTime = given(raw.scheduleStart)
		? epochSeconds(raw.scheduleStart, 'scheduleStart', 'Start Time')
		: nowSeconds;
	const endTime =
		given(raw.scheduleEnd) && !oneTime
			? epochSeconds(raw.scheduleEnd, 'scheduleEnd', 'End Time')
			: undefined;
	const template = optionalString(
		raw.folderNameTemplate,
		'folderNameTemplate',
		'Folder Name Template',
	);
	if (template !== undefined)
		checkFolderTemplate(template, 'folderNameTemplate', 'Folder Name Template');
	const schedule: DatasetExportSchedule = {
		exportMode,
		...frequency,
		startTime,
		...(endTime !== undefined ? { endTime } : {}),
		...(template !== undefined ? { foldernameTemplate: template } : {}),
	};
	const change: ScheduleChange = { exportMode, startTime };
	if (endTime !== undefined) change.endTime = endTime;
	checkSchedule(
		schedule as unknown as Record<string, unknown>,
		change,
		(key) => SCHEDULE_FIELDS[key],
	);
	return schedule;
}

/** Reads and checks one item's Create parameters. */
export function parseDatasetExportCreate(
	raw: DatasetExportCreateParameters,
	nowSeconds: number,
): DatasetExportCreateInput {
	const name = optionalString(raw.dataflowName, 'dataflowName', 'Name');
	if (name === undefined) inputError('dataflowName', NAME_REQUIRED);
	const { bucketName, container, folderPath } = readFileStorageFields(raw.exportSettings);
	return {
		name,
		description: optionalString(raw.dataflowDescription, 'dataflowDescription', 'Description'),
		accountId: raw.accountId,
		datasets: namedDatasets(raw.datasets, raw.datasetIds),
		fileFields: { bucketName, container, folderPath },
		otherSettings: settingsObject(
			raw.exportSettings.otherSettings,
			`${EXPORT_SETTINGS_FIELD}.otherSettings`,
		),
		fileType: oneOf(
			String(raw.datasetFileType ?? 'JSON').toUpperCase(),
			DATASET_FILE_TYPES,
			'datasetFileType',
		),
		compression: oneOf(
			String(raw.compression ?? 'GZIP').toUpperCase(),
			DATASET_COMPRESSIONS,
			'compression',
		),
		schedule: scheduleOf(raw, nowSeconds),
		startGiven: given(raw.scheduleStart),
		enable: readBoolean(raw.enable, 'enable', true),
		ifExists: oneOf(raw.ifExists ?? 'fail', IF_EXISTS, 'ifExists'),
	};
}

/**
 * The target connection params of a dataset export: the folder fields named as the destination
 * declares them, the dataset file type and compression, then the JSON, then what the spec fixes;
 * checked against the destination's spec for a dataset flow (its `datasetFileType`, not the
 * audiences' `fileType`).
 */
export function datasetTargetParams(
	input: Pick<
		DatasetExportCreateInput,
		'fileFields' | 'fileType' | 'compression' | 'otherSettings'
	>,
	spec: ConnectionSpec,
	flowSpec: FlowSpec,
): Record<string, unknown> {
	const schema = spec.targetSpec?.spec;
	const params = withSpecDefaults(
		{
			...fileStorageParams(input.fileFields, schema),
			datasetFileType: input.fileType,
			compression: input.compression,
			...input.otherSettings,
		},
		schema,
	);
	checkSettings(params, schema, spec.name ?? `destination ${spec.id}`, { flowSpec });
	return params;
}
