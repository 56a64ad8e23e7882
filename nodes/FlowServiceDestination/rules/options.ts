import { readBoolean, requireWholeNumber } from './scalars';

/**
 * Enough for twenty writers racing on one flow on a busy host: each conflict waits a random,
 * growing while (see conflictDelayMs), so the writers spread out instead of colliding in lockstep.
 */
export const DEFAULT_CONFLICT_RETRIES = 8;

export type Options = Record<string, unknown>;

/** What every update item's options say about sending. */
export interface UpdateSwitches {
	dryRun: boolean;
	returnUpdatedFlow: boolean;
	maxConflictRetries: number;
}

export function parseUpdateSwitches(
	options: Options,
	defaultConflictRetries = DEFAULT_CONFLICT_RETRIES,
): UpdateSwitches {
	return {
		dryRun: readBoolean(options.dryRun, 'options.dryRun'),
		returnUpdatedFlow: readBoolean(options.returnUpdatedFlow, 'options.returnUpdatedFlow'),
		maxConflictRetries: requireWholeNumber(
			options.maxConflictRetries ?? defaultConflictRetries,
			'options.maxConflictRetries',
			'Max Conflict Retries',
			{ min: 0, max: 10 },
		),
	};
}

/** How the items of one run are grouped and spread. */
export interface BatchSettings {
	combinePerFlow: boolean;
	useInputFlow: boolean;
	flowConcurrency: number;
}

export function parseBatchSettings(options: Options): BatchSettings {
	return {
		combinePerFlow: readBoolean(options.combinePerFlow, 'options.combinePerFlow', true),
		useInputFlow: readBoolean(options.useInputFlow, 'options.useInputFlow', true),
		flowConcurrency: requireWholeNumber(
			options.flowConcurrency ?? 5,
			'options.flowConcurrency',
			'Dataflows in Parallel',
			{ min: 1, max: 20 },
		),
	};
}

/** How many results a listing returns: Infinity with Return All. */
export function parseLimit(returnAll: unknown, limit: unknown): number {
	if (readBoolean(returnAll, 'returnAll')) return Infinity;
	return requireWholeNumber(limit, 'limit', 'Limit', { min: 1 });
}
