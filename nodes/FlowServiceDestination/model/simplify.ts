import { accountIdsOf, destinationIdOf, type DestinationAccount } from './destination';
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

/** What a dataflow names only by ID, as looked up once per run; null when unknown. */
export interface FlowNames {
	destinationName: string | null;
	accountName: string | null;
}

const UNNAMED: FlowNames = { destinationName: null, accountName: null };

/**
 * A dataflow as a person reads it (Simplify): what it is, what it exports, when it changed and
 * how its last run went. `destination` stays the destination's connection spec ID (as saved
 * workflows read it); `destinationName` and `accountName` name it and its account.
 */
export function simplifyFlow(flow: FlowDocument, names: FlowNames = UNNAMED): Json {
	const transform = findGeneralTransform(flow);
	const audiences = (transform && segmentSelectors(transform)) ?? [];
	const attributes = (transform && profileSelectors(transform)?.selectors) ?? [];
	const lastRun = record(flow.lastRunDetails);
	return {
		id: flow.id,
		name: text(flow.name),
		state: text(flow.state),
		description: text(flow.description) ?? '',
		destination: destinationIdOf(flow) ?? null,
		destinationName: names.destinationName,
		accountId: accountIdsOf(flow)[0] ?? null,
		accountName: names.accountName,
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

/**
 * A destination account as a person reads it (Simplify): its name, the destination it connects
 * to, when it was made and how many dataflows use it. Its credentials are never shown.
 */
export function simplifyAccount(
	account: DestinationAccount,
	destinationName: string | null,
	dataflowCount: number | null,
): Json {
	return {
		id: account.id,
		name: text(account.name),
		destinationName,
		destinationId: text(record(account.connectionSpec).id),
		createdAt: isoTime(account.createdAt),
		dataflowCount,
	};
}

/**
 * A destination account as Adobe returns it, without the values of its credentials: `auth` keeps
 * only the kind of authentication (`specName`), whatever Adobe masks or does not.
 */
export function withoutCredentials(account: DestinationAccount): Json {
	if (account.auth === undefined) return { ...account };
	return { ...account, auth: { specName: text(record(account.auth).specName) } };
}
