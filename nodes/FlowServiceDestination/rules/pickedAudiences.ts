import { inputError } from '../model/inputError';
import { describeType, requireUuid } from './scalars';

/**
 * The audience IDs picked in a fixedCollection of audience locators ({audience: [{id}]}), checked
 * as UUIDs and named by entry in errors. Entries may hold a locator value or a plain string.
 */
export function pickedAudienceIds(raw: unknown, field: string): string[] {
	if (raw === undefined || raw === null || raw === '') return [];
	if (typeof raw !== 'object' || Array.isArray(raw))
		inputError(field, `Expected picked audiences, got ${describeType(raw)}`);
	const entries = (raw as { audience?: unknown }).audience ?? [];
	if (!Array.isArray(entries))
		inputError(
			`${field}.audience`,
			`Expected a list of picked audiences, got ${describeType(entries)}`,
		);
	return entries.map((entry, index) => {
		const id =
			typeof entry === 'object' && entry !== null && !Array.isArray(entry)
				? (entry as { id?: unknown }).id
				: entry;
		return requireUuid(id, `${field}.audience[${index}].id`, 'Picked audience');
	});
}
