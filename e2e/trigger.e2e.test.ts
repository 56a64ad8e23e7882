/**
 * The Flow Service Destination Trigger in a real n8n 2.x server: the built package installed as a
 * community package, a published workflow polling every minute against the emulator, a failed run
 * and a configuration change while it runs, then a failed run and a disable while n8n is stopped.
 * A downstream HTTP Request node posts every item to a listener in this test, and n8n's REST API
 * lists the executions. Each event must arrive exactly once; the first poll must emit nothing.
 * A second server runs the schedule and run-metric events the same way (Export Ending Soon, Run
 * Delayed, Skipped Rate Exceeded), before and across a restart.
 */

import { randomUUID } from 'node:crypto';

import {
	DATASET_FLOW_IDS,
	STREAMING_FLOW_ID,
	TUTORIAL_FLOW_ID,
	bulkFlowId,
	startEmulator,
	type RunningEmulator,
	staticTokenHeaders,
} from '../emulator';
import {
	createUserFolder,
	importCredentials,
	importWorkflow,
	installCommunityPackage,
	type Listener,
	login,
	type N8nServer,
	publishWorkflow,
	repoRoot,
	type RestAuth,
	restData,
	setupOwner,
	startListener,
	startServer,
	type UserFolder,
} from '../local-n8n';
import { describeWithRuntime } from './runtimeSuite';
import {
	emulatorTokenCredential,
	requireBuiltNodes,
	triggerToListenerWorkflow,
} from '../local-n8n/project';

const CREDENTIAL_ID = 'aepTriggerE2eCred';
const WORKFLOW_ID = 'e2eTriggerAlerts1';
const OWNER = {
	email: 'trigger-owner@example.com',
	password: 'Trigger-E2e-Passw0rd',
	firstName: 'Trigger',
	lastName: 'Owner',
};
/** A poll fires once a minute at a random second; allow for a slow machine on top. */
const POLL_WAIT_MS = 150_000;

function workflow(listenerUrl: string) {
	return triggerToListenerWorkflow(
		WORKFLOW_ID,
		'Dataflow alerts (trigger e2e)',
		listenerUrl,
		{ id: CREDENTIAL_ID, name: 'Adobe Experience Platform (trigger e2e)' },
		{
			events: ['runFailed', 'configurationChanged', 'enabled', 'disabled'],
			watch: 'allFlows',
		},
	);
}

async function patchDescription(
	emulator: RunningEmulator,
	flowId: string,
	description: string,
): Promise<void> {
	const etag = String(emulator.getFlow(flowId)!.etag);
	const response = await fetch(`${emulator.flowServiceUrl}/flows/${flowId}`, {
		method: 'PATCH',
		headers: { ...staticTokenHeaders(), 'Content-Type': 'application/json', 'If-Match': etag },
		body: JSON.stringify([{ op: 'replace', path: '/description', value: description }]),
	});
	expect(response.status).toBe(200);
}

async function disable(emulator: RunningEmulator, flowId: string): Promise<void> {
	const response = await fetch(`${emulator.flowServiceUrl}/flows/${flowId}/action?op=disable`, {
		method: 'POST',
		headers: staticTokenHeaders(),
	});
	expect(response.status).toBe(200);
}

/** Polls of the trigger the emulator has seen: each poll reads runs once with this status filter. */
function runQueries(
	emulator: RunningEmulator,
	status = 'metrics.statusSummary.status==Failed,failed',
): number {
	return emulator
		.requests()
		.filter(
			(request) =>
				request.method === 'GET' &&
				request.path.includes('/flowservice/runs?') &&
				new URL(`http://e${request.path}`).searchParams.getAll('property').includes(status),
		).length;
}

/** Set by the suite: what to print when a wait times out (polls seen, events, n8n's log tail). */
let diagnose: () => string = () => '';

async function waitFor(
	what: string,
	condition: () => boolean,
	timeoutMs = POLL_WAIT_MS,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${diagnose()}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
}

async function executions(rest: RestAuth, workflowId = WORKFLOW_ID): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const data = await restData<{ results: ExecutionSummary[] }>(
		rest,
		'GET',
		`/rest/executions?filter=${filter}`,
	);
	return data.results;
}

