/**
 * The trigger's reads from Adobe, through the main node's Flow Service client (auth, timeouts,
 * transient retries). Nothing here decides what is an event: see detection.ts.
 */
import type { FlowDocument } from '../model/types';
import { DESTINATION_FLOWS_FILTER } from '../rules/flowFilters';
import {
	flowPages,
	FlowServiceHttpError,
	runPages,
	type FlowRun,
	type FlowServiceClient,
} from '../transport';
import { duesToDecide } from './delays';
import {
	isFailedRun,
	runQueryFloor,
	type EventSettings,
	type Observation,
	type ObservedFlow,
	type TriggerEventName,
	type TriggerMemory,
} from './detection';
import { exceedsSkippedShare, FINISHED_STATUSES, isFinishedRun } from './skipped';

const PAGE_SIZE = 100;
/** Adobe's docs spell run statuses `Failed` and `failed`; commas are OR. */
export const FAILED_RUNS_FILTER = 'metrics.statusSummary.status==Failed,failed';
/** Runs that are over: their counts are final. */
export const FINISHED_RUNS_FILTER = `metrics.statusSummary.status==${FINISHED_STATUSES.join(',')}`;
/** Pages read at most when looking for the newest failed run for a test event. */
const SAMPLE_PAGES = 5;

/**
 * The watched dataflows: the one chosen, or every destination dataflow of the sandbox (all pages,
 * ordered by createdAt, which never changes, so a dataflow edited while the pages are read cannot
 * move between pages and be missed). A remembered dataflow missing from the listing is read by
 * ID before it is forgotten: only a 404 counts as gone.
 */
export async function fetchWatchedFlows(
	client: FlowServiceClient,
	flowId: string | undefined,
	rememberedIds: string[] = [],
): Promise<FlowDocument[]> {
	if (flowId !== undefined) return [await client.getFlow(flowId)];
	const flows: FlowDocument[] = [];
	const listed = new Set<string>();
	const pages = flowPages(client, {
		property: [DESTINATION_FLOWS_FILTER],
		orderby: 'createdAt',
		limit: PAGE_SIZE,
	});
	for await (const page of pages) {
		for (const flow of page.items) {
			if (typeof flow?.id !== 'string' || listed.has(flow.id)) continue;
			listed.add(flow.id);
			flows.push(flow);
		}
	}
	for (const id of rememberedIds) {
		if (listed.has(id)) continue;
		const flow = await getIfExists(client, id);
		if (flow) flows.push(flow);
	}
	return flows;
}

/** Any failure but a 404 goes up unchanged; the node turns it into an n8n error. */
async function getIfExists(
	client: FlowServiceClient,
	flowId: string,
): Promise<FlowDocument | undefined> {
	const outcome = await client.getFlow(flowId).then(
		(flow) => ({ flow }),
		(error: unknown) => ({ error }),
	);
	if ('flow' in outcome) return outcome.flow;
	if (outcome.error instanceof FlowServiceHttpError && outcome.error.statusCode === 404)
		return undefined;
	throw outcome.error;
}

export interface RunQuery {
	/** The watched dataflow; undefined for all of them (then `isWatched` filters). */
	flowId?: string;
	isWatched: (run: FlowRun) => boolean;
	/** Oldest createdAt needed (runQueryFloor); undefined reads back to the first failed run. */
	floor?: number;
	/** Baseline: stop once runs are older than the newest one by more than this. */
	baselineWindowMs?: number;
	/** Test event: stop at the newest run taken. */
	newestOnly?: boolean;
}

/** Failed runs of the watched dataflows, newest first, following `_links.next`. */
export async function fetchFailedRuns(
	client: FlowServiceClient,
	query: RunQuery,
): Promise<FlowRun[]> {
	return await fetchRuns(client, [FAILED_RUNS_FILTER], isFailedRun, query);
}

/**
 * Finished runs (Success or Failed) of the watched dataflows, newest first; for a test event, the
 * newest one `accept` takes.
 */
