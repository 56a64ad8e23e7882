/**
 * What the trigger remembers between polls and how it turns two looks at Adobe into events.
 * Pure: no I/O, no clock (the caller passes `detectedAt`, which is also "now" for the schedule
 * events), so every rule is unit-tested. The schedule and run-metric events have their own
 * modules: endings.ts, delays.ts, skipped.ts.
 */
import { createHash } from 'node:crypto';

import { stableJson } from '../model/stableJson';
import type { FlowDocument } from '../model/types';
import type { FlowRun } from '../transport';
import {
	detectDelays,
	readDelayMemory,
	sampleDelay,
	type DelayEvent,
	type DelayMemory,
} from './delays';
import {
	detectEndings,
	readEndingMemory,
	sampleEnding,
	type EndingEvent,
	type EndingMemory,
} from './endings';
import { datedRuns, readRunMemory, trackRuns, type RunMemory } from './runWindow';
import {
	DAY_MS,
	epochMsField,
	isDatasetExport,
	scheduledExports,
	type ScheduledFlow,
} from './schedules';
import { exceedsSkippedShare, isFinishedRun, skippedEvent, type SkippedEvent } from './skipped';

export { runQueryFloor, type RunMemory } from './runWindow';

export const TRIGGER_EVENTS = [
	'runFailed',
	'configurationChanged',
	'enabled',
	'disabled',
	'exportEndingSoon',
	'runDelayed',
	'skippedRateExceeded',
] as const;
export type TriggerEventName = (typeof TRIGGER_EVENTS)[number];

/** The values the editor's fields start with (Adobe's own alerts use 150 minutes and 1 %). */
export const DEFAULT_EVENT_SETTINGS: EventSettings = {
	endingWithinDays: 14,
	delayMinutes: 150,
	skippedPercent: 1,
};

/** The thresholds of the schedule and run-metric events. */
export interface EventSettings {
	/** Export Ending Soon: an end this many days ahead or closer. */
	endingWithinDays: number;
	/** Run Delayed: no run started this long after a due time. */
	delayMinutes: number;
	/** Skipped Rate Exceeded: more than this share (percent) of the profiles received skipped. */
	skippedPercent: number;
}

/** Bumped when the remembered shape changes; anything else found in static data is a fresh start. */
export const MEMORY_FORMAT = 1;

/** Every part of the memory, as static data holds it. */
export const MEMORY_KEYS = [
	'format',
	'scope',
	'flows',
	'runs',
	'skips',
	'endings',
	'delays',
] as const satisfies ReadonlyArray<keyof TriggerMemory>;

/** One dataflow as last seen. */
export interface RememberedFlow {
	/** Exactly as Adobe returned it, quotes included. */
	etag: string;
	state?: string;
	/** A short hash per top-level configuration field (see configurationFields). */
	fields?: Record<string, string>;
}

/** The trigger's whole static data (`getWorkflowStaticData('node')`). */
export interface TriggerMemory {
	format: typeof MEMORY_FORMAT;
	/** Org, sandbox and watched dataflow: when it differs, what was remembered is about something else. */
	scope: string;
	/** Absent until the first poll recorded a baseline. */
	flows?: Record<string, RememberedFlow>;
	/** Failed runs reported; absent until the first poll with "Run Failed" recorded a baseline. */
	runs?: RunMemory;
	/** Finished runs over the skipped share reported; absent until "Skipped Rate Exceeded" is. */
	skips?: RunMemory;
	/** Ends reported; absent until "Export Ending Soon" is selected. */
	endings?: EndingMemory;
	/** Due times decided; absent until "Run Delayed" is selected. */
	delays?: DelayMemory;
}

