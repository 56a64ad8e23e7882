import type { INodeProperties } from 'n8n-workflow';

import { FLOW_ID_REGEX, FLOW_URL_REGEX } from '../rules/flowLocator';

/** The Dataflow parameter of every operation that works on one dataflow, and of the trigger. */
export function flowLocator(operations: string[]): INodeProperties {
	return {
		displayName: 'Dataflow',
		name: 'flowId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The destination dataflow to work on',
		// Operations with Map Input Fields Automatically read the dataflow from each item instead.
		displayOptions: { show: { operation: operations }, hide: { dataMode: ['autoMapInputData'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchDataflows', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '226fb2e1-db69-4760-b67e-9e671e05abfc',
				validation: [
					{
						type: 'regex',
						properties: { regex: FLOW_ID_REGEX, errorMessage: 'Not a dataflow ID (UUID)' },
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder:
					'https://experience.adobe.com/#/@acme/sname:prod/platform/destination/browse/dataflow/226fb2e1-db69-4760-b67e-9e671e05abfc',
				extractValue: { type: 'regex', regex: FLOW_URL_REGEX },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: FLOW_URL_REGEX,
							errorMessage: 'Not an Experience Platform dataflow URL',
						},
					},
				],
			},
		],
	};
}
