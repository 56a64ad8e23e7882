/**
 * n8n's queue mode on this machine: a throw-away Postgres and Redis (scripts/queue/), one main
 * (`n8n start`), one webhook processor (`n8n webhook`) and workers (`n8n worker`), each with its own
 * user folder and ports, sharing the database, Redis and one encryption key. The community package
 * is copied into every process's `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/`, where each n8n
 * process loads community packages at start.
 */
import { execFileSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as path from 'path';

import { installCommunityPackage } from './communityPackage';
import { freePorts } from './ports';
import { groupAlive, killGroup, sleep, spawnGroup, stopGroup } from './processes';
import { repoRoot } from './runtimes';
import { N8nServer, startN8nProcess, startServer, waitForWebhooks } from './server';
import { createUserFolder, UserFolder } from './userFolder';

/** A Postgres or Redis started by scripts/queue/ in the foreground, as the leader of its process group. */
export interface Service {
	/** Its folder (cluster or Redis working folder). */
	dir: string;
	port: number;
	pid: number;
	logs(): string;
	/** Stops it (SIGTERM to its group) and deletes its folder. */
	stop(): Promise<void>;
}

const SCRIPTS = path.join(repoRoot, 'scripts', 'queue');

async function startService(
	script: string,
	args: string[],
	ready: RegExp,
	keepDirOnStop = false,
	timeoutMs = 60_000,
): Promise<Service & { halt(): Promise<void> }> {
	const child = spawnGroup('bash', [path.join(SCRIPTS, script), 'start', '--foreground', ...args], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const pid = child.pid;
	if (pid === undefined) throw new Error(`${script} did not spawn`);
	let output = '';
	let exited: string | undefined;
	child.stdout?.setEncoding('utf8').on('data', (d: string) => (output += d));
	child.stderr?.setEncoding('utf8').on('data', (d: string) => (output += d));
	child.once(
		'exit',
		(code, signal) => (exited = signal ? `killed by ${signal}` : `exited with ${code}`),
	);
	const deadline = Date.now() + timeoutMs;
	while (!(ready.test(output) && /^dir=/m.test(output))) {
		if (exited || Date.now() > deadline) {
			killGroup(pid, 'SIGKILL');
			throw new Error(
				`${script} ${exited ?? `not ready after ${timeoutMs} ms`}\n${output.slice(-4_000)}`,
			);
		}
		await sleep(100);
	}
	const dir = /^dir=(.*)$/m.exec(output)![1];
	const port = Number(/^port=(\d+)$/m.exec(output)![1]);
	const halt = async () => {
		if (groupAlive(pid)) await stopGroup(pid, 20_000);
	};
	return {
		dir,
		port,
		pid,
		logs: () => output,
		halt,
		stop: async () => {
			await halt();
			if (!keepDirOnStop)
				execFileSync('bash', [path.join(SCRIPTS, script), 'stop', dir], { stdio: 'ignore' });
		},
	};
}

/** A throw-away Postgres cluster on 127.0.0.1 (superuser n8n, database postgres, trust auth). */
export async function startPostgres(): Promise<Service> {
	const [port] = await freePorts(1);
	return await startService(
		'postgres.sh',
		['--port', String(port)],
		/database system is ready to accept connections/,
	);
}

/** Redis on 127.0.0.1 without persistence; `restart()` stops it and starts it again on the same port (empty). */
export interface RedisService extends Service {
	/** Stops Redis (its data is gone), then starts it again on the same port after downMs. */
	restart(downMs?: number): Promise<void>;
}

export async function startRedis(): Promise<RedisService> {
	const [port] = await freePorts(1);
	let current = await startService(
		'redis.sh',
		['--port', String(port)],
		/Ready to accept connections/,
		true,
	);
	const service: RedisService = {
		dir: current.dir,
		port,
		get pid() {
			return current.pid;
		},
		logs: () => current.logs(),
		restart: async (downMs = 0) => {
			await current.halt();
			if (downMs) await sleep(downMs);
			current = await startService(
				'redis.sh',
				['--port', String(port), '--dir', service.dir],
				/Ready to accept connections/,
				true,
			);
		},
		stop: async () => {
			await current.halt();
			execFileSync('bash', [path.join(SCRIPTS, 'redis.sh'), 'stop', service.dir], {
				stdio: 'ignore',
			});
		},
	};
	return service;
}

/** Rows of a query on the deployment's database (psql, tab-separated, no header). */
export function queryPostgres(postgres: Service, sql: string): string[][] {
	const out = execFileSync(
		'psql',
		[
			'-h',
			'127.0.0.1',
			'-p',
			String(postgres.port),
			'-U',
			'n8n',
			'-d',
			'postgres',
			'-At',
			'-F',
			'\t',
			'-v',
			'ON_ERROR_STOP=1',
			'-c',
			sql,
		],
		{
			encoding: 'utf8',
			maxBuffer: 256 * 1024 * 1024,
		},
	);
	return out
		.split('\n')
		.filter((line) => line.length > 0)
		.map((line) => line.split('\t'));
}

/** One n8n process of the deployment. */
export interface QueueProcess {
	name: string;
	folder: UserFolder;
	/** The running process; replaced by restart(). */
	server: N8nServer;
	/** Output of every run of this process so far, the current one last. */
	logs(): string;
	/** Stops the process (SIGTERM, or SIGKILL to its group at once with kill: true). */
	stop(options?: { kill?: boolean }): Promise<void>;
	/** Starts it again (same folder, ports and settings); stop it first. */
	start(): Promise<void>;
}

export interface QueueDeploymentOptions {
	/** Number of `n8n worker` processes (default 2). */
	workers?: number;
	/** `n8n worker --concurrency` (default 10). */
	concurrency?: number;
	/** Package copied into every process's community package folder (default: this repository). */
	packageDir?: string;
	/** Extra environment for every process. */
	env?: Record<string, string>;
	/**
	 * Runs after the database exists and before any process starts, with the main process's folder
	 * (its CLI writes to the shared database): import credentials and workflows, publish workflows.
	 */
	prepare?: (main: UserFolder) => Promise<void>;
	/** Production webhooks to wait for on the webhook processor (and on main). */
	webhooks?: Array<string | { path: string; method?: string }>;
	readyTimeoutMs?: number;
}

export interface QueueDeployment {
	postgres: Service;
	redis: RedisService;
	encryptionKey: string;
	/** The environment every process shares (mode, database, Redis, key). */
	sharedEnv: Record<string, string>;
	main: QueueProcess;
	webhook: QueueProcess;
	workers: QueueProcess[];
	/** Where production webhooks are called: the webhook processor's URL. */
	webhookUrl: string;
	/** Execution ids each worker logged as started ("Worker started execution <id>"), over all its runs. */
	executionsByWorker(): Map<string, string[]>;
	/** Stops every n8n process, then Redis and Postgres, and deletes the folders. */
	stop(): Promise<void>;
}

const WORKER_READY = /n8n worker is now ready/;
const WEBHOOK_READY = /Webhook listener waiting for requests/;

/** Starts Postgres, Redis and n8n in queue mode: one main, one webhook processor, `workers` workers. */
export async function startQueueDeployment(
	options: QueueDeploymentOptions = {},
): Promise<QueueDeployment> {
	const workerCount = options.workers ?? 2;
	const concurrency = options.concurrency ?? 10;
	const packageDir = options.packageDir ?? repoRoot;
	const readyTimeoutMs = options.readyTimeoutMs ?? 240_000;
	const started: { stop(): Promise<void> }[] = [];
	const folders: UserFolder[] = [];
	const stopAll = async () => {
		for (const item of started.reverse()) await item.stop().catch(() => undefined);
		for (const folder of folders) folder.cleanup();
	};
	try {
		const postgres = await startPostgres();
		started.push(postgres);
		const redis = await startRedis();
		started.push(redis);
		const encryptionKey = randomBytes(24).toString('hex');
		const sharedEnv: Record<string, string> = {
			EXECUTIONS_MODE: 'queue',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			N8N_ENCRYPTION_KEY: encryptionKey,
			...(options.env ?? {}),
		};

		const processes: QueueProcess[] = [];
		const makeProcess = async (
			name: string,
			launch: (folder: UserFolder) => Promise<N8nServer>,
			env: Record<string, string> = {},
		): Promise<QueueProcess> => {
			const folder = await createUserFolder('v2', { env: { ...sharedEnv, ...env } });
			folders.push(folder);
			installCommunityPackage(folder, packageDir);
			let previous = '';
			let server: N8nServer | undefined;
			const proc: QueueProcess = {
				name,
				folder,
				get server() {
					if (!server) throw new Error(`${name} is not running`);
					return server;
				},
				logs: () => previous + (server?.logs() ?? ''),
				stop: async ({ kill = false } = {}) => {
					if (!server) return;
					if (kill) killGroup(server.pid, 'SIGKILL');
					await server.stop();
					previous += server.logs();
					server = undefined;
				},
				start: async () => {
					if (server) throw new Error(`${name} is running`);
					server = await launch(folder);
				},
			};
			processes.push(proc);
			started.push({ stop: () => proc.stop() });
			return proc;
		};

		const main = await makeProcess('main', (folder) =>
			startServer(folder, { readyTimeoutMs, webhooks: options.webhooks }),
		);
		await options.prepare?.(main.folder);
		const [webhookPort] = await freePorts(1);
		const webhook = await makeProcess(
			'webhook',
			(folder) => startN8nProcess(folder, ['webhook'], { ready: WEBHOOK_READY, readyTimeoutMs }),
			{ N8N_PORT: String(webhookPort) },
		);
		const workers: QueueProcess[] = [];
		for (let n = 0; n < workerCount; n++) {
			const [healthPort] = await freePorts(1);
			workers.push(
				await makeProcess(
					`worker${n + 1}`,
					(folder) =>
						startN8nProcess(folder, ['worker', `--concurrency=${concurrency}`], {
							ready: WORKER_READY,
							readinessUrl: `http://127.0.0.1:${healthPort}/healthz/readiness`,
							readyTimeoutMs,
						}),
					{ QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort) },
				),
			);
		}
		// Main first (it is the leader and finishes the migrations the CLI started), then the others together.
		await main.start();
		await Promise.all([webhook.start(), ...workers.map((worker) => worker.start())]);
		await waitForWebhooks(webhook.server, options.webhooks ?? [], Date.now() + readyTimeoutMs);

		return {
			postgres,
			redis,
			encryptionKey,
			sharedEnv,
			main,
			webhook,
			workers,
			webhookUrl: webhook.server.url,
			executionsByWorker: () =>
				new Map(
					workers.map((worker) => [
						worker.name,
						[...worker.logs().matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]),
					]),
				),
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}
