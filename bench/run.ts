/**
 * `npm run bench`: 1,000 audience additions over 100 dataflows, then their removal, by three
 * contenders (plus the node with expressions and n8n's own baseline, to explain the time) against
 * one emulator, at 50 ms and 0 ms added latency, median of --runs (default 3).
 * Then the scale step (bench/scale.ts): node and limit on 1,000 and on 10,000 changes.
 * Prints requests, times and ratios, and writes bench/results.json. Not a test: it asserts nothing.
 * `--scale=off` skips the scale step, `--scale=only` runs only it (and updates only its figures);
 * the create row (bench/create.ts) and the audience row (bench/audience.ts) take `--create=` and
 * `--audience=` the same way.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

import { startEmulator, type RunningEmulator } from '../emulator';
import {
	createUserFolder,
	importCredentials,
	importWorkflow,
	installCommunityPackage,
	isProvisioned,
	publishWorkflow,
	repoRoot,
	setupOwner,
	startServer,
	type N8nServer,
} from '../local-n8n';
import { AUDIENCE_WEBHOOK, audienceWorkflow, runAudienceRow } from './audience';
import { CREATE_WEBHOOK, createWorkflow, runCreateRow } from './create';
import { DATASET_WEBHOOK, datasetExportsWorkflow, runDatasetRow } from './datasetExports';
import { runLimit } from './limit';
import { runScaleStep } from './scale';
import {
	AUDIENCES_PER_FLOW,
	baselineWorkflow,
	credential,
	FLOWS,
	httpRequestWorkflow,
	nodeWorkflow,
	SCALE_BULK_FLOWS,
	SCALE_FLOWS,
	WEBHOOK_PATHS,
	type Pass,
	type Size,
} from './workload';

import { median, round, type Figure } from './figures';

export type Contender =
	'node' | 'httpRequestWorkflow' | 'limit' | 'nodeWithExpressions' | 'n8nBaseline';

const flag = (name: string) =>
	process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const RUNS = Number(flag('runs') ?? 3);
const LATENCIES = (flag('latencies') ?? '50,0').split(',').map(Number);
const CONTENDERS = (
	flag('contenders') ?? 'node,httpRequestWorkflow,limit,nodeWithExpressions,n8nBaseline'
).split(',') as Contender[];
/** `--n8n-env=KEY=VALUE,KEY=VALUE`: settings for the n8n server, to see where time goes. */
const N8N_ENV = Object.fromEntries(
	(flag('n8n-env') ?? '')
		.split(',')
		.filter(Boolean)
		.map((pair) => {
			const at = pair.indexOf('=');
			if (at < 1) throw new Error(`--n8n-env wants KEY=VALUE pairs, got "${pair}"`);
			return [pair.slice(0, at), pair.slice(at + 1)];
		}),
);
const PASSES: Pass[] = ['add', 'remove'];
const SCALE = flag('scale') ?? 'on';
/** `--create=off` skips the create row, `--create=only` runs only it (and updates only its figures). */
const CREATE = flag('create') ?? 'on';
/** `--audience=off` skips the audience row, `--audience=only` runs only it (and updates only its figures). */
const AUDIENCE = flag('audience') ?? 'on';
/** `--datasets=off` skips the dataset export row, `--datasets=only` runs only it (and updates only its figures). */
const DATASETS = flag('datasets') ?? 'on';
const RESULTS = path.join(repoRoot, 'bench', 'results.json');

