import type { FaultSpec } from '../../emulator/faults';
import { ACCOUNT_IDS, TUTORIAL_NEW_AUDIENCE_ID } from '../../emulator/fixtures/ids';
import { FLOW_SERVICE_BASE_PATH } from '../../emulator/identity';
import { byId, outputJson, runNode } from '../workflow-mocked/setup';
import { A0, tokenCredential, useEmulator } from '../workflow-on-emulator/setup';
import { sandboxState } from '../workflow-on-emulator/sandbox';
import { printFigure } from './report';

/**
 * The fault matrix of Dataflow › Create: every step of a create meets every fault (reset before
 * and after, timeout, 5xx before and after, 429; 412 after the POST /flows, and before it on a
 * dataflow taken over with Use It). Whatever the item's outcome, the sandbox ends with at most
 * one dataflow of the name and no connection that no dataflow uses; a failed item run again
 * ends with exactly one.
 */
const emulator = useEmulator({ slowWorkflows: true });
const NAME = 'Fault matrix campaign';
const FS = FLOW_SERVICE_BASE_PATH;
// Timeouts: Adobe answers after 700 ms, the node gives up after 300 ms and looks again as its retries wait.
const RETRIES = { retryInitialDelay: 400, retryMaxDelay: 2000, maxRetries: 3, requestTimeout: 300 };
const LATE_MS = 700;

const entry = (id: string) => ({
	id: byId(id),
	exportMode: 'DAILY_FULL_EXPORT',
	frequency: 'DAILY',
	startDate: '2099-12-01',
	startTime: '20:00',
});
const create = (extra: Record<string, unknown> = {}) =>
	runNode(
		{
			operation: 'create',
			dataflowName: NAME,
			accountId: byId(ACCOUNT_IDS.prod.marketingS3),
			exportSettings: {
				bucketName: 'fault-matrix',
				folderPath: 'exports',
				fileType: 'CSV',
				compression: 'NONE',
			},
			audiences: { audience: [entry(TUTORIAL_NEW_AUDIENCE_ID), entry(A0)] },
			options: RETRIES,
			...extra,
		},
		{ credential: tokenCredential(emulator.current), node: { typeVersion: 2 } },
	);

const STEPS: Array<{
	step: string;
	method: string;
	path: string;
	extra?: Record<string, unknown>;
}> = [
	{ step: 'POST /sourceConnections', method: 'POST', path: `${FS}/sourceConnections` },
	{ step: 'POST /targetConnections', method: 'POST', path: `${FS}/targetConnections` },
	{ step: 'POST /flows', method: 'POST', path: `${FS}/flows` },
	{ step: 'PATCH /flows/{id}', method: 'PATCH', path: `${FS}/flows/*` },
	{ step: 'GET /flows/{id}', method: 'GET', path: `${FS}/flows/*` },
	{
		step: 'POST /flows/{id}/action',
		method: 'POST',
		path: `${FS}/flows/*/action`,
		extra: { enable: false },
	},
];
const FAULTS: Array<{ fault: string; spec: Omit<FaultSpec, 'method' | 'path'> }> = [
	{ fault: 'reset', spec: { type: 'reset' } },
	{ fault: 'reset after', spec: { type: 'reset', after: true } },
	{ fault: 'timeout', spec: { type: 'latency', latencyMs: LATE_MS } },
	{ fault: '503', spec: { type: 'error', status: 503 } },
	{ fault: '500 after', spec: { type: 'error', status: 500, after: true } },
	{ fault: '504 after', spec: { type: 'error', status: 504, after: true } },
	{ fault: '429', spec: { type: 'error', status: 429, retryAfter: 0 } },
];

const tally = { injected: 0, duplicates: 0, orphans: 0, lines: [] as string[] };
afterAll(() =>
	printFigure(
		`create faults: ${tally.injected} injected, ${tally.duplicates} duplicate dataflows, ${tally.orphans} orphan connections\n${tally.lines.map((line) => `  ${line}`).join('\n')}`,
	),
);

/** Counts what the sandbox holds after a run; a failed item is run again, without faults. */
async function settle(label: string, status: string): Promise<void> {
	// A request the node gave up on may still land: the emulator finishes it after its latency.
	await new Promise((resolve) => setTimeout(resolve, LATE_MS + 200));
	let state = await sandboxState(emulator.current);
	let outcome = status === 'success' ? 'created once' : 'failed, nothing left';
	if (status !== 'success') {
		emulator.current.clearFaults();
		const again = await create();
		expect(again.status).toBe('success');
		state = await sandboxState(emulator.current);
		outcome = 'failed, nothing left; run again: created once';
		expect(state.flowsNamed(NAME)).toHaveLength(1);
	}
	const flows = state.flowsNamed(NAME).length;
	tally.injected++;
	tally.duplicates += Math.max(0, flows - 1);
	tally.orphans += state.orphans.length;
	tally.lines.push(`${label}: ${outcome}`);
	expect(flows).toBeLessThanOrEqual(1);
	expect(state.orphans).toEqual([]);
}

describe('create faults: never two dataflows from one item, never orphan connections', () => {
	for (const { step, method, path, extra } of STEPS) {
		for (const { fault, spec } of FAULTS) {
			it(`${fault} on ${step}`, async () => {
				emulator.current.injectFault({ method, path, ...spec });

				const result = await create(extra);

				await settle(`${fault} on ${step}`, result.status);
			});
		}
	}

	it('412 after the POST /flows: another writer changes the new dataflow before its PATCH', async () => {
		emulator.current.injectFault({
			type: 'concurrentWrite',
			method: 'PATCH',
			path: `${FS}/flows/*`,
		});

		const result = await create();

		expect(result.status).toBe('success');
		expect(outputJson(result)[0]).toMatchObject({ conflictRetries: 1 });
		await settle('412 after POST /flows', result.status);
	});

	it('412 on the dataflow found before creating (Use It): re-read, re-planned, applied once', async () => {
		expect((await create()).status).toBe('success');
		emulator.current.injectFault({
			type: 'concurrentWrite',
			method: 'PATCH',
			path: `${FS}/flows/*`,
		});

		const result = await create({ ifExists: 'useIt', audiences: { audience: [entry(A0)] } });

		expect(result.status).toBe('success');
		expect(outputJson(result)[0]).toMatchObject({ created: false, conflictRetries: 1 });
		await settle('412 on Use It', result.status);
	});

	it('a failed attempt whose connections cannot be deleted: the next run reuses them', async () => {
		emulator.current.injectFault({
			type: 'error',
			status: 503,
			method: 'POST',
			path: `${FS}/flows`,
			count: 10,
		});
		emulator.current.injectFault({
			type: 'error',
			status: 503,
			method: 'DELETE',
			path: `${FS}/**`,
			count: 20,
		});

		const failed = await create();

		expect(failed.status).toBe('error');
		expect(failed.error?.message).toMatch(
			/could not be deleted: delete them, or run the item again/,
		);
		emulator.current.clearFaults();
		emulator.current.clearRequests();
		const again = await create();

		expect(again.status).toBe('success');
		const posts = emulator.current
			.requests()
			.filter((r) => r.method === 'POST' && r.path.startsWith(FS))
			.map((r) => r.path);
		expect(posts).toEqual([`${FS}/flows`]);
		expect((outputJson(again)[0].connections as { reused: string[] }).reused).toHaveLength(2);
		await settle('failed attempt, connections left, run again', 'success');
	});
});
