import type { IDataObject } from 'n8n-workflow';

import type { DestinationAccount, ConnectionSpec } from '../../model/destination';
import type { FlowDocument, PatchOperation } from '../../model/types';
import { pastStartDates, type StartDates } from '../../update/startDates';
import {
	pastStartClause,
	readableHead,
	readableUpdate,
	startDateWarnings,
	type AudienceNames,
} from '../../update/summary';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "with 2 audiences and 3 profile attributes" (or "with no audiences"). */
function contents(audiences: number, attributes: number, mapping: boolean): string {
	const parts = [plural(audiences, 'audience', 'audiences')];
	if (attributes > 0) parts.push(plural(attributes, 'profile attribute', 'profile attributes'));
	if (mapping) parts.push('a mapping set');
	return `with ${parts.join(' and ').replace(/^0 audiences/, 'no audiences')}`;
}

export interface CreatedParts {
	name: string;
	account: DestinationAccount;
	spec: ConnectionSpec;
	audiences: number;
	attributes: number;
	mapping: boolean;
	/** The run's day in UTC: start dates before it are told, never refused. */
	today: string;
}

/** A new dataflow held no start dates: every one it is given is news. */
const NO_START_DATES: StartDates = { audiences: {} };

/** The sentence and `warnings` for the start dates before today that `report`'s operations set. */
function startDateNews(parts: CreatedParts, report: IDataObject) {
	const operations = (
		Array.isArray(report.operations) ? report.operations : []
	) as PatchOperation[];
	const past = pastStartDates(operations, NO_START_DATES, parts.today);
	return {
		clause: past.length > 0 ? `; ${pastStartClause(past)}` : '',
		warnings: startDateWarnings(past),
	};
}

/** Who the dataflow is for, as the output names it. */
function where(parts: CreatedParts): IDataObject {
	return {
		dataflowName: parts.name,
		account: { id: parts.account.id, name: parts.account.name ?? null },
		destination: { id: parts.spec.id, name: parts.spec.name ?? null },
	};
}

/** A dataflow created: the readable head, its ID and etag, the connections, the dataflow. */
export function createdOutput(
	parts: CreatedParts,
	report: IDataObject,
	flow: FlowDocument,
	connections: IDataObject,
): IDataObject {
	const readable = readableUpdate(report);
	const on = parts.account.name ? ` on "${parts.account.name}"` : '';
	const news = startDateNews(parts, report);
	return readableHead(
		{
			summary: `Created dataflow "${parts.name}"${on} ${contents(parts.audiences, parts.attributes, parts.mapping)}${news.clause}`,
			changed: true,
			added: readable.added as IDataObject[],
			skipped: readable.skipped as IDataObject[],
			warnings: news.warnings,
			flowId: flow.id,
			etag: flow.etag,
			operations: report.operations,
		},
		{
			created: true,
			...where(parts),
			state: flow.state ?? null,
			connections,
			conflictRetries: report.conflictRetries ?? 0,
			transientRetries: report.transientRetries ?? 0,
			flow: flow as IDataObject,
		},
	);
}

/** A dry run: every request a create would send, in order, and what it would add. */
export function dryRunOutput(
	parts: CreatedParts,
	report: IDataObject,
	requests: IDataObject[],
): IDataObject {
	const readable = readableUpdate({ ...report, dryRun: true });
	const on = parts.account.name ? ` on "${parts.account.name}"` : '';
	const news = startDateNews(parts, report);
	return readableHead(
		{
			summary: `Would create dataflow "${parts.name}"${on} ${contents(parts.audiences, parts.attributes, parts.mapping)}${news.clause}`,
			changed: false,
			added: readable.added as IDataObject[],
			skipped: readable.skipped as IDataObject[],
			warnings: news.warnings,
			flowId: null,
			operations: report.operations,
		},
		{ dryRun: true, created: false, ...where(parts), requests },
	);
}

/** An existing dataflow of the name, left as it is (If Dataflow Exists › Skip). */
export function skippedOutput(parts: CreatedParts, existing: FlowDocument): IDataObject {
	return readableHead(
		{
			summary: `Skipped: a dataflow named "${parts.name}" already exists`,
			changed: false,
			skipped: [{ id: existing.id, name: parts.name, reason: 'a dataflow of this name exists' }],
			flowId: existing.id,
			etag: existing.etag,
		},
		{ created: false, ...where(parts), flow: existing as IDataObject },
	);
}

/**
 * An existing dataflow brought to what the item gives (Use It), or one an earlier item of the run
 * made; `before`: the start dates it held, so that only those the item sets are told.
 */
export function updatedOutput(
	parts: CreatedParts,
	report: IDataObject,
	why: string,
	extra: IDataObject = {},
	names: AudienceNames = {},
	before: StartDates = NO_START_DATES,
): IDataObject {
	const operations = (
		Array.isArray(report.operations) ? report.operations : []
	) as PatchOperation[];
	const past = pastStartDates(operations, before, parts.today, names);
	const readable = readableUpdate(report, names, past);
	return {
		...readable,
		summary: `${why}: ${String(readable.summary)}`,
		created: false,
		...where(parts),
		...extra,
	};
}
