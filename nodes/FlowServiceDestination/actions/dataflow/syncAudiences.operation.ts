import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../model/inputError';
import { flowFromInput } from '../../model/inputFlow';
import {
	checkListSize,
	desiredAudiences,
	planSyncAudiences,
	summarizeSync,
	type SyncAudiencesInput,
} from '../../planner/syncAudiences';
import { applyUpdate } from '../../update/applyUpdate';
import {
	flowLocator,
	getClient,
	getFlowId,
	getUpdateOptions,
	requestOptionFields,
	updateOptions,
} from '../../descriptions/common';
import { readAudienceEntries } from './addAudiences.operation';
import { AUDIENCE_ENTRIES } from '../../descriptions/audienceFields';
import { entriesInput } from '../../descriptions/entriesInput';

const OPERATION = 'syncAudiences';
const show = { show: { operation: [OPERATION] } };
/** Options this operation honours: it runs per item, so batching across items does not apply. */
const OPTION_NAMES = new Set([
	'dryRun',
	'maxConflictRetries',
	'returnUpdatedFlow',
	'useInputFlow',
	...requestOptionFields.map((field) => field.name),
]);

const allowEmptyList: INodeProperties = {
	displayName: 'Allow Empty List',
	name: 'allowEmptyList',
	type: 'boolean',
	default: false,
	description:
		'Whether an empty audience list is accepted. With Remove Audiences Not Listed on, it removes every audience from the dataflow; off, an empty list fails the item so an expression that yields nothing cannot empty a dataflow.',
};

const baseOptions = updateOptions([OPERATION]);

export const description: INodeProperties[] = [
	flowLocator([OPERATION]),
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
	{
		...baseOptions,
		options: [
			...(baseOptions.options as INodeProperties[]).filter((option) =>
				OPTION_NAMES.has(option.name),
			),
			allowEmptyList,
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

/** Reads and checks the desired list and the switches; nothing is sent when any of it is wrong. */
export function readSyncInput(this: IExecuteFunctions, itemIndex: number): SyncAudiencesInput {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const allowEmpty = flag(options.allowEmptyList, 'options.allowEmptyList', false);
	const removeUnlisted = flag(
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

function flag(value: unknown, field: string, fallback: boolean): boolean {
	if (value === undefined) return fallback;
	if (typeof value !== 'boolean')
		inputError(field, `Must be true or false, got ${JSON.stringify(value)}`);
	return value;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const flowId = getFlowId.call(this, itemIndex);
	const planner = planSyncAudiences(readSyncInput.call(this, itemIndex));
	const options = getUpdateOptions.call(this, itemIndex);
	const useInputFlow = flag(
		(this.getNodeParameter('options', itemIndex, {}) as IDataObject).useInputFlow,
		'options.useInputFlow',
		true,
	);
	if (useInputFlow) options.baseFlow = flowFromInput(this.getInputData()[itemIndex]?.json, flowId);
	const result = await applyUpdate.call(
		this,
		itemIndex,
		getClient.call(this, itemIndex),
		flowId,
		planner,
		options,
	);
	return { ...result, ...summarizeSync(result.operations, result.skipped) };
}
