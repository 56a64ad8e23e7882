import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type { INode, INodeExecutionData, IRun, IWorkflowBase } from 'n8n-workflow';
import { createRunExecutionData, deepCopy, UnexpectedError, Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { createEnvironment } from './environment';
import { createManualTriggerNodeType, MANUAL_TRIGGER_TYPE } from './triggerNode';
import type { CredentialUpdate, RunWorkflowOptions, RunWorkflowResult } from './types';

let executionCounter = 0;

/**
 * Runs the workflow through n8n-core's real engine (`WorkflowExecute.processRunExecutionData`)
 * and resolves once the `workflowExecuteAfter` hook fired, like n8n's own manual runs.
 */
export async function runWorkflow(options: RunWorkflowOptions): Promise<RunWorkflowResult> {
	const env = createEnvironment(options, {
		[MANUAL_TRIGGER_TYPE]: createManualTriggerNodeType(options.triggerItems),
	});
	const mode = options.mode ?? 'manual';
	const executionId = options.executionId ?? String(++executionCounter);
	const source = options.workflow;
	// The Workflow constructor writes parameter defaults into the nodes: keep the caller's copy clean.
	const workflowData: IWorkflowBase = {
		id: source.id ?? 'harness-workflow',
		name: source.name ?? 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: deepCopy(source.nodes),
		connections: deepCopy(source.connections),
		settings: source.settings ?? {},
		pinData: source.pinData,
	};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		settings: workflowData.settings,
		pinData: workflowData.pinData,
		active: false,
		nodeTypes: env.nodeTypes,
	});

	const startNode = pickStartNode(workflow, options.startNode);
	// A trigger makes its own items; any other start node gets them as input.
	const startItems =
		startNode.type === MANUAL_TRIGGER_TYPE
			? [{ json: {} }]
			: deepCopy(options.triggerItems ?? [{ json: {} }]);

	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const executedNodes: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executedNodes.push(nodeName);
	});
	const finished = new Promise<IRun>((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run));
	});

	const additionalData = createAdditionalData({
		credentialsHelper: env.credentialsHelper,
		hooks,
		executionId,
		workflowId: workflowData.id,
		variables: options.variables,
	});
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [startItems] }, source: null }],
		},
		resultData: { pinData: workflowData.pinData },
	});

	await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(
		workflow,
	);
	return toResult(await finished, executedNodes, env.store.updates);
}

function pickStartNode(workflow: Workflow, name: string | undefined): INode {
	if (name !== undefined) {
		const node = workflow.getNode(name);
		if (!node) throw new UnexpectedError(`Start node "${name}" is not in the workflow`);
		return node;
	}
	const trigger = Object.values(workflow.nodes).find(
		(node) => node.type === MANUAL_TRIGGER_TYPE && node.disabled !== true,
	);
	const node = trigger ?? workflow.getStartNode();
	if (!node) throw new UnexpectedError('No node to start the workflow from could be found');
	return node;
}

function toResult(
	run: IRun,
	executedNodes: string[],
	credentialUpdates: CredentialUpdate[],
): RunWorkflowResult {
	const { runData, error } = run.data.resultData;
	const lastRun = (nodeName: string) => runData[nodeName]?.at(-1);
	return {
		run,
		status: run.status,
		error,
		runData,
		executedNodes,
		credentialUpdates,
		nodeError: (nodeName) => lastRun(nodeName)?.error,
		output(nodeName: string, outputIndex = 0): INodeExecutionData[] {
			const task = lastRun(nodeName);
			// Fail loudly with the reason, so a test shows why instead of comparing with undefined.
			if (!task) {
				const reason = error ? ` The execution failed: ${error.message}` : '';
				throw new UnexpectedError(
					`Node "${nodeName}" did not run (ran: ${executedNodes.join(', ') || 'nothing'}).${reason}`,
				);
			}
			if (task.error && !task.data) {
				throw new UnexpectedError(`Node "${nodeName}" failed: ${task.error.message}`);
			}
			return task.data?.main?.[outputIndex] ?? [];
		},
	};
}
