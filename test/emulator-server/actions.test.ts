import * as emulator from '../../emulator';
import { ETAG_FORMAT, expectFlowError, getFlow, useApi } from './support';

describe('POST /flows/{id}/action and DELETE /flows/{id}', () => {
	const api = useApi();
	beforeEach(() => api.emu.reset());

	it('disables and enables a flow without a body, rotating the etag each time', async () => {
		const off = await api.fs.post(`/flows/${emulator.TUTORIAL_FLOW_ID}/action?op=disable`);
		expect(off.status).toBe(200);
		expect(off.data).toEqual({
			id: emulator.TUTORIAL_FLOW_ID,
			etag: expect.stringMatching(ETAG_FORMAT),
		});
		expect(off.data.etag).not.toBe(emulator.TUTORIAL_FLOW_ETAG);
		let flow = await getFlow(api, emulator.TUTORIAL_FLOW_ID);
		expect(flow.state).toBe('disabled');
		expect(flow.etag).toBe(off.data.etag);
		expect(flow.version).toBe(off.data.etag);
		expect(flow.lastOperation).toMatchObject({
			operation: 'disable',
			status: { value: 'completed' },
		});

		const on = await api.fs.post(`/flows/${emulator.TUTORIAL_FLOW_ID}/action?op=enable`);
		expect(on.status).toBe(200);
		expect(on.data.etag).not.toBe(off.data.etag);
		flow = await getFlow(api, emulator.TUTORIAL_FLOW_ID);
		expect(flow.state).toBe('enabled');
	});

	it('accepts the Sources spelling in upper case', async () => {
		expect((await api.fs.post(`/flows/${emulator.DISABLED_FLOW_ID}/action?op=ENABLE`)).status).toBe(
			200,
		);
		expect((await getFlow(api, emulator.DISABLED_FLOW_ID)).state).toBe('enabled');
	});

	it('refuses unknown actions and unknown flows', async () => {
		expectFlowError(
			await api.fs.post(`/flows/${emulator.TUTORIAL_FLOW_ID}/action?op=pause`),
			'1435-400',
		);
		expectFlowError(await api.fs.post(`/flows/${emulator.TUTORIAL_FLOW_ID}/action`), '1435-400');
		expectFlowError(await api.fs.post('/flows/nope/action?op=enable'), '1439-404');
		expectFlowError(
			await api.fs.post(`/flows/${emulator.DEV_FLOW_IDS[0]}/action?op=enable`),
			'1439-404',
		);
	});

	it('deletes with 202 and an empty body; the flow is then gone', async () => {
		const r = await api.fs.delete(`/flows/${emulator.TUTORIAL_FLOW_ID}`, { responseType: 'text' });
		expect(r.status).toBe(202);
		expect(r.data).toBe('');
		expect(r.headers['content-length']).toBe('0');
		expectFlowError(await api.fs.get(`/flows/${emulator.TUTORIAL_FLOW_ID}`), '1439-404');
		expectFlowError(await api.fs.delete(`/flows/${emulator.TUTORIAL_FLOW_ID}`), '1439-404');
		expect(
			(await api.fs.get(`/flows?property=id==${emulator.TUTORIAL_FLOW_ID}&count=true`)).data.count,
		).toBe(0);
	});

	it('deletes only in the sandbox that holds the flow', async () => {
		expectFlowError(await api.fs.delete(`/flows/${emulator.DEV_FLOW_IDS[1]}`), '1439-404');
		const r = await api.fs.delete(`/flows/${emulator.DEV_FLOW_IDS[1]}`, {
			headers: { 'x-sandbox-name': emulator.SANDBOX_DEV },
		});
		expect(r.status).toBe(202);
	});
});
