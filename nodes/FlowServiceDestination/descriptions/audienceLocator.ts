import type { INodeProperties } from 'n8n-workflow';

import { UUID_REGEX } from '../rules/scalars';

/**
 * An audience picked by name from the Segmentation Service's listing, or given by ID. The value
 * reaches the parsing code as {__rl, mode, value}; older workflows' plain strings and expressions
 * still work there (see locatorValue).
 */
export function audienceLocator(
	name: string,
	displayName: string,
	description: string,
	/** Which list the picker offers: the sandbox's audiences, or the chosen dataflow's. */
	searchListMethod = 'searchAudiences',
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '2d79d0d8-724f-49fc-a09d-d1dec338c93c',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID_REGEX, errorMessage: 'Not an audience ID (UUID)' },
					},
				],
			},
		],
	};
}
