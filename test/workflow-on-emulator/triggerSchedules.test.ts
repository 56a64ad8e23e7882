/**
 * The trigger's schedule and run-metric events in n8n's engine against the emulator: its seeded
 * dataset exports (one ending in three days, one every six hours with a run at each due time) and
 * runs with skipped profiles.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	DATASET_FLOW_IDS,
	DATASET_IDS,
	SKIPPED_PROFILES_RUN,
	SKIPPED_PROFILES_RUN_ID,
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_AUDIENCE_NAMES,
	TUTORIAL_FLOW_ID,
	TUTORIAL_FLOW_NAME,
	TUTORIAL_NEW_AUDIENCE_ID,
	staticTokenHeaders,
	type Flow,
} from '../../emulator';
import { byId } from '../workflow-mocked/setup';
import { calls, useEmulator } from './setup';
import { memoryOf, triggerPolls } from './triggerPolls';

const emulator = useEmulator();
const { poll, activeWorkflow } = triggerPolls(emulator);

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const stored = (flowId: string) => emulator.current.getFlow(flowId) as Flow;

/** A dataset export's schedule changed through the Flow Service, as another tool would. */
async function patchSchedule(flowId: string, changes: Record<string, unknown>): Promise<void> {
	const flow = stored(flowId);
	const response = await fetch(`${emulator.current.flowServiceUrl}/flows/${flowId}`, {
		method: 'PATCH',
		headers: {
			...staticTokenHeaders(),
			'Content-Type': 'application/json',
			'If-Match': String(flow.etag),
		},
		body: JSON.stringify([
			{
				op: 'replace',
				path: '/scheduleParams',
				value: { ...(flow.scheduleParams as object), ...changes },
			},
		]),
	});
	expect(response.status).toBe(200);
}

const endOf = (flowId: string) =>
	((stored(flowId).scheduleParams as { endTime: number }).endTime as number) * 1000;

describe('Export Ending Soon against the emulator', () => {
	it('reports the seeded dataset export ending in three days at the first poll, once; again when its end is moved and nears again', async () => {
		const workflow = activeWorkflow({ events: ['exportEndingSoon'] });
		const first = await workflow.poll();
		const end = endOf(DATASET_FLOW_IDS.endingSoon);
		expect(first).toEqual([
			{
				event: 'exportEndingSoon',
				flowId: DATASET_FLOW_IDS.endingSoon,
				flowName: 'Web events to the Data Landing Zone (daily)',
				kind: 'datasetExport',
				end: iso(end),
				daysLeft: expect.any(Number),
				ended: false,
				detectedAt: expect.any(String),
			},
		]);
		expect([2, 3]).toContain(first[0].daysLeft);
		// Only the dataflow listing is read: ends are in the dataflows themselves.
		expect(new Set(calls(emulator.current).map((call) => call.split('?')[0]))).toEqual(
			new Set(['GET /flows']),
		);
		expect(await workflow.poll()).toEqual([]);

		await patchSchedule(DATASET_FLOW_IDS.endingSoon, { endTime: (end + 5 * DAY) / 1000 });
		expect(await workflow.poll()).toEqual([
			expect.objectContaining({ flowId: DATASET_FLOW_IDS.endingSoon, end: iso(end + 5 * DAY) }),
		]);
		expect(await workflow.poll()).toEqual([]);

		await patchSchedule(DATASET_FLOW_IDS.endingSoon, { endTime: (end + 60 * DAY) / 1000 });
		expect(await workflow.poll()).toEqual([]);
		expect(memoryOf(workflow.staticData).endings.notified).toEqual({});
	});

	it('reports an audience added with an end date ten days ahead, with its ID and name', async () => {
		const workflow = activeWorkflow({
			events: ['exportEndingSoon'],
			watch: 'flow',
			flowId: byId(TUTORIAL_FLOW_ID),
		});
		// The tutorial's audiences ended in 2021: history, not reported.
		expect(await workflow.poll()).toEqual([]);

		const endDate = iso(Date.now() + 10 * DAY).slice(0, 10);
		const result = await emulator.run({
			operation: 'addAudiences',
			flowId: byId(TUTORIAL_FLOW_ID),
			audiences: {
				audience: [
					{
						id: TUTORIAL_NEW_AUDIENCE_ID,
						name: 'Spring campaign',
						exportMode: 'DAILY_FULL_EXPORT',
						frequency: 'DAILY',
						triggerType: 'SCHEDULED',
						startDate: iso(Date.now()).slice(0, 10),
						startTime: '08:00',
						endDate,
					},
				],
			},
		});
		expect(result.status).toBe('success');
		expect(await workflow.poll()).toEqual([
			{
				event: 'exportEndingSoon',
				flowId: TUTORIAL_FLOW_ID,
				flowName: TUTORIAL_FLOW_NAME,
				kind: 'audience',
				audienceId: TUTORIAL_NEW_AUDIENCE_ID,
				audienceName: 'Spring campaign',
				end: `${endDate}T00:00:00.000Z`,
				daysLeft: expect.any(Number),
				ended: false,
				detectedAt: expect.any(String),
			},
		]);
		expect(await workflow.poll()).toEqual([]);
	});

	it('Fetch Test Event gives the nearest end ahead and remembers nothing', async () => {
		const result = await poll({ mode: 'manual', parameters: { events: ['exportEndingSoon'] } });
		expect(result.items).toMatchObject([
			{ event: 'exportEndingSoon', flowId: DATASET_FLOW_IDS.endingSoon, ended: false },
		]);
		expect(result.staticDataChanged).toBe(false);
		expect(memoryOf(result.staticData)).toEqual({});
	});
});

