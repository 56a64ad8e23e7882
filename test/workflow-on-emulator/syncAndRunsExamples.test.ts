import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import {
	TUTORIAL_FAILED_RUN_ID,
	TUTORIAL_FLOW_ID,
	TUTORIAL_NEW_AUDIENCE_ID,
} from '../../emulator/fixtures/ids';
import { NODE_TYPE, outputJson, runNode } from '../workflow-mocked/setup';
import { A0, A1, A2, A3, calls, storedSelectors, tokenCredential, useEmulator } from './setup';

const emulator = useEmulator({ slowWorkflows: true });

interface Workflow {
	id: string;
	name: string;
	nodes: INode[];
	connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	>;
	settings: IDataObject;
}

function example(file: string): Workflow {
	return JSON.parse(
		readFileSync(path.join(__dirname, '..', '..', 'examples', file), 'utf8'),
	) as Workflow;
}

const node = (workflow: Workflow, type: string) =>
	workflow.nodes.find((candidate) => candidate.type === type)!;
const targets = (workflow: Workflow, from: string) =>
	workflow.connections[from].main[0].map((connection) => connection.node);

/** A Code node's script run as n8n runs "once for all items": $input.all() in, items out. */
function runCodeNode(workflow: Workflow, items: IDataObject[]): IDataObject[] {
	const input = { all: (): INodeExecutionData[] => items.map((json) => ({ json })) };
	const script = new Function(
		'$input',
		String(node(workflow, 'n8n-nodes-base.code').parameters.jsCode),
	) as (input: unknown) => INodeExecutionData[];
	return script(input).map((item) => item.json);
}

function runExampleNode(workflow: Workflow, items: IDataObject[]) {
	const ours = node(workflow, NODE_TYPE);
	return runNode(ours.parameters, {
		credential: tokenCredential(emulator.current),
		triggerItems: items.map((json) => ({ json })),
		node: { alwaysOutputData: ours.alwaysOutputData },
	});
}

function checkShape(workflow: Workflow): void {
	const names = workflow.nodes.map((n) => n.name);
	expect(new Set(names).size).toBe(names.length);
	expect(new Set(workflow.nodes.map((n) => n.id)).size).toBe(names.length);
	for (const [from, { main }] of Object.entries(workflow.connections)) {
		expect(names).toContain(from);
		for (const connection of main.flat()) expect(names).toContain(connection.node);
	}
	expect(workflow.settings).toEqual({ executionOrder: 'v1' });
	expect(node(workflow, NODE_TYPE).credentials).toEqual({
		adobeExperiencePlatformApi: {
			id: 'aepEmulatorCred01',
			name: 'Adobe Experience Platform (local emulator)',
		},
	});
}

describe('example "Nightly audience sync"', () => {
	const workflow = example('nightly-audience-sync.json');

	it('runs nightly or by hand: both triggers feed the Code node that feeds Sync Audiences', () => {
		checkShape(workflow);
		expect(workflow).toMatchObject({ id: 'exNightlyAudienceSync', name: 'Nightly audience sync' });
		const code = node(workflow, 'n8n-nodes-base.code');
		expect(targets(workflow, node(workflow, 'n8n-nodes-base.scheduleTrigger').name)).toEqual([
			code.name,
		]);
		expect(targets(workflow, node(workflow, 'n8n-nodes-base.manualTrigger').name)).toEqual([
			code.name,
		]);
		expect(targets(workflow, code.name)).toEqual([node(workflow, NODE_TYPE).name]);
		expect(node(workflow, NODE_TYPE).parameters).toMatchObject({
			operation: 'syncAudiences',
			audienceInput: 'json',
			removeUnlisted: true,
		});
	});

	it('makes the tutorial flow export the listed audiences, then changes nothing on the next night', async () => {
		const desired = runCodeNode(workflow, []);
		const first = await runExampleNode(workflow, desired);

		expect(first.status).toBe('success');
		expect(outputJson(first)[0]).toMatchObject({
			added: [TUTORIAL_NEW_AUDIENCE_ID],
			removed: [A3, A2],
			updated: [A0],
			unchanged: [A1],
		});
		const selectors = storedSelectors(emulator.current, TUTORIAL_FLOW_ID);
		expect(selectors.map((s) => s.value.id)).toEqual([A0, A1, TUTORIAL_NEW_AUDIENCE_ID]);
		expect(selectors[0].value.schedule).toEqual({
			startDate: '2026-12-01',
			frequency: 'DAILY',
			startTime: '02:00',
		});

		emulator.current.clearRequests();
		const second = await runExampleNode(workflow, runCodeNode(workflow, []));
		expect(outputJson(second)[0]).toMatchObject({
			changed: false,
			unchanged: [A0, A1, TUTORIAL_NEW_AUDIENCE_ID],
		});
		expect(calls(emulator.current)).toEqual([`GET /flows/${TUTORIAL_FLOW_ID}`]);
	});
});

