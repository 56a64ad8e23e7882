import fc from 'fast-check';

import {
	dueTimesBetween,
	epochMs,
	isDatasetExport,
	lastDueTime,
	scheduledExports,
	type Cadence,
} from '@node/trigger/schedules';
import {
	AUDIENCE_A,
	AUDIENCE_B,
	DAY,
	HOUR,
	NOW,
	audienceFlow,
	datasetExport,
	seconds,
} from './scheduleFixtures';

describe('which dataflows are dataset exports', () => {
	it('one whose source is the Data Lake, or whose target says DATASET_EXPORT', () => {
		expect(isDatasetExport(datasetExport({}))).toBe(true);
		expect(
			isDatasetExport(
				datasetExport(
					{},
					{
						inheritedAttributes: {
							targetConnections: [{ id: 't', data: { outputType: 'DATASET_EXPORT' } }],
						},
					},
				),
			),
		).toBe(true);
	});

	it('not an audience dataflow (Profile store source), nor one without inherited attributes', () => {
		expect(
			isDatasetExport(
				audienceFlow([], {
					inheritedAttributes: {
						sourceConnections: [{ connectionSpec: { id: '8a9c3494-9708-43d7-ae3f-cda01e5030e1' } }],
					},
				}),
			),
		).toBe(false);
		expect(isDatasetExport(audienceFlow([]))).toBe(false);
		expect(
			isDatasetExport(audienceFlow([], { inheritedAttributes: { sourceConnections: 'x' } })),
		).toBe(false);
	});
});

describe('a dataset export’s schedule (scheduleParams, epoch seconds)', () => {
	const start = NOW - 30 * DAY + 5 * HOUR;
	const end = NOW + 3 * DAY;

	it('every 6 hours from startTime, ending at endTime', () => {
		const [item] = scheduledExports(
			datasetExport({
				exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
				timeUnit: 'hour',
				interval: 6,
				startTime: seconds(start),
				endTime: seconds(end),
			}),
		);
		expect(item).toEqual({
			kind: 'datasetExport',
			end,
			cadence: { start, every: 6 * HOUR, end },
		});
	});

	it('daily; a one-time export (interval 0, DAILY_FULL_EXPORT) is due once and has no end', () => {
		expect(
			scheduledExports(
				datasetExport({ timeUnit: 'day', interval: 1, startTime: seconds(start) }),
			)[0],
		).toEqual({ kind: 'datasetExport', cadence: { start, every: DAY } });
		expect(
			scheduledExports(
				datasetExport({
					exportMode: 'DAILY_FULL_EXPORT',
					timeUnit: 'day',
					interval: 0,
					startTime: seconds(start),
				}),
			)[0],
		).toEqual({ kind: 'datasetExport', cadence: { start, every: 0 } });
	});

	it('reads times sent as epoch milliseconds or digits as they are meant', () => {
		expect(epochMs(seconds(start))).toBe(start);
		expect(epochMs(start)).toBe(start);
		expect(epochMs(String(seconds(start)))).toBe(start);
		expect(epochMs('soon')).toBeUndefined();
		expect(epochMs(-1)).toBeUndefined();
	});

	it('an end without a usable cadence still ends; no scheduleParams: nothing scheduled', () => {
		expect(
			scheduledExports(datasetExport({ timeUnit: 'week', interval: 1, endTime: seconds(end) })),
		).toEqual([{ kind: 'datasetExport', end }]);
		expect(
			scheduledExports(
				datasetExport({ timeUnit: 'hour', interval: -3, startTime: seconds(start) }),
			),
		).toEqual([{ kind: 'datasetExport' }]);
		expect(scheduledExports(datasetExport(undefined as never))).toEqual([]);
	});
});

