import {
	ACCOUNT_IDS,
	STATIC_ACCESS_TOKEN,
	TUTORIAL_FLOW_ETAG,
	TUTORIAL_FLOW_ID,
} from '../../emulator';
import { getToken, patch, setup, useApi } from './support';

describe('request log', () => {
	const api = useApi();
	beforeEach(() => api.emu.clearRequests());

	it('records method, path with query, headers, body, status, sandbox and time', async () => {
		await api.fs.get('/flows?limit=2&property=state==enabled');
		await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, [
			{ op: 'replace', path: '/name', value: 'logged' },
		]);
		const log = (await api.http.get('/__emulator/requests')).data.items;
		expect(log).toHaveLength(2);
		expect(log[0]).toMatchObject({
			method: 'GET',
			path: '/data/foundation/flowservice/flows?limit=2&property=state==enabled',
			status: 200,
			sandbox: 'prod',
			requestId: expect.any(String),
		});
		expect(new Date(log[0].time).getTime()).toBeGreaterThan(0);
		expect(log[1]).toMatchObject({
			method: 'PATCH',
			status: 200,
			body: [{ op: 'replace', path: '/name', value: 'logged' }],
			headers: {
				'if-match': TUTORIAL_FLOW_ETAG,
				'x-api-key': 'emulator-client-id',
				'content-type': 'application/json',
			},
		});
		api.emu.reset();
	});

	it('redacts the bearer token, client_secret and tokens in bodies', async () => {
		await getToken(api.http);
		await api.http.get(`/data/foundation/flowservice/flows/${TUTORIAL_FLOW_ID}`, {
			headers: api.headers({ authorization: `Bearer ${STATIC_ACCESS_TOKEN}` }),
		});
		await api.http.post(
			'/data/foundation/flowservice/flows',
			{ access_token: 'abc', nested: { client_secret: 'def' } },
			{ headers: api.headers() },
		);
		const log = api.emu.requests();
		const text = JSON.stringify(log);
		expect(text).not.toContain('emulator-client-secret');
		expect(text).not.toContain(STATIC_ACCESS_TOKEN);
		expect(text).not.toContain(api.token);
		expect(text).not.toContain('"abc"');
		expect(text).not.toContain('"def"');
		expect(log[0].body).toBe(
			'grant_type=client_credentials&client_id=emulator-client-id&client_secret=***&scope=openid%2CAdobeID',
		);
		expect(log[0].sandbox).toBeNull();
		expect(log[1].headers.authorization).toBe('Bearer ***');
		expect(log[2].body).toEqual({ access_token: '***', nested: { client_secret: '***' } });
	});

	it('redacts connection secrets in PATCH bodies: by field name, by operation path, and in text that is not JSON', async () => {
		const send = (body: string) =>
			api.http.patch(
				`/data/foundation/flowservice/connections/${ACCOUNT_IDS.prod.partnerSftp}`,
				body,
				{
					headers: api.headers({ 'content-type': 'application/json', 'if-match': '"x"' }),
					transformRequest: [(d: unknown) => d],
				},
			);
		api.emu.clearRequests();
		await send(JSON.stringify([{ op: 'replace', path: '/auth/params/password', value: 'pw-1' }]));
		await send(
			JSON.stringify([
				{
					op: 'add',
					path: '/auth',
					value: { specName: 'SFTP with SSH Key', params: { sshKey: 'key-2', username: 'u' } },
				},
			]),
		);
		await send('[{"op":"replace","path":"/auth/params/sasKey","value":"sas-3"},]');
		await send(
			'[{"op":"add","path":"/auth/params","value":{"secretKey":"sk-4","passphrase":"pp-5"}',
		);
		const log = api.emu.requests();
		const text = JSON.stringify(log);
		for (const secret of ['pw-1', 'key-2', 'sas-3', 'sk-4', 'pp-5'])
			expect(text).not.toContain(secret);
		expect(log[0].body).toEqual([{ op: 'replace', path: '/auth/params/password', value: '***' }]);
		expect(log[1].body).toEqual([
			{
				op: 'add',
				path: '/auth',
				value: { specName: 'SFTP with SSH Key', params: { sshKey: '***', username: 'u' } },
			},
		]);
		expect(log[2].body).toBe('[{"op":"replace","path":"/auth/params/sasKey","value":"***"},]');
	});

	it('records gateway refusals and fault outcomes, but not control calls', async () => {
		await api.http.get(`/data/foundation/flowservice/flows/${TUTORIAL_FLOW_ID}`);
		await api.http.get('/__emulator/health');
		api.emu.injectFault({ type: 'error', status: 503 });
		await api.fs.get('/flows');
		const log = api.emu.requests();
		expect(log.map((e) => e.status)).toEqual([403, 503]);
		expect(log[1].faults).toEqual(['error:503']);
	});

	it('filters by method and path, and clears', async () => {
		await api.fs.get('/flows?limit=1');
		await api.fs.get('/runs?limit=1');
		const runs = await api.http.get('/__emulator/requests?path=/runs&method=get');
		expect(runs.data.items).toHaveLength(1);
		await api.http.delete('/__emulator/requests');
		expect((await api.http.get('/__emulator/requests')).data.items).toEqual([]);
	});

	it('keeps only the newest entries when full', async () => {
		const small = await setup({ requestLogSize: 5 });
		try {
			for (let i = 0; i < 8; i++) await small.fs.get(`/flows?limit=${i + 1}`);
			const log = small.emu.requests();
			expect(log).toHaveLength(5);
			expect(log.map((e) => e.path)).toEqual(
				[4, 5, 6, 7, 8].map((n) => `/data/foundation/flowservice/flows?limit=${n}`),
			);
			const body = (await small.http.get('/__emulator/requests')).data;
			expect(body).toMatchObject({ size: 5, capacity: 5 });
		} finally {
			await small.emu.close();
		}
	});
});
