/** What one run of a contender measured: requests the emulator logged, and the time. */
export interface Figure {
	requests: number;
	ms: number;
	/** The n8n process's peak resident memory during the run, where it was sampled. */
	peakRssMb?: number;
}

export function median(runs: Figure[]): Figure {
	const sorted = [...runs].sort((a, b) => a.ms - b.ms);
	const middle = sorted[Math.floor(sorted.length / 2)];
	return { ...middle, ms: Math.round(middle.ms) };
}

export function round(value: number): number {
	return Math.round(value * 1000) / 1000;
}
