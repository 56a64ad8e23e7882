import { LoadOptionsContext } from 'n8n-core';
import type {
	ILoadOptionsFunctions,
	INodeCredentials,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	ResourceMapperFields,
} from 'n8n-workflow';
import { deepCopy, UnexpectedError, Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { createEnvironment, type Environment } from './environment';
import { loneNode } from './nodeTypes';
import type { HarnessEnvironment } from './types';

export interface NodeMethodOptions extends HarnessEnvironment {
	/** Full node type name, as registered in `nodeTypes`. */
	nodeType: string;
	/** Default: the newest version the type declares. */
	typeVersion?: number;
	/** The node's current parameters, as the editor would send them. */
	parameters?: INodeParameters;
	/** Default: every stored credential whose type the node declares. */
	nodeCredentials?: INodeCredentials;
	/** Path of the parameter asking, e.g. `parameters.flowId`; only `&`-relative look-ups use it. */
	path?: string;
}

type MethodResults = {
	listSearch: INodeListSearchResult;
	loadOptions: INodePropertyOptions[];
	resourceMapping: ResourceMapperFields;
};
export type NodeMethodKind = keyof MethodResults;

export type NodeMethodCall<K extends NodeMethodKind> = NodeMethodOptions & {
	kind: K;
	method: string;
} & (K extends 'listSearch' ? { filter?: string; paginationToken?: string } : object);

type AnyNodeMethod = (this: ILoadOptionsFunctions, ...args: unknown[]) => Promise<unknown>;

/**
 * Calls `methods.listSearch` / `loadOptions` / `resourceMapping` the way n8n's
 * DynamicNodeParametersService does: on a temp node in a one-node workflow, with
 * n8n-core's LoadOptionsContext as `this` (so `getCredentials` and the authenticated
 * request helpers behave as in the editor).
 */
export async function runNodeMethod<K extends NodeMethodKind>(
	call: NodeMethodCall<K>,
): Promise<MethodResults[K]> {
	const env = createEnvironment(call);
	const nodeType = env.nodeTypes.getByNameAndVersion(call.nodeType, call.typeVersion);
	const method = nodeType.methods?.[call.kind]?.[call.method] as AnyNodeMethod | undefined;
	if (typeof method !== 'function') {
		throw new UnexpectedError(
			`Node type "${call.nodeType}" has no methods.${call.kind}.${call.method}`,
		);
	}

	const node = loneNode({
		id: 'uuid-1234',
		name: 'Temp-Node',
		type: call.nodeType,
		typeVersion: call.typeVersion ?? latestVersion(nodeType),
		parameters: deepCopy(call.parameters ?? {}),
		credentials: call.nodeCredentials ?? declaredCredentials(env, nodeType),
	});
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: env.nodeTypes,
	});
	const additionalData = createAdditionalData({
		credentialsHelper: env.credentialsHelper,
		variables: call.variables,
	});
	const tempNode = workflow.nodes[node.name];
	// The editor sends parameters with defaults filled in; credential displayOptions depend on them.
	additionalData.currentNodeParameters = tempNode.parameters;
	const context = new LoadOptionsContext(
		workflow,
		tempNode,
		additionalData,
		call.path ?? 'parameters',
	);

	const args: unknown[] =
		call.kind === 'listSearch'
			? [
					(call as NodeMethodCall<'listSearch'>).filter,
					(call as NodeMethodCall<'listSearch'>).paginationToken,
				]
			: [];
	return (await method.call(context, ...args)) as MethodResults[K];
}

export function latestVersion(nodeType: INodeType): number {
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

function declaredCredentials(env: Environment, nodeType: INodeType): INodeCredentials | undefined {
	const credentials: INodeCredentials = {};
	for (const { name } of nodeType.description.credentials ?? []) {
		const details = env.store.details(name);
		if (details) credentials[name] = details;
	}
	return Object.keys(credentials).length ? credentials : undefined;
}
