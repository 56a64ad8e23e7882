import { inputError } from '../model/inputError';
import { toList, truncate } from './scalars';

/** Catalog dataset IDs are 24 hexadecimal characters (`65f1a0c2e4b0a1d2c3e4f501`). */
const DATASET_ID = /^[0-9a-fA-F]{24}$/;

/**
 * One of the two dataset fields of Add Datasets or Remove Datasets: a list or comma/newline
 * separated text (empty allowed), each entry a Catalog dataset ID.
 */
export function datasetIdsOf(raw: unknown, field: string, label: string): string[] {
	const ids = toList(raw, field, label).map((id) => id.trim());
	for (const [index, id] of ids.entries()) {
		if (!DATASET_ID.test(id))
			inputError(
				field,
				`${label} entry ${index + 1} ("${truncate(id, 40)}") is not a dataset ID: Catalog dataset IDs are 24 hexadecimal characters, like 65f1a0c2e4b0a1d2c3e4f501`,
			);
	}
	return ids;
}

/**
 * The datasets an item names: those picked in Dataset Names or IDs, then those typed in Dataset
 * IDs; at least one in all. Duplicates stay: the planner reports them as skipped.
 */
export function parseDatasetChoice(picked: unknown, typed: unknown): string[] {
	const ids = [
		...datasetIdsOf(picked, 'datasets', 'Dataset Names or IDs'),
		...datasetIdsOf(typed, 'datasetIds', 'Dataset IDs'),
	];
	if (ids.length === 0)
		inputError(
			'datasetIds',
			'Dataset IDs is empty: give at least one dataset ID, or pick datasets in Dataset Names or IDs',
		);
	return ids;
}
