/** What Add Datasets and Remove Datasets work with, and the two requests that change a dataflow. */
import { randomUUID } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { FlowConnection } from '../../model/destination';
import type { FlowDocument, PatchOperation } from '../../model/types';
import type { DatasetChange, DatasetEntry, DatasetPlan } from '../../planner/datasetMembership';
import type { FlowServiceClient } from '../../transport';
import type { ExportableDataset } from '../../transport/exportableDatasets';

export interface DatasetChangeInput {
	flowId: string;
	change: DatasetChange;
	datasetIds: Array<string | DatasetEntry>;
	/** Add Datasets: the datasets Adobe says the sandbox can export, read once per run (names, and a check). */
	exportable?: () => Promise<Map<string, ExportableDataset>>;
	dryRun: boolean;
	maxConflictRetries: number;
	client: FlowServiceClient;
}

/** The dataflow as read, its source connection and the plan made on them. */
export interface Planned {
	flow: FlowDocument;
	source: FlowConnection;
	plan: DatasetPlan;
}

/** A source connection this item created and the dataflow did not use when last read, and the plan it was made for. */
export interface Pending {
	id: string;
	datasets: DatasetEntry[];
	planned: Planned;
}

export interface Retries {
	conflicts: number;
	transient: number;
}

/**
 * The new Data Lake source connection: a name of its own (the dataflow's, and a random suffix),
 * the current one's base and spec, the whole new list.
 */
export function sourceBody(
	flow: FlowDocument,
	source: FlowConnection,
	plan: DatasetPlan,
): IDataObject {
	return {
		name: `${flow.name ?? flow.id} datasets ${randomUUID().slice(0, 8)}`,
		...(source.baseConnectionId ? { baseConnectionId: source.baseConnectionId } : {}),
		connectionSpec: {
			id: source.connectionSpec?.id,
			version: source.connectionSpec?.version ?? '1.0',
		},
		params: { datasets: plan.datasets as unknown as IDataObject[] },
	};
}

export function replaceSource(sourceConnectionId: string): PatchOperation[] {
	return [{ op: 'replace', path: '/sourceConnectionIds', value: [sourceConnectionId] }];
}