describe('Run Delayed against the emulator', () => {
	/**
	 * The tutorial dataflow with two one-time audiences: the first due 200 minutes ago, the second
	 * 40 minutes after it (whole minutes, as Adobe's start times are).
	 */
	function twoDueTimes() {
		const first = Math.floor((Date.now() - 200 * MIN) / MIN) * MIN;
		const second = first + 40 * MIN;
		const flow = stored(TUTORIAL_FLOW_ID);
		const transformations = flow.transformations as Array<{ params: any }>;
		const selectors = transformations[0].params.segmentSelectors.selectors.slice(0, 2);
		[first, second].forEach((due, i) => {
			selectors[i].value.schedule = {
				frequency: 'ONCE',
				startDate: iso(due).slice(0, 10),
				startTime: iso(due).slice(11, 16),
			};
		});
		transformations[0].params.segmentSelectors.selectors = selectors;
		emulator.current.putRawFlow({ ...flow, updatedAt: first - DAY, transformations });
		return { first, second };
	}

	it('decides each due time once its delay ran out: a run in time meets it, none reports it, once', async () => {
		const { first, second } = twoDueTimes();
		const workflow = activeWorkflow({
			events: ['runDelayed'],
			watch: 'flow',
			flowId: byId(TUTORIAL_FLOW_ID),
		});
		// The first poll records a baseline: due times whose delay ran out before are history.
		expect(await workflow.poll()).toEqual([]);
		expect(calls(emulator.current).some((call) => call.startsWith('GET /runs'))).toBe(false);

		emulator.current.addRun(TUTORIAL_FLOW_ID, { scheduledFor: first + MIN });
		// n8n was stopped for four hours: both due times are decided at the next poll.
		workflow.remember((memory) => {
			memory.delays.checkedUntil -= 4 * HOUR;
		});
		emulator.current.clearRequests();
		expect(await workflow.poll()).toEqual([
			{
				event: 'runDelayed',
				flowId: TUTORIAL_FLOW_ID,
				flowName: TUTORIAL_FLOW_NAME,
				kind: 'audience',
				dueAt: iso(second),
				delayMinutes: 150,
				audiences: [{ id: TUTORIAL_AUDIENCE_IDS[1], name: TUTORIAL_AUDIENCE_NAMES[1] }],
				detectedAt: expect.any(String),
			},
		]);
		const runs = emulator.current.requests().find((request) => request.path.includes('/runs?'))!;
		expect(new URL(`http://e${runs.path}`).searchParams.getAll('property')).toEqual([
			`flowId==${TUTORIAL_FLOW_ID}`,
			`createdAt>=${first - 180 * MIN}`,
		]);

		expect(await workflow.poll()).toEqual([]);
		// The run comes late, after the alert: nothing more.
		emulator.current.addRun(TUTORIAL_FLOW_ID, { status: 'Processing' });
		expect(await workflow.poll()).toEqual([]);
	});

	it('a shorter delay on a watched dataflow: the due time comes up sooner', async () => {
		const { second } = twoDueTimes();
		const workflow = activeWorkflow({
			events: ['runDelayed'],
			runDelayMinutes: 30,
			watch: 'flow',
			flowId: byId(TUTORIAL_FLOW_ID),
		});
		await workflow.poll();
		workflow.remember((memory) => {
			memory.delays.checkedUntil = second + 29 * MIN;
		});
		expect((await workflow.poll()).map((item) => [item.dueAt, item.delayMinutes])).toEqual([
			[iso(second), 30],
		]);
	});

	it('the seeded every-six-hours dataset export has a run at each due time: nothing to report after a stop', async () => {
		const workflow = activeWorkflow({
			events: ['runDelayed'],
			watch: 'flow',
			flowId: byId(DATASET_FLOW_IDS.everySixHours),
		});
		await workflow.poll();
		workflow.remember((memory) => {
			memory.delays.checkedUntil -= 8 * HOUR;
		});
		emulator.current.clearRequests();
		expect(await workflow.poll()).toEqual([]);
		expect(calls(emulator.current).filter((call) => call.startsWith('GET /runs'))).toHaveLength(1);
	});
});

