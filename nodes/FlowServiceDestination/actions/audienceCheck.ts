import { InputError } from '../model/inputError';
import type { AudienceReference } from '../model/types';
import type { Options } from '../rules/options';
import { readBoolean } from '../rules/scalars';
import type { FlowServiceClient } from '../transport';
import type { UpdateEntry } from '../update/runUpdates';

/** IDs per bulk-get request; a run naming more audiences makes one request per this many. */
export const AUDIENCES_PER_LOOKUP = 100;

/**
 * Check Audiences Exist: on by default from version 2; version 1 workflows check only when the
 * user adds the option, as they were saved before it existed.
 */
export function checksAudiences(options: Options, typeVersion: number): boolean {
	return readBoolean(options.checkAudiencesExist, 'options.checkAudiencesExist', typeVersion >= 2);
}

/** The first audience of an item that the sandbox does not have, as the error for that item. */
export function unknownAudience(
	references: AudienceReference[],
	found: ReadonlyMap<string, { name?: string }>,
): InputError | undefined {
	const missing = references.find((reference) => !found.has(reference.id.toLowerCase()));
	return (
		missing &&
		new InputError(
			missing.field,
			`${missing.id} does not exist in the sandbox`,
			'Nothing was sent to Adobe. Pick the audience from the list, check the ID for a typo, or turn off Options > Check Audiences Exist if the ID is right.',
		)
	);
}

/** Fills each empty audience name from the sandbox, so the dataflow and the output name it. */
export function fillNames(
	references: AudienceReference[],
	found: ReadonlyMap<string, { name?: string }>,
): void {
	for (const { id, value } of references) {
		const name = found.get(id.toLowerCase())?.name;
		if (value && !value.name && name) value.name = name;
	}
}

/** The audiences of `ids` the sandbox has, by lower-case ID: one bulk-get per AUDIENCES_PER_LOOKUP. */
export async function lookUpAudiences(
	client: FlowServiceClient,
	ids: string[],
): Promise<Map<string, { id: string; name?: string }>> {
	const found = new Map<string, { id: string; name?: string }>();
	const distinct = [...new Set(ids.map((id) => id.toLowerCase()))];
	for (let start = 0; start < distinct.length; start += AUDIENCES_PER_LOOKUP) {
		const page = await client.bulkGetAudiences(distinct.slice(start, start + AUDIENCES_PER_LOOKUP));
		for (const [id, definition] of page) found.set(id, definition);
	}
	return found;
}

/**
 * Looks every audience the run's items name up at once (one bulk-get per
 * AUDIENCES_PER_LOOKUP distinct IDs, so each ID is asked once per run) and returns the items that
 * name an unknown one, with their error. Nothing has been sent when this runs.
 */
export async function checkAudiences(
	entries: UpdateEntry[],
): Promise<Array<{ itemIndex: number; error: unknown }>> {
	const checked = entries.filter((entry) => entry.request.audiences?.length);
	if (checked.length === 0) return [];
	const ids = [
		...new Set(
			checked.flatMap((entry) => entry.request.audiences!.map((ref) => ref.id.toLowerCase())),
		),
	];
	const found = await lookUpAudiences(checked[0].request.client, ids);
	const failures: Array<{ itemIndex: number; error: unknown }> = [];
	for (const entry of checked) {
		const references = entry.request.audiences!;
		const error = unknownAudience(references, found);
		if (error) failures.push({ itemIndex: entry.itemIndex, error });
		else fillNames(references, found);
	}
	return failures;
}
