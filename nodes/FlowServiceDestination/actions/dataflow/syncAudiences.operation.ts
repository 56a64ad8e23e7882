import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { AUDIENCE_ENTRIES, checkAudiencesOption } from '../../descriptions/audienceFields';
import { entriesInput } from '../../descriptions/entriesInput';
import { updateOptions } from '../../descriptions/options';
import { inputError } from '../../model/inputError';
import { planSyncAudiences, summarizeSync } from '../../planner/syncAudiences';
import { readBoolean } from '../../rules/scalars';
import {
	checkListSize,
	desiredAudiences,
	type SyncAudiencesInput,
} from '../../rules/syncAudiences';
import type { UpdateRequest } from '../../update/runUpdates';
import { getFlowId, readAudienceEntries, updateRequest } from '../parameters';

const OPERATION = 'syncAudiences';
const show = { show: { operation: [OPERATION] } };
const allowEmptyList: INodeProperties = {
	displayName: 'Allow Empty List',
	name: 'allowEmptyList',
	type: 'boolean',
	default: false,
	description:
		'Whether an empty audience list is accepted. With Remove Audiences Not Listed on, it removes every audience from the dataflow; off, an empty list fails the item so an expression that yields nothing cannot empty a dataflow.',
};

export const description: INodeProperties[] = [
	...entriesInput(AUDIENCE_ENTRIES, show.show, {
		list: 'Every audience the dataflow should export, with its export settings. An empty name or file name template keeps the one on the dataflow.',
		json: 'Array of every audience the dataflow should export: objects with the keys of the fields mode (ID, name, exportMode, frequency, triggerType, startDate, endDate, startTime, filenameTemplate), or selectors as Get returns them',
	}),
	{
		displayName: 'Remove Audiences Not Listed',
		name: 'removeUnlisted',
		type: 'boolean',
		default: true,
		description:
			'Whether audiences on the dataflow that are not in the list are removed. Off: only add missing audiences and update changed settings.',
		displayOptions: show,
	},
	updateOptions([OPERATION], { batching: false, extra: [allowEmptyList, checkAudiencesOption] }),
];

/** Reads and checks the desired list and the switches; nothing is sent when any of it is wrong. */
export function readSyncInput(this: IExecuteFunctions, itemIndex: number): SyncAudiencesInput {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const allowEmpty = readBoolean(options.allowEmptyList, 'options.allowEmptyList');
	const removeUnlisted = readBoolean(
		this.getNodeParameter('removeUnlisted', itemIndex, true),
		'removeUnlisted',
		true,
	);
	if (this.getNodeParameter('audienceInput', itemIndex, 'fields') === 'json') {
		// An expression that yields nothing is a mistake, never an empty list, even with Allow Empty List.
		const raw = this.getNodeParameter('audiencesJson', itemIndex, undefined) as unknown;
		if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
			inputError(
				'audiencesJson',
				'Audiences (JSON) is empty; give an array of audiences (an explicit [] with Allow Empty List removes every audience)',
			);
		}
	}
	const { field, fields, entries } = readAudienceEntries.call(this, itemIndex);
	checkListSize(entries.length, field, removeUnlisted, allowEmpty);
	return { desired: desiredAudiences(entries, fields), removeUnlisted, field };
}

export function prepare(this: IExecuteFunctions, itemIndex: number): UpdateRequest {
	const flowId = getFlowId.call(this, itemIndex);
	const input = readSyncInput.call(this, itemIndex);
	const references = input.desired.map(({ selector, field }) => ({
		id: selector.value.id,
		field: `${field}.id`,
		value: selector.value,
	}));
	return updateRequest.call(this, itemIndex, flowId, planSyncAudiences(input), references);
}

/** Each item is a whole desired state: read and written on its own, one after the other. */
export const combinable = false;
export const parallel = false;

/**
 * `unchanged`: the IDs of listed audiences already set as asked. Version 1 keeps its four lists of
 * IDs (`added`, `removed`, `updated` as strings, as saved workflows read them); from version 2 those
 * three are the shared `{ id, name }` lists of every update.
 */
export function summarize(result: IDataObject, version: number): IDataObject {
	const { unchanged, ...lists } = summarizeSync(result.operations, result.skipped);
	return version < 2 ? { ...lists, unchanged } : { unchanged };
}
