import { TUTORIAL_FLOW_ETAG, TUTORIAL_FLOW_ID } from '../../emulator';
import { expectFlowError, getFlow, patch, useApi } from './support';

const FLOW = `/data/foundation/flowservice/flows/${TUTORIAL_FLOW_ID}`;
const RENAME = [{ op: 'replace', path: '/name', value: 'renamed' }];

describe('fault injection', () => {
	const api = useApi();
	beforeEach(async () => {
		api.emu.reset();
		await api.refreshToken();
	});

	const addFault = (spec: Record<string, unknown>) => api.http.post('/__emulator/faults', spec);
	const lastLogged = () => api.emu.requests().at(-1);

	it('answers 429 with Retry-After for the next N matching requests, then recovers', async () => {
		const r = await addFault({
			type: 'error',
			status: 429,
			retryAfter: 7,
			method: 'GET',
			path: FLOW,
			count: 2,
		});
		expect(r.status).toBe(201);
		for (let i = 0; i < 2; i++) {
			const limited = await api.fs.get(`/flows/${TUTORIAL_FLOW_ID}`);
			expect(limited.status).toBe(429);
			expect(limited.headers['retry-after']).toBe('7');
			expect(limited.data.error_code).toBe('429050');
		}
		expect((await api.fs.get(`/flows/${TUTORIAL_FLOW_ID}`)).status).toBe(200);
		expect((await api.http.get('/__emulator/faults')).data.items).toEqual([]);
	});

	it.each([
		[500, '1102-500', 'Internal Error'],
		[503, '1103-503', 'Service Unavailable'],
		[504, '1104-504', 'Gateway Timeout'],
	])("answers %i with Adobe's retryable code %s", async (status, code, title) => {
		await addFault({ type: 'error', status, path: '/data/**' });
		const body = expectFlowError(await api.fs.get('/flows'), code);
		expect(body.title).toBe(title);
		expect((await api.fs.get('/flows?limit=1')).status).toBe(200);
	});

	it('matches on method and path pattern only', async () => {
		await addFault({
			type: 'error',
			status: 503,
			method: 'PATCH',
			path: '/data/foundation/flowservice/flows/*',
		});
		expect((await api.fs.get(`/flows/${TUTORIAL_FLOW_ID}`)).status).toBe(200);
		expect((await api.fs.post(`/flows/${TUTORIAL_FLOW_ID}/action?op=disable`)).status).toBe(200);
		const flow = await getFlow(api, TUTORIAL_FLOW_ID);
		expect((await patch(api, TUTORIAL_FLOW_ID, flow.etag, RENAME)).status).toBe(503);
		expect((await patch(api, TUTORIAL_FLOW_ID, flow.etag, RENAME)).status).toBe(200);
	});

	it('resets the connection', async () => {
		await addFault({ type: 'reset', path: FLOW });
		await expect(api.fs.get(`/flows/${TUTORIAL_FLOW_ID}`)).rejects.toMatchObject({
			code: expect.stringMatching(/ECONNRESET|ERR_BAD_RESPONSE|ECONNABORTED/),
		});
		expect(lastLogged()).toMatchObject({ status: 0, faults: ['reset'] });
		expect((await api.fs.get(`/flows/${TUTORIAL_FLOW_ID}`)).status).toBe(200);
	});

	it('can fail the response after the write happened (the ambiguous timeout)', async () => {
		await addFault({ type: 'error', status: 504, method: 'PATCH', after: true });
		const r = await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, RENAME);
		expectFlowError(r, '1104-504');
		const flow = await getFlow(api, TUTORIAL_FLOW_ID);
		expect(flow.name).toBe('renamed');
		expect(flow.etag).not.toBe(TUTORIAL_FLOW_ETAG);
	});

	it('can reset the connection after the write happened', async () => {
		await addFault({ type: 'reset', method: 'PATCH', after: true });
		await expect(patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, RENAME)).rejects.toBeDefined();
		expect((await getFlow(api, TUTORIAL_FLOW_ID)).name).toBe('renamed');
	});

	it('simulates another writer: the PATCH meets a stale etag', async () => {
		const flow = await getFlow(api, TUTORIAL_FLOW_ID);
		await addFault({ type: 'concurrentWrite', method: 'PATCH', path: FLOW });
		const r = await patch(api, TUTORIAL_FLOW_ID, flow.etag, RENAME);
		const body = expectFlowError(r, '1404-412');
		const current = await getFlow(api, TUTORIAL_FLOW_ID);
		expect(current.etag).not.toBe(flow.etag);
		expect(body.errorMessage).toContain(current.etag);
		expect(current.name).toBe(flow.name);
		// Re-reading and retrying succeeds: the fault was used up.
		expect((await patch(api, TUTORIAL_FLOW_ID, current.etag, RENAME)).status).toBe(200);
	});

	it('expires tokens when the matching request arrives', async () => {
		await addFault({ type: 'expireTokens', path: FLOW });
		const r = await api.fs.get(`/flows/${TUTORIAL_FLOW_ID}`);
		expect(r.status).toBe(401);
		expect(r.data.error_code).toBe('401013');
		await api.refreshToken();
		expect((await api.fs.get(`/flows/${TUTORIAL_FLOW_ID}`)).status).toBe(200);
	});

	it('applies to the IMS endpoint too', async () => {
		await addFault({ type: 'error', status: 503, path: '/ims/token/v3' });
		await expect(api.refreshToken()).rejects.toThrow(/503/);
		await api.refreshToken();
	});

	it('adds latency per fault and globally, and records it', async () => {
		await addFault({ type: 'latency', latencyMs: 30, path: FLOW });
		expect((await api.fs.get(`/flows/${TUTORIAL_FLOW_ID}`)).status).toBe(200);
		expect(lastLogged()?.faults).toEqual(['latency']);

		const config = await api.http.post('/__emulator/config', { latencyMs: 5 });
		expect(config.data.latencyMs).toBe(5);
		expect(api.emu.config.latencyMs).toBe(5);
		expect((await api.fs.get('/flows?limit=1')).status).toBe(200);
		api.emu.config.latencyMs = 0;
	});

	it('validates fault specs', async () => {
		expect((await addFault({ type: 'explode' })).status).toBe(400);
		expect((await addFault({ type: 'error', status: 418 })).status).toBe(400);
		expect((await addFault({ type: 'latency' })).status).toBe(400);
		expect((await addFault({ type: 'reset', path: 'flows' })).status).toBe(400);
		expect((await addFault({ type: 'reset', count: 0 })).status).toBe(400);
		expect(() => api.emu.injectFault({ type: 'error', status: 400 })).toThrow(/invalid fault/);
	});

	it('accepts several faults at once and clears them', async () => {
		const r = await api.http.post('/__emulator/faults', [
			{ type: 'error', status: 500, path: '/nothing/**' },
			{ type: 'latency', latencyMs: 1, count: 3 },
		]);
		expect(r.data.items).toHaveLength(2);
		expect((await api.http.get('/__emulator/faults')).data.items).toHaveLength(2);
		await api.http.delete('/__emulator/faults');
		expect((await api.http.get('/__emulator/faults')).data.items).toEqual([]);
	});

	it('works through the in-process API', async () => {
		api.emu.injectFault({
			type: 'error',
			status: 500,
			method: 'get',
			path: '/data/foundation/flowservice/runs',
		});
		expect((await api.fs.get('/runs')).status).toBe(500);
		api.emu.injectFault({ type: 'error', status: 500 });
		api.emu.clearFaults();
		expect((await api.fs.get('/runs?limit=1')).status).toBe(200);
	});
});
