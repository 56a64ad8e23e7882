import { inputError } from '../model/inputError';
import { choiceList, describeType, truncate } from './scalars';

/** Run statuses as Adobe's enum spells them (the Flow Service compares them without case). */
export const RUN_STATUSES = ['Success', 'Failed', 'Processing', 'Waiting'] as const;

/** Where Adobe's sort-and-filter guide puts the time a run started (epoch ms). */
export const RUN_STARTED_PATH = 'metrics.durationSummary.startedAtUTC';

export interface RunFilters {
	status?: unknown;
	startedAfter?: unknown;
	startedBefore?: unknown;
}

/**
 * Adobe's `property` filters for a flow's runs, ANDed: the flow, the statuses (commas are OR), and a
 * time window on the start time, bounds excluded, as the sort-and-filter guide shows.
 */
export function buildRunFilters(flowId: string, filters: RunFilters): string[] {
	const properties = [`flowId==${flowId}`];
	const statuses = statusList(filters.status);
	if (statuses.length > 0) properties.push(`metrics.statusSummary.status==${statuses.join(',')}`);
	const after = optionalEpochMs(filters.startedAfter, 'filters.startedAfter', 'Started After');
	const before = optionalEpochMs(filters.startedBefore, 'filters.startedBefore', 'Started Before');
	if (after !== undefined && before !== undefined && after >= before) {
		inputError(
			'filters.startedBefore',
			`Started Before (${new Date(before).toISOString()}) must be later than Started After (${new Date(after).toISOString()})`,
		);
	}
	if (after !== undefined) properties.push(`${RUN_STARTED_PATH}>${after}`);
	if (before !== undefined) properties.push(`${RUN_STARTED_PATH}<${before}`);
	return properties;
}

function statusList(raw: unknown): string[] {
	const list = choiceList(raw);
	if (!list)
		inputError(
			'filters.status',
			`Status must be a list of ${RUN_STATUSES.join(', ')}, got ${describeType(raw)}`,
		);
	const statuses = list.map((value) => {
		const status = RUN_STATUSES.find(
			(known) => typeof value === 'string' && known.toLowerCase() === value.toLowerCase(),
		);
		if (!status)
			inputError(
				'filters.status',
				`Status ${JSON.stringify(value)} is not one of ${RUN_STATUSES.join(', ')}`,
			);
		return status;
	});
	return [...new Set(statuses)];
}

/**
 * A point in time as epoch milliseconds: the editor's date-time text (ISO 8601), a Date or Luxon
 * DateTime from an expression, or epoch milliseconds (a number or digits).
 */
export function optionalEpochMs(value: unknown, field: string, label: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let millis = NaN;
	if (typeof value === 'number') millis = value;
	else if (typeof value === 'string')
		millis = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Date.parse(value);
	else if (value instanceof Date) millis = value.getTime();
	else if (
		typeof value === 'object' &&
		typeof (value as { toMillis?: unknown }).toMillis === 'function'
	)
		millis = (value as { toMillis: () => number }).toMillis();
	if (!Number.isInteger(millis) || millis < 0) {
		const shown = typeof value === 'string' ? `"${truncate(value)}"` : describeType(value);
		inputError(
			field,
			`${label} ${shown} is not a date-time (ISO 8601, for example 2026-11-01T00:00:00Z) or epoch milliseconds`,
		);
	}
	return millis;
}
