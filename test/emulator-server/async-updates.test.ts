import { TUTORIAL_FLOW_ETAG, TUTORIAL_FLOW_ID } from '../../emulator';
import { expectFlowError, getFlow, patch, useApi } from './support';

const RENAME = (name: string) => [{ op: 'replace', path: '/name', value: name }];

describe('asynchronous updates', () => {
	const api = useApi({ asyncUpdateMs: 60_000 });
	beforeEach(() => api.emu.reset());

	it('keeps the flow in progress after a PATCH and refuses writes until it completes', async () => {
		const first = await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, RENAME('one'));
		expect(first.status).toBe(200);

		const flow = await getFlow(api, TUTORIAL_FLOW_ID);
		expect(flow.etag).toBe(first.data.etag);
		expect(flow.name).toBe('one');
		expect(flow.lastOperation).toMatchObject({
			percentCompleted: 0,
			status: { value: 'inProgress' },
			operation: 'update',
		});

		expectFlowError(await patch(api, TUTORIAL_FLOW_ID, first.data.etag, RENAME('two')), '1420-400');
		expectFlowError(await api.fs.post(`/flows/${TUTORIAL_FLOW_ID}/action?op=disable`), '1421-400');
		expectFlowError(await api.fs.delete(`/flows/${TUTORIAL_FLOW_ID}`), '1416-400');
		// A stale etag is still a 412 first.
		expectFlowError(
			await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, RENAME('two')),
			'1404-412',
		);

		const done = await api.http.post('/__emulator/operations/complete');
		expect(done.data.completed).toBe(1);
		const settled = await getFlow(api, TUTORIAL_FLOW_ID);
		expect(settled.lastOperation).toMatchObject({
			percentCompleted: 100,
			status: { value: 'completed' },
		});
		// Completion does not rotate the etag: the one the PATCH answered stays usable.
		expect(settled.etag).toBe(first.data.etag);
		expect((await patch(api, TUTORIAL_FLOW_ID, first.data.etag, RENAME('two'))).status).toBe(200);
	});

	it('shows pending updates on the control surface', async () => {
		await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, RENAME('one'));
		const raw = await api.http.get(`/__emulator/flows/${TUTORIAL_FLOW_ID}`);
		expect(raw.data.pendingUntil).toBeGreaterThan(Date.now());
		expect((await api.http.get('/__emulator/health')).data.pendingUpdates).toBe(1);
		expect(api.emu.completePendingUpdates()).toBe(1);
		expect(
			(await api.http.get(`/__emulator/flows/${TUTORIAL_FLOW_ID}`)).data.pendingUntil,
		).toBeNull();
	});

	it('completes by itself once the time is up (0 ms: immediately)', async () => {
		api.emu.config.asyncUpdateMs = 0;
		const r = await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, RENAME('one'));
		expect((await getFlow(api, TUTORIAL_FLOW_ID)).lastOperation.status.value).toBe('completed');
		expect((await patch(api, TUTORIAL_FLOW_ID, r.data.etag, RENAME('two'))).status).toBe(200);
	});
});
