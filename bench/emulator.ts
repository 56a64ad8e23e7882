// Measures the emulator's GET+PATCH throughput: each loop GETs a flow, then
// PATCHes it with the etag it just read, over keep-alive connections (axios).
//   npm run bench:emulator -- [--duration 10] [--concurrency 16] [--clients 1] [--in-process] [--latency 0]
// The emulator runs as a child process by default so it has its own core; --clients
// spreads the axios loops over worker threads when one client thread is the limit.
import axios, { type AxiosInstance } from 'axios';
import { spawn } from 'node:child_process';
import { Agent as ConnectionPool } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { startEmulator } from '../emulator';
import { bulkFlowId, BULK_FLOW_COUNT } from '../emulator/fixtures/ids';
import {
	DEFAULT_CLIENT_ID,
	DEFAULT_CLIENT_SECRET,
	DEFAULT_IMS_ORG,
	FLOW_SERVICE_BASE_PATH,
} from '../emulator/identity';

const TARGET_RPS = 2000;

interface Options {
	durationS: number;
	warmupS: number;
	concurrency: number;
	clients: number;
	inProcess: boolean;
	latencyMs: number;
}

interface ClientJob {
	url: string;
	token: string;
	/** Bulk flow numbers this client loops over, one loop per flow. */
	flows: number[];
}

interface ClientResult {
	requests: number;
	failures: number;
	latencies: number[];
}

function parse(argv: string[]): Options {
	const o: Options = {
		durationS: 10,
		warmupS: 2,
		concurrency: 16,
		clients: 1,
		inProcess: false,
		latencyMs: 0,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const num = () => Number(inline ?? argv[++i]);
		if (flag === '--duration') o.durationS = num();
		else if (flag === '--warmup') o.warmupS = num();
		else if (flag === '--concurrency') o.concurrency = num();
		else if (flag === '--clients') o.clients = num();
		else if (flag === '--latency') o.latencyMs = num();
		else if (flag === '--in-process') o.inProcess = true;
		else throw new Error(`unknown option ${argv[i]}`);
	}
	// One flow per loop: etags never collide, so every PATCH should succeed.
	if (o.concurrency > BULK_FLOW_COUNT)
		throw new Error(`--concurrency must be at most ${BULK_FLOW_COUNT}`);
	if (o.inProcess && o.clients > 1)
		throw new Error('--clients needs the emulator in a child process');
	return o;
}

/** The axios side: runs loops until told to stop; counts only while measuring. */
function client(job: ClientJob) {
	const pool = new ConnectionPool({ keepAlive: true, maxSockets: job.flows.length });
	// maxRedirects 0 makes axios call node:http directly instead of its follow-redirects wrapper;
	// proxy false skips reading proxy variables on every call.
	const fs: AxiosInstance = axios.create({
		baseURL: `${job.url}${FLOW_SERVICE_BASE_PATH}`,
		httpAgent: pool,
		maxRedirects: 0,
		proxy: false,
		validateStatus: () => true,
		headers: {
			authorization: `Bearer ${job.token}`,
			'x-api-key': DEFAULT_CLIENT_ID,
			'x-gw-ims-org-id': DEFAULT_IMS_ORG,
			'x-sandbox-name': 'prod',
		},
	});
	let measuring = false;
	let stop = false;
	const result: ClientResult = { requests: 0, failures: 0, latencies: [] };
	const timed = async <T>(call: () => Promise<T>): Promise<T> => {
		const t = performance.now();
		const r = await call();
		if (measuring) {
			result.latencies.push(performance.now() - t);
			result.requests++;
		}
		return r;
	};
	const loop = async (n: number) => {
		const id = bulkFlowId(n);
		for (let i = 0; !stop; i++) {
			const got = await timed(() => fs.get(`/flows/${id}`));
			if (got.status !== 200) {
				if (measuring) result.failures++;
				continue;
			}
			const etag: string = got.data.items[0].etag;
			const patched = await timed(() =>
				fs.patch(
					`/flows/${id}`,
					[{ op: 'replace', path: '/description', value: `bench ${n}/${i}` }],
					{ headers: { 'if-match': etag } },
				),
			);
			if (patched.status !== 200 && measuring) result.failures++;
		}
	};
	const loops = job.flows.map(loop);
	return {
		start: () => {
			measuring = true;
		},
		finish: async (): Promise<ClientResult> => {
			measuring = false;
			stop = true;
			await Promise.all(loops);
			pool.destroy();
			return result;
		},
	};
}