describeWithRuntime(
	'v2',
	(n8n) => `Flow Service Destination Trigger in n8n ${n8n} (v2)`,
	() => {
		let emulator: RunningEmulator;
		let listener: Listener;
		let folder: UserFolder;
		let server: N8nServer | undefined;
		let ownerApi: RestAuth;

		beforeAll(async () => {
			requireBuiltNodes();
			emulator = await startEmulator();
			listener = await startListener();
			folder = await createUserFolder('v2');
			installCommunityPackage(folder, repoRoot);
			await importCredentials(folder, [
				{
					...emulatorTokenCredential(emulator.url),
					id: CREDENTIAL_ID,
					name: 'Adobe Experience Platform (trigger e2e)',
				},
			]);
			diagnose = () =>
				[
					`polls seen by the emulator: ${runQueries(emulator)}`,
					`events received: ${JSON.stringify(listener.events).slice(0, 2_000)}`,
					`--- n8n output (tail) ---`,
					server?.logs().slice(-6_000) ?? '(no server)',
				].join('\n');
			await importWorkflow(folder, workflow(listener.url));
			await publishWorkflow(folder, WORKFLOW_ID);
		});

		afterAll(async () => {
			await server?.stop();
			await listener?.close();
			await emulator?.close();
			if (process.env.E2E_KEEP_FOLDERS) console.log(`kept ${folder?.dir}`);
			else folder?.cleanup();
		});

		it('records a baseline when the workflow is activated and starts no execution', async () => {
			server = await startServer(folder);
			const owner = await setupOwner(server.url, OWNER);
			ownerApi = { url: server.url, cookie: owner.cookie! };
			// The activation poll reads the destination listing and the failed runs.
			await waitFor('the activation poll', () => runQueries(emulator) >= 1, 60_000);
			await new Promise((resolve) => setTimeout(resolve, 3_000));
			expect(listener.events).toEqual([]);
			expect(await executions(ownerApi)).toEqual([]);
			expect(server.logs()).not.toMatch(/There was a problem activating the workflow/);
		});

		it('reports a failed run and a configuration change once, on the next scheduled poll', async () => {
			const run = emulator.addRun(TUTORIAL_FLOW_ID, {
				status: 'Failed',
				errors: [{ code: 'ACTIVATION_BATCH-0000-FAILED', message: 'Destination unreachable' }],
			})!;
			await patchDescription(emulator, bulkFlowId(3), 'changed while n8n watched');
			const etag = String(emulator.getFlow(bulkFlowId(3))!.etag);

			await waitFor('two events', () => listener.events.length >= 2);
			expect(listener.events).toEqual([
				expect.objectContaining({
					event: 'runFailed',
					flowId: TUTORIAL_FLOW_ID,
					run: expect.objectContaining({ id: run.id }),
				}),
				expect.objectContaining({
					event: 'configurationChanged',
					flowId: bulkFlowId(3),
					etag,
					changedFields: ['description'],
				}),
			]);

			// One more scheduled poll: nothing is reported twice.
			const polls = runQueries(emulator);
			await waitFor('the next poll', () => runQueries(emulator) > polls);
			await new Promise((resolve) => setTimeout(resolve, 5_000));
			expect(listener.events).toHaveLength(2);
			const recorded = await executions(ownerApi);
			expect(recorded.map((execution) => [execution.status, execution.mode])).toEqual([
				['success', 'trigger'],
			]);
		});

		it('after a restart, reports what happened while n8n was stopped, once, and nothing twice', async () => {
			await server!.stop();
			server = undefined;
			const run = emulator.addRun(bulkFlowId(2), { status: 'Failed' })!;
			await disable(emulator, STREAMING_FLOW_ID);

			server = await startServer(folder);
			ownerApi = await login(server.url, OWNER.email, OWNER.password);
			await waitFor('two more events', () => listener.events.length >= 4);
			expect(listener.events.slice(2)).toEqual([
				expect.objectContaining({
					event: 'runFailed',
					flowId: bulkFlowId(2),
					run: expect.objectContaining({ id: run.id }),
				}),
				expect.objectContaining({
					event: 'disabled',
					flowId: STREAMING_FLOW_ID,
					previousState: 'enabled',
					state: 'disabled',
				}),
			]);

			const polls = runQueries(emulator);
			await waitFor('the next poll', () => runQueries(emulator) > polls);
			await new Promise((resolve) => setTimeout(resolve, 5_000));
			expect(listener.events).toHaveLength(4);
			const keys = listener.events.map(
				(event) => `${event.event} ${event.flowId} ${event.run?.id ?? ''}`,
			);
			expect(new Set(keys).size).toBe(4);
			const recorded = await executions(ownerApi);
			expect(recorded).toHaveLength(2);
			expect(
				recorded.every(
					(execution) => execution.status === 'success' && execution.mode === 'trigger',
				),
			).toBe(true);
		});
	},
);

const SCHEDULE_WORKFLOW_ID = 'e2eTriggerSchedule1';
const FINISHED_RUNS = 'metrics.statusSummary.status==Success,success,Failed,failed';
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/**
 * A copy of the tutorial dataflow under a new ID, exporting one audience once at `due` (a whole
 * minute, UTC), last updated a day before: a dataflow whose one due time the test chooses.
 */
