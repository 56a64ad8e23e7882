import type { EntryList } from './entriesInput';

/** The attribute list of Add Profile Attributes and Create: same parameters, so one reader serves both. */
export const ATTRIBUTE_ENTRIES: EntryList = {
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
