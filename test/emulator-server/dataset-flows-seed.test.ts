import {
	DATASET_FLOW_IDS,
	DATASET_IDS,
	DATASET_NAMES,
	DATASET_RUN_COUNT,
	LEGACY_DATASET_FLOW_END,
	PROD_DATASET_FLOW_COUNT,
	REPLACED_DATASET_SOURCE_ID,
	SANDBOX_DEV,
} from '../../emulator';
import { problems, schema } from './openapi';
import { getFlow, useApi } from './support';

const DAY_S = 86_400;
const DATASET_EXPORTS =
	'/flows?property=inheritedAttributes.targetConnections[].data.outputType==DATASET_EXPORT';

describe('seeded dataset exports and their runs', () => {
	const api = useApi();
	beforeAll(() => api.emu.reset());
	const H = 3_600_000;

	it('seeds dataset exports in prod, all listed by their target’s outputType and valid', async () => {
		const listed = (await api.fs.get(DATASET_EXPORTS)).data.items as Array<Record<string, any>>;
		expect(listed.map((f) => f.id).sort()).toEqual(Object.values(DATASET_FLOW_IDS).sort());
		expect(listed).toHaveLength(PROD_DATASET_FLOW_COUNT);
		for (const flow of listed) {
			expect(problems(schema('BatchFlowItem'), flow)).toEqual([]);
			expect(flow.transformations).toEqual([]);
			const [source] = (await api.fs.get(`/sourceConnections/${flow.sourceConnectionIds[0]}`)).data
				.items;
			expect(problems(schema('SourceConnectionItem'), source)).toEqual([]);
			expect(source.params.datasets.length).toBeGreaterThan(0);
			const [target] = (await api.fs.get(`/targetConnections/${flow.targetConnectionIds[0]}`)).data
				.items;
			expect(problems(schema('TargetConnectionItem'), target)).toEqual([]);
			expect(target.params.datasetFileType).toMatch(/^(JSON|PARQUET)$/);
		}
		const dev = await api.fs.get(DATASET_EXPORTS, { headers: { 'x-sandbox-name': SANDBOX_DEV } });
		expect(dev.data.items).toEqual([]);
	});

	it('seeds ends: one in a few days, one past, two on the older default, a one-time export without', async () => {
		const now = Date.now() / 1000;
		const end = async (id: string) => (await getFlow(api, id)).scheduleParams.endTime;
		const soon = await end(DATASET_FLOW_IDS.endingSoon);
		expect(soon).toBeGreaterThan(now);
		expect(soon).toBeLessThan(now + 4 * DAY_S);
		expect(await end(DATASET_FLOW_IDS.ended)).toBeLessThan(now - 19 * DAY_S);
		expect(await end(DATASET_FLOW_IDS.legacyDaily)).toBe(LEGACY_DATASET_FLOW_END);
		expect(await end(DATASET_FLOW_IDS.legacyEveryThreeHours)).toBe(LEGACY_DATASET_FLOW_END);
		expect(new Date(LEGACY_DATASET_FLOW_END * 1000).toISOString()).toBe('2025-09-01T00:00:00.000Z');
		expect(await end(DATASET_FLOW_IDS.oneTime)).toBeUndefined();
		const six = await getFlow(api, DATASET_FLOW_IDS.everySixHours);
		expect(six.scheduleParams.endTime).toBeGreaterThan(now + 100 * DAY_S);
	});

	it('keeps the source connection a seeded flow replaced, used by no dataflow', async () => {
		const flow = await getFlow(api, DATASET_FLOW_IDS.everySixHours);
		expect(flow.lastOperation).toMatchObject({
			operation: 'update',
			ops: [{ op: 'replace', path: '/sourceConnectionIds', value: flow.sourceConnectionIds }],
		});
		const [old] = (await api.fs.get(`/sourceConnections/${REPLACED_DATASET_SOURCE_ID}`)).data.items;
		expect(old.params.datasets).toEqual([
			{ dataSetId: DATASET_IDS.prod.loyaltyMembers, name: DATASET_NAMES.loyaltyMembers },
		]);
		const using = await api.fs.get(
			`/flows?property=sourceConnectionIds[]==${REPLACED_DATASET_SOURCE_ID}&count=true`,
		);
		expect(using.data.count).toBe(0);
	});

	it('records runs at the schedule’s due times, with per-dataset record counts', async () => {
		let total = 0;
		for (const id of Object.values(DATASET_FLOW_IDS))
			total += (await api.fs.get(`/runs?property=flowId==${id}&count=true`)).data.count;
		expect(total).toBe(DATASET_RUN_COUNT);

		const flow = await getFlow(api, DATASET_FLOW_IDS.everySixHours);
		const runs = (await api.fs.get(`/runs?property=flowId==${flow.id}&orderby=-createdAt`)).data
			.items as Array<Record<string, any>>;
		expect(runs).toHaveLength(3);
		const step = 6 * H;
		for (const run of runs) {
			expect(problems(schema('Flow_Run'), run)).toEqual([]);
			// A client finds each run's due time from the schedule: startTime + k × interval.
			expect((run.createdAt - flow.scheduleParams.startTime * 1000) % step).toBe(0);
			expect(run.metrics.durationSummary.startedAtUTC).toBeGreaterThanOrEqual(run.createdAt);
			expect(run).toMatchObject({
				createdBy: 'aep_activation_batch@AdobeID',
				metrics: { statusSummary: { status: 'Success' } },
			});
			const summary = run.metrics.recordSummary;
			expect(summary.sourceSummaries[0].id).toBe(flow.sourceConnectionIds[0]);
			expect(summary.sourceSummaries[0].entitySummaries.map((e: { id: string }) => e.id)).toEqual([
				`dataset:${DATASET_IDS.prod.loyaltyMembers}`,
				`dataset:${DATASET_IDS.prod.webEvents}`,
			]);
			expect(summary.outputRecordCount).toBe(summary.inputRecordCount);
		}
		expect(runs[0].createdAt - runs[1].createdAt).toBe(step);
		expect(Date.now() - runs[0].createdAt).toBeLessThan(step + H + 60_000);
		expect(flow.lastRunDetails).toMatchObject({ id: runs[0].id, state: 'success' });
		const byDataset = await api.fs.get(
			`/runs?property=metrics.recordSummary.sourceSummaries[].entitySummaries[].id==dataset:${DATASET_IDS.prod.purchaseEvents}&count=true`,
		);
		expect(byDataset.data.count).toBe(2);
	});
});
