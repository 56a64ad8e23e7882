/**
 * Dataset Export › Create in real n8n, 2.x and 1.x: one workflow run headless against the
 * emulator. Create makes a dataset export of two datasets, Add Datasets adds a third to it (the
 * Dataflow from Create's output), Get reads it back, and a second Create of the same name with If
 * Dataflow Exists = Skip leaves it be. Checked: the writes in the emulator's log, the bodies, the
 * outputs, and the emulator's state.
 */
import {
	ACCOUNT_IDS,
	CONNECTION_SPECS,
	DATASET_IDS,
	DATASET_NAMES,
	type RunningEmulator,
} from '../emulator';
import { chainOf, manualTriggerNode, nodeItems, type RuntimeKey } from '../local-n8n';
import {
	DATASET_CREATE,
	END,
	START,
	datasetCreateBodies,
} from '../test/workflow-on-emulator/datasetCreateFields';
import { sandboxState } from '../test/workflow-on-emulator/sandbox';
import { nodesOf, useEmulatorRun } from './oneRun';
import { describeWithRuntime } from './runtimeSuite';

const FS = '/data/foundation/flowservice';
const NAME = `${DATASET_CREATE.dataflowName} (e2e)`;
const { loyaltyMembers, crmCustomers, purchaseEvents } = DATASET_IDS.prod;

type Json = Record<string, any>;

const node = nodesOf({ resource: 'datasetExport' });

/** Dataset Export › Create of NAME: two datasets (one picked, one by ID) to S3 every 3 hours. */
const CREATE = { ...DATASET_CREATE, dataflowName: NAME };

/** Create → Add Datasets on the new dataflow → Get it → Create of the same name again, Skip. */
function datasetCreateWorkflow() {
	return {
		id: 'e2eDatasetCreate',
		name: 'Dataset export create (e2e)',
		active: false,
		nodes: [
			manualTriggerNode('t'),
			node('c', 'Create', 200, CREATE),
			node('a', 'Add a dataset', 400, {
				operation: 'addDatasets',
				flowId: { __rl: true, mode: 'id', value: '={{ $json.flowId }}' },
				datasets: [purchaseEvents],
			}),
			node('g', 'Read back', 600, {
				operation: 'get',
				flowId: { __rl: true, mode: 'id', value: '={{ $json.flowId }}' },
			}),
			node('s', 'Create again', 800, { ...CREATE, ifExists: 'skip' }),
		],
		connections: chainOf('Start', 'Create', 'Add a dataset', 'Read back', 'Create again'),
		settings: { executionOrder: 'v1' },
	};
}

/** The datasets the emulator's dataflow exports now, through its source connection. */
function datasetsOn(emulator: RunningEmulator, flowId: string): string[] {
	const flow = emulator.getFlow(flowId)!;
	const source = emulator.getConnection((flow.sourceConnectionIds as string[])[0])!
		.connection as unknown as { params: { datasets: Array<{ dataSetId: string }> } };
	return source.params.datasets.map((d) => d.dataSetId);
}

