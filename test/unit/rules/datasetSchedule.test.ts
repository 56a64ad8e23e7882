import { checkSchedule, parseScheduleFields } from '@node/rules/datasetSchedule';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('parseScheduleFields', () => {
	it('keeps only the fields given, times as epoch seconds', () => {
		expect(
			parseScheduleFields({
				exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
				timeUnit: 'hour',
				interval: '6',
				startTime: '2026-12-08T05:00:00Z',
				endTime: 1_800_000_000,
			}),
		).toEqual({
			exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
			timeUnit: 'hour',
			interval: 6,
			startTime: at('2026-12-08T05:00:00Z'),
			endTime: 1_800_000_000,
		});
		expect(parseScheduleFields({ interval: 0, endTime: '' })).toEqual({ interval: 0 });
	});

	it.each([
		[{}, 'scheduleFields', /^Add at least one schedule field/],
		[
			{ exportMode: 'WEEKLY' },
			'scheduleFields.exportMode',
			/^Export Mode must be one of FIRST_FULL_THEN_INCREMENTAL, DAILY_FULL_EXPORT, got "WEEKLY"/,
		],
		[{ timeUnit: 'minute' }, 'scheduleFields.timeUnit', /^Time Unit must be one of hour, day/],
		[{ interval: -1 }, 'scheduleFields.interval', /^Interval must be a whole number from 0 to 24/],
		[{ interval: 2.5 }, 'scheduleFields.interval', /^Interval must be a whole number/],
		[
			{ startTime: 1_796_000_000_000 },
			'scheduleFields.startTime',
			/looks like epoch milliseconds; the schedule takes epoch seconds \(1796000000\)$/,
		],
		[{ endTime: 'next year' }, 'scheduleFields.endTime', /^End Time must be a date/],
		[{ endTime: -5 }, 'scheduleFields.endTime', /^End Time must be a date/],
	])('%j is refused naming %s', (fields, field, message) => {
		expect(() => parseScheduleFields(fields)).toThrow(
			expect.objectContaining({ field, message: expect.stringMatching(message) }),
		);
	});
});

describe('checkSchedule: Adobe’s rules on the schedule a change leaves', () => {
	const start = at('2026-12-01T00:00:00Z');
	it.each([
		[{ exportMode: 'DAILY_FULL_EXPORT', timeUnit: 'day', interval: 0, startTime: start }],
		[{ exportMode: 'FIRST_FULL_THEN_INCREMENTAL', timeUnit: 'day', interval: 1, startTime: start }],
		...[3, 6, 8, 9, 12].map((interval) => [{ timeUnit: 'hour', interval, startTime: start }]),
		[{ timeUnit: 'day', interval: 1, startTime: start, endTime: start + 1 }],
	] as Array<[Record<string, unknown>]>)('accepts %j', (schedule) =>
		expect(() => checkSchedule(schedule, {})).not.toThrow(),
	);

	it.each([
		[
			{ exportMode: 'DAILY_FULL_EXPORT', timeUnit: 'hour', interval: 6 },
			{ exportMode: 'DAILY_FULL_EXPORT' as const },
			'scheduleFields.exportMode',
		],
		[
			{ exportMode: 'DAILY_FULL_EXPORT', timeUnit: 'day', interval: 1 },
			{ interval: 1 },
			'scheduleFields.interval',
		],
		[{ timeUnit: 'day', interval: 0 }, { interval: 0 }, 'scheduleFields.interval'],
		[{ timeUnit: 'day', interval: 2 }, { timeUnit: 'day' as const }, 'scheduleFields.timeUnit'],
		[{ timeUnit: 'hour', interval: 4 }, { interval: 4 }, 'scheduleFields.interval'],
		[{ timeUnit: 'hour', interval: 1 }, { timeUnit: 'hour' as const }, 'scheduleFields.timeUnit'],
		[
			{ timeUnit: 'day', interval: 1, startTime: start, endTime: start },
			{ startTime: start },
			'scheduleFields.startTime',
		],
	])('refuses %j, naming the given field', (schedule, change, field) => {
		expect(() => checkSchedule(schedule, change)).toThrow(expect.objectContaining({ field }));
	});
});
