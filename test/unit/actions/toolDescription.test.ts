import { getToolDescriptionForNode, type INode } from 'n8n-workflow';

import { FlowServiceDestination } from '@node/FlowServiceDestination.node';
import { toolResult } from '@node/actions/toolOutput';

const nodeType = new FlowServiceDestination();
const asTool = (parameters: Record<string, unknown>) =>
	getToolDescriptionForNode(
		{
			parameters,
			type: 'n8n-nodes-adobe-flow-service.flowServiceDestinationTool',
		} as unknown as INode,
		nodeType,
	);

describe('the node as an AI agent’s tool', () => {
	it('describes Create by its own action, as n8n builds a tool’s description', () => {
		expect(asTool({ resource: 'dataflow', operation: 'create' })).toBe(
			'Create a dataflow in Flow Service Destination',
		);
	});

	it('describes the destination account operations under their resource', () => {
		expect(asTool({ resource: 'destinationAccount', operation: 'get' })).toBe(
			'Get a destination account in Flow Service Destination',
		);
		expect(asTool({ resource: 'destinationAccount', operation: 'getMany' })).toBe(
			'Get many destination accounts in Flow Service Destination',
		);
		expect(asTool({ resource: 'dataflow', operation: 'get' })).toBe(
			'Get a dataflow in Flow Service Destination',
		);
	});

	it('a create reaches the model as its readable head; a dry run keeps the requests it would send', () => {
		const created = {
			summary: 'Created dataflow "Winter campaign" on "S3 marketing exports" with 2 audiences',
			changed: true,
			added: [{ id: 'a', name: 'Winter buyers' }],
			removed: [],
			updated: [],
			skipped: [],
			flowId: 'f',
			etag: '"e"',
			operations: [{ op: 'add', path: '/x/-', value: {} }],
			created: true,
			connections: { sourceConnectionId: 's', targetConnectionId: 't' },
			flow: { id: 'f' },
		};
		expect(toolResult(created)).toEqual({
			summary: created.summary,
			changed: true,
			added: created.added,
			removed: [],
			updated: [],
			skipped: [],
			flowId: 'f',
		});
		const requests = [{ method: 'POST', path: '/flows', body: {} }];
		expect(toolResult({ ...created, dryRun: true, requests })).toMatchObject({
			dryRun: true,
			requests,
		});
	});
});
