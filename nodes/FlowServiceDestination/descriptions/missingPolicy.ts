import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../model/inputError';
import type { MissingPolicy } from '../planner/audiences';

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

export function readMissingPolicy(this: IExecuteFunctions, itemIndex: number): MissingPolicy {
	const value = this.getNodeParameter('ifMissing', itemIndex, 'skip');
	if (value !== 'skip' && value !== 'error')
		inputError('ifMissing', `Must be skip or error, got ${JSON.stringify(value)}`);
	return value;
}
