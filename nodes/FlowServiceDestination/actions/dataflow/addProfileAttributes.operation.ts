import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../model/inputError';
import { buildProfileAttribute } from '../../rules/profileAttributes';
import { planAddProfileAttributes } from '../../planner/profileAttributes';
import type { UpdateRequest } from '../../update/runUpdates';
import { ATTRIBUTE_ENTRIES } from '../../descriptions/attributeFields';
import { entriesInput } from '../../descriptions/entriesInput';
import { updateOptions } from '../../descriptions/options';
import { getFlowId, readEntries, updateRequest } from '../parameters';

const OPERATION = 'addProfileAttributes';

export const description: INodeProperties[] = [
	...entriesInput(
		ATTRIBUTE_ENTRIES,
		{ operation: [OPERATION] },
		{ json: 'Array of {path, identityNamespace, mandatory, deduplicationKey}' },
	),
	updateOptions([OPERATION]),
];

export function prepare(this: IExecuteFunctions, itemIndex: number): UpdateRequest {
	const flowId = getFlowId.call(this, itemIndex);
	const { field, entries } = readEntries.call(this, itemIndex, ATTRIBUTE_ENTRIES);
	if (entries.length === 0) inputError(field, 'Add at least one attribute');
	const attributes = entries.map((entry, index) =>
		buildProfileAttribute(entry, `${field}[${index}]`),
	);
	return updateRequest.call(this, itemIndex, flowId, planAddProfileAttributes(attributes));
}
