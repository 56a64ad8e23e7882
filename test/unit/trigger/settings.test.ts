import { DEFAULT_EVENT_SETTINGS, type TriggerEventName } from '@node/trigger/detection';
import { eventSettingsFrom } from '@node/trigger/settings';

const read = (values: Record<string, unknown>) => (name: string, fallback: number) =>
	name in values ? values[name] : fallback;
const only = (...events: TriggerEventName[]) => new Set(events);

describe('the schedule and run-metric events’ fields', () => {
	it('start at 14 days, 150 minutes and 1 %, Adobe’s own alert figures for the last two', () => {
		expect(DEFAULT_EVENT_SETTINGS).toEqual({
			endingWithinDays: 14,
			delayMinutes: 150,
			skippedPercent: 1,
		});
		expect(
			eventSettingsFrom(read({}), only('exportEndingSoon', 'runDelayed', 'skippedRateExceeded')),
		).toEqual(DEFAULT_EVENT_SETTINGS);
	});

	it('reads each field only when its event is selected', () => {
		const values = read({ endingWithinDays: 'x', runDelayMinutes: 30, skippedPercent: 2.5 });
		expect(eventSettingsFrom(values, only('runDelayed', 'skippedRateExceeded'))).toEqual({
			endingWithinDays: 14,
			delayMinutes: 30,
			skippedPercent: 2.5,
		});
		expect(eventSettingsFrom(values, only('runFailed'))).toEqual(DEFAULT_EVENT_SETTINGS);
	});

	it.each([
		[
			'exportEndingSoon',
			{ endingWithinDays: 0 },
			'endingWithinDays',
			'Days Before End must be a whole number of days from 1 to 365, got 0',
		],
		[
			'exportEndingSoon',
			{ endingWithinDays: 2.5 },
			'endingWithinDays',
			'Days Before End must be a whole number of days from 1 to 365, got 2.5',
		],
		[
			'runDelayed',
			{ runDelayMinutes: 1441 },
			'runDelayMinutes',
			'Delay (Minutes) must be a whole number of minutes from 1 to 1440, got 1441',
		],
		[
			'skippedRateExceeded',
			{ skippedPercent: 101 },
			'skippedPercent',
			'Skipped Share (%) must be a number from 0 to 100, got 101',
		],
		[
			'skippedRateExceeded',
			{ skippedPercent: '1' },
			'skippedPercent',
			'Skipped Share (%) must be a number from 0 to 100, got string "1"',
		],
	] as const)(
		'refuses a bad value of %s, naming the field: %j',
		(event, values, field, message) => {
			expect(() => eventSettingsFrom(read(values), only(event))).toThrow(
				expect.objectContaining({ field, message }),
			);
		},
	);
});
