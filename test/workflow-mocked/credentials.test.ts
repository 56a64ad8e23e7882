import nock from 'nock';

import tutorialFlow from '../../emulator/fixtures/tutorial-flow.json';
import { AdobeExperiencePlatformApi } from '../../credentials/AdobeExperiencePlatformApi.credentials';
import { testCredentials } from '../harness';
import {
	FLOWS_PATH,
	IMS,
	OAUTH_CREDENTIAL,
	PLATFORM,
	TOKEN_CREDENTIAL,
	adobeHeaders,
	byId,
	outputJson,
	runNode,
	recordAdobe,
} from './setup';
import { FLOW_ID, FLOW_PATH } from './tutorial';

const twoItems = [{ json: {} }, { json: {} }];

describe('credential modes', () => {
	const { requests, answer, readFlow } = recordAdobe();

	it('Access Token mode sends the pasted token and all four Adobe headers', async () => {
		readFlow(FLOW_ID, { items: [tutorialFlow] });

		await runNode({ operation: 'get', flowId: byId(tutorialFlow.id) });

		expect(requests[0].headers).toMatchObject(adobeHeaders('pasted-token-123'));
	});

	it('OAuth mode fetches a token once from IMS (form-encoded client credentials) and reuses it', async () => {
		nock(IMS)
			.post('/ims/token/v3')
			.once()
			.reply(
				answer(200, {
					access_token: 'ims-token-1',
					token_type: 'bearer',
					expires_in: 86399,
				}),
			);
		nock(PLATFORM)
			.get(FLOW_PATH)
			.times(2)
			.reply(answer(200, { items: [tutorialFlow] }));

		const result = await runNode(
			{ operation: 'get', flowId: byId(tutorialFlow.id) },
			{ credential: OAUTH_CREDENTIAL, triggerItems: twoItems },
		);

		expect(result.status).toBe('success');
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /ims/token/v3',
			`GET ${FLOW_PATH}`,
			`GET ${FLOW_PATH}`,
		]);
		expect(requests[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(new URLSearchParams(requests[0].body as string)).toEqual(
			new URLSearchParams(
				'grant_type=client_credentials&client_id=test-client-id&client_secret=very-secret-value&scope=openid%2CAdobeID',
			),
		);
		expect(requests[1].headers).toMatchObject(adobeHeaders('ims-token-1'));
		expect(requests[2].headers).toMatchObject(adobeHeaders('ims-token-1'));
		expect(result.credentialUpdates).toEqual([
			expect.objectContaining({
				data: { sessionToken: 'ims-token-1', sessionTokenFor: expect.any(String) },
			}),
		]);
		expect(JSON.stringify(result.credentialUpdates)).not.toContain('very-secret-value');
	});

	it('OAuth mode fetches a fresh token after a 401 and retries the request once', async () => {
		nock(IMS)
			.post('/ims/token/v3')
			.reply(answer(200, { access_token: 'expired-token' }))
			.post('/ims/token/v3')
			.reply(answer(200, { access_token: 'fresh-token' }));
		nock(PLATFORM)
			.get(FLOW_PATH)
			.reply(answer(401, { error_code: '401013', message: 'Oauth token is not valid' }))
			.get(FLOW_PATH)
			.reply(answer(200, { items: [tutorialFlow] }));

		const result = await runNode(
			{ operation: 'get', flowId: byId(tutorialFlow.id) },
			{ credential: OAUTH_CREDENTIAL },
		);

		expect(result.status).toBe('success');
		expect(requests.map((r) => r.headers.authorization ?? r.method)).toEqual([
			'POST',
			'Bearer expired-token',
			'POST',
			'Bearer fresh-token',
		]);
		expect(outputJson(result)[0].id).toBe(tutorialFlow.id);
	});

	it('a refused client secret fails with IMS reason and never shows the secret', async () => {
		nock(IMS).post('/ims/token/v3').reply(401, {
			error: 'invalid_client',
			error_description: 'invalid client_secret parameter',
		});

		const result = await runNode(
			{ operation: 'get', flowId: byId(tutorialFlow.id) },
			{ credential: OAUTH_CREDENTIAL },
		);

		expect(result.status).toBe('error');
		const shown = JSON.stringify({
			message: result.error?.message,
			description: result.error?.description,
			output: result.runData,
		});
		expect(shown).toContain('invalid_client');
		expect(shown).not.toContain('very-secret-value');
	});

	it('the Test button lists one destination dataflow and reports success', async () => {
		nock(PLATFORM)
			.get(FLOWS_PATH)
			.query({ property: 'inheritedAttributes.properties.isDestinationFlow==true', limit: '1' })
			.reply(answer(200, { items: [tutorialFlow] }));

		const outcome = await testCredentials({
			credentialTypes: [AdobeExperiencePlatformApi],
			type: 'adobeExperiencePlatformApi',
			credential: {
				id: '1',
				name: 'Adobe',
				data: { ...TOKEN_CREDENTIAL, platformHost: `${PLATFORM}/` },
			},
		});

		expect(outcome.status).toBe('OK');
		expect(requests[0].headers).toMatchObject(adobeHeaders());
	});

	it('the Test button reports a wrong API key', async () => {
		nock(PLATFORM)
			.get(FLOWS_PATH)
			.query(true)
			.reply(403, { error_code: '403003', message: 'Api Key is invalid' });

		const outcome = await testCredentials({
			credentialTypes: [AdobeExperiencePlatformApi],
			type: 'adobeExperiencePlatformApi',
			credential: { id: '1', name: 'Adobe', data: TOKEN_CREDENTIAL },
		});

		expect(outcome.status).toBe('Error');
	});

	describe('a stored session token is used only with the client settings it was issued for', () => {
		/** The credential as n8n stores it after an OAuth run with the right secret. */
		async function storedAfterOneRun(): Promise<Record<string, unknown>> {
			nock(IMS).post('/ims/token/v3').reply(200, { access_token: 'live-token' });
			nock(PLATFORM)
				.get(FLOW_PATH)
				.reply(200, { items: [tutorialFlow] });
			const first = await runNode(
				{ operation: 'get', flowId: byId(tutorialFlow.id) },
				{ credential: OAUTH_CREDENTIAL },
			);
			return { ...OAUTH_CREDENTIAL, ...first.credentialUpdates[0].data };
		}

		it('unchanged settings: the stored token is sent, no IMS call', async () => {
			const stored = await storedAfterOneRun();
			readFlow(FLOW_ID, { items: [tutorialFlow] });

			const result = await runNode(
				{ operation: 'get', flowId: byId(tutorialFlow.id) },
				{ credential: stored },
			);

			expect(result.status).toBe('success');
			expect(requests.map((r) => r.headers.authorization)).toEqual(['Bearer live-token']);
		});

		it.each<[string, Record<string, string>]>([
			['client secret', { clientSecret: 'rotated-secret' }],
			['client ID', { clientId: 'other-client' }],
			['scopes', { scopes: 'openid' }],
			['IMS host', { imsHost: 'https://ims-eu.test' }],
		])(
			'a changed %s: the old token is not sent; after the 401 a token for the new settings is fetched',
			async (_, change) => {
				const stored = { ...(await storedAfterOneRun()), ...change };
				const ims = change.imsHost ?? IMS;
				nock(PLATFORM)
					.get(FLOW_PATH)
					.reply(answer(401, { error_code: '401013', message: 'Oauth token is not valid' }))
					.get(FLOW_PATH)
					.reply(answer(200, { items: [tutorialFlow] }));
				nock(ims)
					.post('/ims/token/v3')
					.reply(answer(200, { access_token: 'new-token' }));

				const result = await runNode(
					{ operation: 'get', flowId: byId(tutorialFlow.id) },
					{ credential: stored },
				);

				expect(result.status).toBe('success');
				expect(requests.map((r) => `${r.method} ${r.headers.authorization ?? ''}`)).toEqual([
					'GET Bearer token-issued-for-other-client-settings',
					'POST ',
					'GET Bearer new-token',
				]);
				expect(new URLSearchParams(requests[1].body as string).get('client_secret')).toBe(
					stored.clientSecret,
				);
			},
		);

		it('the Test button asks IMS with the secret typed in, even while the stored token is still valid', async () => {
			const stored = await storedAfterOneRun();
			nock(IMS).post('/ims/token/v3').reply(401, {
				error: 'invalid_client',
				error_description: 'invalid client_secret parameter',
			});

			const outcome = await testCredentials({
				credentialTypes: [AdobeExperiencePlatformApi],
				type: 'adobeExperiencePlatformApi',
				credential: { id: '1', name: 'Adobe', data: { ...stored, clientSecret: 'typo-secret' } },
			});

			expect(outcome.status).toBe('Error');
			expect(outcome.message).toContain('invalid_client');
			expect(requests.every((r) => r.headers.authorization !== 'Bearer live-token')).toBe(true);
		});
	});
});

describe('the credential type as n8n hands it to the editor', () => {
	it('keeps `authenticate` in a spread copy, as n8n makes of a community package’s types: the HTTP Request node lists the types that have it', async () => {
		const copy = { ...new AdobeExperiencePlatformApi() };
		expect(typeof copy.authenticate).toBe('function');
		const authenticate = copy.authenticate as (
			credentials: object,
			options: object,
		) => Promise<{ headers: Record<string, string> }>;
		const signed = await authenticate(TOKEN_CREDENTIAL, { url: '/flows', headers: { a: 'b' } });
		expect(signed.headers).toEqual({
			a: 'b',
			Authorization: 'Bearer pasted-token-123',
			'x-api-key': 'test-client-id',
			'x-gw-ims-org-id': 'TESTORG0000000000000000@AdobeOrg',
			'x-sandbox-name': 'dev',
		});
	});
});
