/**
 * The fault matrix every create meets (Dataflow › Create, Dataset Export › Create): each of its
 * requests meets each fault (reset before and after, timeout, 5xx before and after, 429).
 * Whatever the item's outcome, the sandbox ends with at most one dataflow of the name and no
 * connection that no dataflow uses; a failed item run again ends with exactly one.
 */
import type { FaultSpec } from '../../emulator/faults';
import { FLOW_SERVICE_BASE_PATH } from '../../emulator/identity';
import type { RunWorkflowResult } from '../harness';
import type { EmulatorHolder } from '../workflow-on-emulator/setup';
import { sandboxState } from '../workflow-on-emulator/sandbox';
import { printFigure } from './report';

const FS = FLOW_SERVICE_BASE_PATH;
// Timeouts: Adobe answers after 700 ms, the node gives up after 300 ms and looks again as its retries wait.
export const RETRIES = {
	retryInitialDelay: 400,
	retryMaxDelay: 2000,
	maxRetries: 3,
	requestTimeout: 300,
};
const LATE_MS = 700;

export interface CreateStep {
	step: string;
	method: string;
	path: string;
	/** Parameters the step needs to be reached (the action only runs to disable). */
	extra?: Record<string, unknown>;
}

/** A create's requests, in order; `patches`: whether it PATCHes the new dataflow (audiences). */
export function createSteps(patches: boolean): CreateStep[] {
	return [
		{ step: 'POST /sourceConnections', method: 'POST', path: `${FS}/sourceConnections` },
		{ step: 'POST /targetConnections', method: 'POST', path: `${FS}/targetConnections` },
		{ step: 'POST /flows', method: 'POST', path: `${FS}/flows` },
		...(patches ? [{ step: 'PATCH /flows/{id}', method: 'PATCH', path: `${FS}/flows/*` }] : []),
		{ step: 'GET /flows/{id}', method: 'GET', path: `${FS}/flows/*` },
		{
			step: 'POST /flows/{id}/action',
			method: 'POST',
			path: `${FS}/flows/*/action`,
			extra: { enable: false },
		},
	];
}

export const CREATE_FAULTS: Array<{ fault: string; spec: Omit<FaultSpec, 'method' | 'path'> }> = [
	{ fault: 'reset', spec: { type: 'reset' } },
	{ fault: 'reset after', spec: { type: 'reset', after: true } },
	{ fault: 'timeout', spec: { type: 'latency', latencyMs: LATE_MS } },
	{ fault: '503', spec: { type: 'error', status: 503 } },
	{ fault: '500 after', spec: { type: 'error', status: 500, after: true } },
	{ fault: '504 after', spec: { type: 'error', status: 504, after: true } },
	{ fault: '429', spec: { type: 'error', status: 429, retryAfter: 0 } },
];

type Create = (extra?: Record<string, unknown>) => Promise<RunWorkflowResult>;

/**
 * The matrix's bookkeeping for one create: `settle` counts what the sandbox holds after a run (a
 * failed item is run again without faults) and the figure is printed after the file, as
 * `<figure>: N injected, N duplicate dataflows, N orphan connections`.
 */
export function createMatrix(
	emulator: EmulatorHolder,
	name: string,
	create: Create,
	figure: string,
) {
	const tally = { injected: 0, duplicates: 0, orphans: 0, lines: [] as string[] };
	afterAll(() =>
		printFigure(
			`${figure}: ${tally.injected} injected, ${tally.duplicates} duplicate dataflows, ${tally.orphans} orphan connections\n${tally.lines.map((line) => `  ${line}`).join('\n')}`,
		),
	);

	async function settle(label: string, status: string): Promise<void> {
		// A request the node gave up on may still land: the emulator finishes it after its latency.
		await new Promise((resolve) => setTimeout(resolve, LATE_MS + 200));
		let state = await sandboxState(emulator.current);
		let outcome = status === 'success' ? 'created once' : 'failed, nothing left';
		if (status !== 'success') {
			emulator.current.clearFaults();
			const again = await create();
			expect(again.status).toBe('success');
			state = await sandboxState(emulator.current);
			outcome = 'failed, nothing left; run again: created once';
			expect(state.flowsNamed(name)).toHaveLength(1);
		}
		const flows = state.flowsNamed(name).length;
		tally.injected++;
		tally.duplicates += Math.max(0, flows - 1);
		tally.orphans += state.orphans.length;
		tally.lines.push(`${label}: ${outcome}`);
		expect(flows).toBeLessThanOrEqual(1);
		expect(state.orphans).toEqual([]);
	}

	/** Every step meets every fault. */
	function eachFault(steps: CreateStep[]): void {
		for (const { step, method, path, extra } of steps) {
			for (const { fault, spec } of CREATE_FAULTS) {
				it(`${fault} on ${step}`, async () => {
					emulator.current.injectFault({ method, path, ...spec });

					const result = await create(extra);

					await settle(`${fault} on ${step}`, result.status);
				});
			}
		}
	}

	return { settle, eachFault };
}