describe('Skipped Rate Exceeded against the emulator', () => {
	it('reports each finished run over the share once, with per-audience and per-dataset counts', async () => {
		const workflow = activeWorkflow({ events: ['skippedRateExceeded'] });
		expect(await workflow.poll()).toEqual([]);

		// Reported oldest first: the two runs over the share a millisecond apart.
		const T = Date.now();
		const over = emulator.current.addRun(TUTORIAL_FLOW_ID, {
			createdAt: T,
			received: 1000,
			skipped: 50,
			audienceId: TUTORIAL_AUDIENCE_IDS[0],
		})!;
		emulator.current.addRun(TUTORIAL_FLOW_ID, { received: 1000, skipped: 10 });
		emulator.current.addRun(TUTORIAL_FLOW_ID, { status: 'Failed' });
		emulator.current.addRun(TUTORIAL_FLOW_ID, { status: 'Processing' });
		const exportRun = emulator.current.addRun(DATASET_FLOW_IDS.endingSoon, {
			createdAt: T + 1,
			received: 20_000,
			skipped: 600,
		})!;

		const items = await workflow.poll();
		expect(items.map((item) => [item.flowId, (item.run as IDataObject).id])).toEqual([
			[TUTORIAL_FLOW_ID, over.id],
			[DATASET_FLOW_IDS.endingSoon, exportRun.id],
		]);
		expect(items[0]).toMatchObject({
			event: 'skippedRateExceeded',
			flowName: TUTORIAL_FLOW_NAME,
			kind: 'audience',
			received: 1000,
			skipped: 50,
			activated: 950,
			skippedPercent: 5,
			thresholdPercent: 1,
			skippedReasons: [expect.objectContaining({ code: 'ACTIVATION_BATCH-0000-SKIP', count: 50 })],
			audiences: [
				{
					id: TUTORIAL_AUDIENCE_IDS[0],
					name: TUTORIAL_AUDIENCE_NAMES[0],
					received: 1000,
					skipped: 50,
					skippedPercent: 5,
				},
			],
		});
		expect(items[1]).toMatchObject({
			kind: 'datasetExport',
			skippedPercent: 3,
			datasets: [{ id: DATASET_IDS.prod.webEvents, received: 20_000, skipped: 600 }],
		});
		expect(await workflow.poll()).toEqual([]);
	});

	it('Fetch Test Event finds the seeded run that skipped 3.2 % of its profiles', async () => {
		const result = await poll({
			mode: 'manual',
			parameters: { events: ['skippedRateExceeded'], skippedPercent: 3 },
		});
		expect(result.items).toMatchObject([
			{
				event: 'skippedRateExceeded',
				run: { id: SKIPPED_PROFILES_RUN_ID },
				received: SKIPPED_PROFILES_RUN.received,
				skipped: SKIPPED_PROFILES_RUN.skipped,
				activated: SKIPPED_PROFILES_RUN.activated,
				skippedPercent: 3.2,
			},
		]);
	});
});
