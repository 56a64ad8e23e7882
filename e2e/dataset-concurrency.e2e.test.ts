/**
 * Reliability on a running n8n 2.x server: 20 webhook-started executions at once, each adding a
 * different dataset to the same dataset export dataflow (Dataset Export › Add Datasets: a new Data
 * Lake source connection per change, then the dataflow's /sourceConnectionIds replaced with
 * If-Match). Prints the figures: datasets lost, doubled, and source connections left behind.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	DATASET_FLOW_IDS,
	DATASET_IDS,
	FLOW_SERVICE_BASE_PATH,
	SANDBOX_PROD,
	startEmulator,
	type RunningEmulator,
} from '../emulator';
import { printFigure } from '../test/reliability/report';
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
import { emulatorTokenCredential, webhookWriterWorkflow } from '../local-n8n/project';

const WRITERS = 20;
const FLOW = DATASET_FLOW_IDS.everySixHours;
const SEEDED = [DATASET_IDS.prod.loyaltyMembers, DATASET_IDS.prod.webEvents];
/** Catalog-style IDs (24 hex digits) of the datasets the writers add, one each. */
const dataset = (n: number) => `65f1a0c2e4b0a1d2c3e5${n.toString(16).padStart(4, '0')}`;

const WRITER = webhookWriterWorkflow(
	'concurrentDsAdd01',
	'concurrent-dataset-add',
	'c0ffee00-0000-4000-8000-00000000000d',
	{
		resource: 'datasetExport',
		operation: 'addDatasets',
		datasetIds: '={{ $json.body.datasetId }}',
	},
	{ options: { maxConflictRetries: 10 } },
);

/**
 * An emulator whose prod Data Lake also holds the writers' datasets: its state file is written
 * with the seed, given the 20 datasets, and loaded again (the API lists datasets, never adds them).
 */
async function emulatorWithDatasets(dir: string): Promise<RunningEmulator> {
	const dataFile = join(dir, 'state.json');
	await (await startEmulator({ dataFile })).close();
	const state = JSON.parse(readFileSync(dataFile, 'utf8')) as {
		datasets: Record<string, Array<Record<string, unknown>>>;
	};
	const [template] = state.datasets[SANDBOX_PROD];
	for (let n = 0; n < WRITERS; n++)
		state.datasets[SANDBOX_PROD].push({
			...template,
			id: dataset(n),
			name: `Concurrent dataset ${n}`,
		});
	writeFileSync(dataFile, JSON.stringify(state));
	return await startEmulator({ dataFile });
}

describe(`n8n 2.x server: ${WRITERS} concurrent Add Datasets on one dataset export`, () => {
	let dir: string;
	let emulator: RunningEmulator;
	let folder: UserFolder;
	let server: N8nServer;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'dataset-concurrency-'));
		emulator = await emulatorWithDatasets(dir);
		folder = await createUserFolder('v2');
		installCommunityPackage(folder, repoRoot);
		await importCredentials(folder, [emulatorTokenCredential(emulator.url)]);
		await importWorkflows(folder, [WRITER]);
		await publishWorkflow(folder, WRITER.id);
		server = await startServer(folder, {
			webhooks: [{ path: 'concurrent-dataset-add', method: 'POST' }],
		});
	});

	afterAll(async () => {
		await server?.stop();
		folder?.cleanup();
		await emulator?.close();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('adds all 20 exactly once, keeps the seeded datasets, and leaves no source connection behind', async () => {
		emulator.clearRequests();
		const runs = await Promise.all(
			Array.from({ length: WRITERS }, async (_, n) => {
				const answer = await postWebhook(server.url, 'concurrent-dataset-add', {
					flowId: FLOW,
					datasetId: dataset(n),
				});
				type Body = { changed?: boolean; conflictRetries?: number; message?: string };
				return { status: answer.status, body: (answer.json as Body | undefined) ?? {} };
			}),
		);

		const flow = emulator.getFlow(FLOW)!;
		const [sourceId] = flow.sourceConnectionIds as string[];
		const source = emulator.getConnection(sourceId)!.connection as unknown as {
			params: { datasets: Array<{ dataSetId: string }> };
		};
		const ids = source.params.datasets.map((d) => d.dataSetId);
		const wanted = Array.from({ length: WRITERS }, (_, n) => dataset(n));
		const lost = wanted.filter((id) => !ids.includes(id)).length;
		const duplicates = ids.length - new Set(ids).size;

		const log = emulator.requests();
		const sources = `${FLOW_SERVICE_BASE_PATH}/sourceConnections`;
		const created = log.filter(
			(r) => r.method === 'POST' && r.path === sources && r.status === 201,
		);
		const deleted = log
			.filter((r) => r.method === 'DELETE' && r.path.startsWith(`${sources}/`) && r.status === 202)
			.map((r) => r.path.slice(sources.length + 1));
		const patches = log.filter(
			(r) => r.method === 'PATCH' && r.path === `${FLOW_SERVICE_BASE_PATH}/flows/${FLOW}`,
		);
		const accepted = patches.filter((r) => r.status === 200).length;
		// Every source connection made either replaced the dataflow's (one per accepted PATCH) or was deleted.
		const leftBehind = created.length - deleted.length - accepted;
		const retries = runs.map((r) => r.body.conflictRetries ?? -1).sort((a, b) => a - b);
		printFigure(
			`dataset adds: lost ${lost} of ${WRITERS}, duplicates ${duplicates}, source connections left behind ${leftBehind}, ` +
				`accepted PATCHes ${accepted}, 412s ${patches.length - accepted}, max conflict retries ${retries[retries.length - 1]}`,
		);

		expect(runs.map((r) => [r.status, r.body.changed, r.body.message])).toEqual(
			Array(WRITERS).fill([200, true, undefined]),
		);
		expect(lost).toBe(0);
		expect(duplicates).toBe(0);
		expect(ids.slice(0, SEEDED.length)).toEqual(SEEDED);
		expect(ids).toHaveLength(SEEDED.length + WRITERS);
		expect(accepted).toBe(WRITERS);
		expect(leftBehind).toBe(0);
		for (const id of deleted) expect(emulator.getConnection(id)).toBeUndefined();
	});
});
