/** Dataset Export › Create's output: a readable summary first, then the dataflow and what it is made of. */
import type { IDataObject } from 'n8n-workflow';

import { endTimeOf } from '../../../model/datasetExport';
import { accountIdsOf } from '../../../model/destination';
import type { FlowDocument } from '../../../model/types';
import type { DatasetExportSchedule } from '../../../rules/datasetExportCreate';
import type { ResolvedDatasetExport } from './resolve';

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;

/** "incremental, every 3 hours from … until …", or "one full export at …". */
export function scheduleWords(schedule: DatasetExportSchedule, endTime?: number): string {
	if (schedule.exportMode === 'DAILY_FULL_EXPORT')
		return `one full export at ${iso(schedule.startTime)}`;
	const every = schedule.timeUnit === 'day' ? 'daily' : `every ${schedule.interval} hours`;
	const end = endTime ?? schedule.endTime;
	return `incremental, ${every} from ${iso(schedule.startTime)} until ${end === undefined ? 'Adobe’s default end (six months after creation)' : iso(end)}`;
}

/** What the dataflow exports where, as the summary says it. */
function what(resolved: ResolvedDatasetExport): string {
	const { desired, account, spec } = resolved;
	const names = desired.datasets.map((d) => d.name ?? d.dataSetId).join(', ');
	const on = account.name ? ` on "${account.name}"` : '';
	return `dataset export "${desired.name}"${on}: ${plural(desired.datasets.length, 'dataset')} (${names}) to ${spec.name ?? spec.id} as ${String(desired.params.datasetFileType)} (${String(desired.params.compression)})`;
}

/** Who the dataflow is for, and (unless it was left as it is) what it exports. */
function where(resolved: ResolvedDatasetExport, withDatasets = true): IDataObject {
	const { desired, account, spec } = resolved;
	return {
		dataflowName: desired.name,
		account: { id: account.id, name: account.name ?? null },
		destination: { id: spec.id, name: spec.name ?? null },
		...(withDatasets
			? { datasets: desired.datasets.map((d) => ({ id: d.dataSetId, name: d.name ?? null })) }
			: {}),
	};
}

/**
 * The end Adobe set when none was given: told, since an export stops silently at its end
 * (six months after creation by default).
 */
function defaultEndWarning(resolved: ResolvedDatasetExport, flow: FlowDocument): string[] {
	const { schedule } = resolved.desired;
	if (schedule.exportMode === 'DAILY_FULL_EXPORT' || schedule.endTime !== undefined) return [];
	const end = endTimeOf(flow);
	return [
		`No End Time was given: Adobe ends this export ${end === undefined ? 'six months after creation' : `on ${iso(end)}`}; extend it with Extend End Date, or watch it with the trigger's Export Ending Soon`,
	];
}

export function createdOutput(
	resolved: ResolvedDatasetExport,
	flow: FlowDocument,
	connections: IDataObject,
): IDataObject {
	const warnings = defaultEndWarning(resolved, flow);
	return {
		summary: `Created ${what(resolved)}, ${scheduleWords(resolved.desired.schedule, endTimeOf(flow))}${warnings.length ? '; warning: no End Time given' : ''}`,
		changed: true,
		created: true,
		...(warnings.length ? { warnings } : {}),
		flowId: flow.id,
		etag: flow.etag,
		state: flow.state ?? null,
		...where(resolved),
		scheduleParams: (flow.scheduleParams ?? null) as IDataObject,
		connections,
		flow: flow as IDataObject,
	};
}

export function dryRunOutput(
	resolved: ResolvedDatasetExport,
	requests: IDataObject[],
): IDataObject {
	return {
		summary: `Would create ${what(resolved)}, ${scheduleWords(resolved.desired.schedule)}`,
		changed: false,
		created: false,
		dryRun: true,
		flowId: null,
		...where(resolved),
		requests,
	};
}

export function skippedOutput(
	resolved: ResolvedDatasetExport,
	existing: FlowDocument,
): IDataObject {
	return {
		summary: `Skipped: a dataflow named "${resolved.desired.name}" already exists`,
		changed: false,
		created: false,
		skipped: [
			{ id: existing.id, name: resolved.desired.name, reason: 'a dataflow of this name exists' },
		],
		flowId: existing.id,
		etag: existing.etag,
		// The item's datasets are not the skipped dataflow's: `flow` is what it holds.
		...where(resolved, false),
		flow: existing as IDataObject,
	};
}

/**
 * Use It changes datasets and schedule only: a dataset export of the name on another account is
 * told, not moved (Update Export Location moves files; another account needs another dataflow).
 */
function otherAccountWarning(resolved: ResolvedDatasetExport, existing: FlowDocument): string[] {
	const [accountId] = accountIdsOf(existing);
	if (accountId === undefined || accountId.toLowerCase() === resolved.account.id.toLowerCase())
		return [];
	return [
		`"${resolved.desired.name}" exports to destination account ${accountId}, not to the one given (${resolved.account.id}); Use It changed its datasets and schedule only: its account and export location stay as they are`,
	];
}

/** Use It: the existing dataset export's datasets and schedule brought to the item's. */
export function usedOutput(
	resolved: ResolvedDatasetExport,
	existing: FlowDocument,
	why: string,
	datasets: IDataObject,
	schedule: IDataObject,
): IDataObject {
	const warnings = otherAccountWarning(resolved, existing);
	const scheduleChanged = Array.isArray(schedule.operations) && schedule.operations.length > 0;
	const dry = datasets.dryRun === true;
	const scheduleSummary = scheduleChanged
		? `${dry ? 'would update' : 'updated'} the schedule`
		: 'schedule unchanged';
	return {
		summary: `${why}: ${String(datasets.summary)}; ${scheduleSummary}${warnings.length ? '; warning: it exports to another account' : ''}`,
		changed: !dry && (datasets.changed === true || scheduleChanged),
		created: false,
		...(warnings.length ? { warnings } : {}),
		...(dry ? { dryRun: true } : {}),
		flowId: datasets.flowId,
		etag: schedule.etag ?? datasets.etag ?? null,
		...where(resolved),
		datasetChange: datasets,
		scheduleChange: schedule,
	};
}
