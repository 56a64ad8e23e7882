import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_CLIENT_ID, DEFAULT_IMS_ORG, STATIC_ACCESS_TOKEN } from '../../emulator/identity';
import {
	bulkFlowId,
	DEV_FLOW_WITH_RUNS_ID,
	DISABLED_FLOW_ID,
	SOURCES_MAPPING_FLOW_ID,
	STREAMING_FLOW_ID,
	TUTORIAL_FLOW_ID,
	TUTORIAL_FLOW_NAME,
} from '../../emulator/fixtures/ids';
import { FlowServiceDestinationTrigger } from '@node/FlowServiceDestinationTrigger.node';
import { runWorkflow } from '../harness';
import { byId, adobeCredential } from '../workflow-mocked/setup';
import { calls, oauthCredential, tokenCredential, useEmulator } from './setup';
import { ALL_EVENTS, memoryOf, TRIGGER_TYPE, triggerPolls } from './triggerPolls';

const emulator = useEmulator();

const { poll, activeWorkflow } = triggerPolls(emulator);
const MIN = 60_000;

const summary = (items: IDataObject[]) =>
	items.map(
		(item) => `${item.event} ${item.flowId}${item.run ? ` ${(item.run as IDataObject).id}` : ''}`,
	);
const stored = (flowId: string) =>
	emulator.current.getFlow(flowId) as unknown as { etag: string; name: string; state: string };

async function mainNode(parameters: Record<string, unknown>) {
	const result = await emulator.run(parameters);
	expect(result.status).toBe('success');
}

async function deleteFlow(flowId: string) {
	const response = await fetch(`${emulator.current.flowServiceUrl}/flows/${flowId}`, {
		method: 'DELETE',
		headers: {
			Authorization: `Bearer ${STATIC_ACCESS_TOKEN}`,
			'x-api-key': DEFAULT_CLIENT_ID,
			'x-gw-ims-org-id': DEFAULT_IMS_ORG,
			'x-sandbox-name': 'prod',
		},
	});
	expect(response.status).toBe(202);
}

/** The query of the last GET /runs the emulator received. */
function runsQuery(): URLSearchParams {
	const request = emulator.current
		.requests()
		.filter((entry) => entry.path.includes('/flowservice/runs?'))
		.at(-1)!;
	return new URL(`http://emulator${request.path}`).searchParams;
}

/** The newest createdAt among the sandbox's failed runs: the watermark of a fresh baseline. */
function newestFailedRunCreatedAt(staticData: IDataObject): number {
	return memoryOf(staticData).runs.watermark as number;
}