async function main(): Promise<void> {
	if (!isProvisioned('v2'))
		execFileSync('bash', [path.join(repoRoot, 'scripts/runtimes/provision.sh'), 'v2'], {
			stdio: 'inherit',
		});
	// Enough bulk flows for the scale step's 1,000 destination dataflows, and a log for all its requests.
	const emulator = await startEmulator({ bulkFlows: SCALE_BULK_FLOWS, requestLogSize: 50_000 });
	const folder = await createUserFolder('v2');
	let server: N8nServer | undefined;
	const cleanUp = async () => {
		await server?.stop();
		folder.cleanup();
		await emulator.close();
	};
	// Ctrl-C must not leave an n8n server behind.
	for (const signal of ['SIGINT', 'SIGTERM'] as const)
		process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
	try {
		installCommunityPackage(folder, repoRoot);
		await importCredentials(folder, [credential(emulator.url)]);
		const workflows = PASSES.flatMap((pass) => [
			nodeWorkflow(pass),
			nodeWorkflow(pass, 'expressions'),
			httpRequestWorkflow(pass, emulator.url),
			baselineWorkflow(pass),
			nodeWorkflow(pass, 'mapped', SCALE_FLOWS),
			baselineWorkflow(pass, SCALE_FLOWS),
		]);
		workflows.push(createWorkflow() as (typeof workflows)[number]);
		workflows.push(audienceWorkflow() as (typeof workflows)[number]);
		workflows.push(datasetExportsWorkflow() as (typeof workflows)[number]);
		for (const workflow of workflows) {
			await importWorkflow(folder, workflow);
			await publishWorkflow(folder, workflow.id);
		}
		server = await startServer(folder, {
			env: N8N_ENV,
			webhooks: [...WEBHOOK_PATHS, CREATE_WEBHOOK, AUDIENCE_WEBHOOK, DATASET_WEBHOOK].map((p) => ({
				path: p,
				method: 'POST',
			})),
		});
		const { cookie } = await setupOwner(server.url, {
			email: 'bench@example.com',
			password: 'Bench-Passw0rd',
			firstName: 'Bench',
			lastName: 'Mark',
		});
		const run = (latency: number, contender: Contender, size: Size) =>
			bothPasses(emulator, latency, contender, server!.url, cookie ?? '', size);
		const only = [SCALE, CREATE, AUDIENCE, DATASETS].includes('only');
		// A row runs when asked for alone, or when not turned off and no row is asked for alone.
		const wanted = (row: string) => row === 'only' || (row !== 'off' && !only);
		const results = only
			? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>)
			: await compare(emulator, server.url, cookie ?? '');
		if (wanted(CREATE))
			results.create = await runCreateRow({
				emulator,
				latencies: LATENCIES,
				runs: RUNS,
				runNode: () => runWebhook(server!.url, cookie ?? '', CREATE_WEBHOOK, createWorkflow().id),
			});
		if (wanted(AUDIENCE))
			results.audience = await runAudienceRow({
				emulator,
				latencies: LATENCIES,
				runs: RUNS,
				runNode: () =>
					runWebhook(server!.url, cookie ?? '', AUDIENCE_WEBHOOK, audienceWorkflow().id),
			});
		if (wanted(DATASETS))
			results.datasetExports = await runDatasetRow({
				emulator,
				latencies: LATENCIES,
				runs: RUNS,
				runNode: () =>
					runWebhook(server!.url, cookie ?? '', DATASET_WEBHOOK, datasetExportsWorkflow().id),
			});
		if (wanted(SCALE))
			results.scale = await runScaleStep({
				latencies: LATENCIES,
				runs: RUNS,
				pid: server.pid,
				run,
			});
		// Only a full comparison (or a full scale step) replaces the recorded results.
		const full = only || !flag('contenders');
		if (full && !flag('latencies') && !flag('n8n-env')) {
			writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
			console.log(`\nwrote bench/results.json`);
		}
	} finally {
		await cleanUp();
	}
}

