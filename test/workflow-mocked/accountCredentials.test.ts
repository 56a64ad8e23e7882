import nock from 'nock';

import { CONNECTION_SPECS } from '../../emulator/fixtures/ids';
import { connectionSpec } from '../../emulator/specs/catalogue';
import {
	PLATFORM,
	answer,
	byId,
	flowServiceError,
	recordRequests,
	runNode,
	type RecordedRequest,
} from './setup';

const BASE = '/data/foundation/flowservice';
const ACCOUNT_ID = '9d8159c6-9da6-4205-8507-d818d7ad7103';
const PASSWORD = 'Quoted"Pa$$word\\with-escapes';
const ACCOUNT = {
	id: ACCOUNT_ID,
	name: 'Partner SFTP',
	etag: '"acc-1"',
	connectionSpec: { id: CONNECTION_SPECS.sftp, version: '1.0' },
	auth: {
		specName: 'SFTP with Password',
		params: { domain: 'sftp.example.com', port: 22, username: 'aep', password: 'XXXX' },
	},
};

function mockReads(requests: RecordedRequest[]) {
	nock(PLATFORM)
		.get(`${BASE}/connections/${ACCOUNT_ID}`)
		.reply(answer(requests, 200, { items: [ACCOUNT] }))
		.get(`${BASE}/connectionSpecs/${CONNECTION_SPECS.sftp}`)
		.reply(answer(requests, 200, { items: [connectionSpec(CONNECTION_SPECS.sftp)] }));
}

/** The password as given, and as JSON writes it inside a string. */
const FORMS = [PASSWORD, JSON.stringify(PASSWORD).slice(1, -1)];
/** The workflow holds the password only as the expression's two halves, so the whole one must not show. */
function expectNoPassword(value: unknown) {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	for (const form of FORMS) {
		expect(text).not.toContain(form);
		expect(text).not.toContain(JSON.stringify(form).slice(1, -1));
	}
}

const run = () =>
	runNode({
		resource: 'destinationAccount',
		operation: 'updateCredentials',
		accountId: byId(ACCOUNT_ID),
		// Built by the expression, as the field's hint asks: the workflow never holds it whole.
		authParams: {
			password: `={{ ${JSON.stringify([PASSWORD.slice(0, 5), PASSWORD.slice(5)])}.join('') }}`,
		},
	});

describe('Update Credentials with Adobe answering', () => {
	const requests = recordRequests();

	it('sends the password with the kept params and the account etag', async () => {
		mockReads(requests);
		nock(PLATFORM)
			.patch(`${BASE}/connections/${ACCOUNT_ID}`)
			.reply(answer(requests, 200, { id: ACCOUNT_ID, etag: '"acc-2"' }));

		const result = await run();

		expect(requests.map((r) => `${r.method} ${r.path.replace(BASE, '')}`)).toEqual([
			`GET /connections/${ACCOUNT_ID}`,
			`GET /connectionSpecs/${CONNECTION_SPECS.sftp}`,
			`PATCH /connections/${ACCOUNT_ID}`,
		]);
		expect(requests[2].headers['if-match']).toBe('"acc-1"');
		expect(requests[2].body).toEqual([
			{
				op: 'add',
				path: '/auth/params',
				value: { password: PASSWORD, domain: 'sftp.example.com', port: 22, username: 'aep' },
			},
		]);
		expectNoPassword(result.output('Flow Service Destination'));
	});

	it('masks a given secret that Adobe’s error answer quotes, in the message and the body', async () => {
		mockReads(requests);
		const quoting = flowServiceError(
			'1100-400',
			400,
			`auth.params.password: value ${JSON.stringify(PASSWORD)} is not accepted (${PASSWORD})`,
		);
		nock(PLATFORM)
			.patch(`${BASE}/connections/${ACCOUNT_ID}`)
			.reply(answer(requests, 400, quoting));

		const result = await run();

		expect(result.error).toBeDefined();
		const reported = JSON.stringify(result.error);
		expect(reported).toContain('is not accepted');
		expect(reported).toContain('***');
		expectNoPassword(reported);
		expectNoPassword(String(result.error?.message));
		expectNoPassword(String((result.error as { description?: string })?.description));
	});
});
