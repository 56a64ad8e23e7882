/**
 * Reliability on a running n8n 2.x server: 20 webhook-started executions at once, each adding a
 * different audience to the same dataflow, then 20 removing them; then 20 mixed writers at once
 * (renames, audience adds, profile attribute removals) on one dataflow. Prints the figures.
 */
import {
	FLOW_SERVICE_BASE_PATH,
	startEmulator,
	type Flow,
	type RunningEmulator,
	staticTokenHeaders,
} from '../emulator';
import { TUTORIAL_AUDIENCE_IDS, TUTORIAL_FLOW_ID } from '../emulator/fixtures/ids';
import { printFigure } from '../test/reliability/report';
import { flowContent, mixedWritersOutcome, seedAttributeOperations } from './mixedWriters';
import {
	createUserFolder,
	importCredentials,
	importWorkflows,
	installCommunityPackage,
	publishWorkflow,
	repoRoot,
	startServer,
	type N8nServer,
	type UserFolder,
	postWebhook,
} from '../local-n8n';
import {
	emulatorTokenCredential,
	flowAttributes,
	flowAudiences,
	mixedWritersWorkflow,
	webhookWriterWorkflow,
} from '../local-n8n/project';

const WRITERS = 20;
const audience = (n: number) => `c0c0c0c0-0000-4000-8000-${String(n).padStart(12, '0')}`;

const ADD_AUDIENCE = {
	operation: 'addAudiences',
	audiences: { audience: [{ id: '={{ $json.body.audienceId }}' }] },
};
const REMOVE_AUDIENCE = {
	operation: 'removeAudiences',
	audienceKeys: '={{ $json.body.audienceId }}',
};

/** Webhook → Flow Service Destination (add or remove the audience in the body) → answers with the node's output. */
const writerWorkflow = (pass: 'add' | 'remove') =>
	pass === 'add'
		? webhookWriterWorkflow(
				'concurrentAdd0001',
				'concurrent-add',
				'c0ffee00-0000-4000-8000-00000000000a',
				ADD_AUDIENCE,
			)
		: webhookWriterWorkflow(
				'concurrentRem0001',
				'concurrent-remove',
				'c0ffee00-0000-4000-8000-00000000000b',
				REMOVE_AUDIENCE,
			);

const MIXED = { renames: 5, adds: 8, removals: 7 } as const;
const mixedAudience = (n: number) => `c0c0c0c0-0000-4000-8000-${String(100 + n).padStart(12, '0')}`;
/** Seeded on the flow (through the emulator's API) before the mixed writers remove them; every other one mandatory. */
const seededAttribute = (n: number) => `_acme.mixedWriters.attribute${n}`;
const mixedWorkflow = () =>
	mixedWritersWorkflow(
		{
			id: 'concurrentMix0001',
			name: 'Concurrent writer (mixed)',
			path: 'concurrent-mixed',
			webhookId: 'c0ffee00-0000-4000-8000-00000000000c',
		},
		ADD_AUDIENCE,
	);

type WriterBody =
	| { kind: 'rename'; name: string }
	| { kind: 'add'; audienceId: string }
	| { kind: 'remove'; path: string };

/** 20 changes, the three kinds interleaved: 5 renames, 8 audience adds, 7 attribute removals. */
function mixedChanges(): WriterBody[] {
	const queues: WriterBody[][] = [
		Array.from({ length: MIXED.renames }, (_, n) => ({
			kind: 'rename',
			name: `Mixed writers rename ${n}`,
		})),
		Array.from({ length: MIXED.adds }, (_, n) => ({ kind: 'add', audienceId: mixedAudience(n) })),
		Array.from({ length: MIXED.removals }, (_, n) => ({
			kind: 'remove',
			path: seededAttribute(n),
		})),
	];
	const out: WriterBody[] = [];
	while (queues.some((q) => q.length)) for (const q of queues) if (q.length) out.push(q.shift()!);
	return out;
}

/** Adds profile attributes to a flow with one PATCH straight to the emulator's Flow Service API. */
async function seedAttributes(
	emulator: RunningEmulator,
	flowId: string,
	paths: string[],
): Promise<void> {
	const headers = staticTokenHeaders();
	const url = `${emulator.url}${FLOW_SERVICE_BASE_PATH}/flows/${flowId}`;
	const read = await fetch(url, { headers });
	if (read.status !== 200) throw new Error(`GET ${url} answered ${read.status}`);
	const etag = ((await read.json()) as { items: Flow[] }).items[0].etag;
	const operations = seedAttributeOperations(paths);
	const patch = await fetch(url, {
		method: 'PATCH',
		headers: { ...headers, 'content-type': 'application/json', 'if-match': etag },
		body: JSON.stringify(operations),
	});
	if (patch.status !== 200)
		throw new Error(`PATCH ${url} answered ${patch.status}: ${await patch.text()}`);
}

