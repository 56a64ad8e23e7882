import {
	DATABASE_FLOW_ETAG,
	DATABASE_FLOW_ID,
	DEV_FLOW_IDS,
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_FLOW_ETAG,
	TUTORIAL_FLOW_ID,
	TUTORIAL_NEW_AUDIENCE_ID,
} from '../../emulator';
import { ETAG_FORMAT, expectFlowError, getFlow, patch, useApi } from './support';

const SELECTORS = '/transformations/0/params/segmentSelectors/selectors';
const ATTRIBUTES = '/transformations/0/params/profileSelectors/selectors';

/** The tutorial's "Add a segment" request body. */
const ADD_SEGMENT = [
	{
		op: 'add',
		path: `${SELECTORS}/-`,
		value: {
			type: 'PLATFORM_SEGMENT',
			value: {
				id: TUTORIAL_NEW_AUDIENCE_ID,
				name: 'Winter 2021/2022 campaign',
				filenameTemplate:
					'%DESTINATION_NAME%_%SEGMENT_ID%_%SEGMENT_NAME%_%DATETIME(YYYYMMdd_HHmmss)%_custom-text',
				exportMode: 'DAILY_FULL_EXPORT',
				schedule: { startDate: '2022-01-05', frequency: 'ONCE', startTime: '16:00' },
			},
		},
	},
];

