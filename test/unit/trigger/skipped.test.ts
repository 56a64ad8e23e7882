import fc from 'fast-check';

import { diffSkips, observeFlow } from '@node/trigger/detection';
import { exceedsSkippedShare, isFinishedRun, runCounts, skippedEvent } from '@node/trigger/skipped';
import type { FlowRun } from '@node/transport';
import {
	AUDIENCE_A,
	AUDIENCE_B,
	AUDIENCE_FLOW,
	DATASET_FLOW,
	audienceFlow,
	datasetExport,
} from './scheduleFixtures';

const AT = '2026-03-10T00:00:00.000Z';
const MIN = 60_000;
const WINDOW = 60 * MIN;

/** The Flow Service's Batch_Flow_Run_Success example (destinations OpenAPI document), trimmed. */
const ADOBE_EXAMPLE: FlowRun = {
	id: 'e80e24c1-82de-48de-8352-b2d0fca1c392',
	createdAt: 1659018528378,
	flowId: 'df8d079d-11eb-466a-9731-6b5948a009e4',
	metrics: {
		durationSummary: { startedAtUTC: 1659018529865, completedAtUTC: 1659018929923 },
		recordSummary: {
			inputRecordCount: 7823447,
			createdRecordCount: 7808223,
			outputRecordCount: 7808223,
			skippedRecordCount: 15224,
			sourceSummaries: [
				{
					id: '1d6b7dc0-6d54-464e-abb3-54fb9701cb29',
					inputRecordCount: 7823447,
					skippedRecordCount: 15224,
					entitySummaries: [
						{
							id: 'segment:b1cbaff7-e7c6-417e-ab54-71d302595785',
							inputRecordCount: 7823447,
							skippedRecordCount: 15224,
						},
					],
				},
			],
			targetSummaries: [{ id: 'f876fe0d-4f6d-42e4-954c-bee1baa323eb', outputRecordCount: 7808223 }],
			skippedInfo: [
				{
					code: 'ACTIVATION_BATCH-0000-SKIP',
					message: "Records didn't match attribute filter.",
					count: 15224,
				},
			],
		},
		statusSummary: { status: 'success' },
	},
};

function finished(
	id: string,
	createdAt: number,
	received: number,
	skipped: number,
	flowId = AUDIENCE_FLOW,
	status = 'Success',
): FlowRun {
	return {
		id,
		flowId,
		createdAt,
		metrics: {
			recordSummary: {
				inputRecordCount: received,
				outputRecordCount: received - skipped,
				skippedRecordCount: skipped,
				sourceSummaries: [
					{
						inputRecordCount: received,
						skippedRecordCount: skipped,
						entitySummaries: [
							{
								id: `segment:${AUDIENCE_A}`,
								inputRecordCount: received - 10,
								skippedRecordCount: skipped,
							},
							{ id: `segment:${AUDIENCE_B}`, inputRecordCount: 10, skippedRecordCount: 0 },
						],
					},
				],
			},
			statusSummary: { status },
		},
	};
}

describe('a run’s counts (metrics.recordSummary)', () => {
	it('reads Adobe’s example: 7,823,447 received, 15,224 skipped (0.19 %), 7,808,223 activated', () => {
		expect(runCounts(ADOBE_EXAMPLE)).toEqual({
			received: 7823447,
			skipped: 15224,
			activated: 7808223,
		});
		expect(exceedsSkippedShare(ADOBE_EXAMPLE, 1)).toBe(false);
		expect(exceedsSkippedShare(ADOBE_EXAMPLE, 0.19)).toBe(true);
		expect(exceedsSkippedShare(ADOBE_EXAMPLE, 0.2)).toBe(false);
	});

	it('sums the source and target summaries where a total is missing', () => {
		const run: FlowRun = {
			id: 'r',
			metrics: {
				recordSummary: {
					sourceSummaries: [
						{ inputRecordCount: 100, skippedRecordCount: 3 },
						{ inputRecordCount: 50 },
					],
					targetSummaries: [{ outputRecordCount: 140 }, { outputRecordCount: 7 }],
				},
			},
		};
		expect(runCounts(run)).toEqual({ received: 150, skipped: 3, activated: 147 });
	});

	it('no counts: none; nothing received: never over the share', () => {
		expect(runCounts({ id: 'r', metrics: {} })).toBeUndefined();
		expect(runCounts({ id: 'r', metrics: { recordSummary: { inputRecordCount: 5 } } })).toBe(
			undefined,
		);
		expect(exceedsSkippedShare(finished('r', 1, 0, 0), 0)).toBe(false);
		expect(exceedsSkippedShare({ id: 'r' }, 0)).toBe(false);
	});

	it('a count exactly at a two-decimal share is not over it, however large the run', () => {
		// 9.7 % of 841,867,000 is exactly 81,661,099; as floats, 9.7 × 841,867,000 falls just short.
		expect(exceedsSkippedShare(finished('r', 1, 841_867_000, 81_661_099), 9.7)).toBe(false);
		expect(exceedsSkippedShare(finished('r', 1, 841_867_000, 81_661_100), 9.7)).toBe(true);
	});

	it('over the share means strictly more than it, exactly at the boundary too (generated)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 2_000_000_000 }),
				fc.integer({ min: 0, max: 10_000 }),
				fc.integer({ min: -2, max: 2 }),
				(received, hundredths, offset) => {
					// A share of `hundredths` / 100 percent, and a count at, just under or just over it.
					const atShare = Math.floor((received * hundredths) / 10_000);
					const skipped = Math.min(received, Math.max(0, atShare + offset));
					const exact = BigInt(skipped) * 10_000n > BigInt(hundredths) * BigInt(received);
					expect(exceedsSkippedShare(finished('r', 1, received, skipped), hundredths / 100)).toBe(
						exact,
					);
				},
			),
			{ numRuns: 1000 },
		);
	});

	it('a run is finished when Success or Failed, in either spelling', () => {
		for (const status of ['Success', 'success', 'Failed', 'failed'])
			expect(isFinishedRun(finished('r', 1, 1, 0, AUDIENCE_FLOW, status))).toBe(true);
		for (const status of ['Processing', 'Waiting', null])
			expect(isFinishedRun(finished('r', 1, 1, 0, AUDIENCE_FLOW, status as never))).toBe(false);
	});
});

