import type { INode } from 'n8n-workflow';

import { runsAsTool, toolResult } from '@node/actions/toolOutput';

const node = (type: string) => ({ type }) as INode;

describe('output for an AI agent', () => {
	it('knows the tool variant n8n builds from the node by its type name', () => {
		expect(runsAsTool(node('n8n-nodes-adobe-flow-service.flowServiceDestinationTool'))).toBe(true);
		expect(runsAsTool(node('n8n-nodes-adobe-flow-service.flowServiceDestination'))).toBe(false);
	});

	const update = {
		summary: 'Added 1 audience (Winter)',
		changed: true,
		added: [{ id: 'a', name: 'Winter' }],
		removed: [],
		updated: [],
		skipped: [],
		flowId: 'f',
		etag: '"e2"',
		operations: [{ op: 'add', path: '/x/-', value: {} }],
		previousEtag: '"e1"',
		conflictRetries: 0,
	};

	it('keeps the readable head of a change and drops etags and the patch', () => {
		const {
			etag: _etag,
			operations: _ops,
			previousEtag: _prev,
			conflictRetries: _retries,
			...head
		} = update;
		expect(Object.keys(head)).toEqual(
			'summary changed added removed updated skipped flowId'.split(' '),
		);
		expect(toolResult(update)).toEqual(head);
	});

	it('keeps the warnings of a change, in their place after the lists', () => {
		const warned = {
			...update,
			warnings: ['Start date 2025-01-15 of audience Winter (a) is before today (UTC)'],
		};
		expect(toolResult(warned)).toEqual({
			summary: update.summary,
			changed: true,
			added: update.added,
			removed: [],
			updated: [],
			skipped: [],
			warnings: warned.warnings,
			flowId: 'f',
		});
		expect(Object.keys(toolResult(warned)).slice(5, 7)).toEqual(['skipped', 'warnings']);
	});

	it('keeps the planned operations of a dry run', () => {
		const dryRun = { ...update, summary: 'Would add 1 audience (Winter)', dryRun: true };
		expect(toolResult(dryRun)).toMatchObject({ dryRun: true, operations: update.operations });
		expect(toolResult(dryRun)).not.toHaveProperty('etag');
	});

	it('leaves reads, which have no summary, as they are', () => {
		const flow = { id: 'f', name: 'Campaign', etag: '"e"' };
		expect(toolResult(flow)).toBe(flow);
	});
});
