import { TUTORIAL_FLOW_ID, STREAMING_FLOW_ID } from '../../emulator/fixtures/ids';
import { byId, outputJson } from '../workflow-mocked/setup';
import { A0, A1, calls, useEmulator } from './setup';
import { READABLE_KEYS } from '@node/update/summary';

const emulator = useEmulator({ slowWorkflows: true });
const ADHOC = '/data/core/activation/disflowprovider/adhocrun';
const UNKNOWN = '11111111-2222-4333-8444-555555555555';

function exportNow(parameters: Record<string, unknown>) {
	return emulator.run({ operation: 'exportNow', flowId: byId(TUTORIAL_FLOW_ID), ...parameters });
}

const adhocRequests = () => emulator.current.requests().filter((r) => r.path === ADHOC);

/** An audience on the tutorial flow that is inside its schedule (one-time export, no end date). */
const EXPORTABLE = A0;

describe('Export Now against the emulator', () => {
	it('reads the dataflow, then sends one ad-hoc job with the documented Accept header and body', async () => {
		const result = await exportNow({ exportAudienceIds: EXPORTABLE });

		expect(result.error).toBeUndefined();
		expect(calls(emulator.current)).toEqual([`GET /flows/${TUTORIAL_FLOW_ID}`, `POST ${ADHOC}`]);
		const [sent] = adhocRequests();
		expect(sent.headers.accept).toBe('application/vnd.adobe.adhoc.activation+json; version=2');
		expect(sent.headers['content-type']).toBe('application/json');
		expect(sent.body).toEqual({ activationInfo: { [TUTORIAL_FLOW_ID]: [EXPORTABLE] } });
		const [item] = outputJson(result);
		expect(Object.keys(item).slice(0, READABLE_KEYS.length)).toEqual(READABLE_KEYS);
		expect(item).toMatchObject({
			summary: 'Started an export of 1 audience (Interested in Mountain Biking)',
			changed: true,
			flowId: TUTORIAL_FLOW_ID,
			exported: [{ id: EXPORTABLE, name: 'Interested in Mountain Biking' }],
		});
		const [job] = item.jobs as Array<Record<string, string>>;
		expect(job.audienceId).toBe(EXPORTABLE);
		expect(job.order).toBe(TUTORIAL_FLOW_ID);
		expect(job.statusURL).toBe(`${emulator.current.flowServiceUrl}/runs/${job.runId}`);
	});

	it('waits for the run with Wait for Completion and reports its final status and record counts', async () => {
		const result = await exportNow({
			exportAudienceIds: EXPORTABLE,
			options: { waitForCompletion: true, statusCheckInterval: 0 },
		});

		const [item] = outputJson(result);
		const [job] = item.jobs as Array<Record<string, unknown>>;
		expect(item).toMatchObject({
			summary: 'Exported 1 audience (Interested in Mountain Biking): 2480 records',
			completed: true,
			statusChecks: 1,
		});
		expect(job).toMatchObject({
			status: 'Success',
			inputRecordCount: 2500,
			outputRecordCount: 2480,
		});
		expect(calls(emulator.current).at(-1)).toBe(`GET /runs/${String(job.runId)}`);
	});

	it('stops waiting after Max Status Checks reads while the run is still Processing', async () => {
		emulator.current.config.adhocRunMs = 3_600_000;
		const result = await exportNow({
			exportAudienceIds: EXPORTABLE,
			options: { waitForCompletion: true, statusCheckInterval: 0, maxStatusChecks: 3 },
		});

		const [item] = outputJson(result);
		expect(item).toMatchObject({ completed: false, statusChecks: 3 });
		expect(item.summary).toBe(
			'Started an export of 1 audience (Interested in Mountain Biking); still running after 3 status checks',
		);
		expect(calls(emulator.current).filter((call) => call.startsWith('GET /runs/'))).toHaveLength(3);
	});

	it('fails the item when the run fails at Adobe, naming the audience and the error', async () => {
		emulator.current.config.adhocRunStatus = 'Failed';
		const result = await exportNow({
			exportAudienceIds: EXPORTABLE,
			options: { waitForCompletion: true, statusCheckInterval: 0 },
		});

		expect(result.error?.message).toBe(
			'Adobe reports the export failed for Interested in Mountain Biking: Ad-hoc activation job failed. [ACTIVATION_BATCH-0000-FAILED]',
		);
	});

	it('exports every audience of the dataflow with All Audiences on the Dataflow (Dry Run shows the request)', async () => {
		const result = await exportNow({ exportScope: 'all', options: { dryRun: true } });

		expect(calls(emulator.current)).toEqual([`GET /flows/${TUTORIAL_FLOW_ID}`]);
		const [item] = outputJson(result);
		expect(item.summary).toMatch(/^Would export 4 audiences \(Interested in Mountain Biking, /);
		expect(item).toMatchObject({
			changed: false,
			dryRun: true,
			request: {
				method: 'POST',
				path: ADHOC,
				body: {
					activationInfo: { [TUTORIAL_FLOW_ID]: [A0, A1, expect.any(String), expect.any(String)] },
				},
			},
		});
	});

	describe('checked before sending: nothing reaches the ad-hoc endpoint', () => {
		it.each([
			[
				'an audience not on the dataflow',
				{ exportAudienceIds: UNKNOWN },
				`${UNKNOWN} is not on dataflow ${TUTORIAL_FLOW_ID}`,
			],
			['a malformed audience ID', { exportAudienceIds: 'not-an-id' }, 'Audience ID 1'],
			['no audience at all', { exportAudienceIds: '' }, 'Name at least one audience to export'],
		])('%s', async (_case, parameters, message) => {
			const result = await exportNow(parameters);

			expect(result.error?.message).toContain(message);
			expect(adhocRequests()).toHaveLength(0);
		});

		it('more than 80 audiences', async () => {
			const ids = Array.from(
				{ length: 81 },
				(_, n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
			);
			const flow = emulator.current.getFlow(TUTORIAL_FLOW_ID)!;
			const transform = (
				flow.transformations as Array<{ params: { segmentSelectors: { selectors: unknown[] } } }>
			)[0];
			transform.params.segmentSelectors.selectors = ids.map((id) => ({
				type: 'PLATFORM_SEGMENT',
				value: { id, exportMode: 'DAILY_FULL_EXPORT' },
			}));
			emulator.current.putRawFlow(flow);

			const result = await exportNow({ exportScope: 'all' });

			expect(result.error?.message).toContain('Export Now takes at most 80 audiences per job');
			expect(adhocRequests()).toHaveLength(0);
		});

		it('a streaming (not file-based) dataflow', async () => {
			const result = await emulator.run({
				operation: 'exportNow',
				flowId: byId(STREAMING_FLOW_ID),
				exportScope: 'all',
			});

			expect(result.error?.message).toContain('is not a batch (file-based) destination dataflow');
			expect(adhocRequests()).toHaveLength(0);
		});
	});

	describe("Adobe's refusals come back readable, with Adobe's code, and are sent once", () => {
		it('an audience out of its schedule range', async () => {
			const result = await exportNow({ exportAudienceIds: A1 });

			expect(result.error?.message).toBe(
				`Adobe refused to export now on dataflow ${TUTORIAL_FLOW_ID}: Segments Birth year 1970 are not part of this dataflow or out of schedule range! [ADHOC-1006-400]`,
			);
			expect(result.error?.description).toMatch(/Adobe request ID: \S+/);
			expect(adhocRequests()).toHaveLength(1);
		});

		it('a job already running for the audience', async () => {
			emulator.current.config.adhocRunMs = 3_600_000;
			await exportNow({ exportAudienceIds: EXPORTABLE });
			const result = await exportNow({ exportAudienceIds: EXPORTABLE });

			expect(result.error?.message).toMatch(
				new RegExp(
					`Run already going on for audience ${EXPORTABLE} for order ${TUTORIAL_FLOW_ID} with run id \\S+ \\[ADHOC-1007-409\\]$`,
				),
			);
			expect(adhocRequests()).toHaveLength(2);
		});

		it('a 503 after the job may have started is reported, not sent again', async () => {
			emulator.current.injectFault({
				type: 'error',
				status: 503,
				method: 'POST',
				path: ADHOC,
				after: true,
			});
			const result = await exportNow({ exportAudienceIds: EXPORTABLE });

			expect(result.error?.message).toContain('[FLOW-1103-503]');
			expect(result.error?.description).toContain(
				'Nothing was exported, and the request is not repeated.',
			);
			expect(adhocRequests()).toHaveLength(1);
		});

		it('an audience its schedule first exported less than an hour ago (or not yet)', async () => {
			const flow = emulator.current.getFlow(TUTORIAL_FLOW_ID)!;
			const selectors = (
				flow.transformations as Array<{
					params: { segmentSelectors: { selectors: Array<{ value: Record<string, any> }> } };
				}>
			)[0].params.segmentSelectors.selectors;
			const exportable = selectors.find((s) => s.value.id === EXPORTABLE)!.value;
			// Today at 23:00 UTC: an hour after it is always still ahead today.
			const today = new Date().toISOString().slice(0, 10);
			exportable.schedule = { ...exportable.schedule, startDate: today, startTime: '23:00' };
			emulator.current.putRawFlow(flow);

			const result = await exportNow({ exportAudienceIds: EXPORTABLE });

			expect(result.error?.message).toContain(
				`Adobe refused to export now on dataflow ${TUTORIAL_FLOW_ID}: Segment Interested in Mountain Biking was first activated by its schedule at ${today}T23:00:00.000Z`,
			);
			expect(result.error?.message).toContain('[ADHOC-1008-400]');
			expect(result.error?.description).toContain('Nothing was exported');
			expect(adhocRequests()).toHaveLength(1);
		});

		it('a scheduled export in progress', async () => {
			const run = emulator.current.addRun(TUTORIAL_FLOW_ID, { status: 'Processing' })!;
			const result = await exportNow({ exportAudienceIds: EXPORTABLE });

			expect(result.error?.message).toContain(
				`A scheduled export of dataflow ${TUTORIAL_FLOW_ID} is in progress (run ${run.id})`,
			);
			expect(result.error?.message).toContain('[ADHOC-1005-409]');
			expect(adhocRequests()).toHaveLength(1);
		});
	});
});