describe('PATCH /flows/{id}', () => {
	const api = useApi();
	beforeEach(() => api.emu.reset());

	it('applies the tutorial example, rotates the etag and answers {id, etag}', async () => {
		const before = Date.now();
		const r = await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, ADD_SEGMENT);
		expect(r.status).toBe(200);
		expect(r.data).toEqual({ id: TUTORIAL_FLOW_ID, etag: expect.stringMatching(ETAG_FORMAT) });
		expect(r.data.etag).not.toBe(TUTORIAL_FLOW_ETAG);

		const flow = await getFlow(api, TUTORIAL_FLOW_ID);
		expect(flow.etag).toBe(r.data.etag);
		expect(flow.version).toBe(flow.etag);
		expect(flow.updatedAt).toBeGreaterThanOrEqual(before);
		expect(flow.updatedClient).toBe('emulator-client-id');
		const selectors = flow.transformations[0].params.segmentSelectors.selectors;
		expect(selectors.map((s: { value: { id: string } }) => s.value.id)).toEqual([
			...TUTORIAL_AUDIENCE_IDS,
			TUTORIAL_NEW_AUDIENCE_ID,
		]);
		// New audiences get the system timestamps; untouched ones keep theirs.
		expect(selectors[4].value.createTime).toMatch(/^\d{10}$/);
		expect(selectors[4].value.updateTime).toBe(selectors[4].value.createTime);
		expect(selectors[0].value.updateTime).toBe('1640289901');
		expect(flow.lastOperation).toEqual({
			started: flow.updatedAt,
			updated: flow.updatedAt,
			percentCompleted: 100,
			status: { value: 'completed', properties: null, errors: [] },
			ops: ADD_SEGMENT,
			operation: 'update',
		});
	});

	it('rotates the etag on every change and accepts the new one byte for byte', async () => {
		let etag = TUTORIAL_FLOW_ETAG;
		const seen = new Set([etag]);
		for (let i = 0; i < 5; i++) {
			const r = await patch(api, TUTORIAL_FLOW_ID, etag, [
				{ op: 'replace', path: '/description', value: `change ${i}` },
			]);
			expect(r.status).toBe(200);
			expect(seen.has(r.data.etag)).toBe(false);
			seen.add(r.data.etag);
			etag = r.data.etag;
		}
		expect((await getFlow(api, TUTORIAL_FLOW_ID)).description).toBe('change 4');
	});

	it('keeps createTime and bumps updateTime when a whole selector is replaced', async () => {
		const flow = await getFlow(api, TUTORIAL_FLOW_ID);
		const value = { ...flow.transformations[0].params.segmentSelectors.selectors[1].value };
		delete value.createTime;
		delete value.updateTime;
		value.schedule = { ...value.schedule, endDate: '2022-01-31' };
		const r = await patch(api, TUTORIAL_FLOW_ID, flow.etag, [
			{ op: 'replace', path: `${SELECTORS}/1`, value: { type: 'PLATFORM_SEGMENT', value } },
		]);
		expect(r.status).toBe(200);
		const after = (await getFlow(api, TUTORIAL_FLOW_ID)).transformations[0].params.segmentSelectors
			.selectors[1].value;
		expect(after.createTime).toBe('1640289901');
		expect(Number(after.updateTime)).toBeGreaterThan(1640289901);
	});

	it('requires If-Match (1403-400)', async () => {
		const r = await patch(api, TUTORIAL_FLOW_ID, undefined, ADD_SEGMENT);
		expect(expectFlowError(r, '1403-400').errorMessage).toBe(
			"The header 'If-Match' is missing in the request. Please provide the header and try again.",
		);
	});

	it("answers 412 with Adobe's message for a stale etag", async () => {
		const r = await patch(api, TUTORIAL_FLOW_ID, DATABASE_FLOW_ETAG, ADD_SEGMENT);
		const body = expectFlowError(r, '1404-412');
		expect(body.errorMessage).toBe(
			`Supplied version=[${DATABASE_FLOW_ETAG}] does not match the current version on entity=[${TUTORIAL_FLOW_ETAG}]`,
		);
		expect(body.report.id).toBe(TUTORIAL_FLOW_ID);
		expect((await getFlow(api, TUTORIAL_FLOW_ID)).etag).toBe(TUTORIAL_FLOW_ETAG);
	});

	it('treats an etag without its quotes, or with doubled quotes, as a mismatch', async () => {
		const bare = TUTORIAL_FLOW_ETAG.slice(1, -1);
		expectFlowError(await patch(api, TUTORIAL_FLOW_ID, bare, ADD_SEGMENT), '1404-412');
		expectFlowError(
			await patch(api, TUTORIAL_FLOW_ID, `"${TUTORIAL_FLOW_ETAG}"`, ADD_SEGMENT),
			'1404-412',
		);
		expectFlowError(
			await patch(api, TUTORIAL_FLOW_ID, `W/${TUTORIAL_FLOW_ETAG}`, ADD_SEGMENT),
			'1404-412',
		);
	});

	it('requires a JSON content type', async () => {
		const r = await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, JSON.stringify(ADD_SEGMENT), {
			headers: { 'content-type': 'text/plain' },
		});
		expect(r.status).toBe(400);
		expect(r.data).toEqual({
			type: '/placeholder/type/uri',
			status: 400,
			title: 'BadRequestError',
			detail: 'A valid content-type must be specified',
		});
		const charset = await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, ADD_SEGMENT, {
			headers: { 'content-type': 'application/json; charset=utf-8' },
		});
		expect(charset.status).toBe(200);
	});

	it('requires an RFC 6902 array body', async () => {
		expectFlowError(
			await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, {
				op: 'replace',
				path: '/name',
				value: 'x',
			}),
			'1455-400',
		);
		expectFlowError(
			await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, '{not json'),
			'1455-400',
		);
		expectFlowError(await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, []), '1405-400');
		expectFlowError(await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, ''), '1405-400');
	});

	it('refuses move, copy and test (1434-400)', async () => {
		for (const op of [
			{ op: 'move', from: '/name', path: '/description' },
			{ op: 'copy', from: '/name', path: '/description' },
			{ op: 'test', path: '/name', value: '2021 winter campaign' },
		]) {
			const body = expectFlowError(
				await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, [op]),
				'1434-400',
			);
			expect(body.errorMessage).toBe(
				`Unsupported operation '${op.op}' received. Please use one of the supported operation types and try again.`,
			);
		}
	});

	it('refuses remove (and replace) at "/-", as RFC 6902 does', async () => {
		// The tutorial's "Remove a profile attribute" example.
		const r = await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, [
			{
				op: 'remove',
				path: `${ATTRIBUTES}/-`,
				value: { type: 'JSON_PATH', value: { path: 'mobilePhone.status', operator: 'EXISTS' } },
			},
		]);
		expect(expectFlowError(r, '1455-400').errorMessage).toContain(`${ATTRIBUTES}/-`);
		expectFlowError(
			await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, [
				{ op: 'replace', path: `${SELECTORS}/-`, value: {} },
			]),
			'1455-400',
		);
	});

	it('removes by index, in order, and requires the value the schema asks for', async () => {
		const r = await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, [
			{ op: 'remove', path: `${SELECTORS}/3`, value: { type: 'PLATFORM_SEGMENT', value: {} } },
			{ op: 'remove', path: `${SELECTORS}/0`, value: { type: 'PLATFORM_SEGMENT', value: {} } },
		]);
		expect(r.status).toBe(200);
		const ids = (
			await getFlow(api, TUTORIAL_FLOW_ID)
		).transformations[0].params.segmentSelectors.selectors.map(
			(s: { value: { id: string } }) => s.value.id,
		);
		expect(ids).toEqual([TUTORIAL_AUDIENCE_IDS[1], TUTORIAL_AUDIENCE_IDS[2]]);

		const noValue = await patch(api, TUTORIAL_FLOW_ID, r.data.etag, [
			{ op: 'remove', path: `${SELECTORS}/0` },
		]);
		expect(expectFlowError(noValue, '1455-400').errorMessage).toContain('Missing field "value"');
	});

	it('applies a patch atomically: a failing third operation leaves nothing changed', async () => {
		const r = await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, [
			{ op: 'replace', path: '/name', value: 'renamed' },
			{ op: 'replace', path: '/description', value: 'redescribed' },
			{ op: 'replace', path: '/transformations/0/params/doesNotExist/selectors/0', value: {} },
		]);
		const body = expectFlowError(r, '1455-400');
		expect(body.errorMessage).toContain('operation 2');
		expect(body.errorMessage).toContain('/transformations/0/params/doesNotExist/selectors/0');
		const flow = await getFlow(api, TUTORIAL_FLOW_ID);
		expect(flow.name).toBe('2021 winter campaign');
		expect(flow.description).toBe('ACME company holiday campaign for high fidelity customers');
		expect(flow.etag).toBe(TUTORIAL_FLOW_ETAG);
	});

	it('is atomic for business rules too: a valid first op is dropped with an invalid second', async () => {
		const r = await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, [
			{ op: 'replace', path: '/name', value: 'renamed' },
			{ op: 'replace', path: `${SELECTORS}/0/value/schedule/startTime`, value: '16:30' },
		]);
		expectFlowError(r, '1100-400');
		expect((await getFlow(api, TUTORIAL_FLOW_ID)).name).toBe('2021 winter campaign');
	});

	it('refuses out-of-range indexes and paths whose parent is missing', async () => {
		expectFlowError(
			await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, [
				{ op: 'remove', path: `${SELECTORS}/9`, value: {} },
			]),
			'1455-400',
		);
		expectFlowError(
			await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, [
				{ op: 'add', path: `${SELECTORS}/9`, value: {} },
			]),
			'1455-400',
		);
		expectFlowError(
			await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, [
				{ op: 'add', path: '/a/b/c', value: 1 },
			]),
			'1455-400',
		);
		expectFlowError(
			await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, [
				{ op: 'add', path: 'name', value: 1 },
			]),
			'1455-400',
		);
	});

	it('refuses fields the service manages', async () => {
		for (const path of ['/etag', '/id', '/state', '/lastOperation', '/sandboxName']) {
			const r = await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, [
				{ op: 'replace', path, value: 'x' },
			]);
			expect(expectFlowError(r, '1455-400').errorMessage).toContain(path);
		}
	});

	it('runs the tutorial\'s "Update dataflow" and "Update mapping" examples on the Database Dataflow', async () => {
		const first = await patch(api, DATABASE_FLOW_ID, DATABASE_FLOW_ETAG, [
			{ op: 'replace', path: '/scheduleParams/frequency', value: 'day' },
			{ op: 'replace', path: '/name', value: 'Database Dataflow Feb2021' },
			{ op: 'replace', path: '/description', value: 'Database dataflow for testing update API' },
		]);
		expect(first.status).toBe(200);
		const second = await patch(api, DATABASE_FLOW_ID, first.data.etag, [
			{
				op: 'replace',
				path: '/transformations/0',
				value: {
					name: 'Mapping',
					params: { mappingId: 'c5f22f04e09f44498e528901546a83b1', mappingVersion: 2 },
				},
			},
		]);
		expect(second.status).toBe(200);
		const flow = await getFlow(api, DATABASE_FLOW_ID);
		expect(flow.name).toBe('Database Dataflow Feb2021');
		expect(flow.scheduleParams.frequency).toBe('day');
		expect(flow.transformations[0].params).toEqual({
			mappingId: 'c5f22f04e09f44498e528901546a83b1',
			mappingVersion: 2,
		});
	});

	it("reproduces the tutorial's etag slip: its add-segment example sends the Database Dataflow etag", async () => {
		// The tutorial PATCHes flow 226fb2e1 with If-Match "1a0037e4...", which belongs to 2edc08ac.
		expectFlowError(
			await patch(api, TUTORIAL_FLOW_ID, DATABASE_FLOW_ETAG, ADD_SEGMENT),
			'1404-412',
		);
	});

	it('answers 404 for a flow in another sandbox and for an unknown id', async () => {
		const other = await patch(api, DEV_FLOW_IDS[0], '"whatever"', [
			{ op: 'replace', path: '/name', value: 'x' },
		]);
		expect(expectFlowError(other, '1439-404').report).toMatchObject({
			id: DEV_FLOW_IDS[0],
			type: 'flows',
		});
		expectFlowError(await patch(api, 'no-such-flow', '"x"', ADD_SEGMENT), '1439-404');
	});
});
