import type { IDataObject } from 'n8n-workflow';

import type { FlowDocument } from '@node/model/types';
import { FlowServiceHttpError, type FlowRun, type FlowServiceClient } from '@node/transport';
import {
	FAILED_RUNS_FILTER,
	FINISHED_RUNS_FILTER,
	fetchFailedRuns,
	fetchFinishedRuns,
	fetchRecentRuns,
	fetchWatchedFlows,
} from '@node/trigger/observe';

const DESTINATIONS = 'inheritedAttributes.properties.isDestinationFlow==true';

interface Page<T> {
	items?: T[];
	_links?: { next?: { href?: string } };
}

/** A stand-in client that answers from lists of pages and records what it was asked. */
function fakeClient(options: {
	flowPages?: Array<Page<FlowDocument>>;
	runPages?: Array<Page<FlowRun>>;
	flows?: Record<string, FlowDocument | Error>;
}) {
	const calls: Array<[string, IDataObject | undefined, string | undefined]> = [];
	const client = {
		async listFlows(qs: IDataObject, next?: string) {
			calls.push(['listFlows', next ? undefined : qs, next]);
			return options.flowPages?.[next ? Number(next.split('=')[1]) : 0] ?? {};
		},
		async listRuns(qs: IDataObject, next?: string) {
			calls.push(['listRuns', next ? undefined : qs, next]);
			return options.runPages?.[next ? Number(next.split('=')[1]) : 0] ?? {};
		},
		async getFlow(flowId: string) {
			calls.push(['getFlow', undefined, flowId]);
			const found = options.flows?.[flowId];
			if (found instanceof Error) throw found;
			if (!found) throw new FlowServiceHttpError(404, { status: 404 }, {}, 'HTTP 404');
			return found;
		},
	};
	return { client: client as unknown as FlowServiceClient, calls };
}

const flow = (id: string): FlowDocument => ({ id, etag: `"${id}"`, name: id });
const failed = (id: string, createdAt: number, flowId = 'f1', status = 'Failed'): FlowRun => ({
	id,
	flowId,
	createdAt,
	metrics: { statusSummary: { status } },
});
const next = (page: number) => ({ next: { href: `/x?continuationToken=${page}` } });

describe('fetchWatchedFlows', () => {
	it('reads the one chosen dataflow by ID', async () => {
		const { client, calls } = fakeClient({ flows: { f1: flow('f1') } });
		expect(await fetchWatchedFlows(client, 'f1', ['other'])).toEqual([flow('f1')]);
		expect(calls).toEqual([['getFlow', undefined, 'f1']]);
	});

	it('lets a 404 of the chosen dataflow through, for the node to report', async () => {
		const { client } = fakeClient({});
		await expect(fetchWatchedFlows(client, 'gone')).rejects.toMatchObject({ statusCode: 404 });
	});

	it('lists every page of destination dataflows ordered by createdAt, without duplicates', async () => {
		const { client, calls } = fakeClient({
			flowPages: [
				{ items: [flow('a'), flow('b')], _links: next(1) },
				{ items: [flow('b'), flow('c'), { etag: 'x' } as FlowDocument], _links: {} },
			],
		});
		expect((await fetchWatchedFlows(client, undefined)).map((entry) => entry.id)).toEqual([
			'a',
			'b',
			'c',
		]);
		expect(calls).toEqual([
			['listFlows', { property: [DESTINATIONS], orderby: 'createdAt', limit: 100 }, undefined],
			['listFlows', undefined, '/x?continuationToken=1'],
		]);
	});

	it('reads a remembered dataflow missing from the listing by ID: kept if it answers, dropped on 404', async () => {
		const { client, calls } = fakeClient({
			flowPages: [{ items: [flow('a')] }],
			flows: { late: flow('late') },
		});
		expect(
			(await fetchWatchedFlows(client, undefined, ['a', 'late', 'gone'])).map((entry) => entry.id),
		).toEqual(['a', 'late']);
		expect(calls.filter(([name]) => name === 'getFlow').map(([, , id]) => id)).toEqual([
			'late',
			'gone',
		]);
	});

	it('fails on any other error while confirming a missing dataflow, so nothing is forgotten by mistake', async () => {
		const { client } = fakeClient({
			flowPages: [{ items: [] }],
			flows: { a: new FlowServiceHttpError(503, {}, {}, 'HTTP 503') },
		});
		await expect(fetchWatchedFlows(client, undefined, ['a'])).rejects.toMatchObject({
			statusCode: 503,
		});
	});
});

