import type { FlowDocument } from '@node/model/types';
import { planExtendEndDate, type EndChange } from '@node/planner/extendEndDate';

const at = (iso: string) => Date.parse(iso) / 1000;
const NOW = at('2026-12-07T11:00:00Z');
const SCHEDULE = {
	exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
	timeUnit: 'hour',
	interval: 6,
	startTime: at('2026-11-01T00:00:00Z'),
	endTime: at('2026-12-10T00:00:00Z'),
};

const flow = (scheduleParams: Record<string, unknown> | undefined = SCHEDULE): FlowDocument => ({
	id: 'da7af10e-0001-4000-8000-000000000001',
	name: 'Loyalty to S3',
	etag: '"e"',
	inheritedAttributes: {
		sourceConnections: [{ connectionSpec: { id: '23598e46-f560-407b-88d5-ea6207e49db0' } }],
	},
	scheduleParams,
});

describe('planExtendEndDate', () => {
	it('replaces /scheduleParams whole, only endTime changed, by calendar months', () => {
		const change: EndChange = {};
		expect(planExtendEndDate({ months: 3 }, NOW, change)(flow())).toEqual({
			operations: [
				{
					op: 'replace',
					path: '/scheduleParams',
					value: { ...SCHEDULE, endTime: at('2027-03-10T00:00:00Z') },
				},
			],
			skipped: [],
		});
		expect(change).toEqual({ oldEnd: SCHEDULE.endTime, newEnd: at('2027-03-10T00:00:00Z') });
	});

	it('fixes the new end on the first read: a re-plan after its own write landed sends nothing', () => {
		const change: EndChange = {};
		const planner = planExtendEndDate({ months: 1 }, NOW, change);
		planner(flow());
		const landed = flow({ ...SCHEDULE, endTime: change.newEnd });
		expect(planner(landed)).toEqual({
			operations: [],
			skipped: [
				{
					target: 'scheduleParams.endTime',
					reason: 'already ends 2027-01-10T00:00:00.000Z, on or after 2027-01-10T00:00:00.000Z',
				},
			],
		});
		expect(change.oldEnd).toBe(SCHEDULE.endTime);
	});

	it('never moves an end earlier', () => {
		const plan = planExtendEndDate({ to: at('2026-12-09T00:00:00Z') }, NOW, {})(flow());
		expect(plan.operations).toEqual([]);
		expect(plan.skipped[0].reason).toMatch(/^already ends 2026-12-10/);
	});

	it('sends epoch seconds, whatever type the flow stored its times in', () => {
		const plan = planExtendEndDate(
			{ to: at('2027-06-01T00:00:00Z') },
			NOW,
			{},
		)(flow({ ...SCHEDULE, endTime: String(SCHEDULE.endTime) }));
		expect((plan.operations[0].value as { endTime: unknown }).endTime).toBe(
			at('2027-06-01T00:00:00Z'),
		);
	});

	it.each([
		[
			{ to: at('2026-12-01T00:00:00Z') },
			flow({ ...SCHEDULE, endTime: at('2026-11-20T00:00:00Z') }),
			'newEndDate',
			'2026-12-01T00:00:00.000Z is not in the future',
		],
		[
			{ months: 3 },
			flow({ ...SCHEDULE, endTime: at('2025-09-01T00:00:00Z') }),
			'months',
			'3 months after the end of "Loyalty to S3" (da7af10e-0001-4000-8000-000000000001) (2025-09-01T00:00:00.000Z) is 2025-12-01T00:00:00.000Z, not in the future: give more months or a date',
		],
		[
			{ to: at('2027-01-01T00:00:00Z') },
			flow({
				...SCHEDULE,
				startTime: at('2027-02-01T00:00:00Z'),
				endTime: at('2027-03-01T00:00:00Z'),
			}),
			'newEndDate',
			'2027-01-01T00:00:00.000Z is not after the start of "Loyalty to S3" (da7af10e-0001-4000-8000-000000000001) (2027-02-01T00:00:00.000Z)',
		],
		[
			{ months: 1 },
			flow({ exportMode: 'DAILY_FULL_EXPORT', timeUnit: 'day', interval: 0, startTime: 1 }),
			'flowId',
			'"Loyalty to S3" (da7af10e-0001-4000-8000-000000000001) has no end date to extend: it is a one-time export (or has no schedule)',
		],
	])('refuses %j naming %s', (newEnd, read, field, message) => {
		expect(() => planExtendEndDate(newEnd, NOW, {})(read)).toThrow(
			expect.objectContaining({ field, message }),
		);
	});

	it('refuses an audience activation dataflow', () => {
		expect(() =>
			planExtendEndDate({ months: 1 }, NOW, {})({ id: 'a', etag: '"a"', name: 'Winter' }),
		).toThrow(
			expect.objectContaining({
				field: 'flowId',
				message: expect.stringContaining('is an audience activation dataflow'),
			}),
		);
	});
});
