import fc from 'fast-check';

import {
	detectEndings,
	readEndingMemory,
	sampleEnding,
	type EndingMemory,
} from '@node/trigger/endings';
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
	dateOf,
	datasetExport,
	scheduled,
	seconds,
} from './scheduleFixtures';

const WITHIN = 14 * DAY;
const at = (ms: number) => new Date(ms).toISOString();

const exportEnding = (end: number, overrides = {}) =>
	scheduled(
		datasetExport(
			{ timeUnit: 'day', interval: 1, startTime: seconds(NOW - 30 * DAY), endTime: seconds(end) },
			overrides,
		),
	);
const audiencesEnding = (ends: Record<string, number>, overrides = {}) =>
	scheduled(
		audienceFlow(
			Object.entries(ends).map(([id, end]) => ({
				id,
				name: `Audience ${id.slice(0, 4)}`,
				schedule: {
					frequency: 'DAILY',
					startDate: '2026-01-01',
					startTime: '08:00',
					endDate: dateOf(end),
				},
			})),
			overrides,
		),
	);

/** Polls in order, memory carried from one to the next; returns every event and the last memory. */
function polls(steps: Array<{ now: number; flows: ScheduledFlow[] }>, start?: EndingMemory) {
	let memory = start;
	const events = [];
	for (const step of steps) {
		const result = detectEndings(memory, step.flows, WITHIN, step.now, at(step.now));
		events.push(...result.events);
		memory = result.memory;
	}
	return { events, memory };
}

