import { inputError } from '../model/inputError';
import { isUuid, locatorValue, truncate } from './scalars';

/**
 * The destination account chosen in its picker, given by ID, or by an expression as plain text:
 * a checked UUID, so nothing else ever reaches a URL path.
 */
export function accountIdFromLocator(raw: unknown, field = 'accountId'): string {
	const value = locatorValue(raw);
	if (typeof value !== 'string' || value.trim() === '') {
		inputError(
			field,
			'Destination Account is required: pick it from the list or give its ID (a UUID such as 9d8159c6-9da6-4205-8507-d818d7ad7103)',
		);
	}
	const text = value.trim();
	if (!isUuid(text)) {
		inputError(
			field,
			`"${truncate(text)}" is not a destination account ID (a UUID such as 9d8159c6-9da6-4205-8507-d818d7ad7103)`,
		);
	}
	return text.toLowerCase();
}

/** A connection spec (destination) filter: a checked UUID, or undefined when empty. */
export function destinationFilter(raw: unknown, field = 'filters.destination'): string | undefined {
	const value = locatorValue(raw);
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string' || !isUuid(value.trim())) {
		inputError(
			field,
			`Destination must be a destination's connection spec ID (a UUID such as 4fce964d-3f37-408f-9778-e597338a21ee), got ${JSON.stringify(value)}`,
		);
	}
	return value.trim().toLowerCase();
}