describe('Flow Service Destination Trigger against the emulator', () => {
	it('records a baseline on the first poll: nothing emitted, every destination dataflow and the failed-run watermark remembered', async () => {
		const first = await poll();

		expect(first.response).toBeNull();
		expect(first.staticDataChanged).toBe(true);
		const memory = memoryOf(first.staticData);
		expect(memory).toMatchObject({ format: 1, scope: `${DEFAULT_IMS_ORG}/prod/*` });
		expect(memory.flows[TUTORIAL_FLOW_ID]).toMatchObject({
			etag: stored(TUTORIAL_FLOW_ID).etag,
			state: 'enabled',
		});
		expect(memory.flows[DISABLED_FLOW_ID].state).toBe('disabled');
		expect(memory.flows[bulkFlowId(149)]).toBeDefined();
		expect(memory.flows[SOURCES_MAPPING_FLOW_ID]).toBeUndefined();
		expect(memory.flows[bulkFlowId(10)]).toBeUndefined();
		expect(memory.runs.watermark).toEqual(expect.any(Number));
		// Reads only: the destination listing (two pages) and the failed runs.
		expect(calls(emulator.current).map((call) => call.split('?')[0])).toEqual([
			'GET /flows',
			'GET /flows',
			'GET /runs',
		]);
	});

	it('stays quiet and writes nothing while nothing happens', async () => {
		const first = await poll();
		const second = await poll({ staticData: first.staticData });
		expect(second.response).toBeNull();
		expect(second.staticDataChanged).toBe(false);
		expect(second.staticData).toEqual(first.staticData);
	});

	it('emits a failed run exactly once, with the dataflow and run details', async () => {
		const workflow = activeWorkflow();
		expect(await workflow.poll()).toEqual([]);

		const run = emulator.current.addRun(TUTORIAL_FLOW_ID, {
			status: 'Failed',
			errors: [{ code: 'ACTIVATION_BATCH-0000-FAILED', message: 'Destination unreachable' }],
		})!;
		emulator.current.addRun(TUTORIAL_FLOW_ID, { status: 'Success' });
		emulator.current.addRun(STREAMING_FLOW_ID, { status: 'Processing' });

		const items = await workflow.poll();
		expect(items).toEqual([
			{
				event: 'runFailed',
				flowId: TUTORIAL_FLOW_ID,
				flowName: TUTORIAL_FLOW_NAME,
				run: expect.objectContaining({ id: run.id, createdAt: run.createdAt }),
				detectedAt: expect.any(String),
			},
		]);
		expect((items[0].run as any).metrics.statusSummary).toEqual({
			status: 'Failed',
			errors: [{ code: 'ACTIVATION_BATCH-0000-FAILED', message: 'Destination unreachable' }],
		});
		expect(await workflow.poll()).toEqual([]);
		expect(await workflow.poll()).toEqual([]);
	});

	it('reports runs that share a createdAt, and runs listed late with an older createdAt, each once', async () => {
		const workflow = activeWorkflow({ events: ['runFailed'], options: { lateRunWindow: 60 } });
		await workflow.poll();
		const T = Date.now();
		const a = emulator.current.addRun(TUTORIAL_FLOW_ID, { status: 'Failed', createdAt: T })!;
		const b = emulator.current.addRun(DISABLED_FLOW_ID, { status: 'Failed', createdAt: T })!;
		expect(summary(await workflow.poll()).sort()).toEqual(
			[`runFailed ${DISABLED_FLOW_ID} ${b.id}`, `runFailed ${TUTORIAL_FLOW_ID} ${a.id}`].sort(),
		);

		// Same createdAt as the watermark, listed after the watermark was taken.
		const c = emulator.current.addRun(TUTORIAL_FLOW_ID, { status: 'Failed', createdAt: T })!;
		// Listed late: created 30 minutes before the newest failed run (inside the 60-minute window)…
		const late = emulator.current.addRun(bulkFlowId(2), {
			status: 'Failed',
			createdAt: T - 30 * MIN,
		})!;
		// …and one created 2 hours before it, outside the window: not reported (documented limit).
		emulator.current.addRun(bulkFlowId(4), { status: 'Failed', createdAt: T - 120 * MIN });
		expect(summary(await workflow.poll())).toEqual([
			`runFailed ${bulkFlowId(2)} ${late.id}`,
			`runFailed ${TUTORIAL_FLOW_ID} ${c.id}`,
		]);
		expect(await workflow.poll()).toEqual([]);
		expect(memoryOf(workflow.staticData).runs).toEqual({
			watermark: T,
			seen: { [a.id]: T, [b.id]: T, [c.id]: T, [late.id]: T - 30 * MIN },
		});
	});

	it('asks Adobe only for runs from one window behind the watermark', async () => {
		const workflow = activeWorkflow({ events: ['runFailed'], options: { lateRunWindow: 60 } });
		await workflow.poll();
		const watermark = newestFailedRunCreatedAt(workflow.staticData);
		emulator.current.clearRequests();
		await workflow.poll();
		const query = runsQuery();
		expect(query.getAll('property')).toEqual([
			'metrics.statusSummary.status==Failed,failed',
			`createdAt>=${watermark - 60 * MIN}`,
		]);
		expect(query.get('orderby')).toBe('-createdAt');
	});

	it('reads every page of failed runs: 250 new ones are each reported once', async () => {
		const workflow = activeWorkflow({ events: ['runFailed'] });
		await workflow.poll();
		const base = Date.now();
		// Bulk flows 1..49 except every tenth (those are sources flows).
		const destinations = Array.from({ length: 49 }, (_, i) => i + 1).filter((n) => n % 10 !== 0);
		const added = Array.from(
			{ length: 250 },
			(_, i) =>
				emulator.current.addRun(bulkFlowId(destinations[i % destinations.length]), {
					status: 'Failed',
					createdAt: base + Math.floor(i / 3),
				})!.id,
		);
		emulator.current.clearRequests();

		const items = await workflow.poll();
		expect(items).toHaveLength(250);
		expect(new Set(items.map((item) => (item.run as IDataObject).id))).toEqual(new Set(added));
		const createdAts = items.map((item) => (item.run as IDataObject).createdAt as number);
		expect(createdAts).toEqual([...createdAts].sort((x, y) => x - y));
		expect(calls(emulator.current).filter((call) => call.startsWith('GET /runs')).length).toBe(3);
		expect(await workflow.poll()).toEqual([]);
	});

	it('ignores failed runs of flows that are not destination dataflows', async () => {
		const workflow = activeWorkflow({ events: ['runFailed'] });
		await workflow.poll();
		emulator.current.addRun(SOURCES_MAPPING_FLOW_ID, { status: 'Failed' });
		emulator.current.addRun(bulkFlowId(20), { status: 'Failed' });
		expect(await workflow.poll()).toEqual([]);
	});

	it('reports a configuration change made with the main node, naming the changed fields and both etags', async () => {
		const workflow = activeWorkflow();
		await workflow.poll();
		const before = stored(TUTORIAL_FLOW_ID).etag;

		await mainNode({
			operation: 'updateInfo',
			flowId: byId(TUTORIAL_FLOW_ID),
			updateFields: { name: 'Spring campaign' },
		});

		const items = await workflow.poll();
		expect(items).toEqual([
			{
				event: 'configurationChanged',
				flowId: TUTORIAL_FLOW_ID,
				flowName: 'Spring campaign',
				previousEtag: before,
				etag: stored(TUTORIAL_FLOW_ID).etag,
				changedFields: ['name'],
				updatedAt: expect.any(Number),
				updatedBy: expect.any(String),
				detectedAt: expect.any(String),
			},
		]);
		expect(await workflow.poll()).toEqual([]);
	});

	it('reports an audience added with the main node as a change of transformations', async () => {
		const workflow = activeWorkflow({ events: ['configurationChanged'] });
		await workflow.poll();
		await mainNode({
			operation: 'addAudiences',
			flowId: byId(STREAMING_FLOW_ID),
			audiences: { audience: [{ id: '2d79d0d8-724f-49fc-a09d-d1dec338c93c' }] },
		});
		expect(
			(await workflow.poll()).map((item) => [item.event, item.flowId, item.changedFields]),
		).toEqual([['configurationChanged', STREAMING_FLOW_ID, ['transformations']]]);
	});

	it('reports disable and enable as state events only, although each rotates the etag', async () => {
		const workflow = activeWorkflow();
		await workflow.poll();

		await mainNode({ operation: 'disable', flowId: byId(TUTORIAL_FLOW_ID) });
		await mainNode({ operation: 'enable', flowId: byId(DISABLED_FLOW_ID) });
		const items = await workflow.poll();
		expect(items.map((item) => [item.event, item.flowId, item.previousState, item.state])).toEqual(
			expect.arrayContaining([
				['disabled', TUTORIAL_FLOW_ID, 'enabled', 'disabled'],
				['enabled', DISABLED_FLOW_ID, 'disabled', 'enabled'],
			]),
		);
		expect(items).toHaveLength(2);
		expect(await workflow.poll()).toEqual([]);
	});

	it('reports a disable followed by an edit between two polls as two events', async () => {
		const workflow = activeWorkflow();
		await workflow.poll();
		await mainNode({ operation: 'disable', flowId: byId(bulkFlowId(149)) });
		await mainNode({
			operation: 'updateInfo',
			flowId: byId(bulkFlowId(149)),
			updateFields: { description: 'paused for the audit' },
		});
		expect((await workflow.poll()).map((item) => [item.event, item.changedFields ?? null])).toEqual(
			[
				['disabled', null],
				['configurationChanged', ['description']],
			],
		);
	});

	it('reports changes written straight into the store (another tool), but not an etag that moved with no content change', async () => {
		const workflow = activeWorkflow({ events: ['configurationChanged'] });
		await workflow.poll();
		emulator.current.rotateEtag(TUTORIAL_FLOW_ID);
		expect(await workflow.poll()).toEqual([]);

		const raw = emulator.current.getFlow(DISABLED_FLOW_ID)!;
		const response = await fetch(`${emulator.current.url}/__emulator/flows/${DISABLED_FLOW_ID}`, {
			method: 'PUT',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				...raw,
				description: 'edited elsewhere',
				etag: '"0000beef-0000-0200-0000-000000000000"',
			}),
		});
		expect(response.status).toBe(200);
		expect(await workflow.poll()).toMatchObject([
			{
				event: 'configurationChanged',
				flowId: DISABLED_FLOW_ID,
				etag: '"0000beef-0000-0200-0000-000000000000"',
				changedFields: ['description'],
			},
		]);
	});

	it('reports only the selected events', async () => {
		const workflow = activeWorkflow({ events: ['disabled'] });
		await workflow.poll();
		emulator.current.addRun(TUTORIAL_FLOW_ID, { status: 'Failed' });
		await mainNode({ operation: 'enable', flowId: byId(DISABLED_FLOW_ID) });
		await mainNode({
			operation: 'updateInfo',
			flowId: byId(STREAMING_FLOW_ID),
			updateFields: { name: 'x' },
		});
		expect(await workflow.poll()).toEqual([]);
		await mainNode({ operation: 'disable', flowId: byId(TUTORIAL_FLOW_ID) });
		expect(summary(await workflow.poll())).toEqual([`disabled ${TUTORIAL_FLOW_ID}`]);
	});

	it('makes no duplicate and misses nothing across restarts: events that happen while n8n is down are reported once after it starts', async () => {
		const first = await poll();
		const failedRun = emulator.current.addRun(TUTORIAL_FLOW_ID, { status: 'Failed' })!;
		await mainNode({ operation: 'disable', flowId: byId(STREAMING_FLOW_ID) });

		// "Restart": a new context with only what n8n stored.
		const afterRestart = await poll({ staticData: first.staticData });
		expect(summary(afterRestart.items)).toEqual([
			`runFailed ${TUTORIAL_FLOW_ID} ${failedRun.id}`,
			`disabled ${STREAMING_FLOW_ID}`,
		]);
		const again = await poll({ staticData: afterRestart.staticData });
		expect(again.response).toBeNull();
		const anotherRestart = await poll({
			staticData: JSON.parse(JSON.stringify(again.staticData)) as IDataObject,
		});
		expect(anotherRestart.response).toBeNull();
	});

	it('repeats the events of a poll whose static data was never stored (n8n died before saving): at least once, never lost', async () => {
		const first = await poll();
		emulator.current.addRun(TUTORIAL_FLOW_ID, { status: 'Failed' });
		const lost = await poll({ staticData: first.staticData });
		const replay = await poll({ staticData: first.staticData });
		expect(replay.items.map((item) => (item.run as IDataObject).id)).toEqual(
			lost.items.map((item) => (item.run as IDataObject).id),
		);
		expect(replay.items).toHaveLength(1);
	});

	it('keeps its memory when a poll fails, so the events come on the next one', async () => {
		const workflow = activeWorkflow({
			events: ['runFailed'],
			options: { maxRetries: 1, retryInitialDelay: 0 },
		});
		await workflow.poll();
		const kept = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		const run = emulator.current.addRun(TUTORIAL_FLOW_ID, { status: 'Failed' })!;

		emulator.current.injectFault({
			type: 'error',
			status: 503,
			path: '/data/foundation/flowservice/runs',
			count: 2,
		});
		await expect(workflow.poll()).rejects.toMatchObject({ httpCode: '503' });
		expect(workflow.staticData).toEqual(kept);

		expect(summary(await workflow.poll())).toEqual([`runFailed ${TUTORIAL_FLOW_ID} ${run.id}`]);
	});

	it('retries a transient failure within the poll', async () => {
		const workflow = activeWorkflow({ events: ['runFailed'], options: { retryInitialDelay: 0 } });
		await workflow.poll();
		const run = emulator.current.addRun(TUTORIAL_FLOW_ID, { status: 'Failed' })!;
		emulator.current.injectFault({
			type: 'error',
			status: 503,
			path: '/data/foundation/flowservice/runs',
		});
		expect(summary(await workflow.poll())).toEqual([`runFailed ${TUTORIAL_FLOW_ID} ${run.id}`]);
	});

	describe('one dataflow', () => {
		const parameters = { events: ALL_EVENTS, watch: 'flow', flowId: byId(TUTORIAL_FLOW_ID) };

		it('watches only that dataflow: its runs and changes, no one else’s', async () => {
			const workflow = activeWorkflow(parameters);
			expect(await workflow.poll()).toEqual([]);
			expect(Object.keys(memoryOf(workflow.staticData).flows)).toEqual([TUTORIAL_FLOW_ID]);
			expect(calls(emulator.current).map((call) => call.split('?')[0])).toEqual([
				`GET /flows/${TUTORIAL_FLOW_ID}`,
				'GET /runs',
			]);

			emulator.current.addRun(DISABLED_FLOW_ID, { status: 'Failed' });
			await mainNode({ operation: 'enable', flowId: byId(DISABLED_FLOW_ID) });
			expect(await workflow.poll()).toEqual([]);

			const run = emulator.current.addRun(TUTORIAL_FLOW_ID, { status: 'Failed' })!;
			await mainNode({
				operation: 'updateInfo',
				flowId: byId(TUTORIAL_FLOW_ID),
				updateFields: { description: 'new' },
			});
			expect(summary(await workflow.poll())).toEqual([
				`runFailed ${TUTORIAL_FLOW_ID} ${run.id}`,
				`configurationChanged ${TUTORIAL_FLOW_ID}`,
			]);
			expect(runsQuery().getAll('property')).toContain(`flowId==${TUTORIAL_FLOW_ID}`);
		});

		it('fails each poll with a clear error when the dataflow is deleted, and keeps what it remembered', async () => {
			const workflow = activeWorkflow(parameters);
			await workflow.poll();
			const kept = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
			await deleteFlow(TUTORIAL_FLOW_ID);

			const error = await workflow.poll().then(
				() => undefined,
				(failure: unknown) => failure as { message: string; description: string; httpCode: string },
			);
			expect(error).toMatchObject({
				message: `Dataflow ${TUTORIAL_FLOW_ID} was not found`,
				httpCode: '404',
			});
			expect(error!.description).toMatch(
				/deleted, or the credential’s sandbox or access labels do not reach it/,
			);
			expect(workflow.staticData).toEqual(kept);
		});

		it('starts a new baseline when pointed at another dataflow, instead of reporting the difference', async () => {
			const first = await poll({ parameters });
			const other = await poll({
				parameters: { ...parameters, flowId: byId(DISABLED_FLOW_ID) },
				staticData: first.staticData,
			});
			expect(other.response).toBeNull();
			expect(memoryOf(other.staticData).scope).toBe(`${DEFAULT_IMS_ORG}/prod/${DISABLED_FLOW_ID}`);
		});

		it('refuses a value that is not a dataflow ID before calling Adobe', async () => {
			await expect(
				poll({ parameters: { ...parameters, flowId: byId('../flows') } }),
			).rejects.toMatchObject({
				message: expect.stringMatching(/"\.\.\/flows" is not a dataflow ID/),
			});
			expect(emulator.current.requests()).toEqual([]);
		});
	});

	it('forgets a deleted dataflow silently when watching all of them, and reports nothing for it', async () => {
		const workflow = activeWorkflow();
		await workflow.poll();
		await deleteFlow(DISABLED_FLOW_ID);
		emulator.current.addRun(DISABLED_FLOW_ID, { status: 'Failed' });
		emulator.current.clearRequests();

		expect(await workflow.poll()).toEqual([]);
		expect(memoryOf(workflow.staticData).flows[DISABLED_FLOW_ID]).toBeUndefined();
		// It was confirmed gone by ID before being forgotten.
		expect(calls(emulator.current)).toContain(`GET /flows/${DISABLED_FLOW_ID}`);
		expect(await workflow.poll()).toEqual([]);
	});

	it('starts a new baseline for another sandbox, and watches that sandbox', async () => {
		const prod = await poll();
		const dev = await poll({
			staticData: prod.staticData,
			credential: tokenCredential(emulator.current, 'dev'),
		});
		expect(dev.response).toBeNull();
		expect(memoryOf(dev.staticData).scope).toBe(`${DEFAULT_IMS_ORG}/dev/*`);
		const run = emulator.current.addRun(DEV_FLOW_WITH_RUNS_ID, { status: 'Failed' })!;
		emulator.current.addRun(TUTORIAL_FLOW_ID, { status: 'Failed' });
		const next = await poll({
			staticData: dev.staticData,
			credential: tokenCredential(emulator.current, 'dev'),
		});
		expect(summary(next.items)).toEqual([`runFailed ${DEV_FLOW_WITH_RUNS_ID} ${run.id}`]);
	});

	it('works with the OAuth Server-to-Server credential', async () => {
		const workflow = activeWorkflow({ events: ['runFailed'] }, oauthCredential(emulator.current));
		await workflow.poll();
		const run = emulator.current.addRun(TUTORIAL_FLOW_ID, { status: 'Failed' })!;
		expect(summary(await workflow.poll())).toEqual([`runFailed ${TUTORIAL_FLOW_ID} ${run.id}`]);
	});

	describe('Fetch Test Event (manual mode)', () => {
		it('returns the newest matching events at once, without a baseline, and remembers nothing', async () => {
			const run = emulator.current.addRun(TUTORIAL_FLOW_ID, { status: 'Failed' })!;
			const result = await poll({ mode: 'manual' });
			expect(result.items.map((item) => item.event)).toEqual([
				'runFailed',
				'configurationChanged',
				'enabled',
				'disabled',
			]);
			expect(result.items[0]).toMatchObject({
				flowId: TUTORIAL_FLOW_ID,
				flowName: TUTORIAL_FLOW_NAME,
				run: { id: run.id },
			});
			expect(result.staticDataChanged).toBe(false);
			expect(memoryOf(result.staticData)).toEqual({});
		});

		it('does not disturb an active workflow’s memory', async () => {
			const first = await poll();
			const run = emulator.current.addRun(TUTORIAL_FLOW_ID, { status: 'Failed' })!;
			const manual = await poll({
				mode: 'manual',
				staticData: first.staticData,
				parameters: { events: ['runFailed'] },
			});
			expect(manual.staticData).toEqual(first.staticData);
			expect(summary((await poll({ staticData: manual.staticData })).items)).toEqual([
				`runFailed ${TUTORIAL_FLOW_ID} ${run.id}`,
			]);
		});

		it('returns the watched dataflow’s current state and etag', async () => {
			const result = await poll({
				mode: 'manual',
				parameters: {
					events: ['configurationChanged', 'disabled'],
					watch: 'flow',
					flowId: byId(DISABLED_FLOW_ID),
				},
			});
			expect(result.items).toMatchObject([
				{
					event: 'configurationChanged',
					flowId: DISABLED_FLOW_ID,
					etag: stored(DISABLED_FLOW_ID).etag,
					previousEtag: null,
				},
				{ event: 'disabled', flowId: DISABLED_FLOW_ID, state: 'disabled' },
			]);
		});

		it('runs from the editor through n8n-core’s engine and outputs the test events', async () => {
			const run = emulator.current.addRun(STREAMING_FLOW_ID, { status: 'Failed' })!;
			const result = await runWorkflow({
				nodeTypes: { [TRIGGER_TYPE]: FlowServiceDestinationTrigger },
				...adobeCredential(tokenCredential(emulator.current)),
				workflow: {
					nodes: [
						{
							id: 't',
							name: 'Trigger',
							type: TRIGGER_TYPE,
							typeVersion: 1,
							position: [0, 0],
							parameters: { events: ['runFailed'] },
							credentials: { adobeExperiencePlatformApi: { id: '1', name: 'Adobe' } },
						},
					],
					connections: {},
				},
				startNode: 'Trigger',
			});
			expect(result.status).toBe('success');
			expect(
				result
					.output('Trigger')
					.map((item) => [item.json.event, (item.json.run as IDataObject).id]),
			).toEqual([['runFailed', run.id]]);
		});

		it('returns nothing when nothing matches', async () => {
			const result = await poll({
				mode: 'manual',
				parameters: { events: ['enabled'], watch: 'flow', flowId: byId(DISABLED_FLOW_ID) },
			});
			expect(result.response).toBeNull();
		});
	});
});
