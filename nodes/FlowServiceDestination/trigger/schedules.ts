/**
 * When a destination dataflow exports and when it stops, read from the dataflow document alone: a
 * dataset export's `scheduleParams`, each audience's `schedule`. Pure: every time is epoch
 * milliseconds on Adobe's calendar (UTC), and the caller says what "now" is.
 */
import { findGeneralTransform, segmentSelectors } from '../model/flowDocument';
import { isDatasetExport } from '../model/flowKind';
import type { FlowDocument, SegmentSchedule } from '../model/types';

// The trigger tells the two kinds apart exactly as the operations do.
export { DATA_LAKE_SOURCE_SPEC, isDatasetExport } from '../model/flowKind';
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** From this many epoch seconds on, a time reads as epoch milliseconds (1e11 s is the year 5138). */
const MILLISECONDS_FROM = 100_000_000_000;

export type ExportKind = 'datasetExport' | 'audience';

/** Due times: `start`, then every `every` ms (0: only once), none at or after `end`. */
export interface Cadence {
	start: number;
	every: number;
	end?: number;
}

/** One thing a dataflow exports on a schedule: the dataset export itself, or one audience. */
export interface ScheduledExport {
	kind: ExportKind;
	audienceId?: string;
	audienceName?: string | null;
	/** The first moment no longer exported (epoch ms); absent when the schedule has no end. */
	end?: number;
	/** Absent when no due time can be computed (no start time, or exported after segmentation). */
	cadence?: Cadence;
}

/** What the schedule-based events need to know of a dataflow. */
export interface ScheduledFlow {
	id: string;
	name: string | null;
	kind: ExportKind;
	state?: string;
	/** Adobe's `updatedAt` (else `createdAt`), epoch ms: the schedule and state may differ before it. */
	changedAt?: number;
	exports: ScheduledExport[];
}

/** Everything the dataflow exports on a schedule: its dataset export, or each scheduled audience. */
export function scheduledExports(flow: FlowDocument): ScheduledExport[] {
	if (isDatasetExport(flow)) {
		const params = asRecord(flow.scheduleParams);
		return params ? [datasetExport(params)] : [];
	}
	const transform = findGeneralTransform(flow);
	const selectors = transform ? (segmentSelectors(transform) ?? []) : [];
	const exports: ScheduledExport[] = [];
	for (const selector of Array.isArray(selectors) ? selectors : []) {
		const value = asRecord(selector?.value);
		const schedule = asRecord(value?.schedule) as SegmentSchedule | undefined;
		if (typeof value?.id !== 'string' || !schedule) continue;
		exports.push({
			kind: 'audience',
			audienceId: value.id,
			audienceName: typeof value.name === 'string' ? value.name : null,
			...audienceTimes(schedule),
		});
	}
	return exports;
}

/**
 * `scheduleParams`: `startTime` and `endTime` in epoch seconds, every `interval` `timeUnit`s
 * (hour or day); interval 0 (Adobe's one-time `DAILY_FULL_EXPORT`) exports once, at the start.
 */
function datasetExport(params: Record<string, unknown>): ScheduledExport {
	const end = epochMs(params.endTime);
	const start = epochMs(params.startTime);
	const unit = params.timeUnit === 'hour' ? HOUR_MS : params.timeUnit === 'day' ? DAY_MS : 0;
	const interval = params.interval;
	const once = interval === 0 || params.exportMode === 'DAILY_FULL_EXPORT';
	const every = once ? 0 : typeof interval === 'number' && interval > 0 ? interval * unit : NaN;
	const cadence =
		start !== undefined && Number.isFinite(every) && (once || every > 0)
			? withEnd({ start, every }, end)
			: undefined;
	return {
		kind: 'datasetExport',
		...(end === undefined ? {} : { end }),
		...(cadence ? { cadence } : {}),
	};
}

/**
 * An audience's `schedule`: from `startDate` at `startTime` (UTC), `ONCE`, `DAILY` or
 * `EVERY_<n>_HOURS`, until `endDate`, a day that is itself not exported (so the end is that day's
 * 00:00 UTC). ONCE has no end. Exports started by segmentation (`AFTER_SEGMENT_EVAL`, no start
 * time) have no due time to compute.
 */
function audienceTimes(schedule: SegmentSchedule): Pick<ScheduledExport, 'end' | 'cadence'> {
	const frequency = typeof schedule.frequency === 'string' ? schedule.frequency.toUpperCase() : '';
	const once = frequency === 'ONCE';
	const end = once ? undefined : utcInstant(schedule.endDate, '00:00');
	const hours = /^EVERY_(\d+)_HOURS$/.exec(frequency);
	const every = once
		? 0
		: frequency === 'DAILY'
			? DAY_MS
			: hours
				? Number(hours[1]) * HOUR_MS
				: NaN;
	const start =
		schedule.triggerType === 'AFTER_SEGMENT_EVAL'
			? undefined
			: utcInstant(schedule.startDate, schedule.startTime);
	const cadence =
		start !== undefined && Number.isFinite(every) && (once || every > 0)
			? withEnd({ start, every }, end)
			: undefined;
	return { ...(end === undefined ? {} : { end }), ...(cadence ? { cadence } : {}) };
}

function withEnd(cadence: Cadence, end: number | undefined): Cadence {
	return end === undefined ? cadence : { ...cadence, end };
}

/** Due times after `after` and at or before `until`, oldest first. */
export function dueTimesBetween(cadence: Cadence, after: number, until: number): number[] {
	const { start, every, end = Infinity } = cadence;
	const last = Math.min(until, end - 1);
	if (every <= 0) return start > after && start <= last ? [start] : [];
	const first = start > after ? 0 : Math.floor((after - start) / every) + 1;
	const times: number[] = [];
	for (let at = start + first * every; at <= last; at += every) times.push(at);
	return times;
}

/** The latest due time at or before `at`, if any. */
export function lastDueTime(cadence: Cadence, at: number): number | undefined {
	const { start, every, end = Infinity } = cadence;
	const last = Math.min(at, end - 1);
	if (start > last) return undefined;
	return every <= 0 ? start : start + Math.floor((last - start) / every) * every;
}

/** `YYYY-MM-DD` and `HH:MM` as an instant in UTC; undefined unless both are real. */
function utcInstant(date: unknown, time: unknown): number | undefined {
	if (typeof date !== 'string' || typeof time !== 'string') return undefined;
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return undefined;
	const instant = Date.parse(`${date}T${time}:00Z`);
	return Number.isNaN(instant) || new Date(instant).toISOString().slice(0, 10) !== date
		? undefined
		: instant;
}

/**
 * Epoch seconds as Adobe documents `scheduleParams` times and selector `createTime`s (a number or
 * digits); a value too large for seconds is taken as milliseconds already.
 */
export function epochMs(value: unknown): number | undefined {
	const number =
		typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) return undefined;
	return number >= MILLISECONDS_FROM ? number : number * 1000;
}

/** Epoch milliseconds as Adobe dates dataflows and runs (`createdAt`, `updatedAt`). */
export function epochMsField(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}
