import type { IDataObject } from 'n8n-workflow';

import {
	ACCOUNT_IDS,
	ACCOUNT_NAMES,
	CONNECTION_SPECS,
	DESTINATION_FLOW_SPECS,
	DEV_FLOW_IDS,
	DEV_ONLY_ACCOUNT_NAME,
	DEV_ONLY_AUDIENCE_ID,
	PROFILE_MAPPING_FLOW_ID,
	TUTORIAL_NEW_AUDIENCE_ID,
	TUTORIAL_NEW_AUDIENCE_NAME,
} from '../../emulator/fixtures/ids';
import { byId, outputJson, runNode } from '../workflow-mocked/setup';
import { A0, calls, tokenCredential, useEmulator } from './setup';
import { sandboxState } from './sandbox';

const emulator = useEmulator({ slowWorkflows: true });
const NAME = 'Winter campaign';

const entry = (id: string) => ({
	id: { __rl: true, mode: 'list', value: id },
	exportMode: 'DAILY_FULL_EXPORT',
	frequency: 'DAILY',
	startDate: '2099-12-01',
	startTime: '20:00',
});
export const FIELDS = {
	operation: 'create',
	dataflowName: NAME,
	accountId: byId(ACCOUNT_IDS.prod.marketingS3),
	exportSettings: {
		bucketName: 'marketing-exports',
		folderPath: 'campaigns/winter',
		fileType: 'CSV',
		compression: 'GZIP',
	},
	audiences: { audience: [entry(TUTORIAL_NEW_AUDIENCE_ID), entry(A0)] },
	attributes: {
		attribute: [
			{ path: 'person.name.firstName' },
			{ path: 'personalEmail.address', deduplicationKey: true },
		],
	},
};

const run = (parameters: Record<string, unknown>, sandbox = 'prod', node: object = {}) =>
	runNode(parameters, {
		credential: tokenCredential(emulator.current, sandbox),
		node: { typeVersion: 2, ...node },
	});

interface Stored {
	name: string;
	etag: string;
	state: string;
	flowSpec: { id: string };
	sourceConnectionIds: string[];
	targetConnectionIds: string[];
	transformations: Array<{ params: Record<string, any> }>;
}
const stored = (id: string) => emulator.current.getFlow(id) as unknown as Stored;

