import {
	ACCOUNT_IDS,
	ACCOUNT_NAMES,
	CONNECTION_SPECS,
	DATASET_FLOW_IDS,
	DATASET_IDS,
	DATASET_NAMES,
} from '../../emulator/fixtures/ids';
import { sixMonthsAfter } from '../../emulator/schedule-params';
import {
	DATASET_CREATE,
	END,
	FOLDER_TEMPLATE,
	NAME,
	START,
	datasetCreateBodies,
	seconds,
} from './datasetCreateFields';
import { byId, outputJson, runNode } from '../workflow-mocked/setup';
import { calls, tokenCredential, useEmulator } from './setup';
import { sandboxState } from './sandbox';

const emulator = useEmulator({ slowWorkflows: true });
const { loyaltyMembers } = DATASET_IDS.prod;
const run = (parameters: Record<string, unknown>) =>
	runNode(parameters, { credential: tokenCredential(emulator.current) });
const writes = () => calls(emulator.current).filter((c) => !c.startsWith('GET'));
const bodyOf = (path: string) =>
	emulator.current.requests().find((r) => r.method === 'POST' && r.path.endsWith(path))?.body;

describe('Dataset Export › Create against the emulator', () => {
	it('creates a dataset export: a Data Lake source connection with the datasets, a target connection, the dataflow with its schedule', async () => {
		const result = await run(DATASET_CREATE);

		expect(result.status).toBe('success');
		const [output] = outputJson(result);
		expect(output.summary).toBe(
			`Created dataset export "${NAME}" on "${ACCOUNT_NAMES.marketingS3}": 2 datasets (${DATASET_NAMES.loyaltyMembers}, ${DATASET_NAMES.crmCustomers}) to Amazon S3 as PARQUET (GZIP), incremental, every 3 hours from ${START} until ${END}`,
		);
		expect(writes()).toEqual(['POST /sourceConnections', 'POST /targetConnections', 'POST /flows']);
		const bodies = datasetCreateBodies(NAME, output.connections as never);
		expect(bodyOf('/sourceConnections')).toEqual(bodies.source);
		expect(bodyOf('/targetConnections')).toEqual(bodies.target);
		expect(bodyOf('/flows')).toEqual(bodies.flow);
		const flow = emulator.current.getFlow(output.flowId as string)!;
		expect(flow).toMatchObject({ name: NAME, state: 'enabled' });
		expect(output).toMatchObject({ created: true, changed: true, etag: flow.etag });
		expect(output.warnings).toBeUndefined();
		const state = await sandboxState(emulator.current);
		expect(state.flowsNamed(NAME)).toHaveLength(1);
		expect(state.orphans).toEqual([]);
	});

	it('reads once, in order, then creates: account, destination, flow spec, exportable datasets, dataflows, leftovers', async () => {
		await run(DATASET_CREATE);

		const path = (call: string) => call.split('?')[0];
		expect(calls(emulator.current).map(path)).toEqual([
			`GET /connections/${ACCOUNT_IDS.prod.marketingS3}`,
			`GET /connectionSpecs/${CONNECTION_SPECS.amazonS3}`,
			'GET /flowSpecs',
			`GET /connectionSpecs/${CONNECTION_SPECS.dataLakeSource}/configs`,
			// The sandbox's destination dataflows fill two pages.
			'GET /flows',
			'GET /flows',
			'GET /sourceConnections',
			'GET /targetConnections',
			'POST /sourceConnections',
			'POST /targetConnections',
			'POST /flows',
			expect.stringMatching(/^GET \/flows\/[0-9a-f-]{36}$/),
		]);
	});

	it('the flow spec is looked up at run time: the Data Lake one to the destination', async () => {
		await run(DATASET_CREATE);

		expect(calls(emulator.current)).toContain(
			`GET /flowSpecs?property=sourceConnectionSpecIds%5B%5D%3D%3D${CONNECTION_SPECS.dataLakeSource}&property=targetConnectionSpecIds%5B%5D%3D%3D${CONNECTION_SPECS.amazonS3}&limit=100`,
		);
	});

	it('without End Time Adobe ends it six months after creation, and the output warns', async () => {
		const before = Date.now();
		const [output] = outputJson(await run({ ...DATASET_CREATE, scheduleEnd: '' }));

		const stored = emulator.current.getFlow(output.flowId as string)!.scheduleParams as {
			endTime: number;
		};
		expect((bodyOf('/flows') as { scheduleParams: object }).scheduleParams).not.toHaveProperty(
			'endTime',
		);
		expect(stored.endTime).toBeGreaterThanOrEqual(sixMonthsAfter(before) - 1);
		expect(output.warnings).toEqual([
			`No End Time was given: Adobe ends this export on ${new Date(stored.endTime * 1000).toISOString()}; extend it with Extend End Date, or watch it with the trigger's Export Ending Soon`,
		]);
	});

	it('a one-time full export: day, interval 0, no end', async () => {
		const [output] = outputJson(
			await run({ ...DATASET_CREATE, exportMode: 'DAILY_FULL_EXPORT', datasetIds: '' }),
		);

		expect((bodyOf('/flows') as { scheduleParams: object }).scheduleParams).toEqual({
			exportMode: 'DAILY_FULL_EXPORT',
			timeUnit: 'day',
			interval: 0,
			startTime: seconds(START),
			foldernameTemplate: FOLDER_TEMPLATE,
		});
		expect(output.summary).toMatch(/one full export at 2099-01-05T06:00:00.000Z$/);
	});

	it('Dry Run reads and lists every request, sending none', async () => {
		const [output] = outputJson(await run({ ...DATASET_CREATE, options: { dryRun: true } }));

		expect(writes()).toEqual([]);
		expect(
			(output.requests as Array<{ method: string; path: string }>).map(
				(r) => `${r.method} ${r.path}`,
			),
		).toEqual([
			'POST /sourceConnections',
			'POST /targetConnections',
			'POST /flows',
			'GET /flows/{flowId}',
			'POST /flows/{flowId}/action?op=enable',
		]);
		expect(output.summary).toMatch(/^Would create dataset export/);
	});

	it('a name taken fails the item naming If Dataflow Exists; Skip outputs the dataflow; nothing is sent', async () => {
		const taken = emulator.current.getFlow(DATASET_FLOW_IDS.everySixHours)!.name as string;

		const failed = await run({ ...DATASET_CREATE, dataflowName: taken });
		const skipped = await run({ ...DATASET_CREATE, dataflowName: taken, ifExists: 'skip' });

		expect(failed.error?.message).toContain(`A dataflow named "${taken}" already exists`);
		expect(failed.error?.message).toContain('set If Dataflow Exists to Skip or Use It');
		expect(outputJson(skipped)[0]).toMatchObject({
			changed: false,
			flowId: DATASET_FLOW_IDS.everySixHours,
		});
		expect(writes()).toEqual([]);
	});

	it('Use It brings the dataset export of that name to the datasets and schedule given', async () => {
		const taken = emulator.current.getFlow(DATASET_FLOW_IDS.everySixHours)!;

		const [output] = outputJson(
			await run({ ...DATASET_CREATE, dataflowName: taken.name, ifExists: 'useIt', datasetIds: '' }),
		);

		const flowPath = `/flows/${DATASET_FLOW_IDS.everySixHours}`;
		expect(writes()).toEqual(['POST /sourceConnections', `PATCH ${flowPath}`, `PATCH ${flowPath}`]);
		const after = emulator.current.getFlow(DATASET_FLOW_IDS.everySixHours)!;
		const source = emulator.current.getConnection((after.sourceConnectionIds as string[])[0])!
			.connection as unknown as { params: { datasets: Array<{ dataSetId: string }> } };
		expect(source.params.datasets.map((d) => d.dataSetId)).toEqual([loyaltyMembers]);
		expect(after.scheduleParams).toMatchObject({
			timeUnit: 'hour',
			interval: 3,
			startTime: seconds(START),
			endTime: seconds(END),
			foldernameTemplate: FOLDER_TEMPLATE,
		});
		expect(output).toMatchObject({ created: false, changed: true });
		expect(output.summary).toMatch(
			/^Dataflow ".*" exists: Removed 1 dataset\(s\) \(Web Events\) on dataflow ".*"; updated the schedule$/,
		);
	});

	it('Use It on a dataset export of another account changes datasets and schedule only, and warns', async () => {
		const taken = emulator.current.getFlow(DATASET_FLOW_IDS.everySixHours)!;

		const [output] = outputJson(
			await run({
				...DATASET_CREATE,
				dataflowName: taken.name,
				ifExists: 'useIt',
				accountId: byId(ACCOUNT_IDS.prod.landingZone),
				exportSettings: { folderPath: 'loyalty' },
				datasetIds: '',
			}),
		);

		expect(output.warnings).toEqual([
			`"${taken.name}" exports to destination account ${ACCOUNT_IDS.prod.marketingS3}, not to the one given (${ACCOUNT_IDS.prod.landingZone}); Use It changed its datasets and schedule only: its account and export location stay as they are`,
		]);
		expect(output.summary).toMatch(/; warning: it exports to another account$/);
		expect(writes().filter((w) => w.startsWith('POST /targetConnections'))).toEqual([]);
	});

	it('two items of one name make one dataflow; the second meets it as existing', async () => {
		const twice = (extra: Record<string, unknown>, node = {}) =>
			runNode(
				{ ...DATASET_CREATE, ...extra },
				{
					credential: tokenCredential(emulator.current),
					triggerItems: [{ json: {} }, { json: {} }],
					node,
				},
			);

		const skipped = outputJson(await twice({ ifExists: 'skip' }));
		const failed = outputJson(await twice({ dataflowName: `${NAME} 2` }, { continueOnFail: true }));

		expect(skipped[0].created).toBe(true);
		expect(skipped[1]).toMatchObject({ changed: false, flowId: skipped[0].flowId });
		expect(failed[0].created).toBe(true);
		expect(String(failed[1].error)).toContain('created by item 1 of this run');
		const state = await sandboxState(emulator.current);
		expect(state.flowsNamed(NAME)).toHaveLength(1);
		expect(state.flowsNamed(`${NAME} 2`)).toHaveLength(1);
	});

	it('an earlier attempt’s connections are reused when they fit', async () => {
		emulator.current.injectFault({
			type: 'error',
			status: 503,
			method: 'POST',
			path: '/data/foundation/flowservice/flows',
			count: 10,
		});
		emulator.current.injectFault({
			type: 'error',
			status: 503,
			method: 'DELETE',
			path: '/data/foundation/flowservice/**',
			count: 20,
		});
		expect((await run({ ...DATASET_CREATE, options: { retryInitialDelay: 0 } })).status).toBe(
			'error',
		);
		emulator.current.clearFaults();
		emulator.current.clearRequests();

		const [output] = outputJson(await run(DATASET_CREATE));

		expect(writes()).toEqual(['POST /flows']);
		expect((output.connections as { reused: string[] }).reused).toHaveLength(2);
		expect((await sandboxState(emulator.current)).orphans).toEqual([]);
	});

	it.each([
		[
			'a dataset the sandbox cannot export',
			{ datasetIds: 'aaaaaaaaaaaaaaaaaaaaaaaa' },
			/Dataset IDs.*aaaaaaaaaaaaaaaaaaaaaaaa is not among the 7 datasets/,
		],
		[
			'an unknown folder macro',
			{ folderNameTemplate: '%DATASET%/x' },
			/Folder Name Template.*unknown macro %DATASET%/,
		],
		[
			'no dataset',
			{ datasets: [], datasetIds: '' },
			/Dataset Names or IDs.*Pick at least one dataset/,
		],
		[
			'an end before the start',
			{ scheduleEnd: '2098-01-01T00:00:00Z' },
			/End Time.*must be after Start Time/,
		],
		[
			'the audiences’ CSV file type',
			{ datasetFileType: 'CSV' },
			/File Type.*Must be one of JSON, PARQUET/,
		],
		[
			'epoch milliseconds',
			{ scheduleStart: 4071110400000 },
			/Start Time.*looks like epoch milliseconds/,
		],
		[
			'a frequency Adobe does not have',
			{ exportFrequency: 'EVERY_2_HOURS' },
			/Frequency.*Must be one of DAILY/,
		],
		[
			'an account of another sandbox',
			{ accountId: byId('00000000-0000-4000-8000-000000000000') },
			/Destination Account.*does not exist in this sandbox/,
		],
	])('refuses %s, naming the field, and sends nothing', async (_, change, message) => {
		const result = await run({ ...DATASET_CREATE, ...change });

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(writes()).toEqual([]);
	});
});