describe('example "Report failed runs"', () => {
	const workflow = example('report-failed-runs.json');

	it('runs every morning or by hand: Get Runs (failed) feeds the Code node, with output even when nothing failed', () => {
		checkShape(workflow);
		expect(workflow).toMatchObject({ id: 'exReportFailedRuns', name: 'Report failed runs' });
		const getRuns = node(workflow, NODE_TYPE);
		expect(getRuns).toMatchObject({
			alwaysOutputData: true,
			parameters: { operation: 'getRuns', filters: { status: ['Failed'] } },
		});
		expect(targets(workflow, node(workflow, 'n8n-nodes-base.scheduleTrigger').name)).toEqual([
			getRuns.name,
		]);
		expect(targets(workflow, node(workflow, 'n8n-nodes-base.manualTrigger').name)).toEqual([
			getRuns.name,
		]);
		expect(targets(workflow, getRuns.name)).toEqual([node(workflow, 'n8n-nodes-base.code').name]);
	});

	it("turns the tutorial flow's failed runs into one alert message with Adobe's error codes", async () => {
		const run = emulator.current.addRun(TUTORIAL_FLOW_ID, {
			status: 'Failed',
			createdAt: Date.parse('2026-03-01T10:00:00Z'),
			errors: [{ code: 'ACTIVATION_BATCH-0000-FAILED', message: 'Destination unreachable' }],
		})!;

		const result = await runExampleNode(workflow, [{}]);
		const [alert] = runCodeNode(workflow, outputJson(result) as IDataObject[]);

		expect(alert).toEqual({
			failed: 2,
			flowId: TUTORIAL_FLOW_ID,
			runIds: [run.id, TUTORIAL_FAILED_RUN_ID],
			message: [
				`2 failed run(s) of dataflow ${TUTORIAL_FLOW_ID}:`,
				`- Run ${run.id}, started 2026-03-01T10:00:01.500Z: ACTIVATION_BATCH-0000-FAILED: Destination unreachable`,
				`- Run ${TUTORIAL_FAILED_RUN_ID}, started 2021-12-26T00:00:01.500Z: ACTIVATION_BATCH-0000-FAILED: Job aborted.`,
			].join('\n'),
		});
	});

	it('says so when nothing failed (Get Runs then outputs one empty item)', async () => {
		const result = await runExampleNode(
			{
				...workflow,
				nodes: workflow.nodes.map((n) =>
					n.type === NODE_TYPE
						? { ...n, parameters: { ...n.parameters, filters: { status: ['Waiting'] } } }
						: n,
				),
			},
			[{}],
		);

		expect(outputJson(result)).toEqual([{}]);
		expect(runCodeNode(workflow, outputJson(result) as IDataObject[])).toEqual([
			{ failed: 0, message: 'No failed runs of the dataflow.' },
		]);
	});
});

describe('example "Extend campaign exports"', () => {
	const workflow = example('extend-campaign-exports.json');

	it('runs by hand: Update Audience Export Settings with one audience picked from the list and one by ID', () => {
		checkShape(workflow);
		expect(workflow).toMatchObject({
			id: 'exExtendCampaignExports',
			name: 'Extend campaign exports',
		});
		const ours = node(workflow, NODE_TYPE);
		expect(targets(workflow, node(workflow, 'n8n-nodes-base.manualTrigger').name)).toEqual([
			ours.name,
		]);
		expect(
			(
				ours.parameters.audienceSettings as { audience: Array<{ id: { mode: string } }> }
			).audience.map((entry) => entry.id.mode),
		).toEqual(['list', 'id']);
	});

	it("moves both audiences' end dates in one PATCH, keeps every other setting, and changes nothing when run again", async () => {
		const before = storedSelectors(emulator.current, TUTORIAL_FLOW_ID);

		const first = await runExampleNode(workflow, [{}]);
		const after = storedSelectors(emulator.current, TUTORIAL_FLOW_ID);
		const second = await runExampleNode(workflow, [{}]);

		expect(outputJson(first)[0]).toMatchObject({ changed: true });
		expect(after.map((s) => s.value.id)).toEqual(before.map((s) => s.value.id));
		expect(after[1].value).toEqual({
			...before[1].value,
			schedule: { ...before[1].value.schedule, endDate: '2027-03-31', startTime: '06:00' },
			updateTime: expect.any(String),
		});
		expect(after[2].value).toEqual({
			...before[2].value,
			schedule: { ...before[2].value.schedule, frequency: 'EVERY_12_HOURS', endDate: '2027-03-31' },
			updateTime: expect.any(String),
		});
		expect([after[0], after[3]]).toEqual([before[0], before[3]]);
		expect(outputJson(second)[0]).toMatchObject({ changed: false });
		expect(calls(emulator.current).filter((c) => c.startsWith('PATCH'))).toHaveLength(1);
	});
});
