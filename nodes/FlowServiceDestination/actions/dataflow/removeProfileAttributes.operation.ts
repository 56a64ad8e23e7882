import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../model/inputError';
import { toList } from '../../rules/scalars';
import { planRemoveProfileAttributes } from '../../planner/profileAttributes';
import type { UpdateRequest } from '../../update/runUpdates';
import { ifMissingField } from '../../descriptions/missingPolicy';
import { updateOptions } from '../../descriptions/options';
import { getFlowId, readMissingPolicy, updateRequest } from '../parameters';

const OPERATION = 'removeProfileAttributes';

export const description: INodeProperties[] = [
	{
		displayName: 'XDM Paths',
		name: 'attributePaths',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'person.name.firstName, mobilePhone.status',
		description:
			'Profile attributes to stop exporting: comma-separated, one per line, or a list from an expression',
		displayOptions: { show: { operation: [OPERATION] } },
	},
	ifMissingField(OPERATION, 'attribute'),
	updateOptions([OPERATION]),
];

export function prepare(this: IExecuteFunctions, itemIndex: number): UpdateRequest {
	const flowId = getFlowId.call(this, itemIndex);
	const paths = toList(
		this.getNodeParameter('attributePaths', itemIndex, ''),
		'attributePaths',
		'Attribute path',
	);
	if (paths.length === 0) inputError('attributePaths', 'Name at least one attribute to remove');
	return updateRequest.call(
		this,
		itemIndex,
		flowId,
		planRemoveProfileAttributes({
			paths,
			ifMissing: readMissingPolicy.call(this, itemIndex),
		}),
	);
}
