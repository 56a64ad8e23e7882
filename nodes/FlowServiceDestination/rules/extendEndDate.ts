import { inputError } from '../model/inputError';
import { dateTimeSeconds } from './datasetExportFilters';
import { requireWholeNumber } from './scalars';

/** Which dataflows an item extends: the one named, or every dataset export ending before a date. */
export type ExtendScope = { scope: 'one' } | { scope: 'endingBefore'; endingBefore: number };

/** The new end: a date (epoch seconds), or a number of calendar months after the current end. */
export type NewEnd = { to: number } | { months: number };

/** Months an end may move by at once: ten years. */
export const MAX_MONTHS = 120;

export function parseExtendScope(scope: unknown, endingBefore: unknown): ExtendScope {
	if (scope === 'one') return { scope };
	if (scope !== 'endingBefore')
		inputError(
			'extendScope',
			`Extend must be "One Dataflow" or "Every Dataset Export Ending Before", got ${JSON.stringify(scope)}`,
		);
	return {
		scope,
		endingBefore: dateTimeSeconds(endingBefore, 'endingBefore', 'Ending Before'),
	};
}

export function parseNewEnd(extendBy: unknown, newEndDate: unknown, months: unknown): NewEnd {
	if (extendBy === 'date') return { to: dateTimeSeconds(newEndDate, 'newEndDate', 'New End Date') };
	if (extendBy !== 'months')
		inputError(
			'extendBy',
			`New End must be "To a Date" or "By a Number of Months", got ${JSON.stringify(extendBy)}`,
		);
	return {
		months: requireWholeNumber(months, 'months', 'Months', {
			min: 1,
			max: MAX_MONTHS,
			digits: true,
		}),
	};
}
