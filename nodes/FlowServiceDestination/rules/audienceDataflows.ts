import type { FlowDocument } from '../model/types';
import { inputError } from '../model/inputError';
import { readBoolean, toList } from './scalars';

/** Which of the dataflows exporting an audience an operation touches. */
export interface DataflowFilter {
	enabledOnly: boolean;
	/** Exact dataflow names; none: every dataflow. */
	names: string[];
}

const FIELD = 'dataflowFilter';

/** The Dataflow Filter collection, checked. */
export function parseDataflowFilter(raw: unknown): DataflowFilter {
	if (raw === undefined || raw === null) return { enabledOnly: false, names: [] };
	if (typeof raw !== 'object' || Array.isArray(raw)) {
		inputError(FIELD, 'Dataflow Filter must be a collection of filters');
	}
	const filter = raw as Record<string, unknown>;
	const names = toList(filter.names, `${FIELD}.names`, 'Dataflow Names').map((name) => name.trim());
	return {
		enabledOnly: readBoolean(filter.enabledOnly, `${FIELD}.enabledOnly`),
		names: [...new Set(names)],
	};
}

/** The dataflows the filter keeps, and the names it lists that none of the dataflows carries. */
export function selectDataflows(
	flows: FlowDocument[],
	filter: DataflowFilter,
): { selected: FlowDocument[]; unmatchedNames: string[] } {
	const named = new Set(filter.names);
	const selected = flows.filter(
		(flow) =>
			(!filter.enabledOnly || flow.state === 'enabled') &&
			(named.size === 0 || named.has(typeof flow.name === 'string' ? flow.name : '')),
	);
	const present = new Set(flows.map((flow) => flow.name));
	return { selected, unmatchedNames: filter.names.filter((name) => !present.has(name)) };
}
