/**
 * What the trigger remembers between polls and how it turns two looks at Adobe into events.
 * Pure: no I/O, no clock (the caller passes `detectedAt`), so every rule is unit-tested.
 */
import { createHash } from 'node:crypto';

import { stableJson } from '../model/stableJson';
import type { FlowDocument } from '../model/types';
import type { FlowRun } from '../transport';

export const TRIGGER_EVENTS = ['runFailed', 'configurationChanged', 'enabled', 'disabled'] as const;
export type TriggerEventName = (typeof TRIGGER_EVENTS)[number];

/** Bumped when the remembered shape changes; anything else found in static data is a fresh start. */
export const MEMORY_FORMAT = 1;

/** One dataflow as last seen. */
export interface RememberedFlow {
	/** Exactly as Adobe returned it, quotes included. */
	etag: string;
	state?: string;
	/** A short hash per top-level configuration field (see configurationFields). */
	fields?: Record<string, string>;
}

/** Failed runs already reported (or part of the baseline). */
export interface RunMemory {
	/** Newest `createdAt` (Adobe's clock, epoch ms) of a failed run seen so far; absent while none was. */
	watermark?: number;
	/** Run id → createdAt, for every failed run seen with createdAt ≥ watermark − late-run window. */
	seen: Record<string, number>;
}

/** The trigger's whole static data (`getWorkflowStaticData('node')`). */
export interface TriggerMemory {
	format: typeof MEMORY_FORMAT;
	/** Org, sandbox and watched dataflow: when it differs, what was remembered is about something else. */
	scope: string;
	/** Absent until the first poll recorded a baseline. */
	flows?: Record<string, RememberedFlow>;
	/** Absent until the first poll with "Run Failed" recorded a baseline. */
	runs?: RunMemory;
}

