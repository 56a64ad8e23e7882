import type { IDataObject, INode } from 'n8n-workflow';

import {
	STREAMING_AUDIENCE_IDS,
	STREAMING_FLOW_ID,
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_AUDIENCE_NAMES,
	TUTORIAL_FLOW_ETAG,
	TUTORIAL_FLOW_ID,
	TUTORIAL_FLOW_NAME,
	TUTORIAL_NEW_AUDIENCE_ID,
	TUTORIAL_NEW_AUDIENCE_NAME,
} from '../../emulator/fixtures/ids';
import {
	ACTION_TYPE,
	MANUAL_TRIGGER,
	example,
	nodeNamed,
	nodesOfType,
	targets,
	withDryRunOff,
	type Example,
} from '../examples/load';
import { DEFAULT_FILENAME_TEMPLATE } from '@node/rules/audiences';
import { outputJson, runNode } from '../workflow-mocked/setup';
import { A0, A1, A2, A3, calls, storedSelectors, tokenCredential, useEmulator } from './setup';

/** The example's start date: the day it runs, in UTC as Adobe's schedules are. */
const todayUtc = (): string => new Date().toISOString().slice(0, 10);

const emulator = useEmulator({ slowWorkflows: true });
const BULK_GET = 'POST /data/core/ups/segment/definitions/bulk-get';
const readTutorial = `GET /flows/${TUTORIAL_FLOW_ID}`;
const patchTutorial = `PATCH /flows/${TUTORIAL_FLOW_ID}`;

/** Runs an example's Flow Service Destination node as the example holds it (version, error handling) on `items`. */
async function runStep(node: INode, items: IDataObject[] = [{}], parameters = node.parameters) {
	return await runNode(parameters, {
		credential: tokenCredential(emulator.current),
		triggerItems: items.map((json) => ({ json })),
		node: { typeVersion: node.typeVersion, onError: node.onError },
	});
}

/**
 * The step as shipped (Dry Run on): it only read (the dataflows, and the audiences it names), sent
 * nothing, and the dataflows are as seeded.
 */
async function expectDryRun(
	node: INode,
	items: IDataObject[] = [{}],
	flowIds = [TUTORIAL_FLOW_ID],
) {
	const before = flowIds.map((id) => emulator.current.getFlow(id));
	const result = await runStep(node, items);
	expect(result.status).toBe('success');
	const seen = calls(emulator.current);
	expect(seen.filter((call) => call.startsWith('GET /flows/'))).not.toEqual([]);
	expect(seen.filter((call) => !call.startsWith('GET ') && call !== BULK_GET)).toEqual([]);
	expect(flowIds.map((id) => emulator.current.getFlow(id))).toEqual(before);
	emulator.current.clearRequests();
	return outputJson(result);
}

function onlyActionNode(workflow: Example): INode {
	const [node] = nodesOfType(workflow, ACTION_TYPE);
	return node;
}

describe('example "Add campaign audiences every morning"', () => {
	const workflow = example('add-audiences-every-morning.json');
	const add = onlyActionNode(workflow);

	it('runs every morning or by hand: both triggers feed Add Audiences', () => {
		expect(targets(workflow, 'Every morning at 06:00')).toEqual([add.name]);
		expect(targets(workflow, MANUAL_TRIGGER)).toEqual([add.name]);
		expect(add.parameters.operation).toBe('addAudiences');
	});

	it('as shipped, says what it would add and sends nothing', async () => {
		const [out] = await expectDryRun(add);
		expect(out).toMatchObject({
			summary: `Would add 1 audience (${TUTORIAL_NEW_AUDIENCE_NAME}); skipped 1: already on the dataflow`,
			changed: false,
			dryRun: true,
			added: [{ id: TUTORIAL_NEW_AUDIENCE_ID, name: TUTORIAL_NEW_AUDIENCE_NAME }],
			skipped: [{ id: A0, reason: 'already on the dataflow' }],
		});
	});

	it('live, adds the campaign audience with its schedule and the name from the sandbox, then has nothing left to do', async () => {
		const first = await runStep(add, [{}], withDryRunOff(add));
		const second = await runStep(add, [{}], withDryRunOff(add));

		expect(outputJson(first)[0]).toMatchObject({ changed: true, previousEtag: TUTORIAL_FLOW_ETAG });
		expect(storedSelectors(emulator.current, TUTORIAL_FLOW_ID)[4].value).toEqual({
			id: TUTORIAL_NEW_AUDIENCE_ID,
			name: TUTORIAL_NEW_AUDIENCE_NAME,
			exportMode: 'DAILY_FULL_EXPORT',
			schedule: { frequency: 'DAILY', startDate: todayUtc(), startTime: '06:00' },
			filenameTemplate: DEFAULT_FILENAME_TEMPLATE,
			createTime: expect.any(String),
			updateTime: expect.any(String),
		});
		expect(outputJson(second)[0]).toMatchObject({ changed: false });
		expect(calls(emulator.current).filter((call) => call === patchTutorial)).toHaveLength(1);
	});
});