function dataflowDueAt(emulator: RunningEmulator, name: string, due: number): string {
	const template = emulator.getFlow(TUTORIAL_FLOW_ID)!;
	const transformations = structuredClone(template.transformations) as Array<{ params: any }>;
	const [selector] = transformations[0].params.segmentSelectors.selectors;
	const at = new Date(due).toISOString();
	selector.value.schedule = {
		frequency: 'ONCE',
		startDate: at.slice(0, 10),
		startTime: at.slice(11, 16),
	};
	transformations[0].params.segmentSelectors.selectors = [selector];
	const id = randomUUID();
	emulator.putRawFlow({
		...template,
		id,
		name,
		etag: `"${id.slice(0, 8)}-0000-0200-0000-000000000000"`,
		createdAt: due - DAY,
		updatedAt: due - DAY,
		transformations,
	});
	return id;
}

/**
 * The minute now in progress, as a due time: its delay (one minute) runs out after every poll made
 * so far, so the next poll but one at the latest decides it.
 */
const thisMinute = () => Math.floor(Date.now() / MIN) * MIN;

async function moveEnd(emulator: RunningEmulator, flowId: string, endTime: number): Promise<void> {
	const flow = emulator.getFlow(flowId)!;
	const response = await fetch(`${emulator.flowServiceUrl}/flows/${flowId}`, {
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
				value: { ...(flow.scheduleParams as object), endTime },
			},
		]),
	});
	expect(response.status).toBe(200);
}

