import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../model/inputError';
import { inputField, mappedAudienceId, mappedFlowId } from '../../rules/inputFields';
import { pickedAudienceIds } from '../../rules/pickedAudiences';
import { requireUuid, toList } from '../../rules/scalars';
import { planRemoveAudiences } from '../../planner/audiences';
import type { MissingPolicy } from '../../rules/missingPolicy';
import type { UpdateRequest } from '../../update/runUpdates';
import { audienceLocator } from '../../descriptions/audienceLocator';
import { dataModeField, definedBelow } from '../../descriptions/dataMode';
import { ifMissingField } from '../../descriptions/missingPolicy';
import { updateOptions } from '../../descriptions/options';
import { readItemParameter } from '../jsonFieldParameter';
import { getFlowId, mappedItem, readMissingPolicy, updateRequest } from '../parameters';

const OPERATION = 'removeAudiences';
const show = { show: { operation: [OPERATION], ...definedBelow } };

export const description: INodeProperties[] = [
	dataModeField(OPERATION, 'flowId (dataflow ID or URL) and audienceId'),
	{
		displayName: 'Match By',
		name: 'matchBy',
		type: 'options',
		default: 'id',
		displayOptions: show,
		options: [
			{ name: 'Audience ID', value: 'id' },
			{ name: 'Audience Name', value: 'name' },
		],
	},
	{
		displayName: 'Audiences',
		name: 'audienceKeys',
		type: 'string',
		default: '',
		placeholder: '9f7d37fd-7039-4454-94ef-2b0cd6c3206a, f52a3785-2e7c-40a7-8137-9be99af7794e',
		description:
			'Audience IDs (or names) to remove: comma-separated, one per line, or a list from an expression. With Match By ID, audiences picked below are removed too.',
		displayOptions: show,
	},
	{
		displayName: 'Audiences (Pick From List)',
		name: 'pickedAudiences',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Pick Audience',
		default: {},
		description:
			"Audiences chosen by name from Adobe's audience list; removed together with the ones typed above",
		displayOptions: { show: { operation: [OPERATION], ...definedBelow, matchBy: ['id'] } },
		options: [
			{
				displayName: 'Audience',
				name: 'audience',
				values: [audienceLocator('id', 'Audience', 'An audience to stop exporting')],
			},
		],
	},
	ifMissingField(OPERATION, 'audience'),
	updateOptions([OPERATION]),
];

export function prepare(this: IExecuteFunctions, itemIndex: number): UpdateRequest {
	const mapped = mappedItem.call(this, itemIndex);
	if (mapped)
		return request.call(
			this,
			itemIndex,
			mappedFlowId(mapped),
			[mappedAudienceId(mapped)],
			'id',
			true,
		);
	const flowId = getFlowId.call(this, itemIndex);
	const matchBy = this.getNodeParameter('matchBy', itemIndex, 'id') as 'id' | 'name';
	if (matchBy !== 'id' && matchBy !== 'name')
		inputError('matchBy', `Match By must be id or name, got ${JSON.stringify(matchBy)}`);
	const keys = toList(
		readItemParameter.call(this, 'audienceKeys', itemIndex, ''),
		'audienceKeys',
		'Audience',
	);
	const picked =
		matchBy === 'id'
			? pickedAudienceIds(
					this.getNodeParameter('pickedAudiences', itemIndex, {}),
					'pickedAudiences',
				)
			: [];
	if (keys.length === 0 && picked.length === 0) {
		inputError(
			'audienceKeys',
			matchBy === 'id'
				? 'Name at least one audience to remove, here or in Audiences (Pick From List)'
				: 'Name at least one audience to remove',
		);
	}
	const checked =
		matchBy === 'id'
			? [...keys.map((key) => requireUuid(key, 'audienceKeys', 'Audience ID')), ...picked]
			: keys;
	return request.call(this, itemIndex, flowId, checked, matchBy);
}

/** `mapped`: the keys and the dataflow came from the item's fields, so errors name those. */
function request(
	this: IExecuteFunctions,
	itemIndex: number,
	flowId: string,
	keys: string[],
	matchBy: 'id' | 'name',
	mapped = false,
): UpdateRequest {
	const ifMissing: MissingPolicy = readMissingPolicy.call(this, itemIndex);
	const fields = mapped ? { field: inputField('audienceId'), flowField: inputField('flowId') } : {};
	return updateRequest.call(
		this,
		itemIndex,
		flowId,
		planRemoveAudiences({ keys, matchBy, ifMissing, ...fields }),
	);
}
