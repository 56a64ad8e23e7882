/**
 * A dataset export dataflow as the Dataset Export resource reads it: telling it from an audience
 * activation dataflow, its schedule (`scheduleParams`, epoch seconds) and its simplified form.
 * Pure: the caller says what "now" is.
 */
import { accountIdsOf, destinationIdOf } from './destination';
import { flowKind, isDatasetExport, list, record } from './flowKind';
import { inputError } from './inputError';
import { isoTime } from './simplify';
import type { FlowDocument } from './types';

/** The listing filter of Adobe's export-datasets tutorial; each flow listed is checked again. */
export const DATASET_EXPORTS_FILTER =
	'inheritedAttributes.targetConnections[].data.outputType==DATASET_EXPORT';
const DAY_MS = 86_400_000;

export { DATA_LAKE_SOURCE_SPEC, isDatasetExport } from './flowKind';

type Json = Record<string, unknown>;
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The Dataflow parameter must name a dataset export; any other dataflow is refused, naming its kind. */
export function requireDatasetExport(flow: FlowDocument): void {
	if (isDatasetExport(flow)) return;
	inputError(
		'flowId',
		`"${flow.name ?? flow.id}" (${flow.id}) is ${flowKind(flow)}, not a dataset export: use the Dataflow resource for it`,
		'Nothing was changed.',
	);
}

/** A time of `scheduleParams` in epoch seconds; Adobe stores numbers, older flows text. */
export function epochSecondsOf(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
	return undefined;
}

/** The end of a dataset export's schedule (epoch seconds); none for a one-time export. */
export const endTimeOf = (flow: FlowDocument): number | undefined =>
	epochSecondsOf(record(flow.scheduleParams)?.endTime);

/** A dataset of a Data Lake source connection (`params.datasets[]`); Adobe's name is optional. */
export interface DatasetRef {
	id: string;
	name: string | null;
}

/** The datasets a Data Lake source connection exports. */
export function datasetsOfSource(source: unknown): DatasetRef[] {
	return list(record(record(source)?.params)?.datasets).flatMap((entry) => {
		const id = record(entry)?.dataSetId;
		return typeof id === 'string' ? [{ id, name: text(record(entry)?.name) }] : [];
	});
}

/** Whole days from `nowMs` to `endSeconds`, rounded up (negative once it ended); null: no end. */
export function daysUntil(endSeconds: number | undefined, nowMs: number): number | null {
	if (endSeconds === undefined) return null;
	return Math.ceil((endSeconds * 1000 - nowMs) / DAY_MS);
}

export interface DatasetExportNames {
	destinationName: string | null;
	accountName: string | null;
}

/**
 * A dataset export as a person reads it (Simplify): what it exports where, how often, from when
 * to when (ISO 8601), how many days are left and how its last run went.
 */
export function simplifyDatasetExport(
	flow: FlowDocument,
	datasets: DatasetRef[],
	names: DatasetExportNames,
	nowMs: number,
): Json {
	const schedule = record(flow.scheduleParams) ?? {};
	const start = epochSecondsOf(schedule.startTime);
	const end = epochSecondsOf(schedule.endTime);
	const lastRun = record(flow.lastRunDetails) ?? {};
	return {
		id: flow.id,
		name: text(flow.name),
		state: text(flow.state),
		destination: destinationIdOf(flow) ?? null,
		destinationName: names.destinationName,
		accountId: accountIdsOf(flow)[0] ?? null,
		accountName: names.accountName,
		datasets,
		exportMode: text(schedule.exportMode),
		timeUnit: text(schedule.timeUnit),
		interval: typeof schedule.interval === 'number' ? schedule.interval : null,
		startTime: start === undefined ? null : isoTime(start * 1000),
		endTime: end === undefined ? null : isoTime(end * 1000),
		daysUntilEnd: daysUntil(end, nowMs),
		lastRunStatus: text(lastRun.state),
		lastRunAt: isoTime(lastRun.completedAtUTC ?? lastRun.startedAtUTC),
		etag: flow.etag,
	};
}

/**
 * Epoch seconds `months` calendar months after `seconds` (UTC, time of day kept); a day the target
 * month lacks becomes its last day (31 August + 1 month is 30 September).
 */
export function addMonths(seconds: number, months: number): number {
	const d = new Date(seconds * 1000);
	const month = d.getUTCMonth() + months;
	const lastDay = new Date(Date.UTC(d.getUTCFullYear(), month + 1, 0)).getUTCDate();
	const at = Date.UTC(
		d.getUTCFullYear(),
		month,
		Math.min(d.getUTCDate(), lastDay),
		d.getUTCHours(),
		d.getUTCMinutes(),
		d.getUTCSeconds(),
	);
	return Math.floor(at / 1000);
}
