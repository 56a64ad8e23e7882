import { STREAMING_FLOW_ID, TUTORIAL_AUDIENCE_IDS, TUTORIAL_FLOW_ID } from '../../emulator';
import { getFlow, patch, useApi } from './support';

const ADHOC = '/data/core/activation/disflowprovider/adhocrun';
const ACCEPT = 'application/vnd.adobe.adhoc.activation+json; version=2';
const [A0] = TUTORIAL_AUDIENCE_IDS;

describe('POST /data/core/activation/disflowprovider/adhocrun', () => {
	const api = useApi();
	beforeEach(() => api.emu.reset());

	const post = (body: unknown, accept = ACCEPT) =>
		api.http.post(ADHOC, body, {
			headers: api.headers({ accept, 'content-type': 'application/json' }),
		});
	const code = (r: { data: { type?: string } }) => r.data.type?.split('/').pop();

	it("answers the guide's {order: [{segment, order, statusURL}]}, order being the dataflow, and the run goes Processing -> Success", async () => {
		api.emu.config.adhocRunMs = 3_600_000;
		const r = await post({ activationInfo: { [TUTORIAL_FLOW_ID]: [A0] } });

		expect(r.status).toBe(200);
		expect(Object.keys(r.data)).toEqual(['order']);
		const [entry] = r.data.order;
		expect(entry).toEqual({
			segment: A0,
			order: TUTORIAL_FLOW_ID,
			statusURL: expect.stringMatching(/\/data\/foundation\/flowservice\/runs\/[0-9a-f-]{36}$/),
		});
		const runPath = new URL(entry.statusURL).pathname.replace('/data/foundation/flowservice', '');
		const processing = await api.fs.get(runPath);
		expect(processing.data.items[0]).toMatchObject({
			flowId: TUTORIAL_FLOW_ID,
			metrics: { statusSummary: { status: 'Processing' } },
		});

		api.emu.config.adhocRunMs = 0;
		const done = await api.fs.get(runPath);
		expect(done.data.items[0].metrics.statusSummary.status).toBe('Success');
		expect(done.data.items[0].metrics.recordSummary.outputRecordCount).toBe(2480);
	});

	it.each([
		[
			'a wrong Accept header',
			{ activationInfo: { [TUTORIAL_FLOW_ID]: [A0] } },
			'application/json',
			406,
			'ADHOC-1001-406',
		],
		['no activationInfo', {}, ACCEPT, 400, 'ADHOC-1002-400'],
		[
			'an empty audience list',
			{ activationInfo: { [TUTORIAL_FLOW_ID]: [] } },
			ACCEPT,
			400,
			'ADHOC-1002-400',
		],
		[
			'81 audiences',
			{ activationInfo: { [TUTORIAL_FLOW_ID]: Array.from({ length: 81 }, (_, n) => `a${n}`) } },
			ACCEPT,
			400,
			'ADHOC-1003-400',
		],
		[
			'an unknown dataflow',
			{ activationInfo: { 'no-such-flow': [A0] } },
			ACCEPT,
			404,
			'FLOW-1439-404',
		],
		[
			'a streaming dataflow',
			{ activationInfo: { [STREAMING_FLOW_ID]: ['e80a8740-c91d-4354-9351-a761d60130e8'] } },
			ACCEPT,
			400,
			'ADHOC-1004-400',
		],
		[
			'an audience not on the dataflow',
			{ activationInfo: { [TUTORIAL_FLOW_ID]: ['x'] } },
			ACCEPT,
			400,
			'ADHOC-1006-400',
		],
	])('refuses %s', async (_case, body, accept, status, expected) => {
		const r = await post(body, accept);

		expect(r.status).toBe(status);
		expect(code(r)).toBe(expected);
		expect(r.data.report['request-id']).toEqual(expect.any(String));
	});

	it("words its refusals as the guide's error table does, naming every audience out of range", async () => {
		const bad = await post({ activationInfo: { [TUTORIAL_FLOW_ID]: ['x', 'y'] } });
		expect(bad.data.report['detailed-message']).toBe(
			'Segments x, y are not part of this dataflow or out of schedule range!',
		);

		api.emu.config.adhocRunMs = 3_600_000;
		const first = await post({ activationInfo: { [TUTORIAL_FLOW_ID]: [A0] } });
		const runId = first.data.order[0].statusURL.split('/').pop();
		const again = await post({ activationInfo: { [TUTORIAL_FLOW_ID]: [A0] } });
		expect(again.status).toBe(409);
		expect(code(again)).toBe('ADHOC-1007-409');
		expect(again.data.report['detailed-message']).toBe(
			`Run already going on for audience ${A0} for order ${TUTORIAL_FLOW_ID} with run id ${runId}`,
		);
	});

	it('refuses an audience whose schedule first activated it less than an hour ago (or not yet)', async () => {
		const flow = await getFlow(api, TUTORIAL_FLOW_ID);
		const selectors = flow.transformations[0].params.segmentSelectors.selectors;
		const index = selectors.findIndex((s: { value: { id: string } }) => s.value.id === A0);
		const schedule = `/transformations/0/params/segmentSelectors/selectors/${index}/value/schedule`;
		// Today at 23:00 UTC: its first export plus an hour is always still ahead today.
		const today = new Date().toISOString().slice(0, 10);
		const patched = await patch(api, TUTORIAL_FLOW_ID, flow.etag, [
			{ op: 'replace', path: `${schedule}/startDate`, value: today },
			{ op: 'add', path: `${schedule}/startTime`, value: '23:00' },
		]);
		expect(patched.status).toBe(200);

		const r = await post({ activationInfo: { [TUTORIAL_FLOW_ID]: [A0] } });

		expect(r.status).toBe(400);
		expect(code(r)).toBe('ADHOC-1008-400');
		expect(r.data.report['detailed-message']).toContain(
			`first activated by its schedule at ${today}T23:00:00.000Z`,
		);
	});

	it('creates nothing when it refuses: no run is added', async () => {
		const before = (await api.fs.get(`/runs?property=flowId==${TUTORIAL_FLOW_ID}`)).data.items
			.length;
		await post({ activationInfo: { [TUTORIAL_FLOW_ID]: [A0, 'x'] } });
		const after = (await api.fs.get(`/runs?property=flowId==${TUTORIAL_FLOW_ID}`)).data.items
			.length;

		expect(after).toBe(before);
	});
});
