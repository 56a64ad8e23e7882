import { inputError } from '../model/inputError';
import { dateTimeSeconds } from './datasetExportFilters';
import { describeType, requireWholeNumber } from './scalars';

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
}

const LABELS: Record<keyof ScheduleChange, string> = {
	exportMode: 'Export Mode',
	timeUnit: 'Time Unit',
	interval: 'Interval',
	startTime: 'Start Time',
	endTime: 'End Time',
};
/** The parameter path of a schedule field, as errors name it. */
export const scheduleField = (key: keyof ScheduleChange) => `scheduleFields.${key}`;

/** A time the editor hands over (ISO 8601), or whole epoch seconds an expression gives. */
function epochSeconds(value: unknown, key: 'startTime' | 'endTime'): number {
	const field = scheduleField(key);
	if (typeof value === 'number' || (typeof value === 'string' && /^\s*\d+\s*$/.test(value))) {
		const seconds = Number(value);
		if (!Number.isInteger(seconds) || seconds < 0)
			inputError(field, `${LABELS[key]} must be a date-time or whole epoch seconds, got ${value}`);
		if (seconds >= MILLISECONDS_FROM)
			inputError(
				field,
				`${LABELS[key]} ${seconds} looks like epoch milliseconds; the schedule takes epoch seconds (${Math.floor(seconds / 1000)})`,
			);
		return seconds;
	}
	return dateTimeSeconds(value, field, LABELS[key]);
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
	const given = (key: keyof ScheduleChange) => fields[key] !== undefined && fields[key] !== '';
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
	if (given('startTime')) change.startTime = epochSeconds(fields.startTime, 'startTime');
	if (given('endTime')) change.endTime = epochSeconds(fields.endTime, 'endTime');
	if (Object.keys(change).length === 0)
		inputError(
			'scheduleFields',
			'Add at least one schedule field to change (Export Mode, Time Unit, Interval, Start Time or End Time)',
		);
	return change;
}

/**
 * Adobe's rules on the schedule a change leaves (the dataflow's own fields and the given ones): a
 * full export only as a one-time export (day, interval 0); 1 day or 3, 6, 8, 9, 12 hours; the end
 * after the start. The error names the given field the rule concerns.
 */
export function checkSchedule(schedule: Record<string, unknown>, change: ScheduleChange): void {
	const blame = (...keys: Array<keyof ScheduleChange>) =>
		scheduleField(keys.find((key) => change[key] !== undefined) ?? keys[0]);
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
