import { inputError } from '../model/inputError';
import { dateTimeSeconds } from './datasetExportFilters';
import { describeType, requireString, requireWholeNumber } from './scalars';

/**
 * A dataset export's `scheduleParams`, as Adobe's export-datasets tutorial, UI guide and OpenAPI
 * document describe it; docs/dataset-exports.md gives the choices made where they disagree.
 */
export const EXPORT_MODES = ['FIRST_FULL_THEN_INCREMENTAL', 'DAILY_FULL_EXPORT'] as const;
/** The OpenAPI document's 3, 6, 9, 12 and the UI guide's 3, 6, 8, 12 hours: either is taken. */
export const HOUR_INTERVALS = [3, 6, 8, 9, 12];
/** From epoch seconds this large on, a time reads as epoch milliseconds (1e11 s is the year 5138). */
const MILLISECONDS_FROM = 100_000_000_000;

export interface ScheduleChange {
	exportMode?: (typeof EXPORT_MODES)[number];
	timeUnit?: 'hour' | 'day';
	interval?: number;
	/** Epoch seconds. */
	startTime?: number;
	endTime?: number;
	/** Sent as the tutorial spells it; a dataflow holding the OpenAPI spelling keeps that (planner). */
	foldernameTemplate?: string;
}

const LABELS: Record<keyof ScheduleChange, string> = {
	exportMode: 'Export Mode',
	timeUnit: 'Time Unit',
	interval: 'Interval',
	startTime: 'Start Time',
	endTime: 'End Time',
	foldernameTemplate: 'Folder Name Template',
};
/** The parameter path of a schedule field, as errors name it. */
export const scheduleField = (key: keyof ScheduleChange) => `scheduleFields.${key}`;

/** A time the editor hands over (ISO 8601), or whole epoch seconds an expression gives. */
export function epochSeconds(value: unknown, field: string, label: string): number {
	if (typeof value === 'number' || (typeof value === 'string' && /^\s*\d+\s*$/.test(value))) {
		const seconds = Number(value);
		if (!Number.isInteger(seconds) || seconds < 0)
			inputError(field, `${label} must be a date-time or whole epoch seconds, got ${value}`);
		if (seconds >= MILLISECONDS_FROM)
			inputError(
				field,
				`${label} ${seconds} looks like epoch milliseconds; the schedule takes epoch seconds (${Math.floor(seconds / 1000)})`,
			);
		return seconds;
	}
	return dateTimeSeconds(value, field, label);
}

function oneOf<T extends string>(
	value: unknown,
	allowed: readonly T[],
	key: keyof ScheduleChange,
): T {
	if (typeof value === 'string' && allowed.includes(value as T)) return value as T;
	return inputError(
		scheduleField(key),
		`${LABELS[key]} must be one of ${allowed.join(', ')}, got ${typeof value === 'string' ? JSON.stringify(value) : describeType(value)}`,
	);
}

/** Pure: the Schedule Fields collection as n8n hands it over; only the fields given. */
export function parseScheduleFields(fields: Record<string, unknown>): ScheduleChange {
	const given = (key: string) => fields[key] !== undefined && fields[key] !== '';
	const change: ScheduleChange = {};
	if (given('exportMode')) change.exportMode = oneOf(fields.exportMode, EXPORT_MODES, 'exportMode');
	if (given('timeUnit'))
		change.timeUnit = oneOf(fields.timeUnit, ['hour', 'day'] as const, 'timeUnit');
	if (given('interval'))
		change.interval = requireWholeNumber(fields.interval, scheduleField('interval'), 'Interval', {
			min: 0,
			max: 24,
			digits: true,
		});
	if (given('startTime'))
		change.startTime = epochSeconds(fields.startTime, scheduleField('startTime'), 'Start Time');
	if (given('endTime'))
		change.endTime = epochSeconds(fields.endTime, scheduleField('endTime'), 'End Time');
	if (given('folderNameTemplate')) {
		const field = 'scheduleFields.folderNameTemplate';
		const template = requireString(fields.folderNameTemplate, field, LABELS.foldernameTemplate);
		checkFolderTemplate(template, field, LABELS.foldernameTemplate);
		change.foldernameTemplate = template;
	}
	if (Object.keys(change).length === 0)
		inputError(
			'scheduleFields',
			'Add at least one schedule field to change (Export Mode, Time Unit, Interval, Start Time, End Time or Folder Name Template)',
		);
	return change;
}

