import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';

import { CliOptions, WorkflowInput, newId, runN8nOk } from './cli';
import { UserFolder } from './userFolder';

/** Reads a workflow JSON file (as exported by n8n or kept in the repository). */
export function readWorkflowFile(file: string): WorkflowInput {
	const workflow = JSON.parse(readFileSync(file, 'utf8')) as WorkflowInput;
	if (!Array.isArray(workflow.nodes) || typeof workflow.connections !== 'object') {
		throw new Error(`${file} is not an n8n workflow (no nodes/connections)`);
	}
	return workflow;
}

/**
 * Imports several workflows with one `n8n import:workflow --input=<array>` (one n8n start-up
 * instead of one per workflow). Workflows keep their id (an existing one with that id is replaced)
 * or get a new one; returns the ids in order.
 */
export async function importWorkflows(
	folder: UserFolder,
	workflows: WorkflowInput[],
	options?: CliOptions,
): Promise<string[]> {
	const full = workflows.map((workflow) => {
		const id = workflow.id ?? newId();
		return { name: `e2e ${id}`, active: false, settings: {}, ...workflow, id };
	});
	const file = path.join(folder.tmpDir, `workflows-${newId()}.json`);
	writeFileSync(file, JSON.stringify(full, null, 2));
	await runN8nOk(folder, ['import:workflow', `--input=${file}`], options);
	return full.map((workflow) => workflow.id);
}

/** n8n's Manual Trigger ("Start"), the first node of a workflow run with `n8n execute`. */
export function manualTriggerNode(id: string, position: [number, number] = [0, 0]) {
	const type = 'n8n-nodes-base.manualTrigger';
	return { id, name: 'Start', type, typeVersion: 1, position, parameters: {} };
}

const mainInput = (node: string) => ({ node, type: 'main', index: 0 });

/** A node's main output going to `targets` (all from its first output). */
export const connectTo = (...targets: string[]) => ({ main: [targets.map(mainInput)] });

/** A Switch or If node's outputs, the first output to the first target and so on. */
export const branchesTo = (...targets: string[]) => ({
	main: targets.map((target) => [mainInput(target)]),
});

/** The connections of nodes run one after the other, in the order named. */
export const chainOf = (...names: string[]) =>
	Object.fromEntries(names.slice(0, -1).map((name, i) => [name, connectTo(names[i + 1])]));
