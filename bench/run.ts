/**
 * `npm run bench`: 1,000 audience additions over 100 dataflows, then their removal, by three
 * contenders (plus the node with expressions and n8n's own baseline, to explain the time) against
 * one emulator, at 50 ms and 0 ms added latency, median of --runs (default 3).
 * Prints requests, times and ratios, and writes bench/results.json. Not a test: it asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
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
} from '../e2e/lib';
import { runLimit } from './limit';
import {
	AUDIENCES_PER_FLOW,
	baselineWorkflow,
	credential,
	FLOWS,
	httpRequestWorkflow,
	nodeWorkflow,
	WEBHOOK_PATHS,
	type Pass,
} from './workload';

type Contender = 'node' | 'httpRequestWorkflow' | 'limit' | 'nodeWithExpressions' | 'n8nBaseline';
interface Figure {
	requests: number;
	ms: number;
}

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

async function main(): Promise<void> {
	if (!isProvisioned('v2'))
		execFileSync('bash', [path.join(repoRoot, 'scripts/runtimes/provision.sh'), 'v2'], {
			stdio: 'inherit',
		});
	const emulator = await startEmulator();
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
		]);
		for (const workflow of workflows) {
			await importWorkflow(folder, workflow);
			await publishWorkflow(folder, workflow.id);
		}
		server = await startServer(folder, {
			env: N8N_ENV,
			webhooks: WEBHOOK_PATHS.map((p) => ({ path: p, method: 'POST' })),
		});
		const { cookie } = await setupOwner(server.url, {
			email: 'bench@example.com',
			password: 'Bench-Passw0rd',
			firstName: 'Bench',
			lastName: 'Mark',
		});
		const results = await compare(emulator, server.url, cookie ?? '');
		// Only a full comparison replaces the recorded results.
		if (!flag('contenders') && !flag('latencies') && !flag('n8n-env')) {
			writeFileSync(
				path.join(repoRoot, 'bench', 'results.json'),
				`${JSON.stringify(results, null, 2)}\n`,
			);
			console.log(`\nwrote bench/results.json`);
		}
	} finally {
		await cleanUp();
	}
}

async function compare(emulator: RunningEmulator, n8nUrl: string, cookie: string) {
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
		};
		console.log(
			`latency ${String(latency).padStart(2)} ms  node/limit ${ratios.node_vs_limit}  node/HTTP-Request-workflow ${ratios.node_vs_httpRequestWorkflow}`,
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
): Promise<Figure> {
	emulator.reset();
	// reset() restores the emulator's start-up settings, latency included.
	emulator.config.latencyMs = latencyMs;
	let ms = 0;
	for (const pass of PASSES) ms += await runPass(emulator, contender, pass, n8nUrl, cookie);
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
): Promise<number> {
	if (contender === 'limit') return await runLimit(emulator.url, pass);
	const [workflow, tag] = {
		node: () => [nodeWorkflow(pass), 'node'] as const,
		nodeWithExpressions: () => [nodeWorkflow(pass, 'expressions'), 'nodex'] as const,
		httpRequestWorkflow: () => [httpRequestWorkflow(pass, emulator.url), 'http'] as const,
		n8nBaseline: () => [baselineWorkflow(pass), 'baseline'] as const,
	}[contender]();
	const hook = `${n8nUrl}/webhook/bench-${tag}-${pass}`;
	const response = await fetch(hook, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
	});
	await response.text();
	if (!response.ok) throw new Error(`${hook} answered ${response.status}`);
	return await executionMs(n8nUrl, cookie, workflow.id);
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

function median(runs: Figure[]): Figure {
	const sorted = [...runs].sort((a, b) => a.ms - b.ms);
	return {
		...sorted[Math.floor(sorted.length / 2)],
		ms: Math.round(sorted[Math.floor(sorted.length / 2)].ms),
	};
}

function round(value: number): number {
	return Math.round(value * 1000) / 1000;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
