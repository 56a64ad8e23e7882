// A run's `metrics.recordSummary` as Flow Service reports destination runs (the OpenAPI document's
// Batch_Flow_Run_Success example): profiles received are `inputRecordCount`, identities activated
// `outputRecordCount` (and `createdRecordCount`), identities excluded `skippedRecordCount` with
// `skippedInfo`, identities failed `failedRecordCount`. Per audience (`segment:<id>`) or, for a
// dataset export, per dataset (`dataset:<id>`) in `sourceSummaries[].entitySummaries`.
import type { JsonObject } from './types';

export interface RunCounts {
	/** Profiles received (dataset exports: records read). */
	received: number;
	/** Identities excluded (skipped). */
	skipped: number;
	/** Identities activated (dataset exports: records written). */
	activated: number;
	/** Identities failed. */
	failed: number;
}

export type CountsInput = Partial<RunCounts>;

/** Adobe's example's source summary id, kept for every audience run. */
const PROFILE_SOURCE_SUMMARY_ID = '1d6b7dc0-6d54-464e-abb3-54fb9701cb29';

const isCount = (v: unknown) => v === undefined || (Number.isInteger(v) && (v as number) >= 0);

/** The counts a run reports: those given, the rest derived from them or from `defaults`. */
export function resolveCounts(input: CountsInput, defaults: RunCounts): RunCounts | string {
	for (const key of ['received', 'skipped', 'activated', 'failed'] as const)
		if (!isCount(input[key])) return `${key} must be a whole number of 0 or more`;
	const skipped = input.skipped ?? (input.received !== undefined ? 0 : defaults.skipped);
	const failed = input.failed ?? 0;
	if (input.received === undefined && input.activated !== undefined)
		return {
			received: input.activated + skipped + failed,
			skipped,
			activated: input.activated,
			failed,
		};
	const received = input.received ?? defaults.received;
	const activated = input.activated ?? received - skipped - failed;
	if (activated < 0) return `skipped + failed (${skipped + failed}) exceed received (${received})`;
	return { received, skipped, activated, failed };
}

/** Splits `total` over `n` entities: equal shares, the remainder to the first. */
function shares(total: number, n: number): number[] {
	const each = Math.floor(total / n);
	return Array.from({ length: n }, (_, i) => each + (i === 0 ? total - each * n : 0));
}

function totals(c: RunCounts): JsonObject {
	return {
		inputRecordCount: c.received,
		createdRecordCount: c.activated,
		outputRecordCount: c.activated,
		skippedRecordCount: c.skipped,
		...(c.failed > 0 ? { failedRecordCount: c.failed } : {}),
	};
}

/** recordSummary of a finished run: the totals, then per entity (audience or dataset) and target. */
export function recordSummary(
	c: RunCounts,
	entities: string[],
	ids: { source?: string; target?: string },
	skippedInfo: { code: string; message: string },
): JsonObject {
	const n = Math.max(entities.length, 1);
	const input = shares(c.received, n);
	const skipped = shares(c.skipped, n);
	const output = shares(c.activated, n);
	return {
		...totals(c),
		sourceSummaries: [
			{
				id: ids.source ?? PROFILE_SOURCE_SUMMARY_ID,
				inputRecordCount: c.received,
				skippedRecordCount: c.skipped,
				entitySummaries: entities.map((id, i) => ({
					id,
					inputRecordCount: input[i],
					skippedRecordCount: skipped[i],
				})),
			},
		],
		...(ids.target
			? {
					targetSummaries: [
						{
							id: ids.target,
							createdRecordCount: c.activated,
							outputRecordCount: c.activated,
							entitySummaries: entities.map((id, i) => ({
								id,
								createdRecordCount: output[i],
								outputRecordCount: output[i],
							})),
						},
					],
				}
			: {}),
		...(c.skipped > 0 ? { skippedInfo: [{ ...skippedInfo, count: c.skipped }] } : {}),
	};
}