if (!isMainThread) {
	const c = client(workerData as ClientJob);
	parentPort!.on('message', (m: string) => {
		if (m === 'start') c.start();
		if (m === 'finish') void c.finish().then((r) => parentPort!.postMessage(r));
	});
}

async function startChild(latencyMs: number): Promise<{ url: string; stop: () => Promise<void> }> {
	const cli = join(__dirname, '..', 'emulator', 'cli.js');
	const child = spawn(process.execPath, [cli, '--port', '0', '--latency', String(latencyMs)], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const url = await new Promise<string>((resolve, reject) => {
		createInterface({ input: child.stdout }).once('line', (line) => resolve(line.trim()));
		child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
	});
	return {
		url,
		stop: () =>
			new Promise<void>((resolve) => {
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
	};
}

const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));

function percentile(sorted: number[], p: number): number {
	return sorted.length
		? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
		: 0;
}

async function main(): Promise<void> {
	const o = parse(process.argv.slice(2));
	const server = o.inProcess
		? await startEmulator({ latencyMs: o.latencyMs }).then((e) => ({
				url: e.url,
				stop: () => e.close(),
			}))
		: await startChild(o.latencyMs);
	const http = axios.create({ baseURL: server.url, validateStatus: () => true });
	try {
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: DEFAULT_CLIENT_ID,
			client_secret: DEFAULT_CLIENT_SECRET,
			scope: 'openid',
		});
		const token: string = (
			await http.post('/ims/token/v3', form.toString(), {
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			})
		).data.access_token;
		const jobs: ClientJob[] = Array.from({ length: o.clients }, () => ({
			url: server.url,
			token,
			flows: [] as number[],
		}));
		for (let n = 1; n <= o.concurrency; n++) jobs[n % o.clients].flows.push(n);

		let start: () => void;
		let finish: () => Promise<ClientResult[]>;
		if (o.clients === 1) {
			const c = client(jobs[0]);
			start = c.start;
			finish = async () => [await c.finish()];
		} else {
			const workers = jobs.map((job) => new Worker(__filename, { workerData: job }));
			start = () => workers.forEach((w) => w.postMessage('start'));
			finish = () =>
				Promise.all(
					workers.map(
						(w) =>
							new Promise<ClientResult>((resolve) => {
								w.once('message', (r: ClientResult) => {
									void w.terminate();
									resolve(r);
								});
								w.postMessage('finish');
							}),
					),
				);
		}

		const serverCpuMs = async () => (await http.get('/__emulator/stats')).data.cpuMs as number;
		await sleep(o.warmupS);
		const cpuBefore = await serverCpuMs();
		start();
		const started = performance.now();
		await sleep(o.durationS);
		const elapsedS = (performance.now() - started) / 1000;
		const results = await finish();
		const serverBusy = ((await serverCpuMs()) - cpuBefore) / (elapsedS * 1000);

		const requests = results.reduce((s, r) => s + r.requests, 0);
		const failures = results.reduce((s, r) => s + r.failures, 0);
		const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
		const rps = requests / elapsedS;
		console.log(
			`emulator: ${o.inProcess ? 'in-process' : 'child process'}; ${o.clients} axios client thread(s), ${o.concurrency} loops; ${o.durationS}s after ${o.warmupS}s warm-up; latency setting ${o.latencyMs} ms`,
		);
		console.log(
			`requests: ${requests} (${Math.round(requests / 2)} GET+PATCH iterations), failures: ${failures}`,
		);
		console.log(
			`latency ms: p50 ${percentile(latencies, 50).toFixed(2)}  p95 ${percentile(latencies, 95).toFixed(2)}  p99 ${percentile(latencies, 99).toFixed(2)}`,
		);
		console.log(
			`requests/second: ${Math.round(rps)} (target ${TARGET_RPS}: ${rps >= TARGET_RPS ? 'met' : 'NOT met'})`,
		);
		if (!o.inProcess) {
			// The emulator is single-threaded: at 100% of one core it would serve about rps / busy.
			console.log(
				`emulator CPU: ${(serverBusy * 100).toFixed(0)}% of one core, so it could serve about ${Math.round(rps / Math.max(serverBusy, 0.01))} requests/second`,
			);
		}
		if (failures > 0) process.exitCode = 1;
	} finally {
		await server.stop();
	}
}

if (isMainThread) {
	main().catch((e: unknown) => {
		console.error(e);
		process.exit(1);
	});
}
