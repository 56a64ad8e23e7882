import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { router } from '@node/actions/router';

/** Only what an error reads from the node; a run has the rest. */
const NODE = {
	name: 'Flow Service Destination',
	type: 'n8n-nodes-adobe-flow-service.flowServiceDestination',
	typeVersion: 1,
} as INode;

describe('router', () => {
	it('refuses an operation the node does not have, naming it', async () => {
		const context = {
			getNodeParameter: () => 'deleteEverything',
			getNode: () => NODE,
		} as unknown as IExecuteFunctions;
		await expect(router.call(context)).rejects.toThrow(
			'The operation "deleteEverything" is not supported',
		);
	});
});
