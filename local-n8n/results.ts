/** Readers for the run data that `n8n execute --rawOutput` prints (an IRun). */

interface RunLike {
	status?: string;
	data?: {
		resultData?: {
			runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: unknown }> | null> } }>>;
			lastNodeExecuted?: string;
			error?: unknown;
		};
	};
}

function asRun(run: unknown): RunLike {
	if (!run || typeof run !== 'object') throw new Error('run data is not an object');
	return run as RunLike;
}

/** Name of the node that ran last. */
export function lastNodeExecuted(run: unknown): string {
	const name = asRun(run).data?.resultData?.lastNodeExecuted;
	if (!name) throw new Error('run data has no lastNodeExecuted');
	return name;
}

/** `json` of every item a node put on one of its outputs, in its last run (default: first output). */
export function nodeItems(run: unknown, nodeName: string, output = 0): unknown[] {
	const runs = asRun(run).data?.resultData?.runData?.[nodeName];
	if (!runs || runs.length === 0) throw new Error(`node "${nodeName}" did not run`);
	const items = runs[runs.length - 1].data?.main?.[output] ?? [];
	return items.map((item) => item.json);
}

/** `json` of the items of the node that ran last. */
export function lastNodeItems(run: unknown): unknown[] {
	return nodeItems(run, lastNodeExecuted(run));
}
