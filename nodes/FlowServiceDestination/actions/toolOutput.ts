import type { IDataObject, INode } from 'n8n-workflow';

import { HEAD_KEYS } from '../update/summary';

/** n8n runs a node as an AI agent's tool under its type name with "Tool" appended. */
export function runsAsTool(node: INode): boolean {
	return node.type.endsWith('Tool');
}

const TOOL_KEYS = HEAD_KEYS.filter((key) => key !== 'etag' && key !== 'operations');

/**
 * What a model needs of a change: the readable head, without etags and patch documents (tokens it
 * cannot use); a dry run keeps its planned operations (and a create's its requests), since showing
 * them is its purpose.
 */
export function toolResult(json: IDataObject): IDataObject {
	if (typeof json.summary !== 'string') return json;
	const head: IDataObject = {};
	for (const key of TOOL_KEYS) if (key in json) head[key] = json[key];
	if (json.dryRun === true) {
		head.dryRun = true;
		if (json.operations !== undefined) head.operations = json.operations;
		// A create's dry run lists the requests it would send.
		if (json.requests !== undefined) head.requests = json.requests;
	}
	return head;
}
