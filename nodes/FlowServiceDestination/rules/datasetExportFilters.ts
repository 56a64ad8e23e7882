import { DATASET_EXPORTS_FILTER } from '../model/datasetExport';
import { inputError } from '../model/inputError';
import { buildFlowFilters } from './flowFilters';
import { requireString, requireUuid } from './scalars';

/** A Catalog dataset ID: 24 hexadecimal digits. */
const DATASET_ID = /^[0-9a-f]{24}$/i;

/** Dataset Export › Get Many's filters, checked: what Adobe filters and what is matched here. */
export interface DatasetExportFilters {
	/** Adobe's `property` filters: destination dataflows, dataset exports, the state. */
	property: string[];
	/** Only exports whose schedule ends before this (epoch seconds); one-time exports have no end. */
	endsBefore?: number;
	datasetId?: string;
	/** The destination's connection spec ID. */
	destination?: string;
}

/** Epoch seconds of a date-time the editor hands over (ISO 8601), naming the field when it is none. */
export function dateTimeSeconds(value: unknown, field: string, label: string): number {
	const textValue = requireString(value, field, label);
	const millis = /^\d{4}-\d{2}-\d{2}/.test(textValue) ? Date.parse(textValue) : NaN;
	if (Number.isNaN(millis)) {
		inputError(
			field,
			`${label} must be a date or date-time such as 2026-12-31 or 2026-12-31T00:00:00Z, got ${JSON.stringify(value)}`,
		);
	}
	return Math.floor(millis / 1000);
}

/** Pure: the Filters collection as n8n hands it over. */
export function parseDatasetExportFilters(filters: Record<string, unknown>): DatasetExportFilters {
	const given = (key: string) => filters[key] !== undefined && filters[key] !== '';
	const parsed: DatasetExportFilters = {
		property: [...buildFlowFilters({ state: filters.state }), DATASET_EXPORTS_FILTER],
	};
	if (given('endsBefore'))
		parsed.endsBefore = dateTimeSeconds(filters.endsBefore, 'filters.endsBefore', 'Ends Before');
	if (given('datasetId')) {
		const id = requireString(filters.datasetId, 'filters.datasetId', 'Dataset ID');
		if (!DATASET_ID.test(id))
			inputError(
				'filters.datasetId',
				`Dataset ID must be a Catalog dataset ID (24 hexadecimal digits, e.g. 65f1a0c2e4b0a1d2c3e4f501), got ${JSON.stringify(id)}`,
			);
		parsed.datasetId = id.toLowerCase();
	}
	if (given('destination'))
		parsed.destination = requireUuid(filters.destination, 'filters.destination', 'Destination ID');
	return parsed;
}
