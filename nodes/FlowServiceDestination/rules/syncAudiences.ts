import { inputError } from '../model/inputError';
import type { SegmentSelector } from '../model/types';
import { buildAudienceSelector, type AudienceInput } from './audiences';
import { optionalString } from './scalars';

/** One audience of the desired list: the selector built from the user's entry, and what the user set. */
export interface DesiredAudience {
	selector: SegmentSelector;
	/** Parameter path of the entry, for errors. */
	field: string;
	/** Whether the entry gives a name / a file name template; when not, the flow's value is kept. */
	givesName: boolean;
	givesFilenameTemplate: boolean;
}

export interface SyncAudiencesInput {
	desired: DesiredAudience[];
	/** Off: audiences on the flow that are not listed stay (add and update only). */
	removeUnlisted: boolean;
	/** Parameter that names flow-level problems (the list itself). */
	field: string;
}

/** Builds the desired list from the entries as the user gave them, refusing any bad entry. */
export function desiredAudiences(entries: AudienceInput[], fields: string[]): DesiredAudience[] {
	return entries.map((entry, index) => ({
		selector: buildAudienceSelector(entry, fields[index]),
		field: fields[index],
		givesName: optionalString(entry.name, `${fields[index]}.name`, 'Audience name') !== undefined,
		givesFilenameTemplate:
			optionalString(
				entry.filenameTemplate,
				`${fields[index]}.filenameTemplate`,
				'File name template',
			) !== undefined,
	}));
}

/**
 * An empty list would remove every audience: refused unless the user said so (Allow Empty List),
 * so an expression that yields nothing cannot empty a production dataflow.
 */
export function checkListSize(
	count: number,
	field: string,
	removeUnlisted: boolean,
	allowEmpty: boolean,
): void {
	if (count > 0 || allowEmpty) return;
	inputError(
		field,
		removeUnlisted
			? 'The audience list is empty: syncing it would remove every audience from the dataflow. To do that on purpose, turn on Options > Allow Empty List'
			: 'The audience list is empty, so there is nothing to add or update. To accept an empty list, turn on Options > Allow Empty List',
	);
}
