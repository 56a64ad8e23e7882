import { addMonths, endTimeOf, epochSecondsOf, requireDatasetExport } from '../model/datasetExport';
import { inputError } from '../model/inputError';
import { pointer } from '../model/jsonPointer';
import type { FlowDocument, Planner } from '../model/types';
import type { NewEnd } from '../rules/extendEndDate';

/** The end a dataflow had when first read and the end it gets; fixed by the first plan. */
export interface EndChange {
	oldEnd?: number;
	newEnd?: number;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const named = (flow: FlowDocument) => `"${flow.name ?? flow.id}" (${flow.id})`;

/**
 * `replace /scheduleParams` with the same schedule and a later `endTime` (Adobe's documented
 * schedule update). The new end is fixed when the dataflow is first read (`change`), so a re-plan
 * after a conflict or a lost answer never moves it again: a write that landed reads as done. An
 * end never moves earlier; a new end must be after `nowSeconds` and after the schedule's start.
 */
export function planExtendEndDate(newEnd: NewEnd, nowSeconds: number, change: EndChange): Planner {
	const field = 'to' in newEnd ? 'newEndDate' : 'months';
	return (flow) => {
		requireDatasetExport(flow);
		const schedule = flow.scheduleParams ?? {};
		const end = endTimeOf(flow);
		if (end === undefined)
			inputError(
				'flowId',
				`${named(flow)} has no end date to extend: it is a one-time export (or has no schedule)`,
				'Nothing was changed.',
			);
		if (change.newEnd === undefined) {
			change.oldEnd = end;
			change.newEnd = 'to' in newEnd ? newEnd.to : addMonths(end, newEnd.months);
		}
		const target = change.newEnd;
		const start = epochSecondsOf(schedule.startTime);
		if (target <= nowSeconds)
			inputError(
				field,
				'to' in newEnd
					? `${iso(target)} is not in the future`
					: `${newEnd.months} months after the end of ${named(flow)} (${iso(change.oldEnd ?? end)}) is ${iso(target)}, not in the future: give more months or a date`,
				'Nothing was changed.',
			);
		if (start !== undefined && target <= start)
			inputError(
				field,
				`${iso(target)} is not after the start of ${named(flow)} (${iso(start)})`,
				'Nothing was changed.',
			);
		if (end >= target)
			return {
				operations: [],
				skipped: [
					{
						target: 'scheduleParams.endTime',
						reason: `already ends ${iso(end)}, on or after ${iso(target)}`,
					},
				],
			};
		return {
			operations: [
				{ op: 'replace', path: pointer('scheduleParams'), value: { ...schedule, endTime: target } },
			],
			skipped: [],
		};
	};
}
