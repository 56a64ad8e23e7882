/**
 * Reliability on a running n8n 2.x server: 20 webhook-started executions at once, each adding a
 * different audience to the same dataflow, then 20 removing them. Prints the figures.
 */
import { startEmulator, type RunningEmulator } from '../emulator';
import { TUTORIAL_AUDIENCE_IDS, TUTORIAL_FLOW_ID } from '../emulator/fixtures/ids';
import {
	createUserFolder,
	importCredentials,
	importWorkflow,
	installCommunityPackage,
	publishWorkflow,
	repoRoot,
	startServer,
	type N8nServer,
	type UserFolder,
} from './lib';
import { emulatorTokenCredential, flowAudiences, NODE_TYPE, TOKEN_CREDENTIAL } from './project';

const WRITERS = 20;
const audience = (n: number) => `c0c0c0c0-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Webhook → Flow Service Destination (add or remove the audience in the body) → answers with the node's output. */
function writerWorkflow(pass: 'add' | 'remove') {
	const parameters =
		pass === 'add'
			? { operation: 'addAudiences', flowId: { __rl: true, mode: 'id', value: '={{ $json.body.flowId }}' }, audiences: { audience: [{ id: '={{ $json.body.audienceId }}' }] }, options: {} }
			: { operation: 'removeAudiences', flowId: { __rl: true, mode: 'id', value: '={{ $json.body.flowId }}' }, audienceKeys: '={{ $json.body.audienceId }}', options: {} };
	return {
		id: pass === 'add' ? 'concurrentAdd0001' : 'concurrentRem0001',
		name: `Concurrent writer (${pass})`,
		nodes: [
			{
				id: 'w',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: pass === 'add' ? 'c0ffee00-0000-4000-8000-00000000000a' : 'c0ffee00-0000-4000-8000-00000000000b',
				parameters: { httpMethod: 'POST', path: `concurrent-${pass}`, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
			},
			{ id: 'f', name: 'Flow Service Destination', type: NODE_TYPE, typeVersion: 1, position: [250, 0], parameters, credentials: { adobeExperiencePlatformApi: TOKEN_CREDENTIAL } },
		],
		connections: { Webhook: { main: [[{ node: 'Flow Service Destination', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

function distribution(values: number[]): string {
	const counts = new Map<number, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return [...counts].sort(([a], [b]) => a - b).map(([value, count]) => `${value}:${count}`).join(' ');
}

describe(`n8n 2.x server: ${WRITERS} concurrent webhook executions on one dataflow`, () => {
	let emulator: RunningEmulator;
	let folder: UserFolder;
	let server: N8nServer;

	beforeAll(async () => {
		emulator = await startEmulator();
		folder = await createUserFolder('v2');
		installCommunityPackage(folder, repoRoot);
		await importCredentials(folder, [emulatorTokenCredential(emulator.url)]);
		for (const pass of ['add', 'remove'] as const) {
			await importWorkflow(folder, writerWorkflow(pass));
			await publishWorkflow(folder, writerWorkflow(pass).id);
		}
		server = await startServer(folder, { webhooks: [{ path: 'concurrent-add', method: 'POST' }, { path: 'concurrent-remove', method: 'POST' }] });
	});

	afterAll(async () => {
		await server?.stop();
		folder?.cleanup();
		await emulator?.close();
	});

	async function fire(pass: 'add' | 'remove') {
		return await Promise.all(
			Array.from({ length: WRITERS }, async (_, n) => {
				const response = await fetch(`${server.url}/webhook/concurrent-${pass}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ flowId: TUTORIAL_FLOW_ID, audienceId: audience(n) }),
					signal: AbortSignal.timeout(120_000),
				});
				return { status: response.status, body: (await response.json()) as { changed?: boolean; conflictRetries?: number; error?: string } };
			}),
		);
	}

	it('adds all 20 exactly once, then removes all 20, touching nothing else', async () => {
		const adds = await fire('add');
		const afterAdds = flowAudiences(emulator.getFlow(TUTORIAL_FLOW_ID)!);
		const lost = Array.from({ length: WRITERS }, (_, n) => audience(n)).filter((id) => !afterAdds.includes(id)).length;
		const duplicates = afterAdds.length - new Set(afterAdds).size;
		console.log(`n8n server adds: lost updates: ${lost} of ${WRITERS}, duplicates: ${duplicates}, conflict retries ${distribution(adds.map((a) => a.body.conflictRetries ?? -1))}`);

		expect(adds.map((a) => [a.status, a.body.changed])).toEqual(Array(WRITERS).fill([200, true]));
		expect(lost).toBe(0);
		expect(duplicates).toBe(0);

		const removes = await fire('remove');
		const afterRemoves = flowAudiences(emulator.getFlow(TUTORIAL_FLOW_ID)!);
		console.log(`n8n server removes: left behind: ${afterRemoves.filter((id) => id.startsWith('c0c0c0c0')).length} of ${WRITERS}, conflict retries ${distribution(removes.map((r) => r.body.conflictRetries ?? -1))}`);

		expect(removes.map((r) => [r.status, r.body.changed])).toEqual(Array(WRITERS).fill([200, true]));
		expect(afterRemoves).toEqual([...TUTORIAL_AUDIENCE_IDS]);
	});
});