describe('an audience’s schedule', () => {
	const exportsOf = (schedule: Record<string, unknown>) =>
		scheduledExports(audienceFlow([{ id: AUDIENCE_A, name: 'Gold', schedule }]));

	it('DAILY from startDate at startTime (UTC) until endDate, which is itself not exported', () => {
		expect(
			exportsOf({
				frequency: 'DAILY',
				triggerType: 'SCHEDULED',
				startDate: '2026-03-01',
				startTime: '20:00',
				endDate: '2026-03-20',
			}),
		).toEqual([
			{
				kind: 'audience',
				audienceId: AUDIENCE_A,
				audienceName: 'Gold',
				end: Date.UTC(2026, 2, 20),
				cadence: { start: Date.UTC(2026, 2, 1, 20), every: DAY, end: Date.UTC(2026, 2, 20) },
			},
		]);
	});

	it('EVERY_6_HOURS; ONCE is due once and has no end even when an endDate is sent', () => {
		expect(
			exportsOf({ frequency: 'EVERY_6_HOURS', startDate: '2026-03-01', startTime: '02:00' })[0]
				.cadence,
		).toEqual({ start: Date.UTC(2026, 2, 1, 2), every: 6 * HOUR });
		const [once] = exportsOf({
			frequency: 'ONCE',
			startDate: '2026-03-01',
			startTime: '16:00',
			endDate: '2026-03-02',
		});
		expect(once.end).toBeUndefined();
		expect(once.cadence).toEqual({ start: Date.UTC(2026, 2, 1, 16), every: 0 });
	});

	it('no due time for exports started by segmentation, or without a real start', () => {
		const [afterSegmentation] = exportsOf({
			frequency: 'DAILY',
			triggerType: 'AFTER_SEGMENT_EVAL',
			startDate: '2026-03-01',
			endDate: '2026-04-01',
		});
		expect(afterSegmentation).toEqual({
			kind: 'audience',
			audienceId: AUDIENCE_A,
			audienceName: 'Gold',
			end: Date.UTC(2026, 3, 1),
		});
		for (const schedule of [
			{ frequency: 'DAILY', startDate: '2026-02-30', startTime: '10:00' },
			{ frequency: 'DAILY', startDate: '2026-03-01', startTime: '25:00' },
			{ frequency: 'DAILY', startDate: '1 March', startTime: '10:00' },
			{ frequency: 'WEEKLY', startDate: '2026-03-01', startTime: '10:00' },
			{ frequency: 'EVERY_0_HOURS', startDate: '2026-03-01', startTime: '10:00' },
		])
			expect(exportsOf(schedule)[0].cadence).toBeUndefined();
	});

	it('one entry per audience with a schedule; streaming audiences (no schedule) have none', () => {
		const flow = audienceFlow([
			{
				id: AUDIENCE_A,
				schedule: { frequency: 'DAILY', startDate: '2026-03-01', startTime: '01:00' },
			},
			{ id: AUDIENCE_B, name: 'Silver', schedule: undefined as never },
		]);
		expect(scheduledExports(flow).map((item) => [item.audienceId, item.audienceName])).toEqual([
			[AUDIENCE_A, null],
		]);
		expect(scheduledExports({ id: 'x', etag: '"x"' })).toEqual([]);
	});
});

describe('due times', () => {
	/** Every due time up to `until`, one after the other: what dueTimesBetween must equal. */
	function walk(cadence: Cadence, after: number, until: number): number[] {
		const times: number[] = [];
		for (let k = 0; ; k++) {
			const at = cadence.start + k * cadence.every;
			if (at > until || (cadence.end !== undefined && at >= cadence.end)) break;
			if (at > after) times.push(at);
			if (cadence.every === 0) break;
		}
		return times;
	}

	const cadences = fc.record(
		{
			start: fc.integer({ min: 0, max: 400 }).map((h) => NOW - 200 * HOUR + h * HOUR),
			every: fc.constantFrom(0, 3 * HOUR, 6 * HOUR, 8 * HOUR, 12 * HOUR, DAY),
			end: fc.integer({ min: 0, max: 800 }).map((h) => NOW - 200 * HOUR + h * HOUR),
		},
		{ requiredKeys: ['start', 'every'] },
	);
	const instant = fc.integer({ min: -300 * 60, max: 300 * 60 }).map((m) => NOW + m * 60_000);

	it('are the ones a step-by-step walk finds, in order, for any window (generated)', () => {
		fc.assert(
			fc.property(
				cadences,
				instant,
				fc.integer({ min: 0, max: 48 * 60 }),
				(cadence, after, span) => {
					const until = after + span * 60_000;
					expect(dueTimesBetween(cadence, after, until)).toEqual(walk(cadence, after, until));
				},
			),
			{ numRuns: 500 },
		);
	});

	it('split any span into consecutive windows without losing or repeating one (generated)', () => {
		fc.assert(
			fc.property(
				cadences,
				fc.array(fc.integer({ min: 0, max: 600 }), { maxLength: 12 }),
				(cadence, steps) => {
					let from = NOW - 250 * HOUR;
					const pieces: number[] = [];
					for (const step of steps) {
						const to = from + step * 60_000 * 7;
						pieces.push(...dueTimesBetween(cadence, from, to));
						from = to;
					}
					expect(pieces).toEqual(walk(cadence, NOW - 250 * HOUR, from));
				},
			),
			{ numRuns: 300 },
		);
	});

	it('the latest due time at or before an instant is the walk’s last one (generated)', () => {
		fc.assert(
			fc.property(cadences, instant, (cadence, at) => {
				expect(lastDueTime(cadence, at)).toBe(walk(cadence, -Infinity, at).at(-1));
			}),
			{ numRuns: 500 },
		);
	});
});
