import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { EntryList } from '../descriptions/entriesInput';
import type { AudienceReference, Planner } from '../model/types';
import { AUDIENCE_ENTRIES } from '../descriptions/audienceFields';
import { inputError } from '../model/inputError';
import {
	buildAudienceSelector,
	flattenAudienceEntry,
	type AudienceInput,
} from '../rules/audiences';
import { jsonEntries } from '../rules/entries';
import { flowIdFromLocator } from '../rules/flowLocator';
import { mapsInputFields } from '../rules/inputFields';
import { parseMissingPolicy, type MissingPolicy } from '../rules/missingPolicy';
import {
	DEFAULT_CONFLICT_RETRIES,
	parseBatchSettings,
	parseLimit,
	parseUpdateSwitches,
	type BatchSettings,
	type Options,
} from '../rules/options';
import { readBoolean } from '../rules/scalars';
import { FlowServiceClient } from '../transport';
import { retryPolicyFrom } from '../transport/retryPolicy';
import { checksAudiences } from './audienceCheck';
import { readItemParameter } from './jsonFieldParameter';
import { readRunParameter } from './runParameters';
import type { UpdateOptions } from '../update/applyUpdate';
import type { UpdateRequest } from '../update/runUpdates';

/** The n8n edge of the rules: each reader takes a parameter of one item and checks it. */

function options(this: IExecuteFunctions, itemIndex: number): Options {
	return readRunParameter.call(this, 'options', itemIndex, {}) as Options;
}

export function getFlowId(this: IExecuteFunctions, itemIndex: number): string {
	return flowIdFromLocator(readItemParameter.call(this, 'flowId', itemIndex));
}

/** Simplify (reads): its default depends on the node version, so no fallback is given here. */
export function getSimplify(this: IExecuteFunctions, itemIndex: number): boolean {
	return readBoolean(this.getNodeParameter('simplify', itemIndex, false), 'simplify');
}

/** How many results the item asks for; Infinity with Return All. */
export function getLimit(this: IExecuteFunctions, itemIndex: number): number {
	return parseLimit(
		this.getNodeParameter('returnAll', itemIndex, false),
		this.getNodeParameter('limit', itemIndex, 50),
	);
}

/** A client for this item, with the retry limits its options set. */
export function getClient(this: IExecuteFunctions, itemIndex: number): FlowServiceClient {
	return new FlowServiceClient(this, retryPolicyFrom(options.call(this, itemIndex)));
}

export function getUpdateOptions(
	this: IExecuteFunctions,
	itemIndex: number,
	defaultConflictRetries = DEFAULT_CONFLICT_RETRIES,
): UpdateOptions {
	return parseUpdateSwitches(options.call(this, itemIndex), defaultConflictRetries);
}

/** How the items of one run are grouped and spread; read once, from the first item. */
export function getBatchSettings(this: IExecuteFunctions): BatchSettings {
	return parseBatchSettings(options.call(this, 0));
}

/** The usual update of one item: its dataflow, a planner, its options and its client. */
export function updateRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	flowId: string,
	planner: Planner,
	audiences?: AudienceReference[],
): UpdateRequest {
	// One read of the item's options serves all: each read is a full parameter resolution in n8n.
	const itemOptions = options.call(this, itemIndex);
	const request: UpdateRequest = {
		flowId,
		change: { planner },
		options: parseUpdateSwitches(itemOptions, DEFAULT_CONFLICT_RETRIES),
		client: new FlowServiceClient(this, retryPolicyFrom(itemOptions)),
	};
	return audiences && checksAudiences(itemOptions, this.getNode().typeVersion)
		? { ...request, audiences }
		: request;
}

export function readMissingPolicy(this: IExecuteFunctions, itemIndex: number): MissingPolicy {
	return parseMissingPolicy(readRunParameter.call(this, 'ifMissing', itemIndex, 'skip'));
}

/** The item's own JSON when the node maps input fields, otherwise undefined. */
export function mappedItem(this: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const mapped = mapsInputFields(readRunParameter.call(this, 'dataMode', itemIndex, 'defineBelow'));
	return mapped ? this.getInputData()[itemIndex].json : undefined;
}

/**
 * The raw entries of whichever mode the item uses, and the parameter path errors name. Fields mode
 * is not checked here: each operation decides what an entry must be.
 */
export function readEntries(
	this: IExecuteFunctions,
	itemIndex: number,
	list: EntryList,
): { field: string; entries: unknown[] } {
	const json = this.getNodeParameter(list.modeName, itemIndex, 'fields') === 'json';
	const field = json ? list.jsonName : `${list.listName}.${list.entryName}`;
	const entries = json
		? jsonEntries(this.getNodeParameter(list.jsonName, itemIndex, '[]'), field)
		: (((readItemParameter.call(this, list.listName, itemIndex, {}) as IDataObject)[
				list.entryName
			] ?? []) as unknown[]);
	return { field, entries };
}

/**
 * The audience entries of either input mode (fields or JSON), flattened, each with its parameter
 * path; possibly none. Operations that take audiences share the parameter names.
 */
export function readAudienceEntries(
	this: IExecuteFunctions,
	itemIndex: number,
): { field: string; fields: string[]; entries: AudienceInput[] } {
	const { field, entries } = readEntries.call(this, itemIndex, AUDIENCE_ENTRIES);
	if (!Array.isArray(entries)) inputError(field, 'Add at least one audience');
	const fields = entries.map((_, index) => `${field}[${index}]`);
	return {
		field,
		fields,
		entries: entries.map((entry, index) => flattenAudienceEntry(entry, fields[index])),
	};
}

/** The audiences to add, validated every one before anything is sent. */
export function readAudienceSelectors(this: IExecuteFunctions, itemIndex: number) {
	const { field, fields, entries } = readAudienceEntries.call(this, itemIndex);
	if (entries.length === 0) inputError(field, 'Add at least one audience');
	return {
		selectors: entries.map((entry, index) => buildAudienceSelector(entry, fields[index])),
		fields,
	};
}
