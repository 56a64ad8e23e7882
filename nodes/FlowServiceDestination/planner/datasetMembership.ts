/**
 * Add Datasets and Remove Datasets, planned purely: the datasets a dataset export dataflow's
 * source connection exports now, and the IDs asked for, give the whole new list (a Data Lake
 * source connection cannot be changed, so a new one is made with it), what changes and what is
 * skipped.
 */
import { inputError } from '../model/inputError';
import type { SkippedChange } from '../model/types';

/** One dataset of a Data Lake source connection (`params.datasets[]`). */
export interface DatasetEntry {
	dataSetId: string;
	name?: string;
}

/** Add or remove the datasets given, or export exactly them (Create › If Dataflow Exists › Use It). */
export type DatasetChange = 'add' | 'remove' | 'set';

export interface DatasetPlan {
	/** The whole list the new source connection gets; the current one when nothing changes. */
	datasets: DatasetEntry[];
	added: DatasetEntry[];
	removed: DatasetEntry[];
	skipped: SkippedChange[];
	changed: boolean;
}

/** The datasets of a source connection as Adobe returns it (`params.datasets`), unknown shapes dropped. */
export function datasetsOfSource(source: { params?: unknown }): DatasetEntry[] {
	const datasets = (source.params as { datasets?: unknown } | undefined)?.datasets;
	if (!Array.isArray(datasets)) return [];
	return datasets.flatMap((entry: unknown) => {
		const { dataSetId, name } = (entry ?? {}) as { dataSetId?: unknown; name?: unknown };
		if (typeof dataSetId !== 'string') return [];
		return [typeof name === 'string' ? { dataSetId, name } : { dataSetId }];
	});
}

const key = (id: string) => id.toLowerCase();

/**
 * A dataset given by ID, as Adobe's exportable list (keyed by lower-case ID) names it; one the list
 * lacks is refused, naming `field`: Adobe exports only those.
 */
export function exportableEntry(
	id: string,
	exportable: ReadonlyMap<string, { name?: unknown }>,
	field: string,
	hint?: string,
): DatasetEntry {
	const found = exportable.get(key(id));
	if (!found)
		inputError(
			field,
			`Dataset ${id} is not among the ${exportable.size} datasets Adobe says this sandbox can export (pick one from Dataset Names or IDs)`,
			hint,
		);
	return typeof found.name === 'string' && found.name
		? { dataSetId: id, name: found.name }
		: { dataSetId: id };
}

/** Whether two lists export the same datasets (order aside): a source connection made for one fits the other. */
export function sameDatasets(a: DatasetEntry[], b: DatasetEntry[]): boolean {
	const ids = new Set(a.map((d) => key(d.dataSetId)));
	return a.length === b.length && b.every((d) => ids.has(key(d.dataSetId)));
}

/**
 * The new dataset list: added IDs go at the end in the order given; present ones (to add) or
 * absent ones (to remove) and repeats are skipped. Removing every dataset is refused: a dataset
 * export exports at least one, and stopping it altogether is Delete Dataflow's work.
 */
export function planDatasets(
	current: DatasetEntry[],
	change: DatasetChange,
	requested: Array<string | DatasetEntry>,
	field = 'datasetIds',
): DatasetPlan {
	const present = new Map(current.map((d) => [key(d.dataSetId), d]));
	const seen = new Set<string>();
	const added: DatasetEntry[] = [];
	const removed: DatasetEntry[] = [];
	const skipped: SkippedChange[] = [];
	for (const entry of requested.map((r) => (typeof r === 'string' ? { dataSetId: r } : r))) {
		const id = entry.dataSetId;
		const k = key(id);
		if (seen.has(k)) {
			skipped.push({ target: `dataset ${id}`, reason: 'listed more than once' });
			continue;
		}
		seen.add(k);
		const existing = present.get(k);
		if (change !== 'remove' && existing) {
			if (change === 'add')
				skipped.push({ target: `dataset ${id}`, reason: 'already exported by this dataflow' });
		} else if (change !== 'remove') {
			added.push(entry);
		} else if (existing) {
			removed.push(existing);
		} else {
			skipped.push({ target: `dataset ${id}`, reason: 'not exported by this dataflow' });
		}
	}
	if (change === 'set') removed.push(...current.filter((d) => !seen.has(key(d.dataSetId))));
	const gone = new Set(removed.map((d) => key(d.dataSetId)));
	const datasets = [...current.filter((d) => !gone.has(key(d.dataSetId))), ...added];
	if (datasets.length === 0) {
		inputError(
			field,
			`Removing ${removed.map((d) => d.name ?? d.dataSetId).join(', ')} would leave the dataflow without datasets, and a dataset export exports at least one. To stop exporting altogether, delete the dataflow (Dataflow › Delete Dataflow)`,
		);
	}
	return { datasets, added, removed, skipped, changed: added.length + removed.length > 0 };
}
