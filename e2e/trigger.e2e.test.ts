/**
 * The Flow Service Destination Trigger in a real n8n 2.x server: the built package installed as a
 * community package, a published workflow polling every minute against the emulator, a failed run
 * and a configuration change while it runs, then a failed run and a disable while n8n is stopped.
 * A downstream HTTP Request node posts every item to a listener in this test, and n8n's REST API
 * lists the executions. Each event must arrive exactly once; the first poll must emit nothing.
 */

import {
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

/** Polls of the trigger the emulator has seen (each poll reads failed runs once). */
function runQueries(emulator: RunningEmulator): number {
	return emulator
		.requests()
		.filter((request) => request.method === 'GET' && request.path.includes('/flowservice/runs?'))
		.length;
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

async function executions(rest: RestAuth): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID }));
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
