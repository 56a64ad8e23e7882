import type { IDataObject, INode } from 'n8n-workflow';

import {
	ACCOUNT_IDS,
	ACCOUNT_NAMES,
	DEV_FLOW_IDS,
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_NEW_AUDIENCE_ID,
} from '../../emulator/fixtures/ids';
import { example, nodeNamed, targets, withDryRunOff } from '../examples/load';
import { outputJson, runNode } from '../workflow-mocked/setup';
import { calls, tokenCredential, useEmulator } from './setup';
import { sandboxState } from './sandbox';

const emulator = useEmulator({ slowWorkflows: true });
const BULK_GET = 'POST /data/core/ups/segment/definitions/bulk-get';
const sentWrites = () =>
	calls(emulator.current).filter((call) => !call.startsWith('GET ') && call !== BULK_GET);

async function runStep(
	node: INode,
	items: IDataObject[],
	sandboxName = 'prod',
	parameters = node.parameters,
) {
	const result = await runNode(parameters, {
		credential: tokenCredential(emulator.current, sandboxName),
		triggerItems: items.map((json) => ({ json })),
		node: { typeVersion: node.typeVersion },
	});
	expect(result.status).toBe('success');
	return outputJson(result);
}

describe('example "Launch a campaign dataflow from a webhook"', () => {
	const workflow = example('launch-campaign-dataflow.json');
	const create = nodeNamed(workflow, 'Create campaign dataflow');
	const audience = (id: string) => ({
		id,
		exportMode: 'DAILY_FULL_EXPORT',
		frequency: 'DAILY',
		startDate: '2099-12-01',
		startTime: '20:00',
	});
	const call = (ids: string[]) => ({
		body: { name: 'Winter campaign', folder: 'winter', audiences: ids.map(audience) },
	});

	it('the webhook feeds Create, whose output is the answer', () => {
		expect(targets(workflow, 'Campaign launch webhook')).toEqual([create.name]);
		expect(targets(workflow, create.name)).toEqual(['Respond with the result']);
	});

	it('as shipped, lists the requests of the create (the folder under campaigns/) and sends nothing', async () => {
		const [out] = await runStep(create, [
			call([TUTORIAL_NEW_AUDIENCE_ID, TUTORIAL_AUDIENCE_IDS[0]]),
		]);

		expect(out.summary).toBe(
			`Would create dataflow "Winter campaign" on "${ACCOUNT_NAMES.marketingS3}" with 2 audiences`,
		);
		const requests = out.requests as IDataObject[];
		expect(requests.map((r) => `${String(r.method)} ${String(r.path)}`).slice(0, 3)).toEqual([
			'POST /sourceConnections',
			'POST /targetConnections',
			'POST /flows',
		]);
		expect((requests[1].body as IDataObject).params).toMatchObject({ path: 'campaigns/winter' });
		expect(sentWrites()).toEqual([]);
	});

	it('live, a second call of the same name syncs the one dataflow to the audiences sent', async () => {
		const live = withDryRunOff(create);
		const [first] = await runStep(
			create,
			[call([TUTORIAL_NEW_AUDIENCE_ID, TUTORIAL_AUDIENCE_IDS[0]])],
			'prod',
			live,
		);
		expect(first).toMatchObject({ created: true });

		const [again] = await runStep(create, [call([TUTORIAL_NEW_AUDIENCE_ID])], 'prod', live);

		expect(again).toMatchObject({ created: false, flowId: first.flowId });
		expect(again.summary).toMatch(/^Dataflow "Winter campaign" exists: Removed 1 audience/);
		const state = await sandboxState(emulator.current, 'prod');
		expect(state.flowsNamed('Winter campaign')).toHaveLength(1);
		expect(state.orphans).toEqual([]);
	});
});

describe('example "Promote a dataflow from the development sandbox to production"', () => {
	const workflow = example('promote-dataflow-to-production.json');
	const read = nodeNamed(workflow, 'Read it in dev');
	const create = nodeNamed(workflow, 'Create it in prod');

	it('as shipped, reads the dev dataflow and lists the prod requests, sending nothing', async () => {
		expect(targets(workflow, read.name)).toEqual([create.name]);
		const dev = await runStep(read, [{}], 'dev');
		expect(calls(emulator.current)).toContain(`GET /flows/${DEV_FLOW_IDS[1]}`);

		const [out] = await runStep(create, dev as IDataObject[]);

		expect(out.summary).toBe(
			`Would create dataflow "Dev SFTP smoke test" on "${ACCOUNT_NAMES.partnerSftp}" with 1 audience and 2 profile attributes; warning: 1 start date is before today in UTC (Interested in Mountain Biking: 2023-03-28)`,
		);
		// The dev dataflow's audience started long ago: told, and copied as it is.
		expect(out.warnings).toEqual([
			`Start date 2023-03-28 of audience Interested in Mountain Biking (${TUTORIAL_AUDIENCE_IDS[0]}) is before today (UTC)`,
		]);
		const requests = out.requests as IDataObject[];
		expect((requests[1].body as IDataObject).baseConnectionId).toBe(ACCOUNT_IDS.prod.partnerSftp);
		expect(sentWrites()).toEqual([]);
	});
});
