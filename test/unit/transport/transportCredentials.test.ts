import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { FlowServiceClient } from '@node/transport';

/** A node run whose HTTP helper records what it is given; a refresh writes a new token into the credential it got. */
function nodeRun() {
	const calls: Array<{ url: string; credentials: unknown }> = [];
	let loads = 0;
	const context = {
		getNode: () => ({ credentials: { adobeExperiencePlatformApi: { id: 'c1', name: 'AEP' } } }),
		getCredentials: async () => {
			loads++;
			return { platformHost: 'https://platform.test/', sessionToken: 'first' };
		},
		helpers: {
			httpRequestWithAuthentication: async (
				_type: string,
				request: IHttpRequestOptions,
				options: { credentialsDecrypted: { data: Record<string, unknown> } },
			) => {
				calls.push({
					url: request.url,
					credentials: structuredClone(options.credentialsDecrypted),
				});
				options.credentialsDecrypted.data.sessionToken = 'refreshed';
				return { statusCode: 200, body: { items: [{ id: 'f' }] }, headers: {} };
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, calls, loads: () => loads };
}

describe('transport: one credential per node run', () => {
	it('loads and decrypts the credential once for all clients and requests of a run, and hands it to n8n', async () => {
		const run = nodeRun();
		const [a, b] = [new FlowServiceClient(run.context), new FlowServiceClient(run.context)];
		await Promise.all([a.getFlow('f'), b.getFlow('f'), a.getFlow('f')]);

		expect(run.loads()).toBe(1);
		expect(run.calls.map((call) => call.url)).toEqual(
			Array(3).fill('https://platform.test/data/foundation/flowservice/flows/f'),
		);
		expect(run.calls[0].credentials).toEqual({
			id: 'c1',
			name: 'AEP',
			type: 'adobeExperiencePlatformApi',
			data: { platformHost: 'https://platform.test/', sessionToken: 'first' },
		});
	});

	it('a token n8n refreshes into the shared credential is what later requests of the run carry', async () => {
		const run = nodeRun();
		const client = new FlowServiceClient(run.context);
		await client.getFlow('f');
		await new FlowServiceClient(run.context).getFlow('f');

		expect(
			run.calls.map(
				(call) => (call.credentials as { data: { sessionToken: string } }).data.sessionToken,
			),
		).toEqual(['first', 'refreshed']);
	});

	it('another run loads its own credential', async () => {
		const [first, second] = [nodeRun(), nodeRun()];
		await new FlowServiceClient(first.context).getFlow('f');
		await new FlowServiceClient(second.context).getFlow('f');

		expect([first.loads(), second.loads()]).toEqual([1, 1]);
	});

	it("a credential the caller already loaded (a trigger's poll) is used as given, without loading it again", async () => {
		const run = nodeRun();
		await new FlowServiceClient(run.context, undefined, {
			platformHost: 'https://other.test',
			sessionToken: 'given',
		}).getFlow('f');

		expect(run.loads()).toBe(0);
		expect(run.calls).toEqual([
			{
				url: 'https://other.test/data/foundation/flowservice/flows/f',
				credentials: expect.objectContaining({
					data: { platformHost: 'https://other.test', sessionToken: 'given' },
				}),
			},
		]);
	});

	it('a failed load fails that request only: the next one loads again', async () => {
		const run = nodeRun();
		const getCredentials = run.context.getCredentials;
		run.context.getCredentials = async () => Promise.reject(new Error('database unavailable'));
		await expect(new FlowServiceClient(run.context).getFlow('f')).rejects.toThrow(
			'database unavailable',
		);
		run.context.getCredentials = getCredentials;

		await new FlowServiceClient(run.context).getFlow('f');

		expect(run.calls).toHaveLength(1);
		expect(run.loads()).toBe(1);
	});
});
