import type { INodeProperties } from 'n8n-workflow';

export function ifMissingField(operation: string, noun: string): INodeProperties {
	return {
		displayName: `If ${noun[0].toUpperCase()}${noun.slice(1)} Is Missing`,
		name: 'ifMissing',
		type: 'options',
		default: 'skip',
		displayOptions: { show: { operation: [operation] } },
		options: [
			{
				name: 'Skip It',
				value: 'skip',
				description: `Remove the others and report the missing ${noun} as skipped`,
			},
			{ name: 'Fail', value: 'error', description: 'Change nothing and fail the item' },
		],
	};
}
