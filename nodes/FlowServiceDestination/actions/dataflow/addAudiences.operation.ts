import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { AUDIENCE_ENTRIES, checkAudiencesOption } from '../../descriptions/audienceFields';
import { dataModeField, definedBelow } from '../../descriptions/dataMode';
import { entriesInput } from '../../descriptions/entriesInput';
import { updateOptions } from '../../descriptions/options';
import { planAddAudiences } from '../../planner/audiences';
import { buildAudienceSelector } from '../../rules/audiences';
import {
	INPUT_FIELD_PREFIX,
	inputField,
	mappedAudienceEntry,
	mappedFlowId,
} from '../../rules/inputFields';
import type { UpdateRequest } from '../../update/runUpdates';
import { getFlowId, mappedItem, readAudienceSelectors, updateRequest } from '../parameters';

const OPERATION = 'addAudiences';

export const description: INodeProperties[] = [
	dataModeField(
		OPERATION,
		'flowId (dataflow ID or URL), audienceId, and optionally name, exportMode, frequency, triggerType, startDate, endDate, startTime, filenameTemplate',
	),
	...entriesInput(
		AUDIENCE_ENTRIES,
		{ operation: [OPERATION], ...definedBelow },
		{
			json: 'Array of audience objects with the same keys as the fields mode, or selectors as Get returns them',
		},
	),
	updateOptions([OPERATION], { extra: [checkAudiencesOption] }),
];

export function prepare(this: IExecuteFunctions, itemIndex: number): UpdateRequest {
	const mapped = mappedItem.call(this, itemIndex);
	const flowId = mapped ? mappedFlowId(mapped) : getFlowId.call(this, itemIndex);
	const { selectors, fields } = mapped
		? {
				selectors: [buildAudienceSelector(mappedAudienceEntry(mapped), INPUT_FIELD_PREFIX)],
				fields: [INPUT_FIELD_PREFIX],
			}
		: readAudienceSelectors.call(this, itemIndex);
	const flowField = mapped ? inputField('flowId') : 'flowId';
	const references = selectors.map((selector, index) => ({
		id: selector.value.id,
		field: mapped ? inputField('audienceId') : `${fields[index]}.id`,
		value: selector.value,
	}));
	return updateRequest.call(
		this,
		itemIndex,
		flowId,
		planAddAudiences(selectors, fields, flowField),
		references,
	);
}
