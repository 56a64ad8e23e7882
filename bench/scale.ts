/**
 * The scale step: the node (mapped input fields) and the limit on 1,000 changes over 100 dataflows
 * and on 10,000 changes over 1,000, at each latency; the node's runs also sample the n8n process's
 * resident memory (VmRSS, every 100 ms) and keep its peak.
 */
import { readFileSync } from 'node:fs';

import { median, round, type Figure } from './figures';
import { FLOWS, SCALE_FLOWS, AUDIENCES_PER_FLOW, type Size } from './workload';

type Contender = 'node' | 'limit';

export interface ScaleStepOptions {
	latencies: number[];
	runs: number;
	/** The n8n process to sample. */
	pid: number;
	run(latency: number, contender: Contender, size: Size): Promise<Figure>;
}

const SIZES: Size[] = [FLOWS, SCALE_FLOWS];
const key = (size: Size) => `changes_${size * AUDIENCES_PER_FLOW}`;

export async function runScaleStep(options: ScaleStepOptions) {
	const latency_ms: Record<string, unknown> = {};
	for (const latency of options.latencies) {
		const figures = { node: {}, limit: {} } as Record<Contender, Record<string, Figure>>;
		for (const size of SIZES)
			for (const contender of ['node', 'limit'] as const) {
				const runs: Figure[] = [];
				for (let run = 0; run < options.runs; run++) {
					const sampled = contender === 'node' ? sampleRss(options.pid) : undefined;
					const figure = await options.run(latency, contender, size).finally(() => sampled?.stop());
					runs.push(sampled ? { ...figure, peakRssMb: sampled.peakMb() } : figure);
				}
				figures[contender][key(size)] = median(runs);
				const m = figures[contender][key(size)];
				console.log(
					`scale: latency ${String(latency).padStart(2)} ms  ${contender.padEnd(5)} ${key(size).padEnd(14)} requests ${String(m.requests).padStart(5)}  time ${String(m.ms).padStart(7)} ms${m.peakRssMb === undefined ? '' : `  peak RSS ${m.peakRssMb} MB`}  (runs: ${runs.map((r) => Math.round(r.ms)).join(', ')})`,
				);
			}
		const [small, large] = SIZES.map(key);
		const node = figures.node;
		const entry = {
			[small]: { ms: node[small].ms, peakRssMb: node[small].peakRssMb },
			[large]: { ms: node[large].ms, peakRssMb: node[large].peakRssMb },
			time_growth: round(node[large].ms / node[small].ms),
			memory_growth: round((node[large].peakRssMb ?? NaN) / (node[small].peakRssMb ?? NaN)),
			limit: {
				[small]: { ms: figures.limit[small].ms },
				[large]: { ms: figures.limit[large].ms },
				time_growth: round(figures.limit[large].ms / figures.limit[small].ms),
			},
		};
		console.log(
			`scale: latency ${String(latency).padStart(2)} ms  node time growth ${entry.time_growth}  memory growth ${entry.memory_growth}  (limit time growth ${entry.limit.time_growth})`,
		);
		latency_ms[String(latency)] = entry;
	}
	return { latency_ms };
}

/** Polls the process's resident set size until stopped; Linux only (/proc), otherwise no figure. */
function sampleRss(pid: number) {
	let peakKb = 0;
	const read = () => {
		try {
			const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
			if (match) peakKb = Math.max(peakKb, Number(match[1]));
		} catch {
			// Not Linux, or the process is gone: the peak stays what was seen.
		}
	};
	read();
	const timer = setInterval(read, 100);
	return {
		stop: () => {
			read();
			clearInterval(timer);
		},
		peakMb: () => (peakKb === 0 ? undefined : Math.round(peakKb / 1024)),
	};
}
