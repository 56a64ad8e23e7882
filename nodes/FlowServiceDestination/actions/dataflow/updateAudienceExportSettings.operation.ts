import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { DEFAULT_FILENAME_TEMPLATE } from '../../rules/audiences';
import { inputError } from '../../model/inputError';
import { planUpdateAudienceSettings } from '../../planner/audienceSettings';
import { parseSettingsChange } from '../../rules/audienceSettings';
import type { UpdateRequest } from '../../update/runUpdates';
import { checkAudiencesOption, scheduleChoiceFields } from '../../descriptions/audienceFields';
import { audienceLocator } from '../../descriptions/audienceLocator';
import { entriesInput, type EntryList } from '../../descriptions/entriesInput';
import { ifMissingField } from '../../descriptions/missingPolicy';
import { updateOptions } from '../../descriptions/options';
import { getFlowId, readEntries, readMissingPolicy, updateRequest } from '../parameters';

const OPERATION = 'updateAudienceExportSettings';
const show = { show: { operation: [OPERATION] } };
const KEEP: INodePropertyOptions = { name: 'Keep Current', value: '' };

const settingFields: INodeProperties[] = [
	audienceLocator(
		'id',
		'Audience',
		'An audience already on the dataflow whose export settings change: pick it by name or give its ID',
	),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'New audience name stored on the dataflow; empty keeps the current one',
	},
	...scheduleChoiceFields(KEEP, 'New export mode; the frequency must fit it', true),
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'string',
		default: '',
		placeholder: '2026-12-01',
		description: 'New first export day, YYYY-MM-DD; empty keeps the current one',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'string',
		default: '',
		placeholder: '2026-12-31',
		description: 'New end date, YYYY-MM-DD, not itself exported; empty keeps the current one',
	},
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'string',
		default: '',
		placeholder: '20:00',
		description: 'New start time, whole hour HH:00, UTC; empty keeps the current one',
	},
	{
		displayName: 'File Name Template',
		name: 'filenameTemplate',
		type: 'string',
		default: '',
		placeholder: DEFAULT_FILENAME_TEMPLATE,
		description:
			'New template; legacy dataflows need %DESTINATION_NAME% and %SEGMENT_ID%; empty keeps the current one',
	},
	{
		displayName: 'Remove Settings',
		name: 'removeFields',
		type: 'multiOptions',
		default: [],
		description:
			'Optional schedule settings to take off the audience, for example the end date when switching to a one-time export',
		options: [
			{ name: 'End Date', value: 'endDate' },
			{ name: 'Start Time', value: 'startTime' },
			{ name: 'Trigger Type', value: 'triggerType' },
		],
	},
];

const SETTINGS_ENTRIES: EntryList = {
	modeName: 'settingsInput',
	modeLabel: 'Define Changes',
	listName: 'audienceSettings',
	listLabel: 'Audiences',
	entryName: 'audience',
	entryLabel: 'Audience',
	values: settingFields,
	jsonName: 'audienceSettingsJson',
	jsonDefault: '[\n  {\n    "id": "",\n    "frequency": "DAILY"\n  }\n]',
};

const missing = ifMissingField(OPERATION, 'audience');

export const description: INodeProperties[] = [
	...entriesInput(SETTINGS_ENTRIES, show.show, {
		list: 'Audiences on the dataflow and the export settings to change; settings left empty keep their current values',
		json: 'Array of {ID, name, exportMode, frequency, triggerType, startDate, endDate, startTime, filenameTemplate}: keys left out keep their current values; null removes endDate, triggerType or startTime',
	}),
	{
		...missing,
		options: [
			{
				name: 'Skip It',
				value: 'skip',
				description: 'Update the others and report the missing audience as skipped',
			},
			{ name: 'Fail', value: 'error', description: 'Change nothing and fail the item' },
		],
	},
	updateOptions([OPERATION], { extra: [checkAudiencesOption] }),
];

export function prepare(this: IExecuteFunctions, itemIndex: number): UpdateRequest {
	const flowId = getFlowId.call(this, itemIndex);
	const { field, entries } = readEntries.call(this, itemIndex, SETTINGS_ENTRIES);
	if (!Array.isArray(entries) || entries.length === 0)
		inputError(field, 'Add at least one audience to change');
	const changes = entries.map((entry, index) => parseSettingsChange(entry, `${field}[${index}]`));
	// Names here are settings to write, so the check only confirms the IDs exist.
	const references = changes.map((change) => ({ id: change.id, field: `${change.field}.id` }));
	const policy = readMissingPolicy.call(this, itemIndex);
	return updateRequest.call(
		this,
		itemIndex,
		flowId,
		planUpdateAudienceSettings(changes, policy, field),
		references,
	);
}