/** One output item of the events about a dataflow's runs, configuration and state. */
export interface DataflowEvent {
	event: 'runFailed' | 'configurationChanged' | 'enabled' | 'disabled';
	flowId: string;
	flowName: string | null;
	run?: FlowRun;
	previousEtag?: string | null;
	etag?: string;
	/** Top-level dataflow fields whose content changed; null when the previous content is unknown. */
	changedFields?: string[] | null;
	previousState?: string | null;
	state?: string;
	/** Adobe's `updatedAt` / `updatedBy` of the dataflow, for configuration and state events. */
	updatedAt?: unknown;
	updatedBy?: unknown;
	/** When this poll noticed the event (the n8n host's clock; never used for bookkeeping). */
	detectedAt: string;
}

/** One output item. */
export type TriggerEvent = DataflowEvent | SkippedEvent | DelayEvent | EndingEvent;

/** The facts about a dataflow the trigger compares, and its schedules. */
export interface ObservedFlow extends ScheduledFlow {
	etag: string;
	updatedAt?: unknown;
	updatedBy?: unknown;
	fields: Record<string, string>;
}

/**
 * Fields left out of the configuration fingerprint: bookkeeping that changes on every write or
 * run (etag, version, updated*, lastOperation, lastRunDetails, runs), the state (its own events),
 * and fields fixed at creation (kept out only to keep static data small).
 */
const NOT_CONFIGURATION = new Set([
	'etag',
	'version',
	'state',
	'updatedAt',
	'updatedBy',
	'updatedClient',
	'lastOperation',
	'lastRunDetails',
	'runs',
	'id',
	'createdAt',
	'createdBy',
	'createdClient',
	'sandboxId',
	'sandboxName',
	'imsOrgId',
]);

export function observeFlow(flow: FlowDocument): ObservedFlow {
	return {
		id: flow.id,
		name: typeof flow.name === 'string' ? flow.name : null,
		kind: isDatasetExport(flow) ? 'datasetExport' : 'audience',
		etag: flow.etag,
		state: typeof flow.state === 'string' ? flow.state.toLowerCase() : undefined,
		updatedAt: flow.updatedAt,
		updatedBy: flow.updatedBy,
		changedAt: epochMsField(flow.updatedAt) ?? epochMsField(flow.createdAt),
		fields: configurationFields(flow),
		exports: scheduledExports(flow),
	};
}

/** A short hash of every configuration field, so a change can be named without storing the flow. */
export function configurationFields(flow: Record<string, unknown>): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const key of Object.keys(flow).sort()) {
		if (NOT_CONFIGURATION.has(key) || flow[key] === undefined) continue;
		fields[key] = createHash('sha1').update(stableJson(flow[key])).digest('base64url').slice(0, 10);
	}
	return fields;
}

/** Fields whose hashes differ; null when the earlier hashes are unknown. */
export function changedFields(
	before: Record<string, string> | undefined,
	after: Record<string, string>,
): string[] | null {
	if (!before) return null;
	const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
	return [...keys].filter((key) => before[key] !== after[key]).sort();
}

export function isFailedRun(run: FlowRun): boolean {
	const status = run.metrics?.statusSummary?.status;
	return typeof status === 'string' && status.toLowerCase() === 'failed';
}

/**
 * Reads static data written by an earlier poll. Anything unreadable, of another format or of
 * another scope is dropped part by part, which makes the next poll record a fresh baseline for it:
 * a silent re-baseline is preferred over replaying history as events.
 */
