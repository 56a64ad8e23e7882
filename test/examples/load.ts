import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

import {
	Workflow,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeTypes,
	type NodeParameterValueType,
} from 'n8n-workflow';

export const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');
export const PACKAGE_PREFIX = 'n8n-nodes-adobe-flow-service.';
export const ACTION_TYPE = `${PACKAGE_PREFIX}flowServiceDestination`;
export const TOOL_TYPE = `${PACKAGE_PREFIX}flowServiceDestinationTool`;
export const TRIGGER_TYPE = `${PACKAGE_PREFIX}flowServiceDestinationTrigger`;
export const STICKY_TYPE = 'n8n-nodes-base.stickyNote';
/** The Manual Trigger's name in the examples that also run by hand. */
export const MANUAL_TRIGGER = 'When clicking Execute workflow';
/** The credentials `npm start` creates (local-n8n/project.ts, which test/ may not import). */
export const EMULATOR_CREDENTIAL = {
	adobeExperiencePlatformApi: {
		id: 'aepEmulatorCred01',
		name: 'Adobe Experience Platform (local emulator)',
	},
};
/** The same identity in the emulator's dev sandbox: the promotion example reads with it. */
export const DEV_SANDBOX_CREDENTIAL = {
	adobeExperiencePlatformApi: {
		id: 'aepEmulatorDevCred01',
		name: 'Adobe Experience Platform (local emulator, dev sandbox)',
	},
};

type Connections = Record<
	string,
	Record<string, Array<Array<{ node: string; type: string; index: number }>>>
>;

export interface Example {
	file: string;
	id: string;
	name: string;
	nodes: INode[];
	connections: Connections;
	pinData?: IDataObject;
	settings: IDataObject;
	active?: boolean;
}

/** examples/<file>, as a user imports it. */
export function example(file: string): Example {
	const parsed = JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as Example;
	return { ...parsed, file };
}

export function allExamples(): Example[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map(example);
}

export function nodeNamed(workflow: Example, name: string): INode {
	const found = workflow.nodes.find((node) => node.name === name);
	if (!found) throw new Error(`${workflow.file} has no node "${name}"`);
	return found;
}

export function nodesOfType(workflow: Example, type: string): INode[] {
	return workflow.nodes.filter((node) => node.type === type);
}

/** The nodes a node's first main output feeds, by name. */
export function targets(workflow: Example, from: string): string[] {
	return (workflow.connections[from]?.main?.[0] ?? []).map((connection) => connection.node);
}

/** A copy of a node's parameters with Dry Run turned off: what a user does before going live. */
export function withDryRunOff(node: INode): INode['parameters'] {
	const options = (node.parameters.options ?? {}) as IDataObject;
	return { ...node.parameters, options: { ...options, dryRun: false } };
}

// The Workflow only resolves expressions here; no node type is looked up.
const NO_NODE_TYPES = {
	getByName: () => undefined,
	getByNameAndVersion: () => undefined,
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

/**
 * A node's parameter resolved as n8n resolves it when the step runs alone in the editor: `item` is
 * its input and no other node of the workflow has run data, so an expression that reads another
 * node fails here as it fails there.
 */
export async function resolveAlone(
	workflow: Example,
	nodeName: string,
	value: NodeParameterValueType,
	item: IDataObject,
): Promise<unknown> {
	const engine = new Workflow({
		id: workflow.id,
		nodes: workflow.nodes,
		connections: workflow.connections as IConnections,
		active: false,
		nodeTypes: NO_NODE_TYPES,
	});
	const runExecutionData = { resultData: { runData: {} } };
	return await engine.expression.withIsolate(async () =>
		engine.expression.getParameterValue(
			value,
			runExecutionData as never,
			0,
			0,
			nodeName,
			[{ json: item }],
			'manual',
			{},
		),
	);
}
