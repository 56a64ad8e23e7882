import {
	DISABLED_FLOW_ID,
	SHARED_AUDIENCE_ID,
	TUTORIAL_FLOW_ID,
	bulkFlowId,
} from '../../emulator/fixtures/ids';
import { NODE_NAME, outputJson } from '../workflow-mocked/setup';
import {
	SHARED_FLOW_IDS,
	audienceListing,
	queryOf,
	runAudience,
	sentPatches,
} from './audienceResource';
import { storedAudienceIds, storedSelectors, useEmulator } from './setup';

const emulator = useEmulator({ slowWorkflows: true });

const removeFromAll = (more: Record<string, unknown> = {}, continueOnFail = false) =>
	runAudience(emulator.current, 'removeFromAll', SHARED_AUDIENCE_ID, more, { continueOnFail });

/** Each dataflow's etag and audience list before the run. */
function seeded(flowIds: string[]) {
	return new Map(
		flowIds.map((id) => [
			id,
			{
				etag: emulator.current.getFlow(id)!.etag as string,
				ids: storedAudienceIds(emulator.current, id),
				names: storedSelectors(emulator.current, id).map((s) => s.value.name),
			},
		]),
	);
}

/** The one removal Remove Audiences' planner sends for the audience at `index`. */
const removal = (index: number) => [
	{
		op: 'remove',
		path: `/transformations/0/params/segmentSelectors/selectors/${index}`,
		value: { type: 'PLATFORM_SEGMENT', value: { id: SHARED_AUDIENCE_ID } },
	},
];

const exporters = () =>
	SHARED_FLOW_IDS.filter((id) =>
		storedAudienceIds(emulator.current, id).includes(SHARED_AUDIENCE_ID),
	);

