import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildAudienceSelector, type AudienceInput } from '../../rules/audiences';
import { inputError } from '../../model/inputError';
import {
	INPUT_FIELD_PREFIX,
	inputField,
	mappedAudienceEntry,
	mappedFlowId,
} from '../../rules/inputFields';
import type { SegmentSelector } from '../../model/types';
import { describeType } from '../../rules/scalars';
import { planAddAudiences } from '../../planner/audiences';
import type { UpdateRequest } from '../../update/runUpdates';
import {
	flowLocator,
	getClient,
	getFlowId,
	getUpdateOptions,
	updateOptions,
} from '../../descriptions/common';
import { AUDIENCE_ENTRIES } from '../../descriptions/audienceFields';
import { dataModeField, definedBelow, mappedItem } from '../../descriptions/dataMode';
import { entriesInput, readEntries } from '../../descriptions/entriesInput';

const OPERATION = 'addAudiences';

export const description: INodeProperties[] = [
	dataModeField(
		OPERATION,
		'flowId (dataflow ID or URL), audienceId, and optionally name, exportMode, frequency, triggerType, startDate, endDate, startTime, filenameTemplate',
	),
	flowLocator([OPERATION]),
	...entriesInput(
		AUDIENCE_ENTRIES,
		{ operation: [OPERATION], ...definedBelow },
		{
			json: 'Array of audience objects with the same keys as the fields mode, or selectors as Get returns them',
		},
	),
	updateOptions([OPERATION]),
];

/** Reads the audiences from either input mode and validates every one before anything is sent. */
export function readAudienceSelectors(
	this: IExecuteFunctions,
	itemIndex: number,
): { selectors: SegmentSelector[]; fields: string[] } {
	const { field, fields, entries } = readAudienceEntries.call(this, itemIndex);
	if (entries.length === 0) inputError(field, 'Add at least one audience');
	return {
		selectors: entries.map((entry, index) => buildAudienceSelector(entry, fields[index])),
		fields,
	};
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
		entries: entries.map((entry, index) => flattenSelector(entry, fields[index])),
	};
}

/** Accepts Adobe's own selector shape ({type, value: {..., schedule}}) as well as the flat one. */
function flattenSelector(entry: unknown, field: string): AudienceInput {
	if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
		inputError(field, `Each audience must be an object, got ${describeType(entry)}`);
	}
	const flat = entry as IDataObject;
	const value = flat.value as IDataObject | undefined;
	if (!value || typeof value !== 'object') return flat;
	const schedule = (value.schedule ?? {}) as IDataObject;
	return { ...value, ...schedule } as AudienceInput;
}

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
	return {
		flowId,
		planner: planAddAudiences(selectors, fields, flowField),
		options: getUpdateOptions.call(this, itemIndex),
		client: getClient.call(this, itemIndex),
	};
}
