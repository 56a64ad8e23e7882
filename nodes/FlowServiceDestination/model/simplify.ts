import { findGeneralTransform, profileSelectors, segmentSelectors } from './flowDocument';
import type { FlowDocument } from './types';

type Json = Record<string, unknown>;

const record = (value: unknown): Json =>
	typeof value === 'object' && value !== null ? (value as Json) : {};

/** Adobe's epoch milliseconds as ISO 8601; anything else as null. */
export function isoTime(value: unknown): string | null {
	return typeof value === 'number' && Number.isFinite(value) ? new Date(value).toISOString() : null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * A dataflow as a person reads it (Simplify): what it is, what it exports, when it changed and
 * how its last run went. `destination` is the destination's connection spec ID: the flow names
 * no destination, and reading its name would cost a request per flow.
 */
export function simplifyFlow(flow: FlowDocument): Json {
	const transform = findGeneralTransform(flow);
	const audiences = (transform && segmentSelectors(transform)) ?? [];
	const attributes = (transform && profileSelectors(transform)?.selectors) ?? [];
	const target = record((record(flow.inheritedAttributes).targetConnections as unknown[])?.[0]);
	const lastRun = record(flow.lastRunDetails);
	return {
		id: flow.id,
		name: text(flow.name),
		state: text(flow.state),
		description: text(flow.description) ?? '',
		destination: text(record(target.connectionSpec).id),
		audienceCount: audiences.length,
		audiences: audiences.map((selector) => ({
			id: text(selector?.value?.id),
			name: text(selector?.value?.name),
			exportMode: text(selector?.value?.exportMode),
			frequency: text(selector?.value?.schedule?.frequency),
		})),
		profileAttributes: attributes.map((selector) => text(selector?.value?.path)),
		createdAt: isoTime(flow.createdAt),
		updatedAt: isoTime(flow.updatedAt),
		lastRunStatus: text(lastRun.state),
		lastRunAt: isoTime(lastRun.completedAtUTC ?? lastRun.startedAtUTC),
		etag: flow.etag,
	};
}

const count = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** A run as a person reads it (Simplify): status, times, duration, record counts and errors. */
export function simplifyRun(run: Json): Json {
	const metrics = record(run.metrics);
	const duration = record(metrics.durationSummary);
	const records = record(metrics.recordSummary);
	const status = record(metrics.statusSummary);
	const started = count(duration.startedAtUTC);
	const completed = count(duration.completedAtUTC);
	return {
		id: run.id,
		status: text(status.status),
		startedAt: isoTime(started),
		completedAt: isoTime(completed),
		durationSeconds:
			started !== null && completed !== null ? Math.round((completed - started) / 1000) : null,
		records: {
			received: count(records.inputRecordCount),
			activated: count(records.outputRecordCount),
			failed: count(records.failedRecordCount),
			skipped: count(records.skippedRecordCount),
		},
		errors: Array.isArray(status.errors) ? status.errors : [],
	};
}
