import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../model/inputError';
import { buildProfileAttribute } from '../../rules/profileAttributes';
import { planAddProfileAttributes } from '../../planner/profileAttributes';
import type { UpdateRequest } from '../../update/runUpdates';
import { entriesInput, type EntryList } from '../../descriptions/entriesInput';
import { updateOptions } from '../../descriptions/options';
import { getFlowId, readEntries, updateRequest } from '../parameters';

const OPERATION = 'addProfileAttributes';

const ATTRIBUTE_ENTRIES: EntryList = {
	modeName: 'attributeInput',
	modeLabel: 'Define Attributes',
	listName: 'attributes',
	listLabel: 'Attributes',
	entryName: 'attribute',
	entryLabel: 'Attribute',
	values: [
		{
			displayName: 'XDM Path',
			name: 'path',
			type: 'string',
			default: '',
			placeholder: 'person.name.firstName',
		},
		{
			displayName: 'Identity Namespace',
			name: 'identityNamespace',
			type: 'string',
			default: '',
			placeholder: 'Email',
			description: 'Set when the attribute is an identity (for example Email)',
		},
		{
			displayName: 'Mandatory',
			name: 'mandatory',
			type: 'boolean',
			default: false,
			description: 'Whether only profiles that have this attribute are exported',
		},
		{
			displayName: 'Deduplication Key',
			name: 'deduplicationKey',
			type: 'boolean',
			default: false,
			description:
				'Whether this attribute (or its identity namespace) deduplicates exported profiles: one namespace or up to two attributes',
		},
	],
	jsonName: 'attributesJson',
	jsonDefault: '[\n  {\n    "path": "person.name.firstName"\n  }\n]',
};

export const description: INodeProperties[] = [
	...entriesInput(
		ATTRIBUTE_ENTRIES,
		{ operation: [OPERATION] },
		{ json: 'Array of {path, identityNamespace, mandatory, deduplicationKey}' },
	),
	updateOptions([OPERATION]),
];

export function prepare(this: IExecuteFunctions, itemIndex: number): UpdateRequest {
	const flowId = getFlowId.call(this, itemIndex);
	const { field, entries } = readEntries.call(this, itemIndex, ATTRIBUTE_ENTRIES);
	if (entries.length === 0) inputError(field, 'Add at least one attribute');
	const attributes = entries.map((entry, index) =>
		buildProfileAttribute(entry, `${field}[${index}]`),
	);
	return updateRequest.call(this, itemIndex, flowId, planAddProfileAttributes(attributes));
}
