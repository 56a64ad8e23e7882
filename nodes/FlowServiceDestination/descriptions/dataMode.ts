import type { INodeProperties } from 'n8n-workflow';

import { AUTO_MAP, DEFINE_BELOW } from '../rules/inputFields';

/**
 * How an item says what to change: parameters (with expressions), or fields of the item itself.
 * Mapping skips expression evaluation, which dominates the cost of runs with thousands of items.
 */
export function dataModeField(operation: string, mappedFields: string): INodeProperties {
	return {
		displayName: 'Input Data Mode',
		name: 'dataMode',
		type: 'options',
		default: DEFINE_BELOW,
		displayOptions: { show: { operation: [operation] } },
		options: [
			{
				name: 'Define Below',
				value: DEFINE_BELOW,
				description: 'Set the dataflow and audiences in the parameters below',
			},
			{
				name: 'Map Input Fields Automatically',
				value: AUTO_MAP,
				description: `Each input item is one assignment: ${mappedFields}. Other fields are ignored. Fastest for many items.`,
			},
		],
	};
}

/** Shows a parameter only when the item's values are defined below, not mapped from the input. */
export const definedBelow = { dataMode: [DEFINE_BELOW] };