function distribution(values: number[]): string {
	const counts = new Map<number, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return [...counts]
		.sort(([a], [b]) => a - b)
		.map(([value, count]) => `${value}:${count}`)
		.join(' ');
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
		const workflows = [writerWorkflow('add'), writerWorkflow('remove'), mixedWorkflow()];
		await importWorkflows(folder, workflows);
		for (const { id } of workflows) await publishWorkflow(folder, id);
		server = await startServer(folder, {
			webhooks: ['concurrent-add', 'concurrent-remove', 'concurrent-mixed'].map((path) => ({
				path,
				method: 'POST',
			})),
		});
	});

	afterAll(async () => {
		await server?.stop();
		folder?.cleanup();
		await emulator?.close();
	});

	async function post(path: string, body: unknown) {
		const answer = await postWebhook(server.url, path, body);
		type Body = { changed?: boolean; conflictRetries?: number; error?: string; message?: string };
		return {
			status: answer.status,
			body: (answer.json as Body | undefined) ?? { error: answer.text },
		};
	}

	async function fire(pass: 'add' | 'remove') {
		return await Promise.all(
			Array.from(
				{ length: WRITERS },
				async (_, n) =>
					await post(`concurrent-${pass}`, { flowId: TUTORIAL_FLOW_ID, audienceId: audience(n) }),
			),
		);
	}

	it('adds all 20 exactly once, then removes all 20, touching nothing else', async () => {
		const adds = await fire('add');
		const afterAdds = flowAudiences(emulator.getFlow(TUTORIAL_FLOW_ID)!);
		const lost = Array.from({ length: WRITERS }, (_, n) => audience(n)).filter(
			(id) => !afterAdds.includes(id),
		).length;
		const duplicates = afterAdds.length - new Set(afterAdds).size;
		printFigure(
			`n8n server adds: lost updates: ${lost} of ${WRITERS}, duplicates: ${duplicates}, conflict retries ${distribution(adds.map((a) => a.body.conflictRetries ?? -1))}`,
		);

		expect(adds.map((a) => [a.status, a.body.changed])).toEqual(Array(WRITERS).fill([200, true]));
		expect(lost).toBe(0);
		expect(duplicates).toBe(0);

		const removes = await fire('remove');
		const afterRemoves = flowAudiences(emulator.getFlow(TUTORIAL_FLOW_ID)!);
		printFigure(
			`n8n server removes: left behind: ${afterRemoves.filter((id) => id.startsWith('c0c0c0c0')).length} of ${WRITERS}, conflict retries ${distribution(removes.map((r) => r.body.conflictRetries ?? -1))}`,
		);

		expect(removes.map((r) => [r.status, r.body.changed])).toEqual(
			Array(WRITERS).fill([200, true]),
		);
		expect(afterRemoves).toEqual([...TUTORIAL_AUDIENCE_IDS]);
	});

	it(`mixed writers: ${MIXED.renames} renames, ${MIXED.adds} audience adds and ${MIXED.removals} attribute removals at once; the final flow is every change applied once`, async () => {
		emulator.reset();
		const attributes = Array.from({ length: MIXED.removals }, (_, n) => seededAttribute(n));
		await seedAttributes(emulator, TUTORIAL_FLOW_ID, attributes);
		const before = emulator.getFlow(TUTORIAL_FLOW_ID)!;
		expect(flowAttributes(before).slice(-MIXED.removals)).toEqual(attributes);
		emulator.clearRequests();
		const changes = mixedChanges();
		expect(changes).toHaveLength(WRITERS);

		const runs = await Promise.all(
			changes.map(
				async (change) => await post('concurrent-mixed', { flowId: TUTORIAL_FLOW_ID, ...change }),
			),
		);

		const after = emulator.getFlow(TUTORIAL_FLOW_ID)!;
		const patches = emulator
			.requests()
			.filter(
				(r) =>
					r.method === 'PATCH' && r.path === `${FLOW_SERVICE_BASE_PATH}/flows/${TUTORIAL_FLOW_ID}`,
			);
		const accepted = patches.filter((r) => r.status === 200);
		const refused = patches.filter((r) => r.status === 412);
		const { expected, renames, lastName, addedIds } = mixedWritersOutcome(
			before,
			after,
			accepted,
			attributes,
		);
		const audiencesBefore = flowAudiences(before);
		const audiencesAfter = flowAudiences(after);
		const changedOnce =
			runs.every((r) => r.status === 200 && r.body.changed === true) &&
			accepted.length === WRITERS &&
			JSON.stringify(flowContent(after)) === JSON.stringify(expected) &&
			[...addedIds].sort().join() ===
				Array.from({ length: MIXED.adds }, (_, n) => mixedAudience(n))
					.sort()
					.join();
		printFigure(
			`mixed writers (n8n server): ${runs.filter((r) => r.status === 200 && r.body.changed === true).length} of ${WRITERS} succeeded, ` +
				`final flow = ${changedOnce ? 'every change once' : 'NOT every change once'}, accepted PATCHes ${accepted.length}, 412s ${refused.length}, ` +
				`conflict retries ${distribution(runs.map((r) => r.body.conflictRetries ?? -1))}`,
		);

		expect(runs.map((r) => [r.status, r.body.changed, r.body.error ?? r.body.message])).toEqual(
			Array(WRITERS).fill([200, true, undefined]),
		);
		// Each execution's change was accepted exactly once; every refused PATCH was one conflict retry.
		expect(accepted).toHaveLength(WRITERS);
		expect(refused.length).toBe(runs.reduce((sum, r) => sum + (r.body.conflictRetries ?? 0), 0));
		// Audiences: the seeded ones untouched and first, each new one exactly once after them.
		expect(audiencesAfter.slice(0, audiencesBefore.length)).toEqual(audiencesBefore);
		expect([...audiencesAfter.slice(audiencesBefore.length)].sort()).toEqual(
			Array.from({ length: MIXED.adds }, (_, n) => mixedAudience(n)).sort(),
		);
		// Attributes: the removed ones gone from the selectors and the mandatory fields, the others untouched.
		expect(flowAttributes(after)).toEqual(
			flowAttributes(before).filter((path) => !attributes.includes(path)),
		);
		// The name: one of the submitted names, the one of the last accepted rename.
		expect(renames).toHaveLength(MIXED.renames);
		expect(changes.filter((c) => c.kind === 'rename').map((c) => c.name)).toContain(after.name);
		expect(after.name).toBe(lastName);
		// Nothing else changed.
		expect(flowContent(after)).toEqual(expected);
	});
});
