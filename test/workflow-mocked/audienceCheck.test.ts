import nock from 'nock';

import { PLATFORM, outputJson, recordAdobe } from './setup';
import { NEW_AUDIENCE, runOnTutorial } from './tutorial';

const BULK_GET = '/data/core/ups/segment/definitions/bulk-get';
const version2 = (node: object = {}) => ({ node: { typeVersion: 2, ...node } });
const addNew = { audiences: { audience: [{ id: NEW_AUDIENCE }] } };

describe('Check Audiences Exist when the lookup itself fails', () => {
	const { requests, answer } = recordAdobe();

	it('fails the run with Adobe’s answer before the dataflow is read or written', async () => {
		nock(PLATFORM)
			.post(BULK_GET)
			.reply(answer(403, { title: 'Forbidden', detail: 'No access to segment definitions' }));

		const result = await runOnTutorial('addAudiences', addNew, version2());

		expect(result.status).toBe('error');
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${BULK_GET}`]);
	});

	it('with continue on fail, the items that asked for the check become error items', async () => {
		nock(PLATFORM)
			.post(BULK_GET)
			.reply(answer(403, { title: 'Forbidden' }));

		const result = await runOnTutorial(
			'addAudiences',
			addNew,
			version2({ onError: 'continueRegularOutput' }),
		);

		expect(result.status).toBe('success');
		expect(outputJson(result)[0].error).toBeDefined();
		expect(requests.map((r) => r.method)).toEqual(['POST']);
	});
});