describeWithRuntime(
	'v2',
	(n8n) => `Flow Service Destination Trigger schedule and run-metric events in n8n ${n8n} (v2)`,
	() => {
		let emulator: RunningEmulator;
		let listener: Listener;
		let folder: UserFolder;
		let server: N8nServer | undefined;
		let ownerApi: RestAuth;
		/** Every dataflow the test watches for; the seed's other scheduled dataflows may be late too. */
		const ours = new Set<string>([DATASET_FLOW_IDS.endingSoon, TUTORIAL_FLOW_ID]);
		const events = () => listener.events.filter((event) => ours.has(event.flowId));
		const keys = () =>
			listener.events.map(
				(event) =>
					`${event.event} ${event.flowId} ${event.end ?? event.dueAt ?? event.run?.id ?? ''}`,
			);
		const polls = () => runQueries(emulator, FINISHED_RUNS);
		const summary = (event: Record<string, any>) =>
			`${event.event} ${event.flowId} ${event.end ?? event.dueAt ?? event.run?.id}`;

		beforeAll(async () => {
			requireBuiltNodes();
			emulator = await startEmulator();
			listener = await startListener();
			folder = await createUserFolder('v2');
			installCommunityPackage(folder, repoRoot);
			await importCredentials(folder, [
				{
					...emulatorTokenCredential(emulator.url),
					id: CREDENTIAL_ID,
					name: 'Adobe Experience Platform (trigger e2e)',
				},
			]);
			diagnose = () =>
				[
					`polls seen by the emulator: ${polls()}`,
					`events received: ${JSON.stringify(listener.events.map(summary)).slice(0, 3_000)}`,
					`--- n8n output (tail) ---`,
					server?.logs().slice(-6_000) ?? '(no server)',
				].join('\n');
			await importWorkflow(
				folder,
				triggerToListenerWorkflow(
					SCHEDULE_WORKFLOW_ID,
					'Dataflow schedule alerts (trigger e2e)',
					listener.url,
					{ id: CREDENTIAL_ID, name: 'Adobe Experience Platform (trigger e2e)' },
					{
						events: ['exportEndingSoon', 'runDelayed', 'skippedRateExceeded'],
						watch: 'allFlows',
						endingWithinDays: 14,
						runDelayMinutes: 1,
						skippedPercent: 2,
					},
				),
			);
			await publishWorkflow(folder, SCHEDULE_WORKFLOW_ID);
		});

		afterAll(async () => {
			await server?.stop();
			await listener?.close();
			await emulator?.close();
			if (process.env.E2E_KEEP_FOLDERS) console.log(`kept ${folder?.dir}`);
			else folder?.cleanup();
		});

		it('at activation reports the seeded dataset export ending in three days, and nothing else', async () => {
			server = await startServer(folder);
			const owner = await setupOwner(server.url, OWNER);
			ownerApi = { url: server.url, cookie: owner.cookie! };
			await waitFor('the activation poll', () => polls() >= 1, 60_000);
			await waitFor('its event', () => listener.events.length >= 1, 30_000);
			const end = (emulator.getFlow(DATASET_FLOW_IDS.endingSoon)!.scheduleParams as any).endTime;
			expect(listener.events).toEqual([
				expect.objectContaining({
					event: 'exportEndingSoon',
					flowId: DATASET_FLOW_IDS.endingSoon,
					kind: 'datasetExport',
					end: new Date(end * 1000).toISOString(),
					ended: false,
				}),
			]);
			expect(server.logs()).not.toMatch(/There was a problem activating the workflow/);
		});

		it('reports a run over the skipped share and a due time with no run, once; a due time met by a run is not reported', async () => {
			const over = emulator.addRun(TUTORIAL_FLOW_ID, { received: 1000, skipped: 50 })!;
			emulator.addRun(TUTORIAL_FLOW_ID, { received: 1000, skipped: 20 });
			const due = thisMinute();
			const late = dataflowDueAt(emulator, 'Due with no run (trigger e2e)', due);
			const onTime = dataflowDueAt(emulator, 'Due with a run (trigger e2e)', due);
			emulator.addRun(onTime, { scheduledFor: due });
			ours.add(late).add(onTime);

			await waitFor('the skipped run and the delayed one', () => events().length >= 3, 240_000);
			// One more poll after the due time was decided: nothing repeated, the run in time met it.
			const seen = polls();
			await waitFor('the next poll', () => polls() > seen);
			await new Promise((resolve) => setTimeout(resolve, 5_000));
			expect(events().slice(1)).toEqual(
				expect.arrayContaining([
					expect.objectContaining({
						event: 'skippedRateExceeded',
						flowId: TUTORIAL_FLOW_ID,
						run: expect.objectContaining({ id: over.id }),
						skippedPercent: 5,
						thresholdPercent: 2,
					}),
					expect.objectContaining({
						event: 'runDelayed',
						flowId: late,
						dueAt: new Date(due).toISOString(),
						delayMinutes: 1,
					}),
				]),
			);
			expect(events()).toHaveLength(3);
			expect(new Set(keys()).size).toBe(listener.events.length);
			const recorded = await executions(ownerApi, SCHEDULE_WORKFLOW_ID);
			expect(recorded.every((e) => e.status === 'success' && e.mode === 'trigger')).toBe(true);
		});

		it('after a restart, reports once what came while n8n was stopped: a run over the share, an end moved, a due time passed', async () => {
			await server!.stop();
			server = undefined;
			const over = emulator.addRun(STREAMING_FLOW_ID, { received: 400, skipped: 40 })!;
			ours.add(STREAMING_FLOW_ID);
			const end = (emulator.getFlow(DATASET_FLOW_IDS.endingSoon)!.scheduleParams as any).endTime;
			await moveEnd(emulator, DATASET_FLOW_IDS.endingSoon, end + 5 * 86_400);
			const due = thisMinute();
			const passed = dataflowDueAt(emulator, 'Due while n8n was stopped (trigger e2e)', due);
			ours.add(passed);

			server = await startServer(folder);
			ownerApi = await login(server.url, OWNER.email, OWNER.password);
			await waitFor('three more events', () => events().length >= 6, 240_000);
			const seen = polls();
			await waitFor('the next poll', () => polls() > seen);
			await new Promise((resolve) => setTimeout(resolve, 5_000));
			expect(events().slice(3)).toEqual(
				expect.arrayContaining([
					expect.objectContaining({
						event: 'skippedRateExceeded',
						flowId: STREAMING_FLOW_ID,
						run: expect.objectContaining({ id: over.id }),
						skippedPercent: 10,
					}),
					expect.objectContaining({
						event: 'exportEndingSoon',
						flowId: DATASET_FLOW_IDS.endingSoon,
						end: new Date((end + 5 * 86_400) * 1000).toISOString(),
					}),
					expect.objectContaining({
						event: 'runDelayed',
						flowId: passed,
						dueAt: new Date(due).toISOString(),
					}),
				]),
			);
			expect(events()).toHaveLength(6);
			expect(new Set(keys()).size).toBe(listener.events.length);
			const others = listener.events.filter((event) => !ours.has(event.flowId));
			console.log(
				`trigger schedule events: exportEndingSoon ${events().filter((e) => e.event === 'exportEndingSoon').length} of 2, ` +
					`runDelayed ${events().filter((e) => e.event === 'runDelayed').length} of 2, ` +
					`skippedRateExceeded ${events().filter((e) => e.event === 'skippedRateExceeded').length} of 2, ` +
					`duplicates ${listener.events.length - new Set(keys()).size}, ` +
					`seeded dataflows reported late meanwhile ${others.length} (${[...new Set(others.map((e) => e.event))].join(', ') || 'none'})`,
			);
			expect(others.every((event) => event.event === 'runDelayed')).toBe(true);
		});
	},
);