/**
 * Adobe's rules on the schedule a change leaves (the dataflow's own fields and the given ones): a
 * full export only as a one-time export (day, interval 0); 1 day or 3, 6, 8, 9, 12 hours; the end
 * after the start. The error names the given field the rule concerns.
 */
export function checkSchedule(
	schedule: Record<string, unknown>,
	change: ScheduleChange,
	fieldOf: (key: keyof ScheduleChange) => string = scheduleField,
): void {
	const blame = (...keys: Array<keyof ScheduleChange>) =>
		fieldOf(keys.find((key) => change[key] !== undefined) ?? keys[0]);
	const { exportMode, timeUnit, interval, startTime, endTime } = schedule;
	const frequency = ['exportMode', 'timeUnit', 'interval'] as const;
	if (exportMode === 'DAILY_FULL_EXPORT') {
		if (timeUnit !== 'day' || interval !== 0)
			inputError(
				blame(...frequency),
				`A full export (DAILY_FULL_EXPORT) is a one-time export: it needs Time Unit day and Interval 0 (the schedule would have ${String(timeUnit)} and ${String(interval)}); for regular exports use FIRST_FULL_THEN_INCREMENTAL`,
			);
		return checkTimes(startTime, endTime, blame);
	}
	if (interval === 0)
		inputError(
			blame('interval', 'exportMode'),
			'Interval 0 is a one-time export and needs Export Mode DAILY_FULL_EXPORT',
		);
	if (timeUnit === 'day' && interval !== 1)
		inputError(
			blame('interval', 'timeUnit'),
			`With Time Unit day, Interval must be 1 (got ${String(interval)})`,
		);
	if (timeUnit === 'hour' && !HOUR_INTERVALS.includes(interval as number))
		inputError(
			blame('interval', 'timeUnit'),
			`With Time Unit hour, Interval must be one of ${HOUR_INTERVALS.join(', ')} (got ${String(interval)})`,
		);
	checkTimes(startTime, endTime, blame);
}

function checkTimes(
	start: unknown,
	end: unknown,
	blame: (...keys: Array<keyof ScheduleChange>) => string,
): void {
	if (typeof start === 'number' && typeof end === 'number' && end <= start)
		inputError(
			blame('endTime', 'startTime'),
			`End Time (${new Date(end * 1000).toISOString()}) must be after Start Time (${new Date(start * 1000).toISOString()})`,
		);
}

/** The folder name template's macros ([DSX]; `%DESTINATION_NAME%` from the OpenAPI document's example). */
export const FOLDER_MACROS = [
	'DESTINATION',
	'DESTINATION_NAME',
	'DATASET_ID',
	'DATASET_NAME',
	'DESTINATION_INSTANCE_ID',
	'DESTINATION_INSTANCE_NAME',
	'SANDBOX_NAME',
	'ORGANIZATION_NAME',
	'EXPORT_TIME',
];

/**
 * A folder name template: custom text and Adobe's macros, each `%NAME%` or `%DATETIME(pattern)%`;
 * an unknown macro or a stray `%` is refused, naming it and the macros there are.
 */
export function checkFolderTemplate(template: string, field: string, label: string): void {
	const stray = template.replace(/%DATETIME\([^%()]+\)%|%[A-Z_]+%/g, (macro) =>
		macro.startsWith('%DATETIME(') || FOLDER_MACROS.includes(macro.slice(1, -1)) ? '' : macro,
	);
	const bad = /%[A-Z_]+%/.exec(stray)?.[0] ?? (stray.includes('%') ? '%' : undefined);
	if (bad === undefined) return;
	inputError(
		field,
		`${label} has ${bad === '%' ? 'a % that starts no macro' : `an unknown macro ${bad}`}: the macros are ${FOLDER_MACROS.map((m) => `%${m}%`).join(', ')} and %DATETIME(pattern)%, e.g. %DATASET_ID%/exportTime=%DATETIME(YYYYMMdd_HHmm)%`,
	);
}
