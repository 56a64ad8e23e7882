/**
 * Run Delayed: an enabled dataflow with no run started within the chosen delay after a due time of
 * its schedule. Each due time is decided once, at the first poll after its delay ran out, from the
 * runs Adobe lists then. Pure: the caller passes "now" (the n8n host's clock) and the runs.
 */
import type { FlowRun } from '../transport';
import {
	DAY_MS,
	dueTimesBetween,
	HOUR_MS,
	lastDueTime,
	type ExportKind,
	type ScheduledExport,
	type ScheduledFlow,
} from './schedules';

const MINUTE_MS = 60_000;
/** A run counts for a due time from this long before it: Adobe's schedules are hours apart. */
export const EARLY_START_MS = 30 * MINUTE_MS;
/** After a longer stop, due times older than this are no longer decided (and runs not read). */
export const MAX_CATCH_UP_MS = 7 * DAY_MS;

export interface DelayMemory {
	/**
	 * Epoch ms: every due time whose delay ran out by then is decided. Moved on when a poll reports
	 * something, or hourly, so quiet polls save nothing (deciding again gives the same answer).
	 */
	checkedUntil: number;
	/** The delay those decisions used; another delay starts over. */
	delayMinutes: number;
}

export interface DelayEvent {
	event: 'runDelayed';
	flowId: string;
	flowName: string | null;
	kind: ExportKind;
	/** ISO 8601: when a run was due. */
	dueAt: string;
	delayMinutes: number;
	/** Audience dataflows: the audiences due at that time. */
	audiences?: Array<{ id: string; name: string | null }>;
	detectedAt: string;
}

export interface DueTime {
	flow: ScheduledFlow;
	at: number;
	exports: ScheduledExport[];
}

/**
 * The due times this poll decides: those of enabled dataflows whose delay ran out since the trigger
 * last looked, and from when runs must be read to decide them. Due times before the dataflow's
 * last change (Adobe's `updatedAt`) are left out: its schedule or state may have been another then.
 */
export function duesToDecide(
	previous: DelayMemory | undefined,
	flows: ScheduledFlow[],
	delayMinutes: number,
	now: number,
): { dues: DueTime[]; runsFrom?: number } {
	if (!previous || previous.delayMinutes !== delayMinutes) return { dues: [] };
	const delayMs = delayMinutes * MINUTE_MS;
	const from = Math.max(previous.checkedUntil, now - MAX_CATCH_UP_MS);
	const dues: DueTime[] = [];
	for (const flow of flows) {
		if (flow.state !== 'enabled') continue;
		const byTime = new Map<number, ScheduledExport[]>();
		for (const item of flow.exports) {
			if (!item.cadence) continue;
			for (const at of dueTimesBetween(item.cadence, from - delayMs, now - delayMs)) {
				if (flow.changedAt !== undefined && at < flow.changedAt) continue;
				const due = byTime.get(at);
				if (due) due.push(item);
				else byTime.set(at, [item]);
			}
		}
		for (const [at, exports] of byTime) dues.push({ flow, at, exports });
	}
	dues.sort((a, b) => a.at - b.at || a.flow.id.localeCompare(b.flow.id));
	if (dues.length === 0) return { dues };
	// A run may wait before it starts: read from one delay further back than it may start.
	return { dues, runsFrom: dues[0].at - EARLY_START_MS - delayMs };
}

/** When a run started: `metrics.durationSummary.startedAtUTC`, else when it was created. */
export function runStart(run: FlowRun): number | undefined {
	const summary = run.metrics?.durationSummary as { startedAtUTC?: unknown } | undefined;
	const started = summary?.startedAtUTC;
	if (typeof started === 'number' && Number.isFinite(started)) return started;
	return typeof run.createdAt === 'number' && Number.isFinite(run.createdAt)
		? run.createdAt
		: undefined;
}

/**
 * One poll. No memory (or another delay): the baseline, nothing reported, so due times whose
 * delay ran out before the trigger watched are never reported. Then each due time is met by a run
 * of its dataflow that started from EARLY_START_MS before it to `delayMinutes` after it; one not
 * met is reported, once: a run starting later does not undo it.
 */
export function detectDelays(
	previous: DelayMemory | undefined,
	flows: ScheduledFlow[],
	runs: FlowRun[],
	delayMinutes: number,
	now: number,
	detectedAt: string,
): { events: DelayEvent[]; memory: DelayMemory } {
	if (!previous || previous.delayMinutes !== delayMinutes)
		return { events: [], memory: { checkedUntil: now, delayMinutes } };
	const delayMs = delayMinutes * MINUTE_MS;
	const starts = new Map<string, number[]>();
	for (const run of runs) {
		const start = runStart(run);
		if (typeof run.flowId !== 'string' || start === undefined) continue;
		const known = starts.get(run.flowId);
		if (known) known.push(start);
		else starts.set(run.flowId, [start]);
	}
	const events = duesToDecide(previous, flows, delayMinutes, now)
		.dues.filter(
			(due) =>
				!(starts.get(due.flow.id) ?? []).some(
					(start) => start >= due.at - EARLY_START_MS && start <= due.at + delayMs,
				),
		)
		.map((due) => delayEvent(due, delayMinutes, detectedAt));
	const checkedUntil =
		events.length > 0 || now - previous.checkedUntil >= HOUR_MS ? now : previous.checkedUntil;
	return { events, memory: { checkedUntil, delayMinutes } };
}

/**
 * Fetch Test Event: the latest due time of the enabled dataflows whose delay has run out, shaped
 * as the event (whether a run started then is not looked up).
 */
export function sampleDelay(
	flows: ScheduledFlow[],
	delayMinutes: number,
	now: number,
	detectedAt: string,
): DelayEvent | undefined {
	let latest: DueTime | undefined;
	for (const flow of flows) {
		if (flow.state !== 'enabled') continue;
		for (const item of flow.exports) {
			const at = item.cadence && lastDueTime(item.cadence, now - delayMinutes * MINUTE_MS);
			if (at === undefined) continue;
			if (!latest || at > latest.at) latest = { flow, at, exports: [item] };
			else if (at === latest.at && flow === latest.flow) latest.exports.push(item);
		}
	}
	return latest && delayEvent(latest, delayMinutes, detectedAt);
}

function delayEvent(due: DueTime, delayMinutes: number, detectedAt: string): DelayEvent {
	const audiences = due.exports.filter((item) => item.audienceId !== undefined);
	return {
		event: 'runDelayed',
		flowId: due.flow.id,
		flowName: due.flow.name,
		kind: audiences.length > 0 ? 'audience' : 'datasetExport',
		dueAt: new Date(due.at).toISOString(),
		delayMinutes,
		...(audiences.length > 0
			? {
					audiences: audiences.map((item) => ({
						id: item.audienceId as string,
						name: item.audienceName ?? null,
					})),
				}
			: {}),
		detectedAt,
	};
}

export function readDelayMemory(raw: unknown): DelayMemory | undefined {
	if (typeof raw !== 'object' || raw === null) return undefined;
	const { checkedUntil, delayMinutes } = raw as Record<string, unknown>;
	return typeof checkedUntil === 'number' &&
		Number.isFinite(checkedUntil) &&
		typeof delayMinutes === 'number' &&
		Number.isFinite(delayMinutes)
		? { checkedUntil, delayMinutes }
		: undefined;
}
