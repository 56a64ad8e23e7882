import type { FlowDocument } from '@node/model/types';
import { planDatasetSchedule } from '@node/planner/datasetSchedule';

const SCHEDULE = {
	exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
	timeUnit: 'hour',
	interval: 6,
	startTime: 1_794_009_600,
	endTime: 1_809_644_400,
	foldernameTemplate: '%DESTINATION%/%DATASET_ID%',
};
const flow = (scheduleParams: Record<string, unknown> = SCHEDULE): FlowDocument => ({
	id: 'da7af10e-0001-4000-8000-000000000001',
	etag: '"e"',
	inheritedAttributes: {
		targetConnections: [{ data: { outputType: 'DATASET_EXPORT' } }],
	},
	scheduleParams,
});

describe('planDatasetSchedule', () => {
	it('replaces /scheduleParams whole, with only the given fields changed', () => {
		expect(planDatasetSchedule({ timeUnit: 'day', interval: 1 })(flow())).toEqual({
			operations: [
				{
					op: 'replace',
					path: '/scheduleParams',
					value: { ...SCHEDULE, timeUnit: 'day', interval: 1 },
				},
			],
			skipped: [],
		});
	});

	it('sends nothing when every given field already has its value, times stored as text included', () => {
		const stored = flow({ ...SCHEDULE, endTime: String(SCHEDULE.endTime) });
		expect(planDatasetSchedule({ interval: 6, endTime: SCHEDULE.endTime })(stored)).toEqual({
			operations: [],
			skipped: [
				{ target: 'scheduleParams.interval', reason: 'already has this value' },
				{ target: 'scheduleParams.endTime', reason: 'already has this value' },
			],
		});
	});

	it('writes times stored as text back as epoch seconds', () => {
		const stored = flow({ ...SCHEDULE, startTime: String(SCHEDULE.startTime) });
		const [replace] = planDatasetSchedule({ interval: 12 })(stored).operations;
		expect(replace.value).toMatchObject({ startTime: SCHEDULE.startTime, interval: 12 });
	});

	it('checks the schedule the change leaves, and refuses other dataflows', () => {
		expect(() => planDatasetSchedule({ interval: 1 })(flow())).toThrow(
			expect.objectContaining({ field: 'scheduleFields.interval' }),
		);
		expect(() => planDatasetSchedule({ interval: 6 })({ id: 'a', etag: '"a"' })).toThrow(
			expect.objectContaining({ field: 'flowId' }),
		);
	});
});