/** One output item. */
export interface TriggerEvent {
	event: TriggerEventName;
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

/** The facts about a dataflow the trigger compares. */
export interface ObservedFlow {
	id: string;
	name: string | null;
	etag: string;
	state?: string;
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
		etag: flow.etag,
		state: typeof flow.state === 'string' ? flow.state.toLowerCase() : undefined,
		updatedAt: flow.updatedAt,
		updatedBy: flow.updatedBy,
		fields: configurationFields(flow),
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

function hasCreatedAt(run: FlowRun): run is FlowRun & { createdAt: number } {
	return (
		typeof run.id === 'string' &&
		typeof run.createdAt === 'number' &&
		Number.isFinite(run.createdAt)
	);
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
	if (isRecord(raw.runs)) {
		const { watermark, seen } = raw.runs;
		const seenOk =
			isRecord(seen) &&
			Object.values(seen).every((value) => typeof value === 'number' && Number.isFinite(value));
		if (
			seenOk &&
			(watermark === undefined || (typeof watermark === 'number' && Number.isFinite(watermark)))
		) {
			memory.runs =
				watermark === undefined
					? { seen: { ...seen } as Record<string, number> }
					: { watermark, seen: { ...seen } as Record<string, number> };
		}
	}
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
): { events: TriggerEvent[]; flows: Record<string, RememberedFlow> } {
	const flows: Record<string, RememberedFlow> = {};
	const events: TriggerEvent[] = [];
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
 * The oldest `createdAt` the next run query must reach: the watermark minus the late-run window.
 * Undefined when no failed run was seen yet (then every failed run listed is new).
 */
export function runQueryFloor(memory: RunMemory | undefined, windowMs: number): number | undefined {
	return memory?.watermark === undefined ? undefined : memory.watermark - windowMs;
}

/**
 * Finds the failed runs not reported yet.
 *
 * `fetched` holds the failed runs of the watched dataflows with createdAt ≥ runQueryFloor (all of
 * them when it is undefined; for a baseline, down to the newest one's createdAt − window).
 * - No memory yet: baseline, no events.
 * - A run is new when its id is not in `seen` and its createdAt ≥ floor. Ids, not timestamps,
 *   decide, so runs sharing a createdAt (with each other or with the watermark) are neither
 *   repeated nor skipped, and a run that shows up late (or turns Failed late) with an older
 *   createdAt is still reported while it is within the window.
 * - The watermark only moves forward, on Adobe's createdAt, never the local clock (clock skew
 *   cannot hide or repeat a run). `seen` keeps every id down to watermark − window, which is
 *   exactly the range the next query reads, so anything older can be pruned.
 * - A run older than the window that appears for the first time cannot be told from one reported
 *   and pruned, so it is not reported: the window must cover how late Adobe can list a failure.
 */
export function diffRuns(
	previous: RunMemory | undefined,
	fetched: FlowRun[],
	windowMs: number,
	flowNames: ReadonlyMap<string, string | null>,
	detectedAt: string,
): { events: TriggerEvent[]; runs: RunMemory } {
	const unique = new Map<string, FlowRun & { createdAt: number }>();
	for (const run of fetched)
		if (hasCreatedAt(run) && isFailedRun(run) && !unique.has(run.id)) unique.set(run.id, run);
	const runs = [...unique.values()];

	let watermark = previous?.watermark;
	for (const run of runs)
		if (watermark === undefined || run.createdAt > watermark) watermark = run.createdAt;

	const floor = runQueryFloor(previous, windowMs) ?? -Infinity;
	const fresh = previous
		? runs
				.filter((run) => !(run.id in previous.seen) && run.createdAt >= floor)
				.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
		: [];

	const seen: Record<string, number> = {};
	if (watermark !== undefined) {
		const keepFrom = watermark - windowMs;
		for (const [id, createdAt] of Object.entries(previous?.seen ?? {}))
			if (createdAt >= keepFrom) seen[id] = createdAt;
		for (const run of runs) if (run.createdAt >= keepFrom) seen[run.id] = run.createdAt;
	}

	const events = fresh.map((run): TriggerEvent => ({
		event: 'runFailed',
		flowId: run.flowId ?? '',
		flowName: flowNames.get(run.flowId ?? '') ?? null,
		run,
		detectedAt,
	}));
	return { events, runs: watermark === undefined ? { seen } : { watermark, seen } };
}

export interface Observation {
	flows: ObservedFlow[];
	/** Failed runs fetched for this poll; undefined when "Run Failed" is not selected. */
	failedRuns?: FlowRun[];
}

/**
 * One poll: events since the remembered state, and the state to remember next. Run events come
 * first, oldest first, then dataflow events in the order the dataflows were listed.
 */
export function detectEvents(
	memory: TriggerMemory,
	observation: Observation,
	selected: ReadonlySet<TriggerEventName>,
	windowMs: number,
	detectedAt: string,
): { events: TriggerEvent[]; memory: TriggerMemory } {
	const next: TriggerMemory = { format: MEMORY_FORMAT, scope: memory.scope };
	const flowResult = diffFlows(memory.flows, observation.flows, selected, detectedAt);
	next.flows = flowResult.flows;
	let runEvents: TriggerEvent[] = [];
	if (observation.failedRuns !== undefined) {
		const runResult = diffRuns(
			memory.runs,
			observation.failedRuns,
			windowMs,
			flowNameMap(observation.flows),
			detectedAt,
		);
		runEvents = runResult.events;
		next.runs = runResult.runs;
	}
	return { events: [...runEvents, ...flowResult.events], memory: next };
}

export function flowNameMap(flows: ObservedFlow[]): Map<string, string | null> {
	return new Map(flows.map((flow) => [flow.id, flow.name]));
}

/**
 * "Fetch Test Event" in the editor: the most recent matching event of each selected kind, built
 * from what Adobe holds now, so a workflow can be designed before anything happens. It neither
 * reads the baseline's verdicts nor changes them.
 * - Run Failed: the newest failed run of the watched dataflows.
 * - Configuration Changed: the watched (or most recently updated) dataflow, with its etag.
 * - Enabled / Disabled: the watched (or most recently updated) dataflow in that state.
 */
export function sampleEvents(
	memory: TriggerMemory,
	observation: Observation,
	selected: ReadonlySet<TriggerEventName>,
	detectedAt: string,
): TriggerEvent[] {
	const events: TriggerEvent[] = [];
	const names = flowNameMap(observation.flows);
	if (selected.has('runFailed')) {
		const newest = (observation.failedRuns ?? [])
			.filter((run) => hasCreatedAt(run) && isFailedRun(run))
			.sort(
				(a, b) => (b.createdAt as number) - (a.createdAt as number) || a.id.localeCompare(b.id),
			)[0];
		if (newest)
			events.push({
				event: 'runFailed',
				flowId: newest.flowId ?? '',
				flowName: names.get(newest.flowId ?? '') ?? null,
				run: newest,
				detectedAt,
			});
	}
	const recent = [...observation.flows].sort(
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