describe('Audience › Remove From All Dataflows on the emulator', () => {
	it('lists once, then sends one PATCH per dataflow with its etag, leaving every other audience', async () => {
		const before = seeded(SHARED_FLOW_IDS);

		const result = await removeFromAll();

		expect(result.status).toBe('success');
		const requests = emulator.current.requests();
		expect(queryOf(requests[0].path)).toEqual(audienceListing(SHARED_AUDIENCE_ID));
		// Planned on the dataflows as listed: no read of its own before each PATCH.
		expect(requests.slice(1).map((r) => r.method)).toEqual(SHARED_FLOW_IDS.map(() => 'PATCH'));
		const patches = sentPatches(emulator.current);
		expect(new Set(patches.map((p) => p.flowId))).toEqual(new Set(SHARED_FLOW_IDS));
		for (const patch of patches) {
			const { etag, ids } = before.get(patch.flowId)!;
			expect(patch).toEqual({
				flowId: patch.flowId,
				ifMatch: etag,
				body: removal(ids.indexOf(SHARED_AUDIENCE_ID)),
				status: 200,
			});
			expect(storedAudienceIds(emulator.current, patch.flowId)).toEqual(
				ids.filter((id) => id !== SHARED_AUDIENCE_ID),
			);
		}
		expect(exporters()).toEqual([]);

		const reports = outputJson(result);
		expect(reports).toHaveLength(SHARED_FLOW_IDS.length);
		expect(result.output(NODE_NAME).map((item) => item.pairedItem)).toEqual(
			reports.map(() => ({ item: 0 })),
		);
		const bulk2 = reports.find((report) => report.flowId === bulkFlowId(2))!;
		expect(bulk2).toMatchObject({
			summary: 'Bulk Azure Blob export 002: Removed 1 audience (Bulk audience 002-0)',
			changed: true,
			removed: [{ id: SHARED_AUDIENCE_ID, name: 'Bulk audience 002-0' }],
			added: [],
			skipped: [],
			audienceId: SHARED_AUDIENCE_ID,
			dataflowName: 'Bulk Azure Blob export 002',
			state: 'enabled',
		});
		expect(Object.keys(bulk2).slice(0, 2)).toEqual(['summary', 'changed']);
	});

	it('a second run finds nothing left and says so, sending nothing but the listing', async () => {
		await removeFromAll();
		emulator.current.clearRequests();

		const result = await removeFromAll();

		expect(outputJson(result)).toEqual([
			{
				summary: `No change: no dataflow exports audience ${SHARED_AUDIENCE_ID}; nothing to remove`,
				changed: false,
				added: [],
				removed: [],
				updated: [],
				skipped: [],
				flowId: null,
				etag: undefined,
				operations: [],
				audienceId: SHARED_AUDIENCE_ID,
				dataflowCount: 0,
			},
		]);
		expect(emulator.current.requests().map((r) => r.method)).toEqual(['GET']);
	});

	it('Dry Run plans every dataflow on the listing and changes none', async () => {
		const result = await removeFromAll({ options: { dryRun: true } });

		const reports = outputJson(result);
		expect(reports).toHaveLength(SHARED_FLOW_IDS.length);
		for (const report of reports) {
			expect(report.summary).toMatch(/^.+: Would remove 1 audience \(.+\)$/);
			expect(report).toMatchObject({ changed: false, dryRun: true });
		}
		expect(emulator.current.requests().map((r) => r.method)).toEqual(['GET']);
		expect(exporters()).toEqual(SHARED_FLOW_IDS);
	});

	it('Dataflow Filter keeps only enabled dataflows of the names given, and warns of a name it does not find', async () => {
		const names = ['Bulk SFTP export 001', 'Bulk Amazon S3 export 004', 'No such dataflow'];

		const result = await removeFromAll({
			dataflowFilter: { enabledOnly: true, names: names.join('\n') },
		});

		// Bulk 4 is disabled: only bulk 1 changes.
		expect(sentPatches(emulator.current).map((p) => p.flowId)).toEqual([bulkFlowId(1)]);
		expect(exporters()).toEqual(SHARED_FLOW_IDS.filter((id) => id !== bulkFlowId(1)));
		expect(outputJson(result)).toEqual([
			expect.objectContaining({
				summary: 'Bulk SFTP export 001: Removed 1 audience (Bulk audience 001-0)',
				warnings: [`No dataflow named "No such dataflow" exports audience ${SHARED_AUDIENCE_ID}`],
			}),
		]);
	});

	it('Enabled Dataflows Only leaves the disabled dataflows', async () => {
		await removeFromAll({ dataflowFilter: { enabledOnly: true } });

		expect(exporters()).toEqual([DISABLED_FLOW_ID, bulkFlowId(4), bulkFlowId(8), bulkFlowId(12)]);
	});

	it('re-plans a dataflow another writer changed after the listing (412), removing the audience all the same', async () => {
		emulator.current.injectFault({
			type: 'concurrentWrite',
			method: 'PATCH',
			path: `/data/foundation/flowservice/flows/${bulkFlowId(3)}`,
		});

		const result = await removeFromAll();

		expect(result.status).toBe('success');
		const forFlow = emulator.current
			.requests()
			.filter((r) => r.path.includes(bulkFlowId(3)))
			.map((r) => `${r.method} ${r.status}`);
		expect(forFlow).toEqual(['PATCH 412', 'GET 200', 'PATCH 200']);
		expect(exporters()).toEqual([]);
		expect(outputJson(result).find((r) => r.flowId === bulkFlowId(3))).toMatchObject({
			changed: true,
			conflictRetries: 1,
		});
	});

	it('never removes twice when a PATCH answer is lost: reads back and reports it done', async () => {
		emulator.current.injectFault({
			type: 'error',
			status: 503,
			after: true,
			method: 'PATCH',
			path: `/data/foundation/flowservice/flows/${bulkFlowId(5)}`,
		});

		const result = await removeFromAll();

		expect(result.status).toBe('success');
		const patches = sentPatches(emulator.current).filter((p) => p.flowId === bulkFlowId(5));
		expect(patches.map((p) => p.status)).toEqual([503]);
		expect(storedAudienceIds(emulator.current, bulkFlowId(5))).not.toContain(SHARED_AUDIENCE_ID);
		expect(exporters()).toEqual([]);
		expect(outputJson(result).find((r) => r.flowId === bulkFlowId(5))).toMatchObject({
			changed: true,
			confirmedByRead: true,
			transientRetries: 1,
		});
	});

	it('with failures continuing, a dataflow that cannot be changed is one error item; the others are done', async () => {
		emulator.current.injectFault({
			type: 'error',
			status: 500,
			count: 5,
			method: 'PATCH',
			path: `/data/foundation/flowservice/flows/${bulkFlowId(7)}`,
		});

		const result = await removeFromAll({ options: { maxRetries: 0 } }, true);

		const reports = outputJson(result);
		expect(reports).toHaveLength(SHARED_FLOW_IDS.length);
		const failed = reports.filter((report) => 'error' in report);
		expect(failed).toEqual([
			expect.objectContaining({
				error: expect.stringContaining(`Dataflow ${bulkFlowId(7)} was not changed`),
			}),
		]);
		expect(exporters()).toEqual([bulkFlowId(7)]);
	});

	it('refuses bad input before any request, naming the field and the item', async () => {
		const notBoolean = await removeFromAll({ dataflowFilter: { enabledOnly: 'sometimes' } });
		expect(notBoolean.error?.message).toMatch(
			/^Dataflow Filter › Enabled Dataflows Only: Must be true or false.* \(item 1\)$/,
		);
		const notNames = await removeFromAll({ dataflowFilter: { names: '={{ { a: 1 } }}' } });
		expect(notNames.error?.message).toMatch(
			/^Dataflow Filter › Dataflow Names: Dataflow Names must be a list or comma-separated text.* \(item 1\)$/,
		);
		expect(emulator.current.requests()).toEqual([]);
		expect(storedAudienceIds(emulator.current, TUTORIAL_FLOW_ID)).toHaveLength(4);
	});
});
