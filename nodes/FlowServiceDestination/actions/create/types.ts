import type { IDataObject } from 'n8n-workflow';

import type { CreateInput } from '../../rules/createDataflow';
import type { FlowServiceClient } from '../../transport';
import type { ResolvedCreate } from './resolve';

export interface CreateOptions {
	dryRun: boolean;
	checksAudiences: boolean;
	maxConflictRetries: number;
	flowConcurrency: number;
}

export interface CreateEntry {
	itemIndex: number;
	input: CreateInput;
	options: CreateOptions;
	client: FlowServiceClient;
}

export type CreateOutcome =
	{ itemIndex: number; json: IDataObject } | { itemIndex: number; error: unknown };

/** An item with what was read for it, as the run groups items per dataflow name. */
export interface CreateMember {
	entry: CreateEntry;
	resolved: ResolvedCreate;
}

/** An item's output, and the dataflow it created (none when it only read or updated). */
export interface ItemResult {
	json: IDataObject;
	created?: string;
}
