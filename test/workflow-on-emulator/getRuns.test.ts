import {
	DEV_FLOW_WITH_RUNS_ID,
	LOWERCASE_STATUS_FLOW_ID,
	STREAMING_FLOW_ID,
	TUTORIAL_FAILED_RUN_ID,
	TUTORIAL_FLOW_ID,
	TUTORIAL_RUN_IDS,
} from '../../emulator/fixtures/ids';
import { byId, outputJson, runNode } from '../workflow-mocked/setup';
import { tokenCredential, useEmulator } from './setup';

const emulator = useEmulator({ slowWorkflows: true });

function getRuns(flowId: string, parameters: Record<string, unknown> = {}, sandbox = 'prod') {
	return runNode(
		{ operation: 'getRuns', flowId: byId(flowId), ...parameters },
		{ credential: tokenCredential(emulator.current, sandbox) },
	);
}

const ids = (result: Awaited<ReturnType<typeof getRuns>>) =>
	outputJson(result).map((run) => run.id);

describe('Get Runs against the emulator', () => {
	it("lists a flow's runs newest first, as Adobe stores them", async () => {
		const result = await getRuns(TUTORIAL_FLOW_ID);

		expect(ids(result)).toEqual([...TUTORIAL_RUN_IDS]);
		expect(outputJson(result)[1]).toMatchObject({
			flowId: TUTORIAL_FLOW_ID,
			metrics: {
				statusSummary: { status: 'Failed', errors: [{ code: 'ACTIVATION_BATCH-0000-FAILED' }] },
			},
		});
	});

	it('filters by status, whatever the spelling Adobe stored, and by start time', async () => {
		expect(ids(await getRuns(TUTORIAL_FLOW_ID, { filters: { status: ['Failed'] } }))).toEqual([
			TUTORIAL_FAILED_RUN_ID,
		]);
		expect(
			outputJson(await getRuns(LOWERCASE_STATUS_FLOW_ID, { filters: { status: ['Failed'] } })).map(
				(run) => (run.metrics as { statusSummary: { status: string } }).statusSummary.status,
			),
		).toEqual(['failed']);
		expect(
			ids(await getRuns(STREAMING_FLOW_ID, { filters: { status: ['Processing', 'Waiting'] } })),
		).toHaveLength(2);
		const windowed = await getRuns(TUTORIAL_FLOW_ID, {
			filters: { startedAfter: '2021-12-25T02:00:00Z', startedBefore: '2021-12-26T12:00:00Z' },
		});
		expect(ids(windowed)).toEqual([TUTORIAL_FAILED_RUN_ID]);
	});

	it('Return All pages through every run; a limit stops early', async () => {
		for (let i = 0; i < 120; i++)
			emulator.current.addRun(TUTORIAL_FLOW_ID, {
				status: i % 3 === 0 ? 'Failed' : 'Success',
				createdAt: 1_700_000_000_000 + i * 60_000,
			});
		emulator.current.clearRequests();

		const all = await getRuns(TUTORIAL_FLOW_ID, { returnAll: true });
		expect(new Set(ids(all)).size).toBe(123);
		expect(
			emulator.current
				.requests()
				.map((r) => r.path.replace(/continuationToken=[^&]+/, 'continuationToken=…')),
		).toEqual([
			`/data/foundation/flowservice/runs?property=flowId%3D%3D${TUTORIAL_FLOW_ID}&limit=100`,
			`/data/foundation/flowservice/runs?continuationToken=…&property=flowId%3D%3D${TUTORIAL_FLOW_ID}&limit=100`,
		]);

		const failed = await getRuns(TUTORIAL_FLOW_ID, {
			returnAll: true,
			filters: { status: ['Failed'] },
		});
		expect(ids(failed)).toHaveLength(41);
		expect(ids(await getRuns(TUTORIAL_FLOW_ID, { limit: 7 }))).toHaveLength(7);
	});

	it("reads the credential's sandbox only", async () => {
		expect(ids(await getRuns(DEV_FLOW_WITH_RUNS_ID))).toEqual([]);
		expect(ids(await getRuns(DEV_FLOW_WITH_RUNS_ID, {}, 'dev'))).toHaveLength(2);
	});
});
