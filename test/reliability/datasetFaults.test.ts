import type { FaultSpec } from '../../emulator/faults';
import { DATASET_FLOW_IDS, DATASET_IDS } from '../../emulator/fixtures/ids';
import { FLOW_SERVICE_BASE_PATH } from '../../emulator/identity';
import { byId, outputJson, runNode } from '../workflow-mocked/setup';
import { tokenCredential, useEmulator } from '../workflow-on-emulator/setup';
import { sandboxState } from '../workflow-on-emulator/sandbox';
import { printFigure } from './report';

/**
 * The fault matrix of Dataset Export › Add Datasets: every request of an add meets every fault
 * (reset before and after, timeout, 5xx before and after, 429). Whatever the item's outcome, the
 * dataflow exports the dataset at most once, its other datasets untouched, and no source connection
 * is left that no dataflow uses but the one it replaced; a failed item run again adds it once.
 */
const emulator = useEmulator({ slowWorkflows: true });
const FS = FLOW_SERVICE_BASE_PATH;
const FLOW = DATASET_FLOW_IDS.everySixHours;
const SOURCE = 'da7a5c00-0000-4000-8000-000000000001';
const { loyaltyMembers, webEvents, crmCustomers } = DATASET_IDS.prod;
// Timeouts: Adobe answers after 700 ms, the node gives up after 300 ms and looks again as its retries wait.
const RETRIES = { retryInitialDelay: 400, retryMaxDelay: 2000, maxRetries: 3, requestTimeout: 300 };
const LATE_MS = 700;

const add = () =>
	runNode(
		{
			resource: 'datasetExport',
			operation: 'addDatasets',
			flowId: byId(FLOW),
			datasetIds: crmCustomers,
			options: RETRIES,
		},
		{ credential: tokenCredential(emulator.current) },
	);

const STEPS: Array<{ step: string; method: string; path: string }> = [
	{ step: 'GET /flows/{id}', method: 'GET', path: `${FS}/flows/*` },
	{ step: 'GET /sourceConnections/{id}', method: 'GET', path: `${FS}/sourceConnections/*` },
	{ step: 'POST /sourceConnections', method: 'POST', path: `${FS}/sourceConnections` },
	{ step: 'PATCH /flows/{id}', method: 'PATCH', path: `${FS}/flows/*` },
];
const FAULTS: Array<{ fault: string; spec: Omit<FaultSpec, 'method' | 'path'> }> = [
	{ fault: 'reset', spec: { type: 'reset' } },
	{ fault: 'reset after', spec: { type: 'reset', after: true } },
	{ fault: 'timeout', spec: { type: 'latency', latencyMs: LATE_MS } },
	{ fault: '503', spec: { type: 'error', status: 503 } },
	{ fault: '500 after', spec: { type: 'error', status: 500, after: true } },
	{ fault: '429', spec: { type: 'error', status: 429, retryAfter: 0 } },
];

const tally = { injected: 0, lost: 0, duplicates: 0, orphans: 0, lines: [] as string[] };
afterAll(() =>
	printFigure(
		`dataset add faults: ${tally.injected} injected, ${tally.duplicates} doubled, ${tally.lost} lost after a run again, ${tally.orphans} orphan source connections\n${tally.lines.map((line) => `  ${line}`).join('\n')}`,
	),
);

/** The dataset IDs the dataflow's source connection exports now. */
function exported(): string[] {
	const [sourceId] = emulator.current.getFlow(FLOW)!.sourceConnectionIds as string[];
	const source = emulator.current.getConnection(sourceId)!.connection as unknown as {
		params: { datasets: Array<{ dataSetId: string }> };
	};
	return source.params.datasets.map((d) => d.dataSetId);
}

/** Checks what the sandbox holds after a run; a failed item is run again, without faults. */
async function settle(label: string, status: string): Promise<void> {
	// A request the node gave up on may still land: the emulator finishes it after its latency.
	await new Promise((resolve) => setTimeout(resolve, LATE_MS + 200));
	let outcome = status === 'success' ? 'added once' : 'failed, nothing changed';
	if (status !== 'success') {
		expect(exported()).toEqual([loyaltyMembers, webEvents]);
		emulator.current.clearFaults();
		const again = await add();
		expect(again.status).toBe('success');
		outcome = 'failed, nothing changed; run again: added once';
	}
	const ids = exported();
	const copies = ids.filter((id) => id === crmCustomers).length;
	// The replaced source connection stays, as Adobe documents no clean-up; nothing else may.
	const orphans = (await sandboxState(emulator.current)).orphans.filter((c) => c.id !== SOURCE);
	tally.injected++;
	tally.duplicates += Math.max(0, copies - 1);
	tally.lost += copies === 0 ? 1 : 0;
	tally.orphans += orphans.length;
	tally.lines.push(`${label}: ${outcome}`);
	expect(ids).toEqual([loyaltyMembers, webEvents, crmCustomers]);
	expect(orphans).toEqual([]);
}

describe('dataset add faults: never a dataset lost or doubled, never an orphan source connection', () => {
	const cases = STEPS.flatMap(({ step, method, path }) =>
		FAULTS.map(({ fault, spec }) => ({ label: `${step} ${fault}`, method, path, spec })),
	);
	it.each(cases.map((c) => [c.label, c] as const))('%s', async (label, { method, path, spec }) => {
		emulator.current.injectFault({ method, path, ...spec });

		const result = await add();

		if (result.status === 'success') {
			expect(outputJson(result)[0]).toMatchObject({ changed: true });
		}
		await settle(label, result.status);
	});
});
