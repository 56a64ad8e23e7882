import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { planRemoveAudiences } from '../../planner/audiences';
import type { ItemOutcome } from '../operations';
import { onAllFields, readOnAllInput, runOnAllDataflows, type OnAllInput } from './onAllDataflows';

const OPERATION = 'removeFromAll';

export const description: INodeProperties[] = onAllFields(OPERATION, 'remove it from');

export function prepareItem(this: IExecuteFunctions, itemIndex: number): OnAllInput {
	return readOnAllInput.call(this, itemIndex);
}

/** Every dataflow exporting the audience loses it: Remove Audiences' planner, one PATCH each. */
export async function runAll(
	this: IExecuteFunctions,
	items: Array<{ itemIndex: number; input: OnAllInput }>,
	continueOnFail: boolean,
): Promise<ItemOutcome[]> {
	return await runOnAllDataflows(items, continueOnFail, {
		verb: 'remove',
		planner: ({ audienceId }) =>
			planRemoveAudiences({
				keys: [audienceId],
				matchBy: 'id',
				// Gone since the listing (another writer): nothing left to remove there.
				ifMissing: 'skip',
				field: 'audienceId',
				flowField: 'audienceId',
			}),
		fields: ({ audienceId }) => ({ audienceId }),
	});
}