describe('fetchFailedRuns', () => {
	const all = () => true;

	it('asks for failed runs, newest first, with the dataflow and floor filters', async () => {
		const { client, calls } = fakeClient({ runPages: [{ items: [failed('r1', 5000)] }] });
		expect(await fetchFailedRuns(client, { flowId: 'f1', isWatched: all, floor: 1234.5 })).toEqual([
			failed('r1', 5000),
		]);
		expect(calls).toEqual([
			[
				'listRuns',
				{
					property: [FAILED_RUNS_FILTER, 'flowId==f1', 'createdAt>=1234'],
					orderby: '-createdAt',
					limit: 100,
				},
				undefined,
			],
		]);
		expect(FAILED_RUNS_FILTER).toBe('metrics.statusSummary.status==Failed,failed');
	});

	it('follows every page when there is no floor, and keeps only failed runs of watched dataflows', async () => {
		const { client, calls } = fakeClient({
			runPages: [
				{
					items: [
						failed('r4', 400),
						failed('other', 350, 'f9'),
						failed('ok', 300, 'f1', 'Success'),
					],
					_links: next(1),
				},
				{
					items: [
						failed('r2', 200),
						{ id: 'undated', flowId: 'f1', metrics: { statusSummary: { status: 'Failed' } } },
						failed('r1', 100, 'f1', 'failed'),
					],
				},
			],
		});
		const runs = await fetchFailedRuns(client, { isWatched: (run) => run.flowId === 'f1' });
		expect(runs.map((run) => run.id)).toEqual(['r4', 'r2', 'r1']);
		expect(calls).toHaveLength(2);
		expect(calls[0][1]).toEqual({
			property: [FAILED_RUNS_FILTER],
			orderby: '-createdAt',
			limit: 100,
		});
	});

	it('stops at the first run older than the floor, even if the service listed it', async () => {
		const { client, calls } = fakeClient({
			runPages: [
				{ items: [failed('r3', 300), failed('r2', 200)], _links: next(1) },
				{ items: [failed('r1', 100)] },
			],
		});
		expect(
			(await fetchFailedRuns(client, { isWatched: all, floor: 250 })).map((run) => run.id),
		).toEqual(['r3']);
		expect(calls).toHaveLength(1);
	});

	it('for a baseline, reads back one window from the newest watched failed run', async () => {
		const { client } = fakeClient({
			runPages: [
				{ items: [failed('x', 1000, 'f9'), failed('r3', 900), failed('r2', 850)], _links: next(1) },
				{ items: [failed('r1', 799), failed('r0', 10)] },
			],
		});
		const runs = await fetchFailedRuns(client, {
			isWatched: (run) => run.flowId === 'f1',
			baselineWindowMs: 100,
		});
		expect(runs.map((run) => run.id)).toEqual(['r3', 'r2']);
	});

	it('for a test event, stops at the newest watched failed run, and gives up after a few pages', async () => {
		const found = fakeClient({
			runPages: [
				{ items: [failed('x', 9, 'f9')], _links: next(1) },
				{ items: [failed('r2', 8), failed('r1', 7)], _links: next(2) },
			],
		});
		expect(
			(
				await fetchFailedRuns(found.client, {
					isWatched: (run) => run.flowId === 'f1',
					newestOnly: true,
				})
			).map((run) => run.id),
		).toEqual(['r2']);
		expect(found.calls).toHaveLength(2);

		const endless = Array.from({ length: 10 }, (_, page) => ({
			items: [failed(`x${page}`, 100 - page, 'f9')],
			_links: next(page + 1),
		}));
		const none = fakeClient({ runPages: endless });
		expect(
			await fetchFailedRuns(none.client, {
				isWatched: (run) => run.flowId === 'f1',
				newestOnly: true,
			}),
		).toEqual([]);
		expect(none.calls).toHaveLength(5);
	});
});

describe('fetchFinishedRuns', () => {
	it('asks for runs that are over (Success or Failed), newest first, every page down to the floor', async () => {
		const { client, calls } = fakeClient({
			runPages: [
				{
					items: [failed('s3', 300, 'f1', 'Success'), failed('p', 280, 'f1', 'Processing')],
					_links: next(1),
				},
				{ items: [failed('f2', 260, 'f1', 'failed'), failed('s1', 100, 'f1', 'success')] },
			],
		});
		const runs = await fetchFinishedRuns(client, {
			flowId: 'f1',
			isWatched: () => true,
			floor: 200,
		});
		expect(runs.map((run) => run.id)).toEqual(['s3', 'f2']);
		expect(calls).toEqual([
			[
				'listRuns',
				{
					property: [FINISHED_RUNS_FILTER, 'flowId==f1', 'createdAt>=200'],
					orderby: '-createdAt',
					limit: 100,
				},
				undefined,
			],
			['listRuns', undefined, '/x?continuationToken=1'],
		]);
		expect(FINISHED_RUNS_FILTER).toBe(
			'metrics.statusSummary.status==Success,success,Failed,failed',
		);
	});

	it('for a test event, stops at the newest run the caller takes', async () => {
		const { client } = fakeClient({
			runPages: [{ items: [failed('a', 3, 'f1', 'Success'), failed('b', 2, 'f1', 'Success')] }],
		});
		const runs = await fetchFinishedRuns(
			client,
			{ isWatched: () => true, newestOnly: true },
			(run) => run.id === 'b',
		);
		expect(runs.map((run) => run.id)).toEqual(['b']);
	});
});

describe('fetchRecentRuns', () => {
	it('asks for every run of any status from the floor on, of the watched dataflows, all pages', async () => {
		const { client, calls } = fakeClient({
			runPages: [
				{
					items: [failed('w', 500, 'f1', 'Waiting'), failed('other', 450, 'f9', 'Success')],
					_links: next(1),
				},
				{ items: [failed('s', 400, 'f1', 'Success'), failed('old', 90, 'f1', 'Success')] },
			],
		});
		const runs = await fetchRecentRuns(client, {
			isWatched: (run) => run.flowId === 'f1',
			floor: 100,
		});
		expect(runs.map((run) => run.id)).toEqual(['w', 's']);
		expect(calls[0][1]).toEqual({
			property: ['createdAt>=100'],
			orderby: '-createdAt',
			limit: 100,
		});
		expect(calls).toHaveLength(2);
	});
});
