/**
 * What the single-workload rows (create, audience, dataset exports) share: at each latency, the
 * node and its limit contender run `runs` times each on a freshly prepared emulator; the median of
 * each, and their ratio, are printed and returned. Preparing and checking are not measured.
 */
import type { RunningEmulator } from '../emulator';
import { median, round, type Figure } from './figures';

export interface RowOptions {
	emulator: RunningEmulator;
	latencies: number[];
	runs: number;
	/** Runs the node's workflow once (its webhook) and returns n8n's execution time. */
	runNode(): Promise<number>;
}

export interface RowWorkload {
	/** The row's name in the printed lines. */
	label: string;
	/** What the row does, as results.json records it. */
	workload: string;
	/** The emulator as a run starts from (after its reset, no latency). */
	prepare(emulator: RunningEmulator): Promise<void> | void;
	/** The limit contender: the same requests with no n8n in between; returns its time. */
	runLimit(emulatorUrl: string): Promise<number>;
	/** Which logged request paths count. */
	counts(path: string): boolean;
	/** Throws when the run did not do all its work: such a run does not count. */
	verify(emulator: RunningEmulator): Promise<void>;
}

const pad = (value: number, width: number) => String(value).padStart(width);

export async function runRow(options: RowOptions, row: RowWorkload) {
	const { emulator } = options;
	const latency_ms: Record<string, unknown> = {};
	for (const latency of options.latencies) {
		const figures = {} as Record<'node' | 'limit', Figure>;
		for (const contender of ['node', 'limit'] as const) {
			const runs: Figure[] = [];
			for (let run = 0; run < options.runs; run++) {
				emulator.reset();
				await row.prepare(emulator);
				emulator.clearRequests();
				emulator.config.latencyMs = latency;
				const ms =
					contender === 'node' ? await options.runNode() : await row.runLimit(emulator.url);
				const requests = emulator.requests().filter((r) => row.counts(r.path)).length;
				emulator.config.latencyMs = 0;
				await row.verify(emulator);
				runs.push({ requests, ms });
			}
			figures[contender] = median(runs);
			console.log(
				`${row.label}: latency ${pad(latency, 2)} ms  ${contender.padEnd(5)} requests ${pad(figures[contender].requests, 5)}  time ${pad(figures[contender].ms, 7)} ms  (runs: ${runs.map((r) => Math.round(r.ms)).join(', ')})`,
			);
		}
		const ratio = round(figures.node.ms / figures.limit.ms);
		console.log(`${row.label}: latency ${pad(latency, 2)} ms  node/limit ${ratio}`);
		latency_ms[String(latency)] = { contenders: figures, node_vs_limit: ratio };
	}
	return { workload: row.workload, runs: options.runs, latency_ms };
}
