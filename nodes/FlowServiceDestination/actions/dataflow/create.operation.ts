import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createFields } from '../../descriptions/createFields';
import { parseUpdateSwitches, parseBatchSettings, type Options } from '../../rules/options';
import { FlowServiceClient } from '../../transport';
import { retryPolicyFrom } from '../../transport/retryPolicy';
import { checksAudiences } from '../audienceCheck';
import { readCreateInput } from '../create/parameters';
import { runCreates, type CreateEntry } from '../create/run';
import type { ItemOutcome } from '../operations';
import { readRunParameter } from '../runParameters';

export const description: INodeProperties[] = createFields;

/** Checks an item's parameters; nothing is read or sent yet. */
export function prepareItem(this: IExecuteFunctions, itemIndex: number): CreateEntry {
	const options = readRunParameter.call(this, 'options', itemIndex, {}) as Options;
	const switches = parseUpdateSwitches(options);
	return {
		itemIndex,
		input: readCreateInput.call(this, itemIndex),
		options: {
			dryRun: switches.dryRun,
			maxConflictRetries: switches.maxConflictRetries,
			checksAudiences: checksAudiences(options, this.getNode().typeVersion),
			flowConcurrency: parseBatchSettings(options).flowConcurrency,
		},
		client: new FlowServiceClient(this, retryPolicyFrom(options)),
	};
}

export async function runAll(
	this: IExecuteFunctions,
	items: Array<{ itemIndex: number; input: CreateEntry }>,
	continueOnFail: boolean,
): Promise<ItemOutcome[]> {
	return await runCreates(
		this,
		items.map((item) => item.input),
		continueOnFail,
	);
}
