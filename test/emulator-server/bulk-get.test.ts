import type { AxiosInstance } from 'axios';
import { TUTORIAL_NEW_AUDIENCE_ID, TUTORIAL_NEW_AUDIENCE_NAME } from '../../emulator';
import { segmentationClient, useApi } from './support';

const UNKNOWN = '11111111-2222-4333-8444-555555555555';

describe('POST /data/core/ups/segment/definitions/bulk-get', () => {
	const api = useApi();
	let ups: AxiosInstance;
	beforeAll(() => {
		ups = segmentationClient(api, { 'content-type': 'application/json' });
	});
	const bulkGet = (body: unknown) => ups.post('/segment/definitions/bulk-get', body);

	it('answers 207 with results keyed by ID, each definition whole, as the guide shows', async () => {
		const whole = (await ups.get(`/audiences/${TUTORIAL_NEW_AUDIENCE_ID}`)).data;
		const r = await bulkGet({ ids: [{ id: TUTORIAL_NEW_AUDIENCE_ID }] });

		expect(r.status).toBe(207);
		expect(r.data).toEqual({ results: { [TUTORIAL_NEW_AUDIENCE_ID]: whole } });
		expect(r.data.results[TUTORIAL_NEW_AUDIENCE_ID].name).toBe(TUTORIAL_NEW_AUDIENCE_NAME);
	});

	it('leaves an unknown ID out of results (the guide does not say what Adobe does)', async () => {
		const r = await bulkGet({ ids: [{ id: UNKNOWN }, { id: TUTORIAL_NEW_AUDIENCE_ID }] });

		expect(r.status).toBe(207);
		expect(Object.keys(r.data.results)).toEqual([TUTORIAL_NEW_AUDIENCE_ID]);
	});

	it('refuses a body that is not {ids: [{id}]} with 400', async () => {
		const r = await bulkGet({ ids: [TUTORIAL_NEW_AUDIENCE_ID] });

		expect(r.status).toBe(400);
		expect(r.data.detail).toContain('{"ids": [{"id": "<segment definition ID>"}]}');
	});
});
