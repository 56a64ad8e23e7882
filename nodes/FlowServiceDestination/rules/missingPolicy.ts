import { inputError } from '../model/inputError';

/** What to do with an audience or attribute the item names but the dataflow does not have. */
export type MissingPolicy = 'skip' | 'error';

export function parseMissingPolicy(value: unknown): MissingPolicy {
	if (value !== 'skip' && value !== 'error') {
		inputError('ifMissing', `Must be skip or error, got ${JSON.stringify(value)}`);
	}
	return value;
}
