import { nodeRun } from './nodeRun';

function lostAnswer(): Error {
	return Object.assign(new Error('socket hang up'), { cause: { code: 'ECONNRESET' } });
}

describe('transport: Export Now and Delete Dataflow requests', () => {
	it("sends the ad-hoc run to the activation service with Adobe's version 2 media type", async () => {
		const { client, requests } = nodeRun([{ statusCode: 200, body: { a: [{ order: 'o' }] } }]);

		expect(await client.adhocRun({ f: ['a', 'b'] })).toEqual({ a: [{ order: 'o' }] });
		expect(requests[0]).toMatchObject({
			method: 'POST',
			url: 'https://platform.test/data/core/activation/disflowprovider/adhocrun',
			body: { activationInfo: { f: ['a', 'b'] } },
			headers: {
				Accept: 'application/vnd.adobe.adhoc.activation+json; version=2',
				'Content-Type': 'application/json',
			},
		});
	});

	it('never repeats an ad-hoc run whose answer was lost: it may have started the job', async () => {
		const { client, requests } = nodeRun([lostAnswer(), { statusCode: 200, body: {} }]);

		await expect(client.adhocRun({ f: ['a'] })).rejects.toThrow();
		expect(requests).toHaveLength(1);
	});

	it('deletes with DELETE /flows/{id} and repeats it after a lost answer (deleting twice changes nothing)', async () => {
		const { client, requests } = nodeRun([lostAnswer(), { statusCode: 202 }]);

		await client.deleteFlow('f 1');
		expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
			'DELETE https://platform.test/data/foundation/flowservice/flows/f%201',
			'DELETE https://platform.test/data/foundation/flowservice/flows/f%201',
		]);
	});

	it('reads one run as items[0] of GET /runs/{id}', async () => {
		const { client, requests } = nodeRun([{ statusCode: 200, body: { items: [{ id: 'r' }] } }]);

		expect(await client.getRun('r')).toEqual({ id: 'r' });
		expect(requests[0].url).toBe('https://platform.test/data/foundation/flowservice/runs/r');
	});
});
