import { nodeRun } from './nodeRun';

const A = '54669488-03ab-4e0d-a694-37fe49e32be8';
const B = '4afe34ae-8c98-4513-8a1d-67ccaa54bc05';
/** A definition as the segment definitions guide's bulk-get sample gives it (trimmed). */
const definition = (id: string, name: string) => ({
	id,
	schema: { name: '_xdm.context.profile' },
	profileInstanceId: 'ups',
	name,
	description: 'Last 30 days',
	expression: { type: 'PQL', format: 'pql/text', value: 'workAddress.country = "US"' },
});

describe('transport: bulk-get of segment definitions', () => {
	it("sends {ids: [{id}]} to the Segmentation Service and reads the guide's 207 answer keyed by ID", async () => {
		const { client, requests } = nodeRun([
			{
				statusCode: 207,
				body: { results: { [A]: definition(A, 'Ordered'), [B]: definition(B, 'Lapsed') } },
			},
		]);

		const found = await client.bulkGetAudiences([A, B]);

		expect(requests[0]).toMatchObject({
			method: 'POST',
			url: 'https://platform.test/data/core/ups/segment/definitions/bulk-get',
			body: { ids: [{ id: A }, { id: B }] },
		});
		expect([...found.entries()]).toEqual([
			[A, { id: A, name: 'Ordered' }],
			[B, { id: B, name: 'Lapsed' }],
		]);
	});

	it('counts an ID left out of results, or answered with a status instead of a definition, as not found', async () => {
		const { client } = nodeRun([
			{ statusCode: 207, body: { results: { [B]: { id: B, status: 404, message: 'not found' } } } },
		]);

		expect((await client.bulkGetAudiences([A, B])).size).toBe(0);
	});

	it('reads a list of definitions the same way (a shape the guide does not show)', async () => {
		const { client } = nodeRun([
			{ statusCode: 200, body: { results: [definition(A, 'Ordered')] } },
		]);

		expect([...(await client.bulkGetAudiences([A])).keys()]).toEqual([A]);
	});
});