describe('example "Sync a dataflow\'s audiences every night"', () => {
	const workflow = example('sync-audiences-every-night.json');
	const sync = onlyActionNode(workflow);
	const names: Record<string, string> = {
		...Object.fromEntries(
			TUTORIAL_AUDIENCE_IDS.map((id, index) => [id, TUTORIAL_AUDIENCE_NAMES[index]]),
		),
		[TUTORIAL_NEW_AUDIENCE_ID]: TUTORIAL_NEW_AUDIENCE_NAME,
	};
	const named = (...ids: string[]) => ids.map((id) => ({ id, name: names[id] }));

	it('runs every night or by hand: both triggers feed Sync Audiences, which removes what is not listed', () => {
		expect(targets(workflow, 'Every night at 02:00')).toEqual([sync.name]);
		expect(targets(workflow, MANUAL_TRIGGER)).toEqual([sync.name]);
		expect(sync.parameters.operation).toBe('syncAudiences');
		expect(sync.parameters.removeUnlisted).toBeUndefined();
	});

	it('as shipped, says what it would add, update and remove, and sends nothing', async () => {
		const [out] = await expectDryRun(sync);
		expect(out).toMatchObject({
			changed: false,
			dryRun: true,
			added: named(TUTORIAL_NEW_AUDIENCE_ID),
			removed: named(A3, A2),
			updated: named(A0),
			unchanged: [A1],
		});
	});

	it('live, makes the tutorial flow export the listed audiences, then changes nothing on the next night', async () => {
		const first = await runStep(sync, [{}], withDryRunOff(sync));

		expect(outputJson(first)[0]).toMatchObject({
			changed: true,
			added: named(TUTORIAL_NEW_AUDIENCE_ID),
			removed: named(A3, A2),
			updated: named(A0),
			unchanged: [A1],
		});
		const selectors = storedSelectors(emulator.current, TUTORIAL_FLOW_ID);
		expect(selectors.map((s) => s.value.id)).toEqual([A0, A1, TUTORIAL_NEW_AUDIENCE_ID]);
		expect(selectors[0].value.schedule).toEqual({
			startDate: '2026-12-01',
			frequency: 'DAILY',
			startTime: '02:00',
		});
		expect(selectors[2].value).toMatchObject({
			name: TUTORIAL_NEW_AUDIENCE_NAME,
			schedule: { startDate: '2026-12-01', frequency: 'DAILY', startTime: '02:00' },
		});

		emulator.current.clearRequests();
		const second = await runStep(sync, [{}], withDryRunOff(sync));
		expect(outputJson(second)[0]).toMatchObject({
			changed: false,
			unchanged: [A0, A1, TUTORIAL_NEW_AUDIENCE_ID],
		});
		expect(calls(emulator.current)).toEqual([BULK_GET, readTutorial]);
	});
});

