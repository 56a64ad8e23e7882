import type { FaultSpec } from '../../emulator/faults';
import {
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_FLOW_ID,
	TUTORIAL_NEW_AUDIENCE_ID,
} from '../../emulator/fixtures/ids';
import { byId, outputJson, runNode } from '../workflow-mocked/setup';
import {
	oauthCredential,
	storedAudienceIds,
	tokenCredential,
	useEmulator,
} from '../workflow-on-emulator/setup';
import { printFigure } from './report';

const emulator = useEmulator();
const FLOW_PATH = `/data/foundation/flowservice/flows/${TUTORIAL_FLOW_ID}`;
const fastRetries = { retryInitialDelay: 5, retryMaxDelay: 2000, maxRetries: 3 };

const audienceIds = () => storedAudienceIds(emulator.current, TUTORIAL_FLOW_ID);

async function addAudience(
	options: Record<string, unknown> = fastRetries,
	credential: Record<string, unknown> = tokenCredential(emulator.current),
) {
	return await runNode(
		{
			operation: 'addAudiences',
			flowId: byId(TUTORIAL_FLOW_ID),
			audiences: { audience: [{ id: TUTORIAL_NEW_AUDIENCE_ID }] },
			options,
		},
		{ credential },
	);
}

function patchFault(spec: Omit<FaultSpec, 'method' | 'path'>): void {
	emulator.current.injectFault({ method: 'PATCH', path: FLOW_PATH, ...spec });
}

const tally: string[] = [];
afterAll(() => printFigure(`faults:\n${tally.map((line) => `  ${line}`).join('\n')}`));

/** Counts the new audience on the flow after the run: 1 = applied once, 0 = cleanly not applied. */
function outcome(fault: string): number {
	const copies = audienceIds().filter((id) => id === TUTORIAL_NEW_AUDIENCE_ID).length;
	tally.push(
		`${fault}: ${copies === 1 ? 'applied exactly once' : copies === 0 ? 'cleanly not applied' : `applied ${copies} times`}`,
	);
	return copies;
}

const appliedOnce = (fault = expect.getState().currentTestName ?? 'fault') => {
	expect(
		outcome(
			fault.replace(/^faults: every change ends applied exactly once or cleanly not applied /, ''),
		),
	).toBe(1);
	expect(audienceIds()).toEqual([...TUTORIAL_AUDIENCE_IDS, TUTORIAL_NEW_AUDIENCE_ID]);
};
const statuses = () => emulator.current.requests().map((r) => `${r.method} ${r.status}`);

describe('faults: every change ends applied exactly once or cleanly not applied', () => {
	it('429 with Retry-After: waits (see retryPolicy unit tests), re-reads and applies once', async () => {
		patchFault({ type: 'error', status: 429, retryAfter: 1 });

		const result = await addAudience();

		appliedOnce();
		expect(statuses()).toEqual(['GET 200', 'PATCH 429', 'GET 200', 'PATCH 200']);
		expect(outputJson(result)[0]).toMatchObject({ changed: true, transientRetries: 1 });
	});

	it.each([500, 503, 504])('%i on a read is retried', async (status) => {
		emulator.current.injectFault({ type: 'error', status, method: 'GET', path: FLOW_PATH });

		await addAudience();

		appliedOnce();
		expect(statuses()).toEqual([`GET ${status}`, 'GET 200', 'PATCH 200']);
	});

	it.each([500, 503, 504])(
		'%i after the write was applied: the re-read shows it landed, nothing is sent twice',
		async (status) => {
			patchFault({ type: 'error', status, after: true });

			const result = await addAudience();

			appliedOnce();
			expect(statuses()).toEqual(['GET 200', `PATCH ${status}`, 'GET 200']);
			expect(outputJson(result)[0]).toMatchObject({ changed: true, confirmedByRead: true });
		},
	);

	it('connection reset before the write: re-read, re-planned, applied once', async () => {
		patchFault({ type: 'reset' });

		await addAudience();

		appliedOnce();
		expect(statuses()).toEqual(['GET 200', 'PATCH 0', 'GET 200', 'PATCH 200']);
	});

	it('connection reset after the write: never resent', async () => {
		patchFault({ type: 'reset', after: true });

		const result = await addAudience();

		appliedOnce();
		expect(statuses().filter((s) => s.startsWith('PATCH'))).toHaveLength(1);
		expect(outputJson(result)[0]).toMatchObject({ changed: true, confirmedByRead: true });
	});

	it('latency past the request timeout: the write is checked, not repeated', async () => {
		patchFault({ type: 'latency', latencyMs: 1500 });

		await addAudience({ ...fastRetries, requestTimeout: 300 });
		// The emulator finishes the slow write after the client gave up; wait for it to settle.
		await new Promise((resolve) => setTimeout(resolve, 1500));

		appliedOnce();
	});

	it('another writer changes the flow between read and write: 412, re-read, re-planned', async () => {
		patchFault({ type: 'concurrentWrite' });

		const result = await addAudience();

		appliedOnce();
		expect(statuses()).toEqual(['GET 200', 'PATCH 412', 'GET 200', 'PATCH 200']);
		expect(outputJson(result)[0]).toMatchObject({ conflictRetries: 1 });
	});

	it('an OAuth token that expires mid-run is refreshed once', async () => {
		const credential = oauthCredential(emulator.current);
		emulator.current.injectFault({ type: 'expireTokens', method: 'PATCH', path: FLOW_PATH });

		const result = await addAudience(fastRetries, credential);

		expect(result.status).toBe('success');
		appliedOnce();
		expect(emulator.current.tokensIssued()).toBe(2);
	});

	it('an asynchronous update still in progress: waits until the flow accepts writes', async () => {
		emulator.current.config.asyncUpdateMs = 400;
		await runNode(
			{
				operation: 'updateInfo',
				flowId: byId(TUTORIAL_FLOW_ID),
				updateFields: { name: 'Busy flow' },
			},
			{ credential: tokenCredential(emulator.current) },
		);

		const result = await addAudience({ ...fastRetries, retryInitialDelay: 200, maxRetries: 5 });

		expect(result.status).toBe('success');
		appliedOnce();
		expect(statuses()).toContain('PATCH 400');
	});

	it('retries exhausted: a clear error saying the flow is unchanged, and it is', async () => {
		patchFault({ type: 'error', status: 503, count: 10 });

		const result = await addAudience({ ...fastRetries, maxRetries: 2 });

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/^Dataflow 226fb2e1-db69-4760-b67e-9e671e05abfc was not changed: 3 attempt\(s\) failed, the last with HTTP 503/,
		);
		expect(outcome('503 on every write, retries exhausted')).toBe(0);
		expect(audienceIds()).toEqual([...TUTORIAL_AUDIENCE_IDS]);
	});

	it('a Retry-After longer than the allowed delay fails at once instead of waiting', async () => {
		patchFault({ type: 'error', status: 429, retryAfter: 120 });

		const result = await addAudience();

		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('was not changed');
		expect(outcome('429 asking for longer than the max delay')).toBe(0);
		expect(statuses()).toEqual(['GET 200', 'PATCH 429']);
	});
});