describe('Dataflow › Create against the emulator', () => {
	it('creates an S3 audience dataflow from fields: connections, dataflow, audiences and attributes, enabled', async () => {
		const result = await run(FIELDS);

		expect(result.status).toBe('success');
		const [output] = outputJson(result);
		expect(output.summary).toBe(
			`Created dataflow "${NAME}" on "${ACCOUNT_NAMES.marketingS3}" with 2 audiences and 2 profile attributes`,
		);
		const flow = stored(output.flowId as string);
		expect(flow).toMatchObject({ name: NAME, state: 'enabled' });
		expect(flow.flowSpec.id).toBe(DESTINATION_FLOW_SPECS.amazonS3.audience);
		const params = flow.transformations[0].params;
		expect(
			params.segmentSelectors.selectors.map((s: { value: { id: string } }) => s.value.id),
		).toEqual([TUTORIAL_NEW_AUDIENCE_ID, A0]);
		expect(params.segmentSelectors.selectors[0].value.name).toBe(TUTORIAL_NEW_AUDIENCE_NAME);
		expect(params.profileSelectors.primaryFields).toEqual([
			{ fieldType: 'ATTRIBUTE', attributePath: 'personalEmail.address' },
		]);
		expect(output.etag).toBe(flow.etag);
		const writes = calls(emulator.current).filter(
			(c) => !c.startsWith('GET') && !c.includes('bulk-get'),
		);
		expect(writes).toEqual([
			'POST /sourceConnections',
			'POST /targetConnections',
			'POST /flows',
			`PATCH /flows/${output.flowId}`,
		]);
		const state = await sandboxState(emulator.current);
		expect(state.flowsNamed(NAME)).toHaveLength(1);
		expect(state.orphans).toEqual([]);
	});

	it('Enable off disables the new dataflow with Adobe’s action (the emulator creates them enabled)', async () => {
		const [output] = outputJson(await run({ ...FIELDS, enable: false }));

		expect(output.state).toBe('disabled');
		expect(stored(output.flowId as string).state).toBe('disabled');
		expect(calls(emulator.current)).toContain(`POST /flows/${output.flowId}/action?op=disable`);
	});

	it('a template dataflow: another like it, on its account with its settings and audiences, the name given', async () => {
		const result = await run({
			operation: 'create',
			createFrom: 'template',
			templateFlowId: byId(PROFILE_MAPPING_FLOW_ID),
			dataflowName: 'Spring campaign',
			exportSettings: { folderPath: 'campaigns/spring' },
		});

		expect(result.status).toBe('success');
		const [output] = outputJson(result);
		const template = stored(PROFILE_MAPPING_FLOW_ID);
		const copy = stored(output.flowId as string);
		expect(output.account).toEqual({
			id: ACCOUNT_IDS.prod.marketingS3,
			name: ACCOUNT_NAMES.marketingS3,
		});
		const ids = (flow: Stored) =>
			flow.transformations[0].params.segmentSelectors.selectors.map(
				(s: { value: { id: string } }) => s.value.id,
			);
		expect(ids(copy)).toEqual(ids(template));
		expect(copy.transformations[0].params.profileMapping).toEqual(
			template.transformations[0].params.profileMapping,
		);
		expect((output.connections as { created: string[] }).created).toHaveLength(2);
	});

	it('promotes a dataflow from dev to prod: Get with the dev credential, Create with prod, account matched by name', async () => {
		const got = await run(
			{
				operation: 'get',
				flowId: byId(DEV_FLOW_IDS[1]),
				simplify: false,
				options: { includeDestinationDetails: true },
			},
			'dev',
		);
		expect(got.status).toBe('success');
		const [devFlow] = outputJson(got);
		expect(devFlow.destinationDetails).toMatchObject({
			account: { id: ACCOUNT_IDS.dev.partnerSftp, name: ACCOUNT_NAMES.partnerSftp },
			destination: { id: CONNECTION_SPECS.sftp },
		});

		const promoted = await runNode(
			{ operation: 'create', createFrom: 'input' },
			{
				credential: tokenCredential(emulator.current, 'prod'),
				node: { typeVersion: 2 },
				triggerItems: [{ json: devFlow as IDataObject }],
			},
		);

		expect(promoted.status).toBe('success');
		const [output] = outputJson(promoted);
		expect(output.account).toEqual({
			id: ACCOUNT_IDS.prod.partnerSftp,
			name: ACCOUNT_NAMES.partnerSftp,
		});
		const flow = stored(output.flowId as string);
		expect(flow.name).toBe(devFlow.name);
		expect(flow.flowSpec.id).toBe(DESTINATION_FLOW_SPECS.sftp.audience);
		expect(
			emulator.current.requests().filter((r) => r.method === 'POST' && r.sandbox === 'dev'),
		).toEqual([]);
	});

	describe('audiences of another sandbox are matched by ID, else by name; the rest fail the item first', () => {
		/** Dev's "Dev SFTP smoke test" as Get returns it, its audience swapped for one dev knows under `name`. */
		async function devFlowExporting(id: string, name: string) {
			const [devFlow] = outputJson(
				await run(
					{
						operation: 'get',
						flowId: byId(DEV_FLOW_IDS[1]),
						simplify: false,
						options: { includeDestinationDetails: true },
					},
					'dev',
				),
			);
			const flow = structuredClone(devFlow) as { transformations: Array<{ params: any }> };
			flow.transformations[0].params.segmentSelectors.selectors[0].value = {
				...flow.transformations[0].params.segmentSelectors.selectors[0].value,
				id,
				name,
			};
			return flow as unknown as IDataObject;
		}
		const promote = (flow: IDataObject) =>
			runNode(
				{ operation: 'create', createFrom: 'input', dataflowName: 'Promoted by name' },
				{
					credential: tokenCredential(emulator.current, 'prod'),
					node: { typeVersion: 2 },
					triggerItems: [{ json: flow }],
				},
			);

		it('an audience whose ID prod lacks is found by its name', async () => {
			const flow = await devFlowExporting(DEV_ONLY_AUDIENCE_ID, TUTORIAL_NEW_AUDIENCE_NAME);

			const result = await promote(flow);

			expect(result.status).toBe('success');
			const [output] = outputJson(result);
			const params = stored(output.flowId as string).transformations[0].params;
			expect(
				params.segmentSelectors.selectors.map((s: { value: { id: string } }) => s.value.id),
			).toEqual([TUTORIAL_NEW_AUDIENCE_ID]);
		});

		it('one prod has neither by ID nor by name fails the item, naming it, before anything is created', async () => {
			const flow = await devFlowExporting(
				DEV_ONLY_AUDIENCE_ID,
				'People who ordered in the last 30 days',
			);
			emulator.current.clearRequests();

			const result = await promote(flow);

			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(
				`Input item: Audience "People who ordered in the last 30 days" (${DEV_ONLY_AUDIENCE_ID} in its sandbox) is not in this sandbox, by ID or by name (item 1)`,
			);
			expect(
				emulator.current
					.requests()
					.filter((r) => r.method !== 'GET' && !r.path.includes('bulk-get')),
			).toEqual([]);
		});

		it('an account prod lacks by ID and by name fails the item, naming it', async () => {
			const flow = await devFlowExporting(A0, 'Interested in Mountain Biking');
			(flow.destinationDetails as { account: { name: string } }).account.name =
				DEV_ONLY_ACCOUNT_NAME;

			const result = await promote(flow);

			expect(result.error?.message).toBe(
				`Input item: Destination account "${DEV_ONLY_ACCOUNT_NAME}" (${ACCOUNT_IDS.dev.partnerSftp} in its sandbox) is not in this sandbox, by ID or by name; pick the Destination Account (item 1)`,
			);
		});
	});

	it('Check Audiences Exist looks every item’s audiences up in one request; an unknown one fails its item only', async () => {
		const unknown = '0b0b0b0b-1111-4222-8333-444444444441';
		const result = await runNode(
			{
				...FIELDS,
				dataflowName: '={{ $json.name }}',
				audiences: { audience: [entry('={{ $json.audience }}' as never)] },
			},
			{
				credential: tokenCredential(emulator.current),
				node: { typeVersion: 2, onError: 'continueRegularOutput' },
				triggerItems: [
					{ json: { name: 'Known', audience: A0 } },
					{ json: { name: 'Unknown', audience: unknown } },
				],
			},
		);

		const [known, refused] = outputJson(result);
		expect(known.created).toBe(true);
		expect(refused.error).toBe(
			`Audiences › Audience 1 › Audience: ${unknown} does not exist in the sandbox (item 2)`,
		);
		expect(emulator.current.requests().filter((r) => r.path.includes('bulk-get'))).toHaveLength(1);
		expect((await sandboxState(emulator.current)).flowsNamed('Unknown')).toEqual([]);
	});

	it('Dry Run reads and lists the requests, and the sandbox is unchanged', async () => {
		const [output] = outputJson(await run({ ...FIELDS, options: { dryRun: true } }));

		expect(output.dryRun).toBe(true);
		expect((output.requests as Array<{ method: string }>).map((r) => r.method)).toEqual([
			'POST',
			'POST',
			'POST',
			'PATCH',
			'GET',
			'POST',
		]);
		expect(
			emulator.current.requests().every((r) => r.method === 'GET' || r.path.includes('bulk-get')),
		).toBe(true);
		expect((await sandboxState(emulator.current)).flowsNamed(NAME)).toEqual([]);
	});

	it('If Dataflow Exists › Use It makes the existing dataflow export exactly the item’s audiences', async () => {
		const first = outputJson(await run(FIELDS))[0];
		const again = await run({
			...FIELDS,
			ifExists: 'useIt',
			audiences: { audience: [entry(A0)] },
		});

		expect(again.status).toBe('success');
		const [output] = outputJson(again);
		expect(output).toMatchObject({ created: false, flowId: first.flowId });
		expect(output.summary).toBe(
			`Dataflow "${NAME}" exists: Removed 1 audience (${TUTORIAL_NEW_AUDIENCE_NAME}); skipped 3: already on the dataflow with these settings, already exported by the dataflow`,
		);
		expect((await sandboxState(emulator.current)).flowsNamed(NAME)).toHaveLength(1);
	});

	it('a start date before today is told in the summary and in warnings, and the dataflow is still created', async () => {
		const past = { ...entry(A0), startDate: '2025-01-15' };
		const result = await run({
			...FIELDS,
			audiences: { audience: [entry(TUTORIAL_NEW_AUDIENCE_ID), past] },
		});

		expect(result.status).toBe('success');
		const [output] = outputJson(result);
		expect(output.summary).toBe(
			`Created dataflow "${NAME}" on "${ACCOUNT_NAMES.marketingS3}" with 2 audiences and 2 profile attributes; warning: 1 start date is before today in UTC (Interested in Mountain Biking: 2025-01-15)`,
		);
		expect(output.warnings).toEqual([
			`Start date 2025-01-15 of audience Interested in Mountain Biking (${A0}) is before today (UTC)`,
		]);
		expect(Object.keys(output).indexOf('warnings')).toBe(Object.keys(output).indexOf('flowId') - 1);
		const selectors = stored(output.flowId as string).transformations[0].params.segmentSelectors
			.selectors as Array<{ value: { schedule: { startDate: string } } }>;
		expect(selectors.map((s) => s.value.schedule.startDate)).toEqual(['2099-12-01', '2025-01-15']);
	});

	it('Use It tells only the past start dates the item sets, not those the dataflow already held', async () => {
		const past = { ...entry(A0), startDate: '2025-01-15' };
		await run({ ...FIELDS, audiences: { audience: [past] } });
		const again = outputJson(
			await run({
				...FIELDS,
				ifExists: 'useIt',
				audiences: {
					audience: [past, { ...entry(TUTORIAL_NEW_AUDIENCE_ID), startDate: '2025-02-01' }],
				},
			}),
		)[0];

		expect(again.summary).toBe(
			`Dataflow "${NAME}" exists: Added 1 audience (${TUTORIAL_NEW_AUDIENCE_NAME}); skipped 3: already on the dataflow with these settings, already exported by the dataflow; warning: 1 start date is before today in UTC (${TUTORIAL_NEW_AUDIENCE_NAME}: 2025-02-01)`,
		);
		expect(again.warnings).toEqual([
			`Start date 2025-02-01 of audience ${TUTORIAL_NEW_AUDIENCE_NAME} (${TUTORIAL_NEW_AUDIENCE_ID}) is before today (UTC)`,
		]);
	});

	it('items of one run naming the same new dataflow create it once; the later ones add theirs to it', async () => {
		const result = await runNode(
			{ ...FIELDS, audiences: { audience: [entry('={{ $json.audience }}' as never)] } },
			{
				credential: tokenCredential(emulator.current),
				node: { typeVersion: 2 },
				triggerItems: [
					{ json: { audience: TUTORIAL_NEW_AUDIENCE_ID } },
					{ json: { audience: A0 } },
				],
			},
		);

		expect(result.status).toBe('success');
		const [first, second] = outputJson(result);
		expect(first.created).toBe(true);
		expect(second).toMatchObject({ created: false, createdBy: 0, flowId: first.flowId });
		expect(second.summary).toBe(
			`Dataflow "${NAME}" created by item 1 of this run: Added 1 audience (Interested in Mountain Biking); skipped 2: already exported by the dataflow`,
		);
		expect((await sandboxState(emulator.current)).flowsNamed(NAME)).toHaveLength(1);
	});
});
