import nock from 'nock';

import runs from '../../emulator/fixtures/runs.json';
import tutorialFlow from '../../emulator/fixtures/tutorial-flow.json';
import { FLOWS_PATH, PLATFORM, outputJson, recordAdobe } from './setup';
import { A0, A1, A2, A3, FLOW_ID, runOnTutorial } from './tutorial';

const RUNS_PATH = '/data/foundation/flowservice/runs';
const SPECS_PATH = '/data/foundation/flowservice/connectionSpecs';
const ACCOUNTS_PATH = '/data/foundation/flowservice/connections';
const [run] = runs.filter((candidate) => candidate.flowId === FLOW_ID);
// As Adobe's OpenAPI flow examples carry it.
const LAST_RUN = {
	id: run.id,
	state: 'success',
	startedAtUTC: 1640563201500,
	completedAtUTC: 1640563601500,
};
const flowWithRun = { ...structuredClone(tutorialFlow), lastRunDetails: LAST_RUN };
const version = (typeVersion: number) => ({ node: { typeVersion } });
const [target] = tutorialFlow.inheritedAttributes.targetConnections;
const CAMPAIGN = { id: target.connectionSpec.id, name: 'Adobe Campaign', targetSpec: {} };
const ACCOUNT = { id: target.baseConnection.id, name: 'Campaign production' };

