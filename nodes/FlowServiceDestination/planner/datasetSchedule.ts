import { epochSecondsOf, requireDatasetExport } from '../model/datasetExport';
import { pointer } from '../model/jsonPointer';
import type { Planner } from '../model/types';
import { checkSchedule, type ScheduleChange } from '../rules/datasetSchedule';

/**
 * `replace /scheduleParams` (the OpenAPI document's schedule update): the schedule as read with
 * the given fields changed, checked against Adobe's rules before anything is sent; nothing when
 * every given field already has its value.
 */
export function planDatasetSchedule(change: ScheduleChange): Planner {
	return (flow) => {
		requireDatasetExport(flow);
		const current = flow.scheduleParams ?? {};
		// Times stored as text are compared, and sent, as the epoch seconds they are.
		const read: Record<string, unknown> = { ...current };
		for (const key of ['startTime', 'endTime'])
			if (read[key] !== undefined) read[key] = epochSecondsOf(read[key]) ?? read[key];
		// A dataflow holding the OpenAPI document's spelling keeps it: one template, under one key.
		const { foldernameTemplate, ...fields } = change;
		const templateKey =
			'folderNameTemplate' in read && !('foldernameTemplate' in read)
				? 'folderNameTemplate'
				: 'foldernameTemplate';
		const given: Record<string, unknown> =
			foldernameTemplate === undefined ? fields : { ...fields, [templateKey]: foldernameTemplate };
		const next = { ...read, ...given };
		checkSchedule(next, change);
		const differs = Object.entries(given).filter(([key, value]) => read[key] !== value);
		if (differs.length === 0)
			return {
				operations: [],
				skipped: Object.keys(change).map((key) => ({
					target: `scheduleParams.${key}`,
					reason: 'already has this value',
				})),
			};
		return {
			operations: [{ op: 'replace', path: pointer('scheduleParams'), value: next }],
			skipped: [],
		};
	};
}
