import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';

import { inputError } from '../model/inputError';
import { describeType } from '../rules/scalars';

/** A list an operation takes either as a fixed collection or as a JSON array; one set of names for both. */
export interface EntryList {
	modeName: string;
	modeLabel: string;
	listName: string;
	listLabel: string;
	entryName: string;
	entryLabel: string;
	values: INodeProperties[];
	jsonName: string;
	jsonDefault: string;
}

/** The mode switch, the collection and the JSON parameter, each shown under `show` and its mode. */
export function entriesInput(
	list: EntryList,
	show: NonNullable<IDisplayOptions['show']>,
	descriptions: { list?: string; json: string },
): INodeProperties[] {
	const inMode = (mode: string): IDisplayOptions => ({
		show: { ...show, [list.modeName]: [mode] },
	});
	// n8n's lint accepts a default given by a plain name, not by a member expression.
	const { jsonDefault } = list;
	return [
		{
			displayName: list.modeLabel,
			name: list.modeName,
			type: 'options',
			default: 'fields',
			displayOptions: { show },
			options: [
				{ name: 'Using Fields Below', value: 'fields' },
				{ name: 'Using JSON', value: 'json' },
			],
		},
		{
			displayName: list.listLabel,
			name: list.listName,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: `Add ${list.entryLabel}`,
			default: {},
			...(descriptions.list === undefined ? {} : { description: descriptions.list }),
			displayOptions: inMode('fields'),
			options: [{ displayName: list.entryLabel, name: list.entryName, values: list.values }],
		},
		{
			displayName: `${list.listLabel} (JSON)`,
			name: list.jsonName,
			type: 'json',
			default: jsonDefault,
			description: descriptions.json,
			displayOptions: inMode('json'),
		},
	];
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
		: (((this.getNodeParameter(list.listName, itemIndex, {}) as IDataObject)[list.entryName] ??
				[]) as unknown[]);
	return { field, entries };
}

export function jsonEntries(raw: unknown, field: string): unknown[] {
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch (error) {
			inputError(field, `Not valid JSON: ${(error as Error).message}`);
		}
	}
	if (value !== null && typeof value === 'object' && !Array.isArray(value)) value = [value];
	if (!Array.isArray(value))
		inputError(field, `Expected an array of objects, got ${describeType(value)}`);
	return value;
}
