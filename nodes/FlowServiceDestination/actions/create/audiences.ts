import type { FlowServiceClient } from '../../transport';
import { fillNames, lookUpAudiences, unknownAudience } from '../audienceCheck';
import type { CreateMember, CreateOutcome } from './types';

/**
 * Check Audiences Exist for the whole run before anything is created: one bulk lookup per 100
 * audiences of all items; an item naming an unknown one fails (and leaves its group), the others
 * get empty names filled. Returns whether any item failed.
 */
export async function checkAudiences(
	outcomes: CreateOutcome[],
	groups: Map<string, CreateMember[]>,
	client: FlowServiceClient,
	continueOnFail: boolean,
): Promise<boolean> {
	const members = [...groups.values()].flat().filter((m) => m.resolved.audiences.length > 0);
	if (members.length === 0) return false;
	let found: Map<string, { id: string; name?: string }>;
	try {
		found = await lookUpAudiences(
			client,
			members.flatMap((m) => m.resolved.audiences.map((reference) => reference.id)),
		);
	} catch (error) {
		for (const member of members) outcomes.push({ itemIndex: member.entry.itemIndex, error });
		for (const [name, group] of groups)
			groups.set(
				name,
				group.filter((m) => !members.includes(m)),
			);
		return true;
	}
	let refused = false;
	for (const [name, group] of groups) {
		const kept = group.filter(({ entry, resolved }) => {
			const error = unknownAudience(resolved.audiences, found);
			if (!error) {
				fillNames(resolved.audiences, found);
				return true;
			}
			outcomes.push({ itemIndex: entry.itemIndex, error });
			refused = true;
			return false;
		});
		groups.set(name, kept);
		if (refused && !continueOnFail) break;
	}
	return refused;
}
