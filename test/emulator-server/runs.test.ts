import type { AxiosResponse } from 'axios';
import * as emulator from '../../emulator';
import { problems, schema } from './openapi';
import { expectFlowError, getFlow, useApi } from './support';

describe('GET /runs', () => {
	const api = useApi();
	beforeEach(() => api.emu.reset());

	const ids = (r: { data: { items: { id: string }[] } }) => r.data.items.map((x) => x.id);

	it('a seeded flow with runs carries its newest run as lastRunDetails, as Adobe’s flow examples do', async () => {
		const newest = (await api.fs.get(`/runs?property=flowId==${emulator.TUTORIAL_FLOW_ID}`)).data
			.items[0];
		const flow = await getFlow(api, emulator.TUTORIAL_FLOW_ID);
		expect(flow.lastRunDetails).toEqual({
			id: newest.id,
			state: newest.metrics.statusSummary.status.toLowerCase(),
			startedAtUTC: newest.metrics.durationSummary.startedAtUTC,
			completedAtUTC: newest.metrics.durationSummary.completedAtUTC,
		});
	});

	it('filters by flowId, newest first', async () => {
		const r = await api.fs.get(`/runs?property=flowId==${emulator.TUTORIAL_FLOW_ID}`);
		expect(r.status).toBe(200);
		expect(ids(r)).toEqual([...emulator.TUTORIAL_RUN_IDS]);
		const run = r.data.items[0];
		expect(run).toMatchObject({
			flowId: emulator.TUTORIAL_FLOW_ID,
			sandboxName: 'prod',
			metrics: {
				statusSummary: { status: 'Success' },
				durationSummary: { startedAtUTC: expect.any(Number) },
			},
		});
	});

	it('filters failures, matching either spelling of the status', async () => {
		const failed = await api.fs.get(
			`/runs?property=flowId==${emulator.TUTORIAL_FLOW_ID}&property=metrics.statusSummary.status==Failed`,
		);
		expect(ids(failed)).toEqual([emulator.TUTORIAL_FAILED_RUN_ID]);
		expect(failed.data.items[0].metrics.statusSummary.errors[0].code).toBe(
			'ACTIVATION_BATCH-0000-FAILED',
		);

		// The spec's own examples spell statuses in lower case.
		const lower = await api.fs.get(
			`/runs?property=flowId==${emulator.LOWERCASE_STATUS_FLOW_ID}&property=metrics.statusSummary.status==Failed`,
		);
		expect(
			lower.data.items.map(
				(x: { metrics: { statusSummary: { status: string } } }) => x.metrics.statusSummary.status,
			),
		).toEqual(['failed']);

		expect(
			(await api.fs.get('/runs?property=metrics.statusSummary.status==failed&count=true')).data
				.count,
		).toBe(emulator.PROD_FAILED_RUN_COUNT);
		const active = await api.fs.get(
			`/runs?property=flowId==${emulator.STREAMING_FLOW_ID}&property=metrics.statusSummary.status==Processing,Waiting`,
		);
		expect(active.data.items).toHaveLength(2);
	});

	it('pages through every prod run and counts them', async () => {
		expect((await api.fs.get('/runs?count=true')).data.count).toBe(emulator.PROD_RUN_COUNT);
		const all: string[] = [];
		let next: string | undefined = '/runs?limit=40';
		while (next) {
			const r: AxiosResponse = await api.fs.get(next);
			all.push(...ids(r));
			next = r.data._links.next?.href;
			if (next) expect(next).toMatch(/^\/runs\?continuationToken=/);
		}
		expect(new Set(all).size).toBe(emulator.PROD_RUN_COUNT);
		expect(
			(
				await api.fs.get(
					`/runs?property=flowId==${emulator.bulkFlowId(emulator.BULK_FLOWS_WITH_RUNS)}&count=true`,
				)
			).data.count,
		).toBe(2);
		expect(
			(
				await api.fs.get(
					`/runs?property=flowId==${emulator.bulkFlowId(emulator.BULK_FLOWS_WITH_RUNS + 1)}&count=true`,
				)
			).data.count,
		).toBe(0);
	});

	it('filters by time window and audience, as the sort-and-filter guide shows', async () => {
		const windowed = await api.fs.get(
			`/runs?property=flowId==${emulator.TUTORIAL_FLOW_ID}&property=metrics.durationSummary.startedAtUTC>1640400000000&property=metrics.durationSummary.startedAtUTC<1640500000000`,
		);
		expect(ids(windowed)).toEqual([emulator.TUTORIAL_FAILED_RUN_ID]);
		const bySegment = await api.fs.get(
			'/runs?property=metrics.recordSummary.sourceSummaries[].entitySummaries[].id==segment:f52a3785-2e7c-40a7-8137-9be99af7794e',
		);
		expect(ids(bySegment)).toEqual([emulator.TUTORIAL_FAILED_RUN_ID]);
	});

	it('keeps runs in their sandbox', async () => {
		expect(
			(await api.fs.get(`/runs?property=flowId==${emulator.DEV_FLOW_WITH_RUNS_ID}&count=true`)).data
				.count,
		).toBe(0);
		const dev = await api.fs.get('/runs?count=true', {
			headers: { 'x-sandbox-name': emulator.SANDBOX_DEV },
		});
		expect(dev.data.count).toBe(emulator.DEV_RUN_COUNT);
	});

	it('answers one run by id and 404 for others', async () => {
		const r = await api.fs.get(`/runs/${emulator.TUTORIAL_RUN_IDS[0]}`);
		expect(ids(r)).toEqual([emulator.TUTORIAL_RUN_IDS[0]]);
		expectFlowError(await api.fs.get('/runs/nope'), '1439-404');
	});

	it('records a new run through the control surface (for polling triggers)', async () => {
		const before = await getFlow(api, emulator.TUTORIAL_FLOW_ID);
		const created = await api.http.post(`/__emulator/flows/${emulator.TUTORIAL_FLOW_ID}/runs`, {
			status: 'Failed',
			errors: [{ code: 'X-1', message: 'boom' }],
		});
		expect(created.status).toBe(201);
		const r = await api.fs.get(
			`/runs?property=flowId==${emulator.TUTORIAL_FLOW_ID}&property=metrics.statusSummary.status==Failed&orderby=-createdAt`,
		);
		expect(ids(r)[0]).toBe(created.data.id);
		expect(r.data.items[0].metrics.statusSummary.errors).toEqual([
			{ code: 'X-1', message: 'boom' },
		]);
		const after = await getFlow(api, emulator.TUTORIAL_FLOW_ID);
		expect(after.lastRunDetails).toMatchObject({ id: created.data.id, state: 'failed' });
		// A run is its own entity: the flow's etag does not move.
		expect(after.etag).toBe(before.etag);

		const inProcess = api.emu.addRun(emulator.TUTORIAL_FLOW_ID, { status: 'Processing' });
		expect(inProcess?.metrics).toMatchObject({ statusSummary: { status: 'Processing' } });
		expect((await api.http.post('/__emulator/flows/nope/runs', {})).status).toBe(404);
	});

	it('seeds a run with more than 1 % of its profiles skipped, in the shape of Adobe’s run example', async () => {
		const r = await api.fs.get(`/runs/${emulator.SKIPPED_PROFILES_RUN_ID}`);
		const [run] = r.data.items;
		expect(problems(schema('Flow_Run'), run)).toEqual([]);
		const { received, skipped, activated } = emulator.SKIPPED_PROFILES_RUN;
		expect(skipped / received).toBeGreaterThan(0.01);
		const target = (await getFlow(api, emulator.PROFILE_MAPPING_FLOW_ID)).targetConnectionIds[0];
		const segment = `segment:${emulator.PROFILE_MAPPING_AUDIENCE_ID}`;
		expect(run).toMatchObject({
			flowId: emulator.PROFILE_MAPPING_FLOW_ID,
			metrics: {
				statusSummary: { status: 'Success' },
				recordSummary: {
					inputRecordCount: received,
					outputRecordCount: activated,
					createdRecordCount: activated,
					skippedRecordCount: skipped,
					sourceSummaries: [
						{
							entitySummaries: [
								{ id: segment, inputRecordCount: received, skippedRecordCount: skipped },
							],
						},
					],
					targetSummaries: [
						{ id: target, entitySummaries: [{ id: segment, outputRecordCount: activated }] },
					],
					skippedInfo: [{ code: 'ACTIVATION_BATCH-0000-SKIP', count: skipped }],
				},
			},
		});
		// Runs with many skipped profiles can be listed by count.
		const many = await api.fs.get('/runs?property=metrics.recordSummary.skippedRecordCount>1000');
		expect(ids(many)).toContain(emulator.SKIPPED_PROFILES_RUN_ID);
	});

	it('records runs with given received, skipped and activated counts, and when they were due', async () => {
		const due = Date.UTC(2024, 0, 2, 6);
		const run = api.emu.addRun(emulator.TUTORIAL_FLOW_ID, {
			received: 1000,
			skipped: 25,
			audienceId: emulator.TUTORIAL_AUDIENCE_IDS[0],
			scheduledFor: due,
		})!;
		expect(problems(schema('Flow_Run'), run)).toEqual([]);
		expect(run.createdAt).toBe(due);
		expect(run.metrics).toMatchObject({
			durationSummary: { startedAtUTC: due + 1500 },
			recordSummary: { inputRecordCount: 1000, skippedRecordCount: 25, outputRecordCount: 975 },
		});
		const late = api.emu.addRun(emulator.TUTORIAL_FLOW_ID, {
			activated: 900,
			skipped: 100,
			failed: 5,
			scheduledFor: due,
			startedAt: due + 45 * 60_000,
		})!;
		expect(late.metrics).toMatchObject({
			durationSummary: { startedAtUTC: due + 45 * 60_000 },
			recordSummary: {
				inputRecordCount: 1005,
				outputRecordCount: 900,
				skippedRecordCount: 100,
				failedRecordCount: 5,
			},
		});
		const none = api.emu.addRun(emulator.TUTORIAL_FLOW_ID, { received: 300 })!;
		expect(none.metrics).toMatchObject({
			recordSummary: { skippedRecordCount: 0, outputRecordCount: 300 },
		});
		expect((none.metrics as any).recordSummary.skippedInfo).toBeUndefined();

		const viaControl = await api.http.post(`/__emulator/flows/${emulator.TUTORIAL_FLOW_ID}/runs`, {
			received: 200,
			skipped: 3,
		});
		expect(viaControl.status).toBe(201);
		expect(viaControl.data.metrics.recordSummary).toMatchObject({
			inputRecordCount: 200,
			skippedRecordCount: 3,
		});
		for (const bad of [
			{ received: -1 },
			{ skipped: 1.5 },
			{ received: 10, skipped: 8, failed: 5 },
		]) {
			const refused = await api.http.post(
				`/__emulator/flows/${emulator.TUTORIAL_FLOW_ID}/runs`,
				bad,
			);
			expect(refused.status).toBe(400);
			expect(() => api.emu.addRun(emulator.TUTORIAL_FLOW_ID, bad)).toThrow(
				/run counts|whole number|exceed/,
			);
		}
	});

	it('orders runs by orderby and refuses unknown fields', async () => {
		const asc = await api.fs.get(
			`/runs?property=flowId==${emulator.TUTORIAL_FLOW_ID}&orderby=createdAt`,
		);
		expect(ids(asc)).toEqual([...emulator.TUTORIAL_RUN_IDS].reverse());
		expectFlowError(await api.fs.get('/runs?orderby=metrics'), '1433-400');
	});
});