describe('example "Extend two audiences\' exports"', () => {
	const workflow = example('extend-audience-exports.json');
	const extend = onlyActionNode(workflow);

	it('runs by hand: Update Audience Export Settings with one audience picked from the list and one by ID', () => {
		expect(targets(workflow, MANUAL_TRIGGER)).toEqual([extend.name]);
		expect(
			(
				extend.parameters.audienceSettings as { audience: Array<{ id: { mode: string } }> }
			).audience.map((entry) => entry.id.mode),
		).toEqual(['list', 'id']);
	});

	it('as shipped, says what it would update and sends nothing', async () => {
		const [out] = await expectDryRun(extend);
		expect(out).toMatchObject({
			summary: 'Would update 2 audiences (Birth year 1970, GCM_E2E_PersonId_Test)',
			dryRun: true,
			changed: false,
		});
	});

	it("live, moves both audiences' end dates in one PATCH, keeps every other setting, and changes nothing when run again", async () => {
		const before = storedSelectors(emulator.current, TUTORIAL_FLOW_ID);

		const first = await runStep(extend, [{}], withDryRunOff(extend));
		const after = storedSelectors(emulator.current, TUTORIAL_FLOW_ID);
		const second = await runStep(extend, [{}], withDryRunOff(extend));

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

describe('example "Delete an ended campaign\'s dataflow"', () => {
	const workflow = example('delete-ended-campaign.json');
	const remove = onlyActionNode(workflow);

	it('as shipped, reads the dataflow and says what it would delete', async () => {
		const [out] = await expectDryRun(remove);
		expect(out).toMatchObject({
			summary: `Would delete dataflow ${TUTORIAL_FLOW_NAME} (${TUTORIAL_FLOW_ID})`,
			deleted: false,
		});
	});

	it('live, deletes it; run again, the dataflow counts as already deleted', async () => {
		const first = outputJson(await runStep(remove, [{}], withDryRunOff(remove)));
		const second = outputJson(await runStep(remove, [{}], withDryRunOff(remove)));

		expect(first[0]).toMatchObject({ changed: true, deleted: true });
		expect(emulator.current.getFlow(TUTORIAL_FLOW_ID)).toBeUndefined();
		expect(second[0]).toMatchObject({
			changed: false,
			skipped: [expect.objectContaining({ reason: 'not found' })],
		});
		expect(calls(emulator.current)).toEqual([
			readTutorial,
			`DELETE /flows/${TUTORIAL_FLOW_ID}`,
			readTutorial,
		]);
	});
});

describe('example "Add audiences from a list of rows"', () => {
	const workflow = example('add-audiences-from-rows.json');
	const add = onlyActionNode(workflow);
	const sample = nodeNamed(workflow, 'Sample sheet rows');
	/** What Split Out makes of the sample: one item per row. */
	const rows = (JSON.parse(String(sample.parameters.jsonOutput)) as { rows: IDataObject[] }).rows;

	it('feeds the sample rows one per item into Add Audiences, which maps the input fields and continues on fail', () => {
		expect(targets(workflow, MANUAL_TRIGGER)).toEqual([sample.name]);
		expect(targets(workflow, sample.name)).toEqual(['One item per row']);
		expect(nodeNamed(workflow, 'One item per row').parameters.fieldToSplitOut).toBe('rows');
		expect(targets(workflow, 'One item per row')).toEqual([add.name]);
		expect(add).toMatchObject({
			onError: 'continueRegularOutput',
			parameters: { dataMode: 'autoMapInputData' },
		});
		expect(rows.map((row) => [row.flowId, row.audienceId])).toEqual([
			[TUTORIAL_FLOW_ID, TUTORIAL_NEW_AUDIENCE_ID],
			[STREAMING_FLOW_ID, A0],
			[STREAMING_FLOW_ID, STREAMING_AUDIENCE_IDS[0]],
		]);
	});

	it('as shipped, says per row what it would add and sends nothing', async () => {
		const out = await expectDryRun(add, rows, [TUTORIAL_FLOW_ID, STREAMING_FLOW_ID]);
		expect(out.map((item) => [item.flowId, item.summary])).toEqual([
			[TUTORIAL_FLOW_ID, `Would add 1 audience (${TUTORIAL_NEW_AUDIENCE_NAME})`],
			[STREAMING_FLOW_ID, 'Would add 1 audience (Interested in Mountain Biking)'],
			[STREAMING_FLOW_ID, 'No change: skipped 1: already on the dataflow'],
		]);
	});

	it('live, adds each row; rows of one dataflow go out in one PATCH', async () => {
		const out = outputJson(await runStep(add, rows, withDryRunOff(add)));

		expect(out.map((item) => item.changed)).toEqual([true, true, false]);
		expect(storedSelectors(emulator.current, STREAMING_FLOW_ID).map((s) => s.value.id)).toEqual([
			...STREAMING_AUDIENCE_IDS,
			A0,
		]);
		expect(storedSelectors(emulator.current, TUTORIAL_FLOW_ID).map((s) => s.value.id)).toEqual([
			A0,
			A1,
			A2,
			A3,
			TUTORIAL_NEW_AUDIENCE_ID,
		]);
		expect(
			calls(emulator.current)
				.filter((call) => call.startsWith('PATCH'))
				.sort(),
		).toEqual([patchTutorial, `PATCH /flows/${STREAMING_FLOW_ID}`].sort());
	});
});
