// `scheduleParams` of a dataset export dataflow, as Adobe's export-datasets tutorial, its UI guide
// and the OpenAPI document's DatasetScheduleParams_V2 describe it; checked on create and on every
// PATCH that changes it. README "Decisions" gives the choices made where they disagree.
import type { JsonObject } from './types';

export const EXPORT_MODES = ['DAILY_FULL_EXPORT', 'FIRST_FULL_THEN_INCREMENTAL'] as const;
/** The OpenAPI document's 3, 6, 9, 12 and the UI guide's 3, 6, 8, 12 hours. */
export const HOUR_INTERVALS = [3, 6, 8, 9, 12];
/** From epoch seconds this large on, a time reads as epoch milliseconds (1e11 s is the year 5138). */
export const MILLISECONDS_FROM = 100_000_000_000;
/** Folder name macros: the tutorial's, the OpenAPI document's, and %DATETIME(<pattern>)%. */
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
const TEMPLATE_FIELDS = ['foldernameTemplate', 'folderNameTemplate'];

const isObject = (v: unknown): v is JsonObject =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** A one-time full export: DAILY_FULL_EXPORT, day, 0. It has no end. */
export const isOneTime = (s: JsonObject) => s.exportMode === 'DAILY_FULL_EXPORT';

function epochSecondsProblem(field: string, value: unknown): string | undefined {
	const at = `scheduleParams.${field}`;
	if (!Number.isInteger(value) || (value as number) < 0)
		return `${at}: must be a time in epoch seconds (a whole number), got ${JSON.stringify(value)}`;
	if ((value as number) >= MILLISECONDS_FROM)
		return `${at}: ${String(value)} looks like epoch milliseconds; the schedule takes epoch seconds (${Math.floor((value as number) / 1000)})`;
	return undefined;
}

function frequencyProblem(s: JsonObject): string | undefined {
	const { exportMode, timeUnit, interval } = s;
	if (exportMode !== undefined && !EXPORT_MODES.includes(exportMode as never))
		return `scheduleParams.exportMode: must be one of ${EXPORT_MODES.join(', ')} (got ${JSON.stringify(exportMode)})`;
	if (timeUnit !== 'hour' && timeUnit !== 'day')
		return `scheduleParams.timeUnit: must be hour or day (got ${JSON.stringify(timeUnit)})`;
	if (!Number.isInteger(interval))
		return `scheduleParams.interval: must be a whole number (got ${JSON.stringify(interval)})`;
	if (exportMode === 'DAILY_FULL_EXPORT') {
		if (timeUnit !== 'day' || interval !== 0)
			return 'scheduleParams.exportMode: DAILY_FULL_EXPORT is a one-time full export and needs timeUnit day and interval 0; for regular exports use FIRST_FULL_THEN_INCREMENTAL';
		return undefined;
	}
	if (interval === 0)
		return 'scheduleParams.interval: 0 (a one-time export) needs exportMode DAILY_FULL_EXPORT';
	if (timeUnit === 'day' && interval !== 1)
		return `scheduleParams.interval: must be 1 with timeUnit day (got ${String(interval)})`;
	if (timeUnit === 'hour' && !HOUR_INTERVALS.includes(interval as number))
		return `scheduleParams.interval: must be one of ${HOUR_INTERVALS.join(', ')} with timeUnit hour (got ${String(interval)})`;
	return undefined;
}

function templateProblem(field: string, template: unknown): string | undefined {
	const at = `scheduleParams.${field}`;
	if (typeof template !== 'string') return `${at}: must be a string`;
	let rest = template;
	for (const [macro, name] of template.matchAll(/%([A-Z_]+(?:\([^%()]*\))?)%/g)) {
		if (!FOLDER_MACROS.includes(name) && !/^DATETIME\([^%()]+\)$/.test(name))
			return `${at}: unknown macro ${macro}; use ${FOLDER_MACROS.map((m) => `%${m}%`).join(', ')} or %DATETIME(YYYYMMdd_HHmmss)%`;
		rest = rest.replace(macro, '');
	}
	if (rest.includes('%')) return `${at}: "%" may only open and close a macro such as %DATASET_ID%`;
	return undefined;
}

/** The first problem of a dataset export schedule, or undefined. */
export function scheduleProblem(value: unknown): string | undefined {
	if (!isObject(value)) return 'scheduleParams: must be an object';
	for (const field of ['timeUnit', 'interval', 'startTime'])
		if (value[field] === undefined) return `scheduleParams.${field}: is required`;
	const problem =
		frequencyProblem(value) ??
		epochSecondsProblem('startTime', value.startTime) ??
		(value.endTime !== undefined ? epochSecondsProblem('endTime', value.endTime) : undefined);
	if (problem) return problem;
	if (value.endTime !== undefined && (value.endTime as number) <= (value.startTime as number))
		return 'scheduleParams.endTime: must be after startTime';
	for (const field of TEMPLATE_FIELDS)
		if (value[field] !== undefined) {
			const bad = templateProblem(field, value[field]);
			if (bad) return bad;
		}
	return undefined;
}

/** Epoch seconds six calendar months after `ms` (UTC; the 31st becomes the month's last day). */
export function sixMonthsAfter(ms: number): number {
	const d = new Date(ms);
	const month = d.getUTCMonth() + 6;
	const lastDay = new Date(Date.UTC(d.getUTCFullYear(), month + 1, 0)).getUTCDate();
	const day = Math.min(d.getUTCDate(), lastDay);
	const at = Date.UTC(
		d.getUTCFullYear(),
		month,
		day,
		d.getUTCHours(),
		d.getUTCMinutes(),
		d.getUTCSeconds(),
	);
	return Math.floor(at / 1000);
}

/**
 * The schedule as stored: without an `endTime`, a regular export ends six months after `atMs`
 * (the write that set it), or after its start when that is later, so it never ends before it starts.
 */
export function withDefaultEnd(schedule: JsonObject, atMs: number): JsonObject {
	if (schedule.endTime !== undefined || isOneTime(schedule)) return schedule;
	const from = Math.max(atMs, (schedule.startTime as number) * 1000);
	return { ...schedule, endTime: sixMonthsAfter(from) };
}
