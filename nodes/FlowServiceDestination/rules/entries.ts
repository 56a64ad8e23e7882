import { inputError } from '../model/inputError';
import { describeType } from './scalars';

/** A list given as JSON (text or a value from an expression); one object counts as a list of one. */
export function jsonEntries(raw: unknown, field: string): unknown[] {
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch (error) {
			inputError(field, `Not valid JSON: ${(error as Error).message}`);
		}
	}
	if (value !== null && typeof value === 'object' && !Array.isArray(value)) value = [value];
	if (!Array.isArray(value))
		inputError(field, `Expected an array of objects, got ${describeType(value)}`);
	return value;
}
