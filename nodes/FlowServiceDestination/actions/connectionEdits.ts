import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { conflictRetriesOption, dryRunOption, optionsWith } from '../descriptions/options';
import { parseUpdateSwitches, type Options } from '../rules/options';
import { FlowServiceClient } from '../transport';
import { retryPolicyFrom } from '../transport/retryPolicy';
import type { ItemOutcome } from './operations';
import { readRunParameter } from './runParameters';

/** Edits of a connection (target connection, destination account): few options, no batching. */
export interface EditSettings {
	dryRun: boolean;
	maxConflictRetries: number;
	client: FlowServiceClient;
}

/** Conflicts on one connection are rarer than on a dataflow, and each retry reads it again. */
const EDIT_CONFLICT_RETRIES = 3;

export function editOptions(operation: string, what: string): INodeProperties {
	return optionsWith(
		[operation],
		[
			dryRunOption(`Whether to only read and show what would change, without changing the ${what}`),
			{
				...conflictRetriesOption(EDIT_CONFLICT_RETRIES),
				description: `How many times to read the ${what} again and re-plan when another writer changed it first (HTTP 412)`,
			},
		],
	);
}

export function readEditSettings(this: IExecuteFunctions, itemIndex: number): EditSettings {
	const options = readRunParameter.call(this, 'options', itemIndex, {}) as Options;
	const switches = parseUpdateSwitches(options, EDIT_CONFLICT_RETRIES);
	return {
		dryRun: switches.dryRun,
		maxConflictRetries: switches.maxConflictRetries,
		client: new FlowServiceClient(this, retryPolicyFrom(options)),
	};
}

/**
 * Runs the items one after the other, in input order (two items may edit the same connection):
 * the first failure stops the rest unless failures continue per item.
 */
export async function runEach<T>(
	items: Array<{ itemIndex: number; input: T }>,
	continueOnFail: boolean,
	run: (input: T) => Promise<IDataObject>,
): Promise<ItemOutcome[]> {
	const outcomes: ItemOutcome[] = [];
	for (const { itemIndex, input } of items) {
		try {
			outcomes.push({ itemIndex, json: await run(input) });
		} catch (error) {
			outcomes.push({ itemIndex, error });
			if (!continueOnFail) break;
		}
	}
	return outcomes;
}
