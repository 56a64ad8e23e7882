import { ACCOUNT_IDS, TUTORIAL_NEW_AUDIENCE_ID } from '../../emulator/fixtures/ids';
import { FLOW_SERVICE_BASE_PATH } from '../../emulator/identity';
import { byId, outputJson, runNode } from '../workflow-mocked/setup';
import { A0, tokenCredential, useEmulator } from '../workflow-on-emulator/setup';
import { RETRIES, createMatrix, createSteps } from './createMatrix';

/**
 * The fault matrix of Dataflow › Create (createMatrix.ts), and 412 after the POST /flows and
 * before it on a dataflow taken over with Use It.
 */
const emulator = useEmulator({ slowWorkflows: true });
const NAME = 'Fault matrix campaign';
const FS = FLOW_SERVICE_BASE_PATH;

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

const matrix = createMatrix(emulator, NAME, create, 'create faults');

describe('create faults: never two dataflows from one item, never orphan connections', () => {
	matrix.eachFault(createSteps(true));

	it('412 after the POST /flows: another writer changes the new dataflow before its PATCH', async () => {
		emulator.current.injectFault({
			type: 'concurrentWrite',
			method: 'PATCH',
			path: `${FS}/flows/*`,
		});

		const result = await create();

		expect(result.status).toBe('success');
		expect(outputJson(result)[0]).toMatchObject({ conflictRetries: 1 });
		await matrix.settle('412 after POST /flows', result.status);
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
		await matrix.settle('412 on Use It', result.status);
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

		// Only 503s here: a generous timeout keeps a slow moment of the host from turning one into an abort.
		const failed = await create({ options: { ...RETRIES, requestTimeout: 10_000 } });

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
		await matrix.settle('failed attempt, connections left, run again', 'success');
	});
});
