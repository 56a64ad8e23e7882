import { pointer } from '../model/jsonPointer';
import type { UpdateInfoInput } from '../rules/updateInfo';
import type { FlowDocument, PatchOperation, Planner, SkippedChange } from '../model/types';

/** Schedule first, then name, then description: the order of Adobe's tutorial request. */
export function planUpdateInfo(input: UpdateInfoInput): Planner {
	return (flow) => {
		const operations: PatchOperation[] = [];
		const skipped: SkippedChange[] = [];
		if (input.schedule && Object.keys(input.schedule).length > 0) {
			planSchedule(flow, input.schedule, operations, skipped);
		}
		for (const key of ['name', 'description'] as const) {
			const value = input[key];
			if (value === undefined) continue;
			if (flow[key] === value) {
				skipped.push({ target: key, reason: 'already has this value' });
				continue;
			}
			// "replace" needs an existing member (RFC 6902); "add" creates or overwrites one.
			operations.push({
				op: flow[key] === undefined ? 'add' : 'replace',
				path: pointer(key),
				value,
			});
		}
		return { operations, skipped };
	};
}

function planSchedule(
	flow: FlowDocument,
	schedule: Record<string, string | number>,
	operations: PatchOperation[],
	skipped: SkippedChange[],
): void {
	const current = flow.scheduleParams;
	// Streaming flows hold `"scheduleParams": null`; "add" replaces it whole, as it creates a missing one.
	if (current === undefined || current === null) {
		operations.push({ op: 'add', path: pointer('scheduleParams'), value: schedule });
		return;
	}
	for (const [key, given] of Object.entries(schedule)) {
		// Adobe stores some schedule numbers as text ("15"); compare and send in the flow's own type.
		const value = typeof current[key] === 'string' ? String(given) : given;
		if (current[key] === value) {
			skipped.push({ target: `scheduleParams.${key}`, reason: 'already has this value' });
			continue;
		}
		operations.push({
			op: key in current ? 'replace' : 'add',
			path: pointer('scheduleParams', key),
			value,
		});
	}
}
