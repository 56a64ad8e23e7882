import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

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
