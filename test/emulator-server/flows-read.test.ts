import * as emulator from '../../emulator';
import { expectFlowError, getFlow, useApi } from './support';

describe('GET /flows/{id} and sandboxes', () => {
	const api = useApi();

	it('wraps one flow in items[], as the tutorial shows', async () => {
		const r = await api.fs.get(`/flows/${emulator.TUTORIAL_FLOW_ID}`);
		expect(r.status).toBe(200);
		expect(Object.keys(r.data)).toEqual(['items']);
		const flow = r.data.items[0];
		expect(flow.etag).toBe(emulator.TUTORIAL_FLOW_ETAG);
		expect(flow.version).toBe(emulator.TUTORIAL_FLOW_ETAG);
		expect(flow.name).toBe(emulator.TUTORIAL_FLOW_NAME);
		const params = flow.transformations[0].params;
		expect(
			params.segmentSelectors.selectors.map((s: { value: { id: string } }) => s.value.id),
		).toEqual([...emulator.TUTORIAL_AUDIENCE_IDS]);
		expect(
			params.profileSelectors.selectors.map((s: { value: { path: string } }) => s.value.path),
		).toEqual([...emulator.TUTORIAL_ATTRIBUTE_PATHS]);
		expect(params.profileSelectors.primaryFields).toEqual([
			{ identityNamespace: 'Email', fieldType: 'IDENTITY' },
		]);
	});

	it('seeds the other fixture shapes', async () => {
		const db = await getFlow(api, emulator.DATABASE_FLOW_ID);
		expect(db.etag).toBe(emulator.DATABASE_FLOW_ETAG);
		expect(db.scheduleParams).toBeDefined();
		expect(db.transformations[0].name).toBe('Mapping');

		const streaming = await getFlow(api, emulator.STREAMING_FLOW_ID);
		expect(streaming.transformations[0].params.profileSelectors).toBeUndefined();
		for (const s of streaming.transformations[0].params.segmentSelectors.selectors)
			expect(Object.keys(s.value)).toEqual(['id']);

		const v2 = await getFlow(api, emulator.PROFILE_MAPPING_FLOW_ID);
		expect(v2.transformations[0].params).toMatchObject({
			profileMapping: { mappingId: expect.any(String), mappingVersion: 0 },
			mandatoryFields: ['ECID'],
		});

		const sources = await getFlow(api, emulator.SOURCES_MAPPING_FLOW_ID);
		expect(sources.transformations.map((t: { name: string }) => t.name)).toEqual([
			'Copy',
			'Mapping',
		]);
	});

	it("answers Flow Service's 404 for an unknown id", async () => {
		const body = expectFlowError(
			await api.fs.get('/flows/ca5c6e9a-8559-4a08-97a5-f15b756da600-'),
			'1439-404',
		);
		expect(body).toMatchObject({
			title: 'Resource not found',
			report: { id: 'ca5c6e9a-8559-4a08-97a5-f15b756da600-', type: 'flows' },
			errorMessage:
				'The requested flows resource ca5c6e9a-8559-4a08-97a5-f15b756da600- is not found. Verify the resource ID before trying again.',
		});
	});

	it('isolates sandboxes: a dev flow is a 404 in prod and the reverse', async () => {
		expectFlowError(await api.fs.get(`/flows/${emulator.DEV_FLOW_IDS[0]}`), '1439-404');
		const dev = await api.fs.get(`/flows/${emulator.DEV_FLOW_IDS[0]}`, {
			headers: { 'x-sandbox-name': emulator.SANDBOX_DEV },
		});
		expect(dev.status).toBe(200);
		expect(dev.data.items[0].sandboxName).toBe(emulator.SANDBOX_DEV);
		expectFlowError(
			await api.fs.get(`/flows/${emulator.TUTORIAL_FLOW_ID}`, {
				headers: { 'x-sandbox-name': emulator.SANDBOX_DEV },
			}),
			'1439-404',
		);

		// Same name in both sandboxes: each listing sees its own.
		const name = `?property=name==${encodeURIComponent(emulator.TUTORIAL_FLOW_NAME)}`;
		const inProd = await api.fs.get(`/flows${name}`);
		const inDev = await api.fs.get(`/flows${name}`, {
			headers: { 'x-sandbox-name': emulator.SANDBOX_DEV },
		});
		expect(inProd.data.items.map((f: { id: string }) => f.id)).toEqual([emulator.TUTORIAL_FLOW_ID]);
		expect(inDev.data.items.map((f: { id: string }) => f.id)).toEqual([emulator.DEV_FLOW_IDS[0]]);
	});
});