describe('Export Ending Soon', () => {
	it('at the first look, reports what ends within the window; ends already past are history', () => {
		const flows = [
			exportEnding(NOW + 3 * DAY + 6 * HOUR),
			audiencesEnding({ [AUDIENCE_A]: NOW + 20 * DAY, [AUDIENCE_B]: NOW - 2 * DAY }),
		];
		const { events, memory } = detectEndings(undefined, flows, WITHIN, NOW, at(NOW));
		expect(events).toEqual([
			{
				event: 'exportEndingSoon',
				flowId: DATASET_FLOW,
				flowName: 'Web events to the Data Landing Zone',
				kind: 'datasetExport',
				end: at(NOW + 3 * DAY + 6 * HOUR),
				daysLeft: 3,
				ended: false,
				detectedAt: at(NOW),
			},
		]);
		expect(memory).toEqual({
			checkedAt: NOW,
			notified: { [DATASET_FLOW]: NOW + 3 * DAY + 6 * HOUR },
		});
	});

	it('reports an audience once its end comes within the window, with its ID and name', () => {
		const flows = [audiencesEnding({ [AUDIENCE_A]: NOW + 20 * DAY })];
		const { events } = polls([
			{ now: NOW, flows },
			{ now: NOW + 5 * DAY, flows },
			{ now: NOW + 6 * DAY, flows },
			{ now: NOW + 7 * DAY, flows },
		]);
		expect(events).toEqual([
			expect.objectContaining({
				flowId: AUDIENCE_FLOW,
				kind: 'audience',
				audienceId: AUDIENCE_A,
				audienceName: 'Audience aaaa',
				end: '2026-03-30T00:00:00.000Z',
				daysLeft: 14,
				ended: false,
			}),
		]);
	});

	it('once per end: an end moved later and nearing again is reported again, for the new date', () => {
		const first = exportEnding(NOW + 5 * DAY);
		const extended = exportEnding(NOW + 40 * DAY);
		const { events } = polls([
			{ now: NOW, flows: [first] },
			{ now: NOW + HOUR, flows: [first] },
			{ now: NOW + 2 * DAY, flows: [extended] },
			{ now: NOW + 20 * DAY, flows: [extended] },
			{ now: NOW + 27 * DAY, flows: [extended] },
			{ now: NOW + 30 * DAY, flows: [extended] },
		]);
		expect(events.map((event) => [event.end, event.daysLeft])).toEqual([
			[at(NOW + 5 * DAY), 5],
			[at(NOW + 40 * DAY), 13],
		]);
	});

	it('an end that passes while n8n is stopped is reported once, as ended; one never reported before the first look is not', () => {
		const flows = [exportEnding(NOW + 20 * DAY)];
		const { events, memory } = polls([
			{ now: NOW, flows },
			{ now: NOW + 22 * DAY, flows },
			{ now: NOW + 23 * DAY, flows },
		]);
		expect(events).toEqual([
			expect.objectContaining({ end: at(NOW + 20 * DAY), daysLeft: -2, ended: true }),
		]);
		expect(memory).toEqual({ checkedAt: NOW + 23 * DAY, notified: {} });
	});

	it('a disabled dataflow’s end is not reported until it is enabled again', () => {
		const end = NOW + 5 * DAY;
		const { events } = polls([
			{ now: NOW, flows: [exportEnding(end, { state: 'disabled' })] },
			{ now: NOW + HOUR, flows: [exportEnding(end, { state: 'disabled' })] },
			{ now: NOW + 2 * HOUR, flows: [exportEnding(end)] },
			{ now: NOW + 3 * HOUR, flows: [exportEnding(end, { state: 'disabled' })] },
			{ now: NOW + 4 * HOUR, flows: [exportEnding(end)] },
		]);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ detectedAt: at(NOW + 2 * HOUR) });
	});

	it('forgets dataflows and audiences that are gone, and ends once passed', () => {
		const both = audiencesEnding({ [AUDIENCE_A]: NOW + 2 * DAY, [AUDIENCE_B]: NOW + 3 * DAY });
		const first = detectEndings(undefined, [both], WITHIN, NOW, at(NOW)).memory;
		expect(Object.keys(first.notified).sort()).toEqual(
			[`${AUDIENCE_FLOW}/${AUDIENCE_A}`, `${AUDIENCE_FLOW}/${AUDIENCE_B}`].sort(),
		);
		const onlyB = audiencesEnding({ [AUDIENCE_B]: NOW + 3 * DAY });
		const second = detectEndings(first, [onlyB], WITHIN, NOW + MIN, at(NOW + MIN));
		expect(second.events).toEqual([]);
		expect(second.memory).toEqual({
			checkedAt: NOW + MIN,
			notified: { [`${AUDIENCE_FLOW}/${AUDIENCE_B}`]: NOW + 3 * DAY },
		});
		const later = detectEndings(second.memory, [onlyB], WITHIN, NOW + 4 * DAY, at(NOW + 4 * DAY));
		expect(later).toEqual({ events: [], memory: { checkedAt: NOW + 4 * DAY, notified: {} } });
	});

	it('a quiet poll changes nothing it remembers; the last look moves on hourly', () => {
		const flows = [exportEnding(NOW + 30 * DAY)];
		const first = detectEndings(undefined, flows, WITHIN, NOW, at(NOW)).memory;
		expect(detectEndings(first, flows, WITHIN, NOW + 59 * MIN, at(NOW)).memory).toEqual(first);
		expect(detectEndings(first, flows, WITHIN, NOW + HOUR, at(NOW)).memory.checkedAt).toBe(
			NOW + HOUR,
		);
	});

	it('an end reported and then passed between polls is not reported again as ended', () => {
		const flows = [exportEnding(NOW + 10 * MIN)];
		const { events } = polls([
			{ now: NOW, flows },
			{ now: NOW + 5 * MIN, flows },
			{ now: NOW + 15 * MIN, flows },
			{ now: NOW + 20 * MIN, flows },
			{ now: NOW + 2 * HOUR, flows },
			{ now: NOW + 3 * HOUR, flows },
		]);
		expect(events).toHaveLength(1);
	});

	it('orders one poll’s events by end, then dataflow and audience', () => {
		const { events } = detectEndings(
			undefined,
			[
				audiencesEnding({ [AUDIENCE_B]: NOW + 2 * DAY, [AUDIENCE_A]: NOW + 2 * DAY }),
				exportEnding(NOW + DAY),
			],
			WITHIN,
			NOW,
			at(NOW),
		);
		expect(events.map((event) => event.audienceId ?? event.flowId)).toEqual([
			DATASET_FLOW,
			AUDIENCE_A,
			AUDIENCE_B,
		]);
	});

	it('reads back only what it wrote', () => {
		expect(readEndingMemory({ checkedAt: 1, notified: { a: 2 } })).toEqual({
			checkedAt: 1,
			notified: { a: 2 },
		});
		for (const raw of [
			undefined,
			'x',
			{ checkedAt: '1', notified: {} },
			{ checkedAt: 1, notified: [] },
			{ checkedAt: 1, notified: { a: 'soon' } },
			{ checkedAt: 1 },
		])
			expect(readEndingMemory(raw)).toBeUndefined();
	});

	describe('generated poll sequences', () => {
		/** An end moving among a few dates, the dataflow switching state, polls at any pace. */
		const steps = fc.array(
			fc.record({
				gapMinutes: fc.oneof(
					fc.integer({ min: 1, max: 90 }),
					fc.integer({ min: 60, max: 30 * 1440 }),
				),
				endDay: fc.constantFrom(2, 10, 20, 45),
				enabled: fc.boolean(),
			}),
			{ minLength: 1, maxLength: 40 },
		);

		it('report each end at most once, and every end that came within the window while enabled and ahead (generated)', () => {
			fc.assert(
				fc.property(steps, (generated) => {
					let now = NOW;
					let memory: EndingMemory | undefined;
					const endsPolled: number[] = [];
					const reports: Array<{ poll: number; end: number }> = [];
					const due = new Set<number>();
					for (const [poll, step] of generated.entries()) {
						now += step.gapMinutes * MIN;
						const end = NOW + step.endDay * DAY;
						const flow = exportEnding(end, step.enabled ? {} : { state: 'disabled' });
						const result = detectEndings(memory, [flow], WITHIN, now, at(now));
						endsPolled.push(end);
						for (const event of result.events) reports.push({ poll, end: Date.parse(event.end) });
						if (step.enabled && end > now && end - now <= WITHIN) due.add(end);
						memory = result.memory;
						// Bounded: only ends still ahead of the last look are kept.
						const { checkedAt, notified } = memory;
						expect(Object.values(notified).every((kept) => kept > checkedAt)).toBe(true);
					}
					// The same end twice only if the schedule named another end in between.
					for (const [i, report] of reports.entries()) {
						const before = reports
							.slice(0, i)
							.filter((other) => other.end === report.end)
							.at(-1);
						if (before)
							expect(
								endsPolled.slice(before.poll, report.poll + 1).some((end) => end !== report.end),
							).toBe(true);
					}
					for (const end of due) expect(reports.map((report) => report.end)).toContain(end);
				}),
				{ numRuns: 400 },
			);
		});
	});

	describe('Fetch Test Event', () => {
		it('gives the nearest end ahead whatever the window, else the latest passed; none for disabled dataflows', () => {
			const ahead = exportEnding(NOW + 90 * DAY);
			const passed = audiencesEnding({ [AUDIENCE_A]: NOW - 3 * DAY, [AUDIENCE_B]: NOW - DAY });
			expect(sampleEnding([ahead, passed], NOW, at(NOW))).toMatchObject({
				flowId: DATASET_FLOW,
				daysLeft: 90,
				ended: false,
			});
			expect(sampleEnding([passed], NOW, at(NOW))).toMatchObject({
				audienceId: AUDIENCE_B,
				daysLeft: -1,
				ended: true,
			});
			expect(sampleEnding([exportEnding(NOW + DAY, { state: 'disabled' })], NOW, at(NOW))).toBe(
				undefined,
			);
		});
	});
});
