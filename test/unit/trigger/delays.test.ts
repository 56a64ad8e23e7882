import fc from 'fast-check';

import {
	detectDelays,
	duesToDecide,
	EARLY_START_MS,
	MAX_CATCH_UP_MS,
	readDelayMemory,
	runStart,
	sampleDelay,
	type DelayMemory,
} from '@node/trigger/delays';
import type { FlowRun } from '@node/transport';
import type { ScheduledFlow } from '@node/trigger/schedules';
import {
	AUDIENCE_A,
	AUDIENCE_B,
	AUDIENCE_FLOW,
	DATASET_FLOW,
	DAY,
	HOUR,
	MIN,
	NOW,
	audienceFlow,
	datasetExport,
	scheduled,
	seconds,
} from './scheduleFixtures';

const DELAY = 150;
const at = (ms: number) => new Date(ms).toISOString();
/** Today's 08:00 UTC export. */
const DUE = NOW + 8 * HOUR;

const daily = (startTime = '08:00', overrides = {}) =>
	scheduled(
		audienceFlow(
			[
				{
					id: AUDIENCE_A,
					name: 'Gold',
					schedule: { frequency: 'DAILY', startDate: '2026-01-01', startTime },
				},
			],
			overrides,
		),
	);
const run = (
	id: string,
	start: number,
	flowId = AUDIENCE_FLOW,
	created = start - 1500,
): FlowRun => ({
	id,
	flowId,
	createdAt: created,
	metrics: { durationSummary: { startedAtUTC: start }, statusSummary: { status: 'Success' } },
});

function poll(
	memory: DelayMemory | undefined,
	flows: ScheduledFlow[],
	runs: FlowRun[],
	now: number,
	delay = DELAY,
) {
	return detectDelays(memory, flows, runs, delay, now, at(now));
}