describe('Skipped Rate Exceeded', () => {
	const flows = [
		observeFlow(
			audienceFlow([
				{ id: AUDIENCE_A, name: 'Gold', schedule: {} },
				{ id: AUDIENCE_B, name: 'Silver', schedule: {} },
			]),
		),
		observeFlow(datasetExport({})),
	];

	it('the event: counts, share, Adobe’s reasons, and each audience with its name', () => {
		const event = skippedEvent(finished('r', 1, 1000, 50), flows[0], 1, AT);
		expect(event).toEqual({
			event: 'skippedRateExceeded',
			flowId: AUDIENCE_FLOW,
			flowName: 'Loyalty audiences to S3',
			kind: 'audience',
			run: finished('r', 1, 1000, 50),
			received: 1000,
			skipped: 50,
			activated: 950,
			skippedPercent: 5,
			thresholdPercent: 1,
			skippedReasons: [],
			audiences: [
				{ id: AUDIENCE_A, name: 'Gold', received: 990, skipped: 50, skippedPercent: 5.05 },
				{ id: AUDIENCE_B, name: 'Silver', received: 10, skipped: 0, skippedPercent: 0 },
			],
			detectedAt: AT,
		});
		const adobe = skippedEvent(ADOBE_EXAMPLE, undefined, 0.1, AT);
		expect(adobe).toMatchObject({
			flowName: null,
			skippedPercent: 0.19,
			skippedReasons: [{ code: 'ACTIVATION_BATCH-0000-SKIP', count: 15224 }],
			audiences: [{ id: 'b1cbaff7-e7c6-417e-ab54-71d302595785', name: null }],
		});
	});

	it('a dataset export’s run lists its datasets', () => {
		const run: FlowRun = {
			id: 'd',
			flowId: DATASET_FLOW,
			createdAt: 1,
			metrics: {
				recordSummary: {
					inputRecordCount: 200,
					skippedRecordCount: 20,
					sourceSummaries: [
						{
							entitySummaries: [
								{ id: 'dataset:ds1', inputRecordCount: 200, skippedRecordCount: 20 },
							],
						},
					],
				},
				statusSummary: { status: 'Success' },
			},
		};
		expect(skippedEvent(run, flows[1], 1, AT)).toMatchObject({
			kind: 'datasetExport',
			activated: null,
			datasets: [{ id: 'ds1', received: 200, skipped: 20, skippedPercent: 10 }],
		});
	});

	it('reports each finished run over the share once; the baseline reports none', () => {
		const T = 1_770_000_000_000;
		const old = finished('old', T, 100, 5);
		const first = diffSkips(undefined, [old, finished('fine', T, 100, 1)], WINDOW, flows, 1, AT);
		expect(first).toEqual({ events: [], skips: { watermark: T, seen: { old: T } } });

		const next = [
			finished('new', T + MIN, 100, 2),
			finished('running', T + 2 * MIN, 100, 50, AUDIENCE_FLOW, 'Processing'),
			finished('ok', T + 3 * MIN, 1000, 10),
			old,
		];
		const second = diffSkips(first.skips, next, WINDOW, flows, 1, AT);
		expect(second.events.map((event) => [event.run.id, event.skippedPercent])).toEqual([
			['new', 2],
		]);
		expect(second.skips).toEqual({ watermark: T + 3 * MIN, seen: { old: T, new: T + MIN } });
		expect(diffSkips(second.skips, next, WINDOW, flows, 1, AT).events).toEqual([]);
	});
});
