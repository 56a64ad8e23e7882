import tutorialFlow from '../../emulator/fixtures/tutorial-flow.json';
import { FLOWS_PATH, adobeHeaders, outputJson, recordAdobe } from './setup';
import { FLOW_ID, runOnTutorial } from './tutorial';

describe('Get', () => {
	const { requests, readFlow } = recordAdobe();

	it('reads one dataflow and unwraps items[0], etag included', async () => {
		readFlow(FLOW_ID, { items: [tutorialFlow] });

		const result = await runOnTutorial('get');

		expect(result.status).toBe('success');
		expect(outputJson(result)).toEqual([tutorialFlow]);
		expect(outputJson(result)[0].etag).toBe('"8b0351ca-0000-0200-0000-61c4d6700000"');
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'GET',
			path: `${FLOWS_PATH}/${FLOW_ID}`,
			body: undefined,
		});
		expect(requests[0].headers).toMatchObject({ ...adobeHeaders(), accept: 'application/json' });
	});
});