describe('Run Delayed', () => {
	const baseline = poll(undefined, [daily()], [], NOW + 9 * HOUR).memory;

	it('records a baseline first: nothing decided, nothing reported, no runs needed', () => {
		expect(baseline).toEqual({ checkedUntil: NOW + 9 * HOUR, delayMinutes: DELAY });
		expect(duesToDecide(undefined, [daily()], DELAY, NOW + 9 * HOUR)).toEqual({ dues: [] });
	});

	it('decides a due time at the first poll after its delay ran out: no run started, reported', () => {
		expect(duesToDecide(baseline, [daily()], DELAY, DUE + 149 * MIN).dues).toEqual([]);
		const plan = duesToDecide(baseline, [daily()], DELAY, DUE + 151 * MIN);
		expect(plan.dues.map((due) => due.at)).toEqual([DUE]);
		expect(plan.runsFrom).toBe(DUE - EARLY_START_MS - DELAY * MIN);

		const result = poll(baseline, [daily()], [], DUE + 151 * MIN);
		expect(result.events).toEqual([
			{
				event: 'runDelayed',
				flowId: AUDIENCE_FLOW,
				flowName: 'Loyalty audiences to S3',
				kind: 'audience',
				dueAt: '2026-03-10T08:00:00.000Z',
				delayMinutes: DELAY,
				audiences: [{ id: AUDIENCE_A, name: 'Gold' }],
				detectedAt: at(DUE + 151 * MIN),
			},
		]);
		expect(result.memory).toEqual({ checkedUntil: DUE + 151 * MIN, delayMinutes: DELAY });
	});

	it('once per due time: a run starting after the alert does not undo it, nor repeat it', () => {
		const first = poll(baseline, [daily()], [], DUE + 151 * MIN);
		const late = [run('late', DUE + 170 * MIN)];
		expect(poll(first.memory, [daily()], late, DUE + 171 * MIN).events).toEqual([]);
		expect(poll(first.memory, [daily()], late, DUE + 5 * HOUR).events).toEqual([]);
	});

	it.each([
		['started on time', [run('r', DUE + 2 * MIN)], 0],
		['started just within the delay', [run('r', DUE + DELAY * MIN)], 0],
		['started shortly before it was due', [run('r', DUE - 29 * MIN)], 0],
		[
			'created when due, start not reported yet',
			[{ id: 'r', flowId: AUDIENCE_FLOW, createdAt: DUE + MIN }],
			0,
		],
		['started after the delay', [run('r', DUE + DELAY * MIN + 1)], 1],
		['started too early to be this one', [run('r', DUE - 31 * MIN)], 1],
		['a run of another dataflow', [run('r', DUE + MIN, DATASET_FLOW)], 1],
	])('a due time with a run %s: %i event(s)', (_label, runs, expected) => {
		expect(poll(baseline, [daily()], runs as FlowRun[], DUE + 151 * MIN).events).toHaveLength(
			expected,
		);
	});

	it('reads when a run started from metrics.durationSummary.startedAtUTC, else createdAt', () => {
		expect(runStart(run('r', 5, AUDIENCE_FLOW, 1))).toBe(5);
		expect(runStart({ id: 'r', createdAt: 7 })).toBe(7);
		expect(runStart({ id: 'r' })).toBeUndefined();
	});

	it('leaves out due times before the dataflow’s last update, and disabled dataflows', () => {
		const updated = daily('08:00', { updatedAt: DUE + 10 * MIN });
		expect(poll(baseline, [updated], [], DUE + 151 * MIN).events).toEqual([]);
		const disabled = daily('08:00', { state: 'disabled' });
		expect(duesToDecide(baseline, [disabled], DELAY, DUE + 151 * MIN).dues).toEqual([]);
		const createdOnly = daily('08:00', { updatedAt: undefined, createdAt: DUE + MIN });
		expect(poll(baseline, [createdOnly], [], DUE + 151 * MIN).events).toEqual([]);
	});

	it('groups the audiences due at one time into one event; a dataset export has no audiences', () => {
		const two = scheduled(
			audienceFlow([
				{
					id: AUDIENCE_A,
					schedule: { frequency: 'DAILY', startDate: '2026-01-01', startTime: '08:00' },
				},
				{
					id: AUDIENCE_B,
					name: 'Silver',
					schedule: { frequency: 'EVERY_6_HOURS', startDate: '2026-01-01', startTime: '02:00' },
				},
			]),
		);
		const exportFlow = scheduled(
			datasetExport({
				timeUnit: 'hour',
				interval: 3,
				startTime: seconds(NOW - 10 * DAY + 2 * HOUR),
			}),
		);
		const events = poll(baseline, [two, exportFlow], [], DUE + 151 * MIN).events;
		expect(events.map((event) => [event.dueAt, event.flowId, event.kind, event.audiences])).toEqual(
			[
				[
					'2026-03-10T08:00:00.000Z',
					AUDIENCE_FLOW,
					'audience',
					[
						{ id: AUDIENCE_A, name: null },
						{ id: AUDIENCE_B, name: 'Silver' },
					],
				],
				['2026-03-10T08:00:00.000Z', DATASET_FLOW, 'datasetExport', undefined],
			],
		);
	});

	it('a quiet poll keeps what it remembers (deciding again gives the same answer); it moves on hourly', () => {
		const met = [run('r', DUE + MIN)];
		const recent = poll(undefined, [daily()], [], DUE + 2 * HOUR).memory;
		const quiet = poll(recent, [daily()], met, DUE + 151 * MIN);
		expect(quiet).toEqual({ events: [], memory: recent });
		expect(duesToDecide(quiet.memory, [daily()], DELAY, DUE + 160 * MIN).runsFrom).toBe(
			DUE - EARLY_START_MS - DELAY * MIN,
		);
		expect(poll(quiet.memory, [daily()], met, DUE + 3 * HOUR).memory.checkedUntil).toBe(
			DUE + 3 * HOUR,
		);
	});

	it('after a long stop decides at most the last seven days; another delay starts over', () => {
		const stopped = { checkedUntil: NOW - 30 * DAY, delayMinutes: DELAY };
		const dues = duesToDecide(stopped, [daily()], DELAY, DUE + 151 * MIN).dues;
		expect(dues).toHaveLength(7);
		expect(dues[0].at).toBeGreaterThan(DUE + 151 * MIN - MAX_CATCH_UP_MS - DELAY * MIN);
		expect(poll(stopped, [daily()], [], DUE + 151 * MIN, 60)).toEqual({
			events: [],
			memory: { checkedUntil: DUE + 151 * MIN, delayMinutes: 60 },
		});
	});

	it('a one-time export is due once; an audience past its end date is due no more', () => {
		const once = scheduled(
			audienceFlow([
				{
					id: AUDIENCE_A,
					schedule: { frequency: 'ONCE', startDate: '2026-03-10', startTime: '08:00' },
				},
			]),
		);
		expect(poll(baseline, [once], [], DUE + 151 * MIN).events).toHaveLength(1);
		expect(poll(baseline, [once], [], DUE + DAY + 151 * MIN).events).toHaveLength(1);
		const ended = scheduled(
			audienceFlow([
				{
					id: AUDIENCE_A,
					schedule: {
						frequency: 'DAILY',
						startDate: '2026-01-01',
						startTime: '08:00',
						endDate: '2026-03-10',
					},
				},
			]),
		);
		expect(poll(baseline, [ended], [], DUE + 151 * MIN).events).toEqual([]);
	});

	it('reads back only what it wrote', () => {
		expect(readDelayMemory({ checkedUntil: 1, delayMinutes: 150 })).toEqual({
			checkedUntil: 1,
			delayMinutes: 150,
		});
		for (const raw of [null, {}, { checkedUntil: 1 }, { checkedUntil: 'x', delayMinutes: 1 }])
			expect(readDelayMemory(raw)).toBeUndefined();
	});

	it('any poll pace reports exactly the due times with no run in their window, each once (generated)', () => {
		const every3Hours = scheduled(
			audienceFlow([
				{
					id: AUDIENCE_A,
					schedule: { frequency: 'EVERY_3_HOURS', startDate: '2026-03-01', startTime: '00:00' },
				},
			]),
		);
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: 6 * 60 }), { minLength: 1, maxLength: 30 }),
				fc.array(fc.integer({ min: -60, max: 4 * 24 * 60 }), { maxLength: 25 }),
				fc.integer({ min: 1, max: 170 }),
				(gaps, runMinutes, delay) => {
					const runs = runMinutes.map((m, i) => run(`r${i}`, NOW + m * MIN));
					let now = NOW;
					let memory = poll(undefined, [every3Hours], [], now, delay).memory;
					const reported: number[] = [];
					for (const gap of gaps) {
						now += gap * MIN;
						const visible = runs.filter((candidate) => runStart(candidate)! <= now);
						const result = poll(memory, [every3Hours], visible, now, delay);
						reported.push(...result.events.map((event) => Date.parse(event.dueAt)));
						memory = result.memory;
					}
					const expected: number[] = [];
					for (let due = Date.UTC(2026, 2, 1); due + delay * MIN <= now; due += 3 * HOUR) {
						if (due + delay * MIN <= NOW) continue;
						const met = runs.some((candidate) => {
							const start = runStart(candidate)!;
							return start >= due - EARLY_START_MS && start <= due + delay * MIN;
						});
						if (!met) expected.push(due);
					}
					expect(reported).toEqual(expected);
				},
			),
			{ numRuns: 400 },
		);
	});

	describe('Fetch Test Event', () => {
		it('gives the latest due time whose delay ran out, of the enabled dataflows', () => {
			expect(sampleDelay([daily()], DELAY, DUE + 151 * MIN, at(NOW))).toMatchObject({
				dueAt: '2026-03-10T08:00:00.000Z',
				audiences: [{ id: AUDIENCE_A, name: 'Gold' }],
			});
			expect(sampleDelay([daily()], DELAY, DUE + 149 * MIN, at(NOW))).toMatchObject({
				dueAt: '2026-03-09T08:00:00.000Z',
			});
			expect(sampleDelay([daily('08:00', { state: 'disabled' })], DELAY, DUE, at(NOW))).toBe(
				undefined,
			);
		});
	});
});
