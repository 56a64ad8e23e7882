/**
 * Manual executions as the editor starts them (`POST /rest/workflows/<id>/run`): *Execute workflow*
 * from a trigger (a polling trigger's Fetch Test Event included), or *Execute step* on the run data
 * the editor holds (a partial execution). n8n 2.x runs the workflow it stored; 1.x runs the one
 * the editor sends, so the workflow goes along in both.
 */
import type { WorkflowInput } from './cli';
import { sleep } from './processes';
import { getExecution, restData, type RestAuth } from './rest';

/** A node's output as the editor keeps it after a run: one task, its items on output 0. */
export interface TaskData {
	startTime: number;
	executionTime: number;
	executionIndex: number;
	source: Array<{ previousNode: string } | null>;
	data: { main: Array<Array<{ json: Record<string, unknown> }>> };
}

type Destination = { nodeName: string; mode: 'inclusive' };

/**
 * From a trigger; up to a node, from the trigger whose output is pinned; or one step on the run
 * data the editor holds.
 */
export type ManualRun =
	| { triggerToStartFrom: { name: string } }
	| { destinationNode: Destination }
	| {
			runData: Record<string, TaskData[]>;
			destinationNode: Destination;
	  };

export interface FinishedExecution {
	id: string;
	status: string;
	finished: boolean;
}

const ENDED = new Set(['success', 'error', 'crashed', 'canceled']);

/** The run data the editor holds for a node that output `items` (after `previous`, if any). */
export function taskData(
	items: Array<Record<string, unknown>>,
	executionIndex: number,
	previous?: string,
): TaskData[] {
	return [
		{
			startTime: Date.now(),
			executionTime: 0,
			executionIndex,
			source: previous ? [{ previousNode: previous }] : [],
			data: { main: [items.map((json) => ({ json }))] },
		},
	];
}

/** Starts a manual execution and waits until n8n reports it ended; returns how it ended. */
export async function runManually(
	api: RestAuth,
	workflow: WorkflowInput & { id: string },
	run: ManualRun,
	timeoutMs = 120_000,
): Promise<FinishedExecution> {
	const started = await restData<{ executionId?: string; waitingForWebhook?: boolean }>(
		api,
		'POST',
		`/rest/workflows/${workflow.id}/run`,
		{ workflowData: workflow, ...run },
	);
	if (!started.executionId) {
		throw new Error(
			`POST /rest/workflows/${workflow.id}/run started no execution: ${JSON.stringify(started)}`,
		);
	}
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const { execution } = await getExecution(api, String(started.executionId));
		const status = String(execution.status);
		if (ENDED.has(status)) {
			return { id: String(started.executionId), status, finished: execution.finished === true };
		}
		if (Date.now() > deadline)
			throw new Error(`execution ${started.executionId} still ${status} after ${timeoutMs} ms`);
		await sleep(250);
	}
}