export function readMemory(raw: unknown, scope: string): TriggerMemory {
	const memory: TriggerMemory = { format: MEMORY_FORMAT, scope };
	if (!isRecord(raw) || raw.format !== MEMORY_FORMAT || raw.scope !== scope) return memory;
	if (isRecord(raw.flows) && Object.values(raw.flows).every(isRememberedFlow)) {
		memory.flows = raw.flows as Record<string, RememberedFlow>;
	}
	const parts = {
		runs: readRunMemory(raw.runs),
		skips: readRunMemory(raw.skips),
		endings: readEndingMemory(raw.endings),
		delays: readDelayMemory(raw.delays),
	};
	for (const [key, part] of Object.entries(parts)) if (part) Object.assign(memory, { [key]: part });
	return memory;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRememberedFlow(value: unknown): boolean {
	if (!isRecord(value) || typeof value.etag !== 'string') return false;
	if (value.state !== undefined && typeof value.state !== 'string') return false;
	return (
		value.fields === undefined ||
		(isRecord(value.fields) &&
			Object.values(value.fields).every((hash) => typeof hash === 'string'))
	);
}

export function rememberFlow(flow: ObservedFlow): RememberedFlow {
	return flow.state === undefined
		? { etag: flow.etag, fields: flow.fields }
		: { etag: flow.etag, state: flow.state, fields: flow.fields };
}

/**
 * Compares the dataflows seen now with the ones remembered.
 * - No memory yet: baseline, no events.
 * - A dataflow not remembered (new, or newly visible): remembered, no event.
 * - State now `enabled`/`disabled` and different from the remembered one: that event.
 * - Etag different and the configuration fingerprint different (or unknown): `configurationChanged`.
 *   Enabling or disabling also rotates the etag; with an unchanged fingerprint that is only the
 *   state event, not a configuration change.
 * - A remembered dataflow no longer seen is forgotten (the caller confirmed it is gone).
 * Memory always moves to what was seen, even for events not selected, so selecting one later
 * reports changes from then on rather than old ones.
 */
export function diffFlows(
	previous: Record<string, RememberedFlow> | undefined,
	observed: ObservedFlow[],
	selected: ReadonlySet<TriggerEventName>,
	detectedAt: string,
): { events: DataflowEvent[]; flows: Record<string, RememberedFlow> } {
	const flows: Record<string, RememberedFlow> = {};
	const events: DataflowEvent[] = [];
	for (const flow of observed) {
		flows[flow.id] = rememberFlow(flow);
		const before = previous?.[flow.id];
		if (!before) continue;
		const base = {
			flowId: flow.id,
			flowName: flow.name,
			updatedAt: flow.updatedAt,
			updatedBy: flow.updatedBy,
			detectedAt,
		};
		const stateBefore = before.state?.toLowerCase();
		if (
			flow.state !== stateBefore &&
			(flow.state === 'enabled' || flow.state === 'disabled') &&
			selected.has(flow.state)
		) {
			events.push({
				event: flow.state,
				...base,
				previousState: stateBefore ?? null,
				state: flow.state,
			});
		}
		if (flow.etag !== before.etag && selected.has('configurationChanged')) {
			const changed = changedFields(before.fields, flow.fields);
			if (changed === null || changed.length > 0) {
				events.push({
					event: 'configurationChanged',
					...base,
					previousEtag: before.etag,
					etag: flow.etag,
					changedFields: changed,
				});
			}
		}
	}
	return { events, flows };
}

/**
 * Finds the failed runs not reported yet (trackRuns in runWindow.ts has the rules).
 *
 * `fetched` holds the failed runs of the watched dataflows with createdAt ≥ runQueryFloor (all of
 * them when it is undefined; for a baseline, down to the newest one's createdAt − window).
 * - The watermark only moves forward, on Adobe's createdAt, never the local clock (clock skew
 *   cannot hide or repeat a run).
 * - A run older than the window that appears for the first time cannot be told from one reported
 *   and pruned, so it is not reported: the window must cover how late Adobe can list a failure.
 */
export function diffRuns(
	previous: RunMemory | undefined,
	fetched: FlowRun[],
	windowMs: number,
	flowNames: ReadonlyMap<string, string | null>,
	detectedAt: string,
): { events: DataflowEvent[]; runs: RunMemory } {
	const tracked = trackRuns(previous, datedRuns(fetched, isFailedRun), windowMs, () => true);
	const events = tracked.fresh.map((run): DataflowEvent => ({
		event: 'runFailed',
		flowId: run.flowId ?? '',
		flowName: flowNames.get(run.flowId ?? '') ?? null,
		run,
		detectedAt,
	}));
	return { events, runs: tracked.memory };
}

/**
 * Finds the finished runs over the skipped share not reported yet. Every finished run listed moves
 * the watermark; only the ones over the share are remembered, so the others are looked at again
 * while inside the window (with the same answer, as a finished run's counts stay as they are).
 */
export function diffSkips(
	previous: RunMemory | undefined,
	fetched: FlowRun[],
	windowMs: number,
	flows: ObservedFlow[],
	skippedPercent: number,
	detectedAt: string,
): { events: SkippedEvent[]; skips: RunMemory } {
	const byId = new Map(flows.map((flow) => [flow.id, flow]));
	const tracked = trackRuns(previous, datedRuns(fetched, isFinishedRun), windowMs, (run) =>
		exceedsSkippedShare(run, skippedPercent),
	);
	const events = tracked.fresh.map((run) =>
		skippedEvent(run, byId.get(run.flowId ?? ''), skippedPercent, detectedAt),
	);
	return { events, skips: tracked.memory };
}

export interface Observation {
	flows: ObservedFlow[];
	/** Failed runs fetched for this poll; undefined when "Run Failed" is not selected. */
	failedRuns?: FlowRun[];
	/** Finished runs fetched for this poll; undefined when "Skipped Rate Exceeded" is not selected. */
	finishedRuns?: FlowRun[];
	/**
	 * Every run since `duesToDecide`'s `runsFrom`; undefined when "Run Delayed" is not selected or
	 * no due time is to be decided.
	 */
	recentRuns?: FlowRun[];
}

/**
 * One poll: events since the remembered state, and the state to remember next. Failed runs come
 * first, then finished runs over the skipped share (each oldest first), then delayed runs (by due
 * time), then dataflow changes in the order the dataflows were listed, then ends (soonest first).
 * A part of the memory is kept only while its event is selected: selecting it again starts over.
 */
export function detectEvents(
	memory: TriggerMemory,
	observation: Observation,
	selected: ReadonlySet<TriggerEventName>,
	windowMs: number,
	detectedAt: string,
	settings: EventSettings = DEFAULT_EVENT_SETTINGS,
): { events: TriggerEvent[]; memory: TriggerMemory } {
	const now = Date.parse(detectedAt);
	const next: TriggerMemory = { format: MEMORY_FORMAT, scope: memory.scope };
	const { flows } = observation;
	const flowResult = diffFlows(memory.flows, flows, selected, detectedAt);
	next.flows = flowResult.flows;
	const events: TriggerEvent[] = [];
	if (observation.failedRuns !== undefined) {
		const names = flowNameMap(flows);
		const result = diffRuns(memory.runs, observation.failedRuns, windowMs, names, detectedAt);
		events.push(...result.events);
		next.runs = result.runs;
	}
	if (selected.has('skippedRateExceeded') && observation.finishedRuns !== undefined) {
		const { finishedRuns } = observation;
		const result = diffSkips(
			memory.skips,
			finishedRuns,
			windowMs,
			flows,
			settings.skippedPercent,
			detectedAt,
		);
		events.push(...result.events);
		next.skips = result.skips;
	}
	if (selected.has('runDelayed')) {
		const runs = observation.recentRuns ?? [];
		const result = detectDelays(memory.delays, flows, runs, settings.delayMinutes, now, detectedAt);
		events.push(...result.events);
		next.delays = result.memory;
	}
	events.push(...flowResult.events);
	if (selected.has('exportEndingSoon')) {
		const withinMs = settings.endingWithinDays * DAY_MS;
		const result = detectEndings(memory.endings, flows, withinMs, now, detectedAt);
		events.push(...result.events);
		next.endings = result.memory;
	}
	return { events, memory: next };
}

export function flowNameMap(flows: ObservedFlow[]): Map<string, string | null> {
	return new Map(flows.map((flow) => [flow.id, flow.name]));
}

/**
 * "Fetch Test Event" in the editor: the most recent matching event of each selected kind, built
 * from what Adobe holds now, so a workflow can be designed before anything happens. It neither
 * reads the baseline's verdicts nor changes them.
 * - Run Failed: the newest failed run of the watched dataflows.
 * - Skipped Rate Exceeded: the newest finished run over the share (the caller fetched it).
 * - Run Delayed: the latest due time whose delay has run out (runs are not looked up).
 * - Configuration Changed: the watched (or most recently updated) dataflow, with its etag.
 * - Enabled / Disabled: the watched (or most recently updated) dataflow in that state.
 * - Export Ending Soon: the nearest end still ahead, or else the latest passed.
 */
export function sampleEvents(
	memory: TriggerMemory,
	observation: Observation,
	selected: ReadonlySet<TriggerEventName>,
	detectedAt: string,
	settings: EventSettings = DEFAULT_EVENT_SETTINGS,
): TriggerEvent[] {
	const now = Date.parse(detectedAt);
	const events: TriggerEvent[] = [];
	const names = flowNameMap(observation.flows);
	if (selected.has('runFailed')) {
		const newest = newestRun(observation.failedRuns, isFailedRun);
		if (newest)
			events.push({
				event: 'runFailed',
				flowId: newest.flowId ?? '',
				flowName: names.get(newest.flowId ?? '') ?? null,
				run: newest,
				detectedAt,
			});
	}
	if (selected.has('skippedRateExceeded')) {
		const newest = newestRun(
			observation.finishedRuns,
			(run) => isFinishedRun(run) && exceedsSkippedShare(run, settings.skippedPercent),
		);
		const flow = observation.flows.find((candidate) => candidate.id === newest?.flowId);
		if (newest) events.push(skippedEvent(newest, flow, settings.skippedPercent, detectedAt));
	}
	if (selected.has('runDelayed')) {
		const sample = sampleDelay(observation.flows, settings.delayMinutes, now, detectedAt);
		if (sample) events.push(sample);
	}
	events.push(...sampleFlowEvents(memory, observation.flows, selected, detectedAt));
	if (selected.has('exportEndingSoon')) {
		const sample = sampleEnding(observation.flows, now, detectedAt);
		if (sample) events.push(sample);
	}
	return events;
}

function newestRun(runs: FlowRun[] | undefined, accept: (run: FlowRun) => boolean) {
	return datedRuns(runs ?? [], accept).sort(
		(a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id),
	)[0];
}

/** Configuration Changed, Enabled and Disabled for Fetch Test Event. */
function sampleFlowEvents(
	memory: TriggerMemory,
	flows: ObservedFlow[],
	selected: ReadonlySet<TriggerEventName>,
	detectedAt: string,
): DataflowEvent[] {
	const events: DataflowEvent[] = [];
	const recent = [...flows].sort(
		(a, b) => updatedAtOf(b) - updatedAtOf(a) || a.id.localeCompare(b.id),
	);
	const base = (flow: ObservedFlow) => ({
		flowId: flow.id,
		flowName: flow.name,
		updatedAt: flow.updatedAt,
		updatedBy: flow.updatedBy,
		detectedAt,
	});
	if (selected.has('configurationChanged') && recent[0]) {
		const flow = recent[0];
		const before = memory.flows?.[flow.id];
		events.push({
			event: 'configurationChanged',
			...base(flow),
			previousEtag: before?.etag ?? null,
			etag: flow.etag,
			changedFields:
				before && before.etag !== flow.etag ? changedFields(before.fields, flow.fields) : null,
		});
	}
	for (const state of ['enabled', 'disabled'] as const) {
		if (!selected.has(state)) continue;
		const flow = recent.find((candidate) => candidate.state === state);
		if (flow)
			events.push({
				event: state,
				...base(flow),
				previousState: state === 'enabled' ? 'disabled' : 'enabled',
				state,
			});
	}
	return events;
}

function updatedAtOf(flow: ObservedFlow): number {
	return typeof flow.updatedAt === 'number' && Number.isFinite(flow.updatedAt) ? flow.updatedAt : 0;
}
