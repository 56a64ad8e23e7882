/**
 * Which listed runs are new since the last poll, for events about runs (Run Failed, Skipped Rate
 * Exceeded): a watermark on Adobe's clock and the IDs seen within a window behind it. Pure.
 */
import type { FlowRun } from '../transport';

export interface RunMemory {
	/** Newest `createdAt` (Adobe's clock, epoch ms) of a run looked at so far; absent while none was. */
	watermark?: number;
	/** Run id → createdAt, for every run reported (or in the baseline) with createdAt ≥ watermark − window. */
	seen: Record<string, number>;
}

export type DatedRun = FlowRun & { createdAt: number };

export function hasCreatedAt(run: FlowRun): run is DatedRun {
	return (
		typeof run?.id === 'string' &&
		typeof run.createdAt === 'number' &&
		Number.isFinite(run.createdAt)
	);
}

/** The runs with an ID and a createdAt that `accept` takes, each once (the first listed). */
export function datedRuns(fetched: FlowRun[], accept: (run: FlowRun) => boolean): DatedRun[] {
	const unique = new Map<string, DatedRun>();
	for (const run of fetched)
		if (hasCreatedAt(run) && accept(run) && !unique.has(run.id)) unique.set(run.id, run);
	return [...unique.values()];
}

/**
 * The oldest `createdAt` the next run query must reach: the watermark minus the late-run window.
 * Undefined when no run was looked at yet (then every run listed is new).
 */
export function runQueryFloor(memory: RunMemory | undefined, windowMs: number): number | undefined {
	return memory?.watermark === undefined ? undefined : memory.watermark - windowMs;
}

/**
 * Splits the runs of one poll (all with createdAt ≥ runQueryFloor) into the ones to report now and
 * the memory for the next poll.
 * - No memory yet: baseline, nothing to report.
 * - A run is reported when `isEvent` takes it, its id is not in `seen` and its createdAt ≥ floor.
 *   Ids, not timestamps, decide, so runs sharing a createdAt are neither repeated nor skipped, and
 *   a run listed late (or turning Failed late) is still reported while it is within the window.
 * - The watermark is the newest createdAt of every run looked at, and only moves forward, on
 *   Adobe's clock. `seen` keeps the ids `isEvent` took down to watermark − window, exactly the
 *   range the next query reads; other runs are looked at again next time, with the same answer.
 */
export function trackRuns(
	previous: RunMemory | undefined,
	runs: DatedRun[],
	windowMs: number,
	isEvent: (run: DatedRun) => boolean,
): { fresh: DatedRun[]; memory: RunMemory } {
	let watermark = previous?.watermark;
	for (const run of runs)
		if (watermark === undefined || run.createdAt > watermark) watermark = run.createdAt;

	const floor = runQueryFloor(previous, windowMs) ?? -Infinity;
	const events = runs.filter(isEvent);
	const fresh = previous
		? events
				.filter((run) => !(run.id in previous.seen) && run.createdAt >= floor)
				.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
		: [];

	const seen: Record<string, number> = {};
	if (watermark !== undefined) {
		const keepFrom = watermark - windowMs;
		for (const [id, createdAt] of Object.entries(previous?.seen ?? {}))
			if (createdAt >= keepFrom) seen[id] = createdAt;
		for (const run of events) if (run.createdAt >= keepFrom) seen[run.id] = run.createdAt;
	}
	return { fresh, memory: watermark === undefined ? { seen } : { watermark, seen } };
}

export function readRunMemory(raw: unknown): RunMemory | undefined {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
	const { watermark, seen } = raw as Record<string, unknown>;
	const seenOk =
		typeof seen === 'object' &&
		seen !== null &&
		!Array.isArray(seen) &&
		Object.values(seen).every((value) => typeof value === 'number' && Number.isFinite(value));
	if (!seenOk) return undefined;
	if (watermark === undefined) return { seen: { ...(seen as Record<string, number>) } };
	return typeof watermark === 'number' && Number.isFinite(watermark)
		? { watermark, seen: { ...(seen as Record<string, number>) } }
		: undefined;
}