async function compare(
	emulator: RunningEmulator,
	n8nUrl: string,
	cookie: string,
): Promise<Record<string, unknown>> {
	const latency_ms: Record<string, unknown> = {};
	for (const latency of LATENCIES) {
		const contenders = {} as Record<Contender, Figure>;
		for (const contender of CONTENDERS) {
			const runs: Figure[] = [];
			for (let run = 0; run < RUNS; run++)
				runs.push(await bothPasses(emulator, latency, contender, n8nUrl, cookie));
			contenders[contender] = median(runs);
			console.log(
				`latency ${String(latency).padStart(2)} ms  ${contender.padEnd(20)} requests ${String(contenders[contender].requests).padStart(5)}  time ${String(Math.round(contenders[contender].ms)).padStart(7)} ms  (runs: ${runs.map((r) => Math.round(r.ms)).join(', ')})`,
			);
		}
		const ratios = {
			node_vs_limit: round(contenders.node?.ms / contenders.limit?.ms),
			node_vs_httpRequestWorkflow: round(contenders.node?.ms / contenders.httpRequestWorkflow?.ms),
			nodeWithExpressions_vs_limit: round(
				contenders.nodeWithExpressions?.ms / contenders.limit?.ms,
			),
		};
		console.log(
			`latency ${String(latency).padStart(2)} ms  node/limit ${ratios.node_vs_limit}  node/HTTP-Request-workflow ${ratios.node_vs_httpRequestWorkflow}  nodeWithExpressions/limit ${ratios.nodeWithExpressions_vs_limit}`,
		);
		latency_ms[String(latency)] = { contenders, ratios };
	}
	return {
		workload: `${FLOWS * AUDIENCES_PER_FLOW} audience additions over ${FLOWS} dataflows, then their removal; items produced by an earlier node`,
		runs: RUNS,
		machine: `${(await import('node:os')).cpus().length} cores, ${process.platform}, n8n 2.41.1 on Node 24`,
		latency_ms,
	};
}

/** One add pass then one remove pass on a freshly seeded emulator; requests counted from its log. */
async function bothPasses(
	emulator: RunningEmulator,
	latencyMs: number,
	contender: Contender,
	n8nUrl: string,
	cookie: string,
	size: Size = FLOWS,
): Promise<Figure> {
	emulator.reset();
	// reset() restores the emulator's start-up settings, latency included.
	emulator.config.latencyMs = latencyMs;
	let ms = 0;
	for (const pass of PASSES) ms += await runPass(emulator, contender, pass, n8nUrl, cookie, size);
	const requests = emulator
		.requests()
		.filter((request) => request.path.startsWith('/data/foundation/flowservice')).length;
	return { requests, ms };
}

async function runPass(
	emulator: RunningEmulator,
	contender: Contender,
	pass: Pass,
	n8nUrl: string,
	cookie: string,
	size: Size,
): Promise<number> {
	if (contender === 'limit') return await runLimit(emulator.url, pass, size);
	const [workflow, tag] = {
		node: () => [nodeWorkflow(pass, 'mapped', size), 'node'] as const,
		nodeWithExpressions: () => [nodeWorkflow(pass, 'expressions'), 'nodex'] as const,
		httpRequestWorkflow: () => [httpRequestWorkflow(pass, emulator.url), 'http'] as const,
		n8nBaseline: () => [baselineWorkflow(pass, size), 'baseline'] as const,
	}[contender]();
	const hook = `bench-${tag}-${pass}${size === SCALE_FLOWS ? '-x10' : ''}`;
	return await runWebhook(n8nUrl, cookie, hook, workflow.id);
}

/** Calls a benchmark workflow's webhook and returns its execution's own duration. */
async function runWebhook(
	n8nUrl: string,
	cookie: string,
	path: string,
	workflowId: string,
): Promise<number> {
	const hook = `${n8nUrl}/webhook/${path}`;
	const response = await fetch(hook, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
	});
	await response.text();
	if (!response.ok) throw new Error(`${hook} answered ${response.status}`);
	return await executionMs(n8nUrl, cookie, workflowId);
}

/** The execution's own duration as n8n recorded it (started to stopped). */
async function executionMs(n8nUrl: string, cookie: string, workflowId: string): Promise<number> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	for (let attempt = 0; attempt < 50; attempt++) {
		const response = await fetch(`${n8nUrl}/rest/executions?filter=${filter}&limit=1`, {
			headers: { cookie, accept: 'application/json' },
		});
		const body = (await response.json()) as {
			data?: { results?: Array<{ status: string; startedAt: string; stoppedAt?: string }> };
		};
		const latest = body.data?.results?.[0];
		if (latest?.stoppedAt) {
			if (latest.status !== 'success')
				throw new Error(`the ${workflowId} execution ended ${latest.status}`);
			return Date.parse(latest.stoppedAt) - Date.parse(latest.startedAt);
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`no finished execution of ${workflowId} recorded`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
