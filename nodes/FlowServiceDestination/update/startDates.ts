import { findGeneralTransform, segmentSelectors } from '../model/flowDocument';
import type { FlowDocument, PatchOperation } from '../model/types';

/**
 * The start dates a dataflow held before an update: each audience's (by lower-case ID) and the
 * schedule's start time. A start date an update writes again unchanged is no news.
 */
export interface StartDates {
	audiences: Record<string, string>;
	scheduleStartTime?: string;
}

/** A start date an update sets that lies before today (UTC). */
export interface PastStartDate {
	/** An audience's ID, or undefined for the dataflow's schedule. */
	audienceId?: string;
	/** The audience's name as written or as the dataflow had it; its ID when it has none. */
	name?: string;
	/** The start date, YYYY-MM-DD; for the schedule, its start time (ISO 8601, UTC). */
	date: string;
}

const asRecord = (value: unknown): Record<string, unknown> =>
	typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

/** Adobe's start dates are days in UTC (export times are given in UTC), so today is UTC's. */
export function utcDay(moment: Date): string {
	return moment.toISOString().slice(0, 10);
}

export function startDatesOf(flow: FlowDocument | undefined): StartDates {
	const dates: StartDates = { audiences: {} };
	const transform = flow && findGeneralTransform(flow);
	for (const selector of (transform && segmentSelectors(transform)) ?? []) {
		const { id, schedule } = asRecord(asRecord(selector).value);
		const startDate = asRecord(schedule).startDate;
		if (typeof id === 'string' && typeof startDate === 'string')
			dates.audiences[id.toLowerCase()] = startDate;
	}
	const startTime = asRecord(flow?.scheduleParams).startTime;
	if (startTime !== undefined && startTime !== null) dates.scheduleStartTime = String(startTime);
	return dates;
}

/** What `known` holds, and what only `more` knows: the first read of a flow is what it was before. */
export function keepFirstStartDates(known: StartDates | undefined, more: StartDates): StartDates {
	if (!known) return more;
	return {
		audiences: { ...more.audiences, ...known.audiences },
		scheduleStartTime: known.scheduleStartTime ?? more.scheduleStartTime,
	};
}

/** A whole selector's ID, name and start date, when it has them. */
function audienceStart(selector: unknown): { id: string; name?: string; date: string } | undefined {
	const value = asRecord(asRecord(selector).value);
	const date = asRecord(value.schedule).startDate;
	if (typeof value.id !== 'string' || typeof date !== 'string') return undefined;
	const name = typeof value.name === 'string' && value.name !== '' ? value.name : undefined;
	return { id: value.id, name, date };
}

/** The selectors an add or replace writes: one ("-" or an index), a list, or a new container. */
function writtenSelectors(operation: PatchOperation): unknown[] {
	if (!operation.path.includes('/segmentSelectors')) return [];
	const { value } = operation;
	if (/\/segmentSelectors\/selectors\/(\d+|-)$/.test(operation.path)) return [value];
	if (operation.path.endsWith('/segmentSelectors/selectors'))
		return Array.isArray(value) ? value : [];
	if (operation.path.endsWith('/segmentSelectors')) {
		const selectors = asRecord(value).selectors;
		return Array.isArray(selectors) ? selectors : [];
	}
	return [];
}

/** The schedule start time an operation writes (epoch seconds, as Adobe keeps it), if any. */
function writtenScheduleStart(operation: PatchOperation): unknown {
	if (operation.path === '/scheduleParams/startTime') return operation.value;
	if (operation.path === '/scheduleParams') return asRecord(operation.value).startTime;
	return undefined;
}

/** Epoch seconds (a number or digits) as a moment, or undefined for anything else. */
function epochMoment(value: unknown): Date | undefined {
	const digits = typeof value === 'number' ? Number.isInteger(value) : /^\d+$/.test(String(value));
	const moment = new Date(Number(value) * 1000);
	return digits && !Number.isNaN(moment.getTime()) ? moment : undefined;
}

/**
 * Pure: the start dates the operations set that lie before `today` (YYYY-MM-DD, UTC) and that the
 * dataflow did not already hold. Adobe documents no rule for a past start date, so these are
 * told, never refused. `names` name an audience the written selector leaves unnamed.
 */
export function pastStartDates(
	operations: PatchOperation[],
	before: StartDates,
	today: string,
	names: Record<string, string> = {},
): PastStartDate[] {
	const audiences = new Map<string, PastStartDate>();
	let schedule: PastStartDate | undefined;
	for (const operation of operations) {
		if (operation.op !== 'add' && operation.op !== 'replace') continue;
		for (const start of writtenSelectors(operation).map(audienceStart)) {
			const id = start?.id.toLowerCase() ?? '';
			if (!start || audiences.has(id) || start.date >= today) continue;
			if (before.audiences[id] === start.date) continue;
			audiences.set(id, { audienceId: start.id, name: start.name ?? names[id], date: start.date });
		}
		const written = writtenScheduleStart(operation);
		const moment = written === undefined ? undefined : epochMoment(written);
		if (!moment || utcDay(moment) >= today || String(written) === before.scheduleStartTime)
			continue;
		schedule ??= { date: moment.toISOString().replace('.000Z', 'Z') };
	}
	return [...audiences.values(), ...(schedule ? [schedule] : [])];
}
