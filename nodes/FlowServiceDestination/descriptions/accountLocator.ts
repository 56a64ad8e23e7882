import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { UUID_REGEX } from '../rules/scalars';

/** A destination account picked by name from the sandbox's accounts, or given by ID. */
export function accountLocator(
	show: NonNullable<IDisplayOptions['show']>,
	{ required = true, description = 'The destination account (Destinations › Accounts)' } = {},
): INodeProperties {
	return {
		displayName: 'Destination Account',
		name: 'accountId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description,
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchDestinationAccounts', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '9d8159c6-9da6-4205-8507-d818d7ad7103',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID_REGEX, errorMessage: 'Not a destination account ID (UUID)' },
					},
				],
			},
		],
	};
}

/** A destination (connection spec) picked by name, or given by its connection spec ID. */
export function destinationLocator(name: string, description: string): INodeProperties {
	return {
		displayName: 'Destination',
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchDestinations', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '4fce964d-3f37-408f-9778-e597338a21ee',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID_REGEX, errorMessage: 'Not a connection spec ID (UUID)' },
					},
				],
			},
		],
	};
}
