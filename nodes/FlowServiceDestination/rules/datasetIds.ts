import { inputError } from '../model/inputError';
import { toList, truncate } from './scalars';

/** Catalog dataset IDs are 24 hexadecimal characters (`65f1a0c2e4b0a1d2c3e4f501`). */
const DATASET_ID = /^[0-9a-fA-F]{24}$/;

/**
 * The Dataset IDs of Add Datasets or Remove Datasets: a list or comma/newline separated text, at
 * least one, each a Catalog dataset ID. Duplicates stay: the planner reports them as skipped.
 */
export function parseDatasetIds(raw: unknown, field = 'datasetIds'): string[] {
	const ids = toList(raw, field, 'Dataset IDs').map((id) => id.trim());
	if (ids.length === 0) inputError(field, 'Dataset IDs is empty: give at least one dataset ID');
	for (const [index, id] of ids.entries()) {
		if (!DATASET_ID.test(id))
			inputError(
				field,
				`Dataset IDs entry ${index + 1} ("${truncate(id, 40)}") is not a dataset ID: Catalog dataset IDs are 24 hexadecimal characters, like 65f1a0c2e4b0a1d2c3e4f501`,
			);
	}
	return ids;
}
