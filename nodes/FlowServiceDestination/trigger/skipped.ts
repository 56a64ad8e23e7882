/**
 * Skipped Rate Exceeded: a finished run that skipped more than the chosen share of the profiles
 * it received. The counts are Adobe's destination run metrics (`metrics.recordSummary`, as the
 * Flow Service's `Batch_Flow_Run_Success` example gives them): profiles received are
 * `inputRecordCount`, identities skipped (the UI's "identities excluded") `skippedRecordCount`,
 * identities activated `outputRecordCount`; per audience (`segment:<id>`) or dataset
 * (`dataset:<id>`) in `sourceSummaries[].entitySummaries`. Pure.
 */
import type { FlowRun } from '../transport';
import { asRecord as record, type ExportKind, type ScheduledFlow } from './schedules';

export interface RunCounts {
	received: number;
	skipped: number;
	activated?: number;
}

export interface EntityCounts extends RunCounts {
	id: string;
	name?: string | null;
	skippedPercent: number;
}

export interface SkippedEvent {
	event: 'skippedRateExceeded';
	flowId: string;
	flowName: string | null;
	kind: ExportKind;
	run: FlowRun;
	received: number;
	skipped: number;
	activated: number | null;
	/** Skipped out of received, in percent, to two decimals. */
	skippedPercent: number;
	thresholdPercent: number;
	/** Adobe's `skippedInfo`: code, message and count of each reason. */
	skippedReasons: unknown[];
	/** Per audience, when the run lists them. */
	audiences?: EntityCounts[];
	/** Per dataset (dataset exports), when the run lists them. */
	datasets?: EntityCounts[];
	detectedAt: string;
}

/** Adobe's run statuses once a run is over, in both of the spellings its documents use. */
export const FINISHED_STATUSES = ['Success', 'success', 'Failed', 'failed'];

export function isFinishedRun(run: FlowRun): boolean {
	const status = run.metrics?.statusSummary?.status;
	return typeof status === 'string' && ['success', 'failed'].includes(status.toLowerCase());
}

/** The run's totals; the sums of its source summaries where a total is missing. */
export function runCounts(run: FlowRun): RunCounts | undefined {
	const summary = record(run.metrics?.recordSummary);
	if (!summary) return undefined;
	const sources = list(summary.sourceSummaries);
	const targets = list(summary.targetSummaries);
	const received = count(summary.inputRecordCount) ?? sum(sources, 'inputRecordCount');
	const skipped = count(summary.skippedRecordCount) ?? sum(sources, 'skippedRecordCount');
	const activated = count(summary.outputRecordCount) ?? sum(targets, 'outputRecordCount');
	if (received === undefined || skipped === undefined) return undefined;
	return activated === undefined ? { received, skipped } : { received, skipped, activated };
}

/** More than `percent` % of the profiles received were skipped (none received: never). */
export function exceedsSkippedShare(run: FlowRun, percent: number): boolean {
	const counts = runCounts(run);
	if (counts === undefined || counts.received === 0) return false;
	// The editor keeps two decimals: compare in whole hundredths of a percent, because 9.7 as a
	// float times a large count lands a hair off and would flip a count exactly at the share.
	const hundredths = Math.round(percent * 100);
	if (Math.abs(percent * 100 - hundredths) < 1e-6)
		return counts.skipped * 10_000 > hundredths * counts.received;
	return counts.skipped * 100 > percent * counts.received;
}

export function skippedEvent(
	run: FlowRun,
	flow: Pick<ScheduledFlow, 'id' | 'name' | 'kind' | 'exports'> | undefined,
	thresholdPercent: number,
	detectedAt: string,
): SkippedEvent {
	const counts = runCounts(run) ?? { received: 0, skipped: 0 };
	const summary = record(run.metrics?.recordSummary);
	const names = new Map(
		(flow?.exports ?? []).map((item) => [item.audienceId ?? '', item.audienceName ?? null]),
	);
	const entities = entityCounts(summary);
	const audiences = entities
		.filter((entity) => entity.id.startsWith('segment:'))
		.map((entity) => {
			const id = entity.id.slice('segment:'.length);
			return { ...entity, id, name: names.get(id) ?? null };
		});
	const datasets = entities
		.filter((entity) => entity.id.startsWith('dataset:'))
		.map((entity) => ({ ...entity, id: entity.id.slice('dataset:'.length) }));
	return {
		event: 'skippedRateExceeded',
		flowId: run.flowId ?? '',
		flowName: flow?.name ?? null,
		kind: flow?.kind ?? 'audience',
		run,
		received: counts.received,
		skipped: counts.skipped,
		activated: counts.activated ?? null,
		skippedPercent: percentOf(counts),
		thresholdPercent,
		skippedReasons: list(summary?.skippedInfo),
		...(audiences.length > 0 ? { audiences } : {}),
		...(datasets.length > 0 ? { datasets } : {}),
		detectedAt,
	};
}

/** Received and skipped per entity (`segment:<id>`, `dataset:<id>`), over every source summary. */
function entityCounts(summary: Record<string, unknown> | undefined): EntityCounts[] {
	const byId = new Map<string, RunCounts>();
	for (const source of list(summary?.sourceSummaries)) {
		for (const entity of list(record(source)?.entitySummaries)) {
			const fields = record(entity);
			if (typeof fields?.id !== 'string') continue;
			const before = byId.get(fields.id) ?? { received: 0, skipped: 0 };
			byId.set(fields.id, {
				received: before.received + (count(fields.inputRecordCount) ?? 0),
				skipped: before.skipped + (count(fields.skippedRecordCount) ?? 0),
			});
		}
	}
	return [...byId].map(([id, counts]) => ({ id, ...counts, skippedPercent: percentOf(counts) }));
}

function percentOf(counts: RunCounts): number {
	return counts.received > 0 ? Math.round((counts.skipped * 10_000) / counts.received) / 100 : 0;
}

function sum(entries: unknown[], field: string): number | undefined {
	const values = entries.map((entry) => count(record(entry)?.[field]));
	return values.some((value) => value !== undefined)
		? values.reduce<number>((total, value) => total + (value ?? 0), 0)
		: undefined;
}

/** A count as Adobe gives them: a whole number of 0 or more. */
function count(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function list(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}