/** The suite of one runtime: the same workflow, the same checks. */
function datasetCreateSuite(runtime: RuntimeKey) {
	return () => {
		const ctx = useEmulatorRun(datasetCreateWorkflow, runtime);

		const created = () => (nodeItems(ctx.run, 'Create') as Json[])[0];
		const flowId = () => created().flowId as string;
		const path = (r: { path: string }) => r.path.split('?')[0].replace(FS, '');
		const writes = () => ctx.emulator.requests().filter((r) => r.method !== 'GET');
		const sent = (method: string, to: string) =>
			writes().filter((r) => r.method === method && path(r) === to);

		it('sends exactly these writes, in order: Create’s three, then Add Datasets’ two', () => {
			expect(writes().map((r) => `${r.method} ${path(r)} ${r.status}`)).toEqual([
				'POST /sourceConnections 201',
				'POST /targetConnections 201',
				'POST /flows 201',
				'POST /sourceConnections 201',
				`PATCH /flows/${flowId()} 200`,
			]);
		});

		it('creates the dataflow: the datasets’ source, the S3 target, the schedule in epoch seconds', () => {
			const output = created();
			const bodies = datasetCreateBodies(NAME, output.connections);
			expect(sent('POST', '/sourceConnections')[0].body).toEqual(bodies.source);
			expect(sent('POST', '/targetConnections')[0].body).toEqual(bodies.target);
			expect(sent('POST', '/flows')[0].body).toEqual(bodies.flow);
			expect(output).toMatchObject({
				created: true,
				changed: true,
				state: 'enabled',
				dataflowName: NAME,
				connections: { created: expect.any(Array), reused: [], deleted: [] },
			});
			expect(output.warnings).toBeUndefined();
		});

		it('Add Datasets replaces the source by one of the three datasets, on the etag Create output', () => {
			const [, source] = sent('POST', '/sourceConnections');
			expect((source.body as Json).params.datasets.map((d: Json) => d.dataSetId)).toEqual([
				loyaltyMembers,
				crmCustomers,
				purchaseEvents,
			]);
			const [patch] = sent('PATCH', `/flows/${flowId()}`);
			expect(patch.headers['if-match']).toBe(created().etag);
			const added = (nodeItems(ctx.run, 'Add a dataset') as Json[])[0];
			expect(patch.body).toEqual([
				{ op: 'replace', path: '/sourceConnectionIds', value: [added.sourceConnectionId] },
			]);
			expect(added).toMatchObject({
				flowId: flowId(),
				changed: true,
				added: [{ dataSetId: purchaseEvents, name: DATASET_NAMES.purchaseEvents }],
				replacedSourceConnectionId: created().connections.sourceConnectionId,
			});
		});

		it('the emulator holds one enabled dataflow of the name, exporting the three datasets', async () => {
			const state = await sandboxState(ctx.emulator);
			expect(state.flowsNamed(NAME).map((flow) => flow.id)).toEqual([flowId()]);
			expect(ctx.emulator.getFlow(flowId())).toMatchObject({ name: NAME, state: 'enabled' });
			expect(datasetsOn(ctx.emulator, flowId())).toEqual([
				loyaltyMembers,
				crmCustomers,
				purchaseEvents,
			]);
			// Adobe documents no clean-up of a replaced source connection: Create's stays, unused.
			expect(state.orphans.map((connection) => connection.id)).toEqual([
				created().connections.sourceConnectionId,
			]);
		});

		it('Get reads it back, simplified: the three datasets, every 3 hours, ISO start and end', () => {
			expect(nodeItems(ctx.run, 'Read back')).toEqual([
				expect.objectContaining({
					id: flowId(),
					name: NAME,
					state: 'enabled',
					destination: CONNECTION_SPECS.amazonS3,
					accountId: ACCOUNT_IDS.prod.marketingS3,
					datasets: [
						{ id: loyaltyMembers, name: DATASET_NAMES.loyaltyMembers },
						{ id: crmCustomers, name: DATASET_NAMES.crmCustomers },
						// Add Datasets names it from Adobe's exportable list, as Create does.
						{ id: purchaseEvents, name: DATASET_NAMES.purchaseEvents },
					],
					exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
					timeUnit: 'hour',
					interval: 3,
					startTime: START,
					endTime: END,
					etag: ctx.emulator.getFlow(flowId())!.etag,
				}),
			]);
		});

		it('a second Create of the name with If Dataflow Exists = Skip outputs the dataflow and sends nothing', () => {
			expect(nodeItems(ctx.run, 'Create again')).toEqual([
				expect.objectContaining({ changed: false, created: false, flowId: flowId() }),
			]);
			// It ran after Add Datasets' PATCH, the last write: it only read, the name's listing among them.
			const log = ctx.emulator.requests();
			const after = log.slice(log.findIndex((r) => r.method === 'PATCH') + 1);
			expect(after.filter((r) => r.method !== 'GET')).toEqual([]);
			expect(after.map((r) => path(r))).toContain('/flows');
		});
	};
}

describeWithRuntime(
	'v2',
	(n8n) => `Dataset Export › Create in n8n ${n8n} (v2)`,
	datasetCreateSuite('v2'),
);
describeWithRuntime(
	'v1',
	(n8n) => `Dataset Export › Create in n8n ${n8n} (v1)`,
	datasetCreateSuite('v1'),
);
