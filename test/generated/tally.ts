import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';

/** Where generated suites leave their counts for the reporter (one line per property, per run). */
export const TALLY_DIR = join(__dirname, '..', '..', 'node_modules', '.cache', 'generated-cases');

export type TallyKind = 'planner' | 'badInput';

export function recordTally(kind: TallyKind, run: number, failed: number, extra = 0): void {
	mkdirSync(TALLY_DIR, { recursive: true });
	appendFileSync(join(TALLY_DIR, `${kind}.jsonl`), JSON.stringify({ run, failed, extra }) + '\n');
}

/**
 * fast-check's settings for every generated suite: a seed from FC_SEED replays a failing run
 * (FC_PATH narrows it to the shrunk case), otherwise a fresh seed each run.
 */
export function checkParameters<T>(numRuns: number): fc.Parameters<T> {
	const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
	return {
		numRuns,
		...(seed === undefined || Number.isNaN(seed) ? {} : { seed }),
		...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}),
	};
}

/** Runs a property, counts it for the reporter, and fails with fast-check's report (seed, path, minimal case). */
export function runProperty<T>(property: fc.IRawProperty<T>, numRuns: number): void {
	const details = fc.check(property, checkParameters<T>(numRuns)) as fc.RunDetails<T>;
	recordTally('planner', details.numRuns, details.failed ? 1 : 0);
	if (details.failed) throw new Error(replayHint(details) + fc.defaultReportMessage(details));
}

/** As runProperty, for properties that run workflows; the caller counts what they tried. */
export async function runAsyncProperty<T>(
	property: fc.IAsyncPropertyWithHooks<T>,
	numRuns: number,
): Promise<void> {
	const details = await fc.check(property, checkParameters<T>(numRuns));
	if (details.failed)
		throw new Error(replayHint(details) + (await fc.asyncDefaultReportMessage(details)));
}

function replayHint<T>(details: fc.RunDetails<T>): string {
	const cause = details.errorInstance instanceof Error ? details.errorInstance.message : '';
	return `Replay with FC_SEED=${details.seed} FC_PATH=${details.counterexamplePath ?? ''}\n${cause}\n`;
}
