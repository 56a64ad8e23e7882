import type { IDataObject, INode } from 'n8n-workflow';

import { SHARED_AUDIENCE_ID } from '../../emulator/fixtures/ids';
import { MANUAL_TRIGGER, example, nodeNamed, targets, withDryRunOff } from '../examples/load';
import { outputJson, runNode } from '../workflow-mocked/setup';
import { SHARED_FLOW_IDS } from './audienceResource';
import { storedAudienceIds, tokenCredential, useEmulator } from './setup';

const emulator = useEmulator({ slowWorkflows: true });

const workflow = example('retire-audience-everywhere.json');
const sample = nodeNamed(workflow, 'Sample ended campaign');
const remove = nodeNamed(workflow, 'Remove it from every dataflow');

const exporters = () =>
	SHARED_FLOW_IDS.filter((id) =>
		storedAudienceIds(emulator.current, id).includes(SHARED_AUDIENCE_ID),
	);

async function runRemove(node: INode, parameters = node.parameters) {
	const body = JSON.parse(String(sample.parameters.jsonOutput)) as IDataObject;
	const result = await runNode(parameters, {
		credential: tokenCredential(emulator.current),
		triggerItems: [{ json: body }],
		node: { typeVersion: node.typeVersion },
	});
	expect(result.status).toBe('success');
	return outputJson(result);
}

describe('example "Retire an audience everywhere when its campaign ends"', () => {
	it('the webhook and the sample both feed Remove From All Dataflows', () => {
		expect(targets(workflow, 'When a campaign ends')).toEqual([remove.name]);
		expect(targets(workflow, MANUAL_TRIGGER)).toEqual([sample.name]);
		expect(targets(workflow, sample.name)).toEqual([remove.name]);
		expect(remove.parameters).toMatchObject({ resource: 'audience', operation: 'removeFromAll' });
	});

	it('as shipped, lists the dataflows exporting the sample audience and says what it would remove, sending nothing', async () => {
		const reports = await runRemove(remove);

		expect(reports).toHaveLength(SHARED_FLOW_IDS.length);
		for (const report of reports) expect(report.summary).toMatch(/: Would remove 1 audience \(/);
		expect(emulator.current.requests().map((r) => r.method)).toEqual(['GET']);
		expect(exporters()).toEqual(SHARED_FLOW_IDS);
	});

	it('gone live, takes the audience off every dataflow; a second call finds nothing left', async () => {
		const reports = await runRemove(remove, withDryRunOff(remove));

		expect(reports.map((report) => report.changed)).toEqual(SHARED_FLOW_IDS.map(() => true));
		expect(exporters()).toEqual([]);
		emulator.current.clearRequests();

		const [again] = await runRemove(remove, withDryRunOff(remove));
		expect(again).toMatchObject({ changed: false });
		expect(emulator.current.requests().map((r) => r.method)).toEqual(['GET']);
	});
});