export async function fetchFinishedRuns(
	client: FlowServiceClient,
	query: RunQuery,
	accept: (run: FlowRun) => boolean = () => true,
): Promise<FlowRun[]> {
	return await fetchRuns(
		client,
		[FINISHED_RUNS_FILTER],
		(run) => isFinishedRun(run) && accept(run),
		query,
	);
}

/** Every run of the watched dataflows created from `query.floor` on, whatever its status. */
export async function fetchRecentRuns(
	client: FlowServiceClient,
	query: RunQuery & { floor: number },
): Promise<FlowRun[]> {
	return await fetchRuns(client, [], () => true, query);
}

/** Runs matching `filters` and `accept`, newest first, every page down to the floor. */
async function fetchRuns(
	client: FlowServiceClient,
	filters: string[],
	accept: (run: FlowRun) => boolean,
	query: RunQuery,
): Promise<FlowRun[]> {
	const property = [...filters];
	if (query.flowId !== undefined) property.push(`flowId==${query.flowId}`);
	if (query.floor !== undefined) property.push(`createdAt>=${Math.floor(query.floor)}`);
	let stopBelow = query.floor;
	const runs: FlowRun[] = [];
	const pages = runPages(
		client,
		{ property, orderby: '-createdAt', limit: PAGE_SIZE },
		{ maxPages: query.newestOnly ? SAMPLE_PAGES : undefined },
	);
	for await (const page of pages) {
		for (const run of page.items) {
			if (typeof run?.id !== 'string' || !accept(run) || !query.isWatched(run)) continue;
			const createdAt = typeof run.createdAt === 'number' ? run.createdAt : undefined;
			if (createdAt === undefined) continue;
			if (stopBelow === undefined && query.baselineWindowMs !== undefined)
				stopBelow = createdAt - query.baselineWindowMs;
			// Newest first: once past the oldest createdAt needed, the rest is older still.
			if (stopBelow !== undefined && createdAt < stopBelow) return runs;
			runs.push(run);
			if (query.newestOnly) return runs;
		}
	}
	return runs;
}

export interface RunsToObserve {
	flowId: string | undefined;
	flows: ObservedFlow[];
	memory: TriggerMemory;
	selected: ReadonlySet<TriggerEventName>;
	settings: EventSettings;
	windowMs: number;
	now: number;
	manual: boolean;
}

/**
 * The runs each selected event needs, one paged listing each: failed runs and finished runs from
 * one late-run window behind their watermark (a test event: the newest one), and, for Run Delayed,
 * every run since shortly before the oldest due time this poll decides (none when there is none).
 */
export async function observeRuns(
	client: FlowServiceClient,
	input: RunsToObserve,
): Promise<Observation> {
	const { flowId, flows, memory, selected, settings, windowMs, now, manual } = input;
	const watched = new Set(flows.map((flow) => flow.id));
	const isWatched: RunQuery['isWatched'] = (run) => watched.has(run.flowId ?? '');
	const windowed = (runMemory: TriggerMemory['runs']): RunQuery => ({
		flowId,
		isWatched,
		floor: manual ? undefined : runQueryFloor(runMemory, windowMs),
		baselineWindowMs: !manual && runMemory === undefined ? windowMs : undefined,
		newestOnly: manual,
	});
	const observation: Observation = { flows };
	if (selected.has('runFailed'))
		observation.failedRuns = await fetchFailedRuns(client, windowed(memory.runs));
	if (selected.has('skippedRateExceeded'))
		observation.finishedRuns = await fetchFinishedRuns(client, windowed(memory.skips), (run) =>
			manual ? exceedsSkippedShare(run, settings.skippedPercent) : true,
		);
	if (selected.has('runDelayed') && !manual) {
		const { runsFrom } = duesToDecide(memory.delays, flows, settings.delayMinutes, now);
		if (runsFrom !== undefined)
			observation.recentRuns = await fetchRecentRuns(client, {
				flowId,
				isWatched,
				floor: runsFrom,
			});
	}
	return observation;
}
