import runs from '../../emulator/fixtures/runs.json';
import {
	PLATFORM,
	adobeHeaders,
	byId,
	outputJson,
	runNode,
	type RecordedRequest,
	recordAdobe,
} from './setup';
import { FLOW_ID, runOnTutorial } from './tutorial';

const RUNS_PATH = '/data/foundation/flowservice/runs';
const tutorialRuns = runs.filter((run) => run.flowId === FLOW_ID);

function page(count: number, offset: number, next?: string) {
	const items = Array.from({ length: count }, (_, index) => ({
		...tutorialRuns[0],
		id: `run-${offset + index}`,
	}));
	return next ? { items, _links: { next: { href: next } } } : { items, _links: {} };
}

function query(request: RecordedRequest): URLSearchParams {
	return new URL(request.path, PLATFORM).searchParams;
}

describe('Get Runs through the engine', () => {
	const { requests, answer, listing } = recordAdobe();

	it('asks for the runs of the flow, with the Platform headers, and outputs one item per run', async () => {
		listing(RUNS_PATH, { items: tutorialRuns, _links: {} });

		const result = await runOnTutorial('getRuns');

		expect(requests).toHaveLength(1);
		expect(requests[0].path).toBe(`${RUNS_PATH}?property=flowId%3D%3D${FLOW_ID}&limit=50`);
		expect(requests[0].headers).toMatchObject(adobeHeaders());
		expect(outputJson(result)).toEqual(tutorialRuns);
		expect(result.output('Flow Service Destination').map((item) => item.pairedItem)).toEqual(
			tutorialRuns.map(() => ({ item: 0 })),
		);
	});

	it('filters by statuses (OR) and a start-time window, all ANDed as repeated property parameters', async () => {
		listing(RUNS_PATH, { items: [tutorialRuns[1]], _links: {} });

		const result = await runOnTutorial('getRuns', {
			filters: {
				status: ['Failed', 'Waiting'],
				startedAfter: '2021-12-25T00:00:00Z',
				startedBefore: '2021-12-26T00:00:00Z',
			},
		});

		expect(query(requests[0]).getAll('property')).toEqual([
			`flowId==${FLOW_ID}`,
			'metrics.statusSummary.status==Failed,Waiting',
			'metrics.durationSummary.startedAtUTC>1640390400000',
			'metrics.durationSummary.startedAtUTC<1640476800000',
		]);
		expect(outputJson(result).map((run) => run.id)).toEqual([tutorialRuns[1].id]);
	});

	it('Return All follows _links.next until the last page', async () => {
		listing(RUNS_PATH, page(100, 0, `/runs?continuationToken=abc&property=flowId%3D%3D${FLOW_ID}`))
			.get(RUNS_PATH)
			.query(true)
			.reply(answer(200, page(30, 100)));

		const result = await runNode({ operation: 'getRuns', flowId: byId(FLOW_ID), returnAll: true });

		expect(outputJson(result)).toHaveLength(130);
		expect(query(requests[0]).get('limit')).toBe('100');
		expect(requests[1].path).toBe(
			`${RUNS_PATH}?continuationToken=abc&property=flowId%3D%3D${FLOW_ID}`,
		);
	});

	it('a limit stops paging once it has enough, and asks for no more than it needs', async () => {
		listing(RUNS_PATH, page(3, 0, '/runs?continuationToken=more'));

		const result = await runNode({ operation: 'getRuns', flowId: byId(FLOW_ID), limit: 3 });

		expect(requests).toHaveLength(1);
		expect(query(requests[0]).get('limit')).toBe('3');
		expect(outputJson(result).map((run) => run.id)).toEqual(['run-0', 'run-1', 'run-2']);
	});

	it('outputs nothing for a flow without runs', async () => {
		listing(RUNS_PATH, { items: [], _links: {} });

		const result = await runOnTutorial('getRuns', {
			filters: { status: ['Processing'] },
		});

		expect(result.status).toBe('success');
		expect(outputJson(result)).toEqual([]);
	});

	it.each([
		[
			'a bad start time',
			{ filters: { startedAfter: '={{ "last tuesday" }}' } },
			'filters.startedAfter',
		],
		[
			'an empty window',
			{ filters: { startedAfter: '2021-12-26T00:00:00Z', startedBefore: '2021-12-25T00:00:00Z' } },
			'filters.startedBefore',
		],
		['an unknown status', { filters: { status: '={{ ["Done"] }}' } }, 'filters.status'],
		['a flow ID that is not one', { flowId: byId('={{ "../x" }}') }, 'flowId'],
	])('refuses %s before any request, naming the field', async (_, parameters, field) => {
		const result = await runOnTutorial('getRuns', { ...parameters });

		expect(requests).toEqual([]);
		expect(result.error?.message).toMatch(/^.+: .+ \(item 1\)$/);
		expect(result.error?.description).toContain(`Parameter "${field}", item index 0.`);
	});
});
