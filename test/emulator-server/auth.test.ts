import axios, { type AxiosResponse } from 'axios';
import {
	DEFAULT_CLIENT_ID,
	DEFAULT_IMS_ORG,
	STATIC_ACCESS_TOKEN,
	TUTORIAL_FLOW_ID,
} from '../../emulator';
import { expectFlowError, getToken, setup, useApi } from './support';

const OTHER = { clientId: 'second-client', clientSecret: 'second-secret' };

/** The gateway's answer: this status with exactly this body. */
function expectAnswer(response: AxiosResponse, status: number, data: unknown): void {
	expect(response.status).toBe(status);
	expect(response.data).toEqual(data);
}

describe('IMS token endpoint and gateway checks', () => {
	const api = useApi({ clients: [OTHER] });
	beforeEach(async () => {
		api.emu.reset();
		await api.refreshToken();
	});

	const flowPath = `/data/foundation/flowservice/flows/${TUTORIAL_FLOW_ID}`;
	/** Reads the tutorial flow with every gateway header, `extra` overriding them. */
	const readWith = (extra: Record<string, string>) =>
		api.http.get(flowPath, { headers: api.headers(extra) });
	/** Reads the tutorial flow with every gateway header but `name`. */
	const readWithout = (name: string) => {
		const { [name]: _left, ...rest } = api.headers();
		return api.http.get(flowPath, { headers: rest });
	};

	it('issues a bearer token for the client-credentials grant', async () => {
		const r = await getToken(api.http);
		expect(r.status).toBe(200);
		expect(r.data).toEqual({
			access_token: expect.any(String),
			token_type: 'bearer',
			expires_in: 86399,
		});
		expect(r.headers['x-request-id']).toBeTruthy();
		const flow = await readWith({ authorization: `Bearer ${r.data.access_token}` });
		expect(flow.status).toBe(200);
	});

	it('answers IMS errors for a wrong secret, an unknown client and a bad grant', async () => {
		const wrongSecret = await getToken(api.http, DEFAULT_CLIENT_ID, 'nope');
		expect(wrongSecret.status).toBe(401);
		expect(wrongSecret.data).toEqual({
			error: 'invalid_client',
			error_description: 'invalid client_secret parameter',
		});

		const unknown = await getToken(api.http, 'who-is-this', 'x');
		expect(unknown.status).toBe(400);
		expect(unknown.data).toEqual({
			error: 'invalid_client',
			error_description: 'invalid client_id parameter',
		});

		const grant = await api.http.post('/ims/token/v3', 'grant_type=password&client_id=a', {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect(grant.status).toBe(400);
		expect(grant.data.error).toBe('unsupported_grant_type');

		const json = await api.http.post('/ims/token/v3', { grant_type: 'client_credentials' });
		expect(json.status).toBe(400);
		expect(json.data.error).toBe('invalid_request');
	});

	it('counts minted tokens so tests can check caching', async () => {
		const before = api.emu.tokensIssued();
		await getToken(api.http);
		expect(api.emu.tokensIssued()).toBe(before + 1);
		expect((await api.http.get('/__emulator/tokens')).data.issued).toBe(before + 1);
	});

	it('refuses a missing Authorization header with 403010 before anything else', async () => {
		const { authorization: _a, ...rest } = api.headers();
		const r = await api.http.get(flowPath, { headers: { ...rest, 'x-api-key': '' } });
		expectAnswer(r, 403, { error_code: '403010', message: 'Oauth token is missing.' });
	});

	it('refuses an unknown token with 401013', async () => {
		const r = await readWith({ authorization: 'Bearer not-a-token' });
		expectAnswer(r, 401, { error_code: '401013', message: 'Oauth token is not valid' });
	});

	it('refuses a missing or foreign API key', async () => {
		const missing = await readWithout('x-api-key');
		expectAnswer(missing, 403, { error_code: '403000', message: 'Api Key is required' });

		const unknown = await readWith({ 'x-api-key': 'made-up' });
		expectAnswer(unknown, 403, { error_code: '403003', message: 'Api Key is invalid' });

		// A configured client, but not the one the token was issued to.
		const other = await readWith({ 'x-api-key': OTHER.clientId });
		expect(other.status).toBe(403);
		expect(other.data.error_code).toBe('403003');
	});

	it('refuses a missing org header with 400003 and a wrong org with 403025', async () => {
		const missing = await readWithout('x-gw-ims-org-id');
		expectAnswer(missing, 400, { error_code: '400003', message: 'Missing header' });

		const wrong = await readWith({ 'x-gw-ims-org-id': 'SOMEONEELSE@AdobeOrg' });
		expectAnswer(wrong, 403, { error_code: '403025', message: 'Profile is not valid' });
	});

	it('accepts the static token with the default client id', async () => {
		const r = await readWith({ authorization: `Bearer ${STATIC_ACCESS_TOKEN}` });
		expect(r.status).toBe(200);
		const foreign = await api.http.get(flowPath, {
			headers: api.headers({
				authorization: `Bearer ${STATIC_ACCESS_TOKEN}`,
				'x-api-key': OTHER.clientId,
			}),
		});
		expect(foreign.data.error_code).toBe('403003');
	});

	it('expires every issued token on demand, but not the static one', async () => {
		const fresh = (await getToken(api.http)).data.access_token;
		const r = await api.http.post('/__emulator/tokens/expire');
		expect(r.data.expired).toBeGreaterThanOrEqual(2);
		for (const token of [api.token, fresh]) {
			const refused = await readWith({ authorization: `Bearer ${token}` });
			expect(refused.status).toBe(401);
			expect(refused.data.error_code).toBe('401013');
		}
		const stat = await readWith({ authorization: `Bearer ${STATIC_ACCESS_TOKEN}` });
		expect(stat.status).toBe(200);
		// A new token works again: this is the refresh path.
		await api.refreshToken();
		expect((await api.http.get(flowPath, { headers: api.headers() })).status).toBe(200);
	});

	it('honours the configured token lifetime (0 s: expired on arrival)', async () => {
		await api.http.post('/__emulator/config', { tokenTtlSeconds: 0 });
		const r = await getToken(api.http);
		expect(r.data.expires_in).toBe(0);
		const refused = await readWith({ authorization: `Bearer ${r.data.access_token}` });
		expect(refused.status).toBe(401);
		api.emu.reset();
		expect((await getToken(api.http)).data.expires_in).toBe(86399);
	});

	it('starts with a short lifetime when asked', async () => {
		const short = await setup({ tokenTtlSeconds: 5 });
		try {
			expect((await getToken(short.http)).data.expires_in).toBe(5);
		} finally {
			await short.emu.close();
		}
	});

	it('defaults a missing sandbox header to prod, or refuses it when configured', async () => {
		const { 'x-sandbox-name': _s, ...rest } = api.headers();
		const prod = await api.http.get(flowPath, { headers: rest });
		expect(prod.status).toBe(200);
		expect(prod.data.items[0].sandboxName).toBe('prod');

		api.emu.config.requireSandboxHeader = true;
		const refused = await api.http.get(flowPath, { headers: rest });
		expectFlowError(refused, '2105-400');
	});

	it('answers 404 for an unknown sandbox', async () => {
		const r = await readWith({ 'x-sandbox-name': 'staging' });
		expect(expectFlowError(r, '2100-404').errorMessage).toContain("'staging'");
	});

	it('puts x-request-id on every response and echoes it in Flow Service errors', async () => {
		const r = await api.fs.get('/flows/does-not-exist');
		expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
		expect(r.data.report['request-id']).toBe(r.headers['x-request-id']);
		const gateway = await api.http.get(flowPath);
		expect(gateway.headers['x-request-id']).toBeTruthy();
		const control = await api.http.get('/__emulator/health');
		expect(control.headers['x-request-id']).toBeTruthy();
	});

	it('answers 404 for unknown routes, after the gateway on /data paths', async () => {
		expect((await api.http.get('/nothing/here')).status).toBe(404);
		expect((await api.http.get('/data/foundation/catalog/dataSets')).status).toBe(403);
		const unknown = await api.http.get('/data/foundation/catalog/dataSets', {
			headers: api.headers(),
		});
		expectFlowError(unknown, '1101-404');
		expectFlowError(await api.fs.get('/notACollection'), '1101-404');
		expectFlowError(await api.fs.put(`/flows/${TUTORIAL_FLOW_ID}`, {}), '1101-404');
		expect((await api.http.get('/ims/token/v3')).status).toBe(404);
	});

	it('works with plain axios against the static token (pasted-token mode)', async () => {
		const client = axios.create({
			baseURL: api.emu.flowServiceUrl,
			headers: {
				authorization: `Bearer ${STATIC_ACCESS_TOKEN}`,
				'x-api-key': DEFAULT_CLIENT_ID,
				'x-gw-ims-org-id': DEFAULT_IMS_ORG,
				'x-sandbox-name': 'prod',
			},
		});
		const r = await client.get('/flows', { params: { limit: 1 } });
		expect(r.data.items).toHaveLength(1);
	});
});