describe('Simplify on Get, Get Many and Get Runs', () => {
	const { requests, readFlow, listing } = recordAdobe();
	/** Adobe knows the tutorial flow's destination and account. */
	const namesKnown = () => {
		listing(SPECS_PATH, { items: [CAMPAIGN] });
		listing(ACCOUNTS_PATH, { items: [ACCOUNT] });
	};

	it('version 2 simplifies a dataflow by default: names, counts, ISO dates, the last run', async () => {
		readFlow(FLOW_ID, { items: [flowWithRun] });
		namesKnown();

		const [flow] = outputJson(await runOnTutorial('get', {}, version(2)));

		expect(flow).toEqual({
			id: FLOW_ID,
			name: tutorialFlow.name,
			state: 'enabled',
			description: tutorialFlow.description ?? '',
			destination: CAMPAIGN.id,
			destinationName: 'Adobe Campaign',
			accountId: ACCOUNT.id,
			accountName: 'Campaign production',
			audienceCount: 4,
			audiences: tutorialFlow.transformations[0].params.segmentSelectors!.selectors.map(
				(selector) => ({
					id: selector.value.id,
					name: selector.value.name,
					exportMode: (selector.value as { exportMode?: string }).exportMode ?? null,
					frequency:
						(selector.value as { schedule?: { frequency?: string } }).schedule?.frequency ?? null,
				}),
			),
			profileAttributes: tutorialFlow.transformations[0].params.profileSelectors.selectors.map(
				(selector) => selector.value.path,
			),
			createdAt: '2021-12-23T20:05:01.000Z',
			updatedAt: '2021-12-23T20:05:04.158Z',
			lastRunStatus: 'success',
			lastRunAt: '2021-12-27T00:06:41.500Z',
			etag: tutorialFlow.etag,
		});
		expect((flow.audiences as Array<{ id: string }>).map((a) => a.id)).toEqual([A0, A1, A2, A3]);
		expect(requests.map((request) => request.path)).toEqual([
			`${FLOWS_PATH}/${FLOW_ID}`,
			`${SPECS_PATH}?property=${encodeURIComponent(`id==${CAMPAIGN.id}`)}`,
			`${ACCOUNTS_PATH}?property=${encodeURIComponent(`id==${ACCOUNT.id}`)}`,
		]);
	});

	it('names each destination and account once per run, however many items read them', async () => {
		readFlow(FLOW_ID, { items: [flowWithRun] });
		readFlow(FLOW_ID, { items: [flowWithRun] });
		namesKnown();

		const flows = outputJson(
			await runOnTutorial('get', {}, { ...version(2), triggerItems: [{ json: {} }, { json: {} }] }),
		);

		expect(flows.map((flow) => [flow.destinationName, flow.accountName])).toEqual([
			['Adobe Campaign', 'Campaign production'],
			['Adobe Campaign', 'Campaign production'],
		]);
		expect(requests.filter((request) => request.path.startsWith(SPECS_PATH))).toHaveLength(1);
		expect(requests.filter((request) => request.path.startsWith(ACCOUNTS_PATH))).toHaveLength(1);
	});

	it('a destination or account Adobe does not name (or refuses to) leaves the names null, never the read failed', async () => {
		readFlow(FLOW_ID, { items: [flowWithRun] });
		listing(SPECS_PATH, { items: [] });
		nock(PLATFORM).get(ACCOUNTS_PATH).query(true).reply(403, { message: 'Forbidden' });

		const result = await runOnTutorial('get', {}, version(2));

		expect(result.status).toBe('success');
		expect(outputJson(result)[0]).toMatchObject({
			destination: CAMPAIGN.id,
			destinationName: null,
			accountId: ACCOUNT.id,
			accountName: null,
		});
	});

	it('version 2 with Simplify off, and version 1 (saved before Simplify), give Adobe’s object untouched', async () => {
		readFlow(FLOW_ID, { items: [flowWithRun] });
		readFlow(FLOW_ID, { items: [flowWithRun] });

		const off = await runOnTutorial('get', { simplify: false }, version(2));
		const v1 = await runOnTutorial('get', {}, version(1));

		expect(outputJson(off)).toEqual([flowWithRun]);
		expect(outputJson(v1)).toEqual([flowWithRun]);
	});

	it('version 1 simplifies when the user turns it on', async () => {
		readFlow(FLOW_ID, { items: [flowWithRun] });
		namesKnown();

		const [flow] = outputJson(await runOnTutorial('get', { simplify: true }, version(1)));

		expect(flow).toMatchObject({ id: FLOW_ID, audienceCount: 4, lastRunStatus: 'success' });
	});

	it('Get Many simplifies each dataflow in version 2, naming them all with one lookup each', async () => {
		listing(FLOWS_PATH, {
			items: [flowWithRun, { ...tutorialFlow, id: 'other', lastRunDetails: undefined }],
		});
		namesKnown();

		const flows = outputJson(await runNode2('getMany'));

		expect(
			flows.map((flow) => [flow.id, flow.audienceCount, flow.lastRunStatus, flow.destinationName]),
		).toEqual([
			[FLOW_ID, 4, 'success', 'Adobe Campaign'],
			['other', 4, null, 'Adobe Campaign'],
		]);
		expect(requests.map((request) => request.path.split('?')[0])).toEqual([
			FLOWS_PATH,
			SPECS_PATH,
			ACCOUNTS_PATH,
		]);
	});

	it('Get Runs simplifies each run in version 2: status, ISO times, duration, record counts, errors', async () => {
		const failed = {
			...run,
			id: 'failed-run',
			metrics: {
				durationSummary: { startedAtUTC: 1640563201500 },
				statusSummary: { status: 'Failed', errors: [{ code: 'X', message: 'Job aborted.' }] },
			},
		};
		nock(PLATFORM)
			.get(RUNS_PATH)
			.query(true)
			.reply(200, { items: [run, failed], _links: {} });

		const [success, failure] = outputJson(await runOnTutorial('getRuns', {}, version(2)));

		expect(success).toEqual({
			id: run.id,
			status: 'Success',
			startedAt: '2021-12-27T00:00:01.500Z',
			completedAt: '2021-12-27T00:06:41.500Z',
			durationSeconds: 400,
			records: { received: 2500, activated: 2480, failed: null, skipped: 20 },
			errors: [],
		});
		expect(failure).toEqual({
			id: 'failed-run',
			status: 'Failed',
			startedAt: '2021-12-27T00:00:01.500Z',
			completedAt: null,
			durationSeconds: null,
			records: { received: null, activated: null, failed: null, skipped: null },
			errors: [{ code: 'X', message: 'Job aborted.' }],
		});
	});
});

function runNode2(operation: string) {
	return runOnTutorial(operation, { returnAll: true }, version(2));
}
