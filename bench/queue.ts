/**
 * `npm run bench:queue`: scale-out of n8n's queue mode with this node. 200 webhook-started
 * executions, each adding one audience, over 20 dataflows (10 each), with 50 ms emulated latency:
 * queue mode (main, webhook processor, Postgres, Redis) with 1 worker and with 2 workers (same
 * --concurrency per worker), then one regular `n8n start` (sqlite) with the same load. Prints
 * executions per second, the 2-worker/1-worker ratio, and where the time goes (queue wait and run
 * time per execution from n8n's records, requests and 412s from the emulator's log). Not a test.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

import { startEmulator, type RunningEmulator } from '../emulator';
import {
	createUserFolder,
	importCredentials,
	importWorkflows,
	installCommunityPackage,
	isProvisioned,
	publishWorkflow,
	queryPostgres,
	repoRoot,
	startQueueDeployment,
	startServer,
	stopAllGroups,
	type N8nServer,
	type QueueDeployment,
	postWebhook,
} from '../local-n8n';
import {
	addAudienceFromBody,
	emulatorTokenCredential,
	webhookWriterWorkflow,
} from '../local-n8n/project';
import { flowIds } from './workload';

const flag = (name: string) =>
	process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const EXECUTIONS = 200;
const FLOWS = 20;
const LATENCY_MS = Number(flag('latency') ?? 50);
const CONCURRENCY = Number(flag('concurrency') ?? 10);
const RUNS = Number(flag('runs') ?? 3);
const WORKFLOW = webhookWriterWorkflow(
	'benchQueueAdd001',
	'bench-queue-add',
	'b3c0ffee-0000-4000-8000-000000000101',
	addAudienceFromBody('audienceId'),
	{ options: { maxConflictRetries: 10 } },
);
const HOOK = { path: 'bench-queue-add', method: 'POST' };

interface Figure {
	label: string;
	ms: number;
	perSecond: number;
	failed: number;
	requests: number;
	conflicts: number;
	/** Mean of n8n's records: created → started (waiting in the queue) and started → stopped. */
	queueWaitMs?: number;
	runMs?: number;
}

async function burst(
	emulator: RunningEmulator,
	url: string,
	label: string,
	run: number,
): Promise<Figure> {
	emulator.reset();
	emulator.config.latencyMs = LATENCY_MS;
	const flows = flowIds().slice(0, FLOWS);
	const bodies = Array.from({ length: EXECUTIONS }, (_, n) => ({
		flowId: flows[n % FLOWS],
		audienceId: `be9c${String(run).padStart(4, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`,
	}));
	const started = Date.now();
	const answers = await Promise.all(
		bodies.map(async (body) => {
			const answer = await postWebhook(url, HOOK.path, body, AbortSignal.timeout(300_000));
			const json = answer.json as { changed?: boolean } | undefined;
			return answer.status === 200 && json?.changed === true;
		}),
	);
	const ms = Date.now() - started;
	const log = emulator.requests();
	if (answers.some((ok) => !ok))
		console.log(
			`  ${label}, run ${run}: ${answers.filter((ok) => !ok).length} executions did not answer success`,
		);
	return {
		label,
		ms,
		perSecond: (EXECUTIONS / ms) * 1000,
		failed: answers.filter((ok) => !ok).length,
		requests: log.length,
		conflicts: log.filter((r) => r.status === 412).length,
	};
}

/** Means over the last `count` executions of n8n's records in the queue deployment's database. */
function recordTimes(
	deployment: QueueDeployment,
	count: number,
): { queueWaitMs: number; runMs: number } {
	const [row] = queryPostgres(
		deployment.postgres,
		`select avg(extract(epoch from ("startedAt" - "createdAt")) * 1000), avg(extract(epoch from ("stoppedAt" - "startedAt")) * 1000) from (select * from execution_entity order by id desc limit ${count}) e`,
	);
	return { queueWaitMs: Number(row[0]), runMs: Number(row[1]) };
}

function median(figures: Figure[]): Figure {
	return [...figures].sort((a, b) => a.ms - b.ms)[Math.floor(figures.length / 2)];
}

function print(figure: Figure): void {
	const times =
		figure.runMs === undefined
			? ''
			: `, per execution: ${figure.queueWaitMs!.toFixed(0)} ms queued, ${figure.runMs.toFixed(0)} ms running`;
	console.log(
		`${figure.label}: ${EXECUTIONS} executions in ${figure.ms} ms = ${figure.perSecond.toFixed(1)} executions/s (${figure.failed} failed), ${figure.requests} requests, ${figure.conflicts} 412s${times}`,
	);
}

async function main(): Promise<void> {
	if (!isProvisioned('v2'))
		execFileSync('bash', [path.join(repoRoot, 'scripts/runtimes/provision.sh'), 'v2'], {
			stdio: 'inherit',
		});
	const emulator = await startEmulator({ requestLogSize: 100_000 });
	let deployment: QueueDeployment | undefined;
	let server: N8nServer | undefined;
	const cleanUp = async () => {
		await deployment?.stop();
		await server?.stop();
		await emulator.close();
	};
	for (const signal of ['SIGINT', 'SIGTERM'] as const)
		process.once(
			signal,
			() =>
				void stopAllGroups()
					.then(cleanUp)
					.finally(() => process.exit(130)),
		);
	try {
		console.log(
			`${EXECUTIONS} webhook executions (one audience added each) over ${FLOWS} dataflows, ${LATENCY_MS} ms emulated latency, worker concurrency ${CONCURRENCY}, median of ${RUNS}`,
		);
		deployment = await startQueueDeployment({
			workers: 2,
			concurrency: CONCURRENCY,
			webhooks: [HOOK],
			prepare: async (main) => {
				await importCredentials(main, [emulatorTokenCredential(emulator.url)]);
				await importWorkflows(main, [WORKFLOW]);
				await publishWorkflow(main, WORKFLOW.id);
			},
		});
		const figures: Figure[] = [];
		// One worker: the second one stopped; then both.
		await deployment.workers[1].stop();
		for (const [label, workers] of [
			['queue mode, 1 worker', 1],
			['queue mode, 2 workers', 2],
		] as const) {
			if (workers === 2) await deployment.workers[1].start();
			const runs: Figure[] = [];
			for (let run = 0; run < RUNS; run++)
				runs.push({
					...(await burst(emulator, deployment.webhookUrl, label, run * 10 + workers)),
					...recordTimes(deployment, EXECUTIONS),
				});
			figures.push(median(runs));
			print(median(runs));
		}
		await deployment.stop();
		deployment = undefined;

		const folder = await createUserFolder('v2');
		installCommunityPackage(folder, repoRoot);
		await importCredentials(folder, [emulatorTokenCredential(emulator.url)]);
		await importWorkflows(folder, [WORKFLOW]);
		await publishWorkflow(folder, WORKFLOW.id);
		server = await startServer(folder, { webhooks: [HOOK] });
		const runs: Figure[] = [];
		for (let run = 0; run < RUNS; run++)
			runs.push(
				await burst(emulator, server.url, 'single process (n8n start, regular mode)', run * 10 + 5),
			);
		figures.push(median(runs));
		print(median(runs));
		await server.stop();
		server = undefined;
		folder.cleanup();

		const [one, two, single] = figures;
		console.log(
			`\nscale-out ratio 2 workers / 1 worker: ${(two.perSecond / one.perSecond).toFixed(2)}`,
		);
		console.log(
			`queue mode (2 workers) / single process, time for the same load: ${(two.ms / single.ms).toFixed(2)}`,
		);
	} finally {
		await cleanUp();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
