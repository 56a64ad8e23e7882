/**
 * The dataset export row: every dataset export ending before a date moved to one new end, by the
 * node (Dataset Export › Extend End Date, one item) and by a limit contender, a plain script
 * sending the same requests with no n8n in between: the listing (two pages), then one PATCH with
 * If-Match per dataset export, five at a time. Before each run the emulator gets EXTRA dataset
 * exports besides its seeded ones, unmeasured.
 */

import { DATASET_FLOW_IDS, type RunningEmulator } from '../emulator';
import { CONCURRENCY, FS, flowService, readAll } from './flowServiceClient';
import { runRow, type RowOptions } from './row';
import { CREDENTIAL } from './workload';

/** Dataset exports added to the seed's six, so that 1,000 end before the date (five of the six do). */
export const EXTRA = 995;
export const DATASET_WEBHOOK = 'bench-datasets';
/** Every end of the seed and of the copies is before it; the new end is after all of them. */
const ENDING_BEFORE = '2099-01-01T00:00:00Z';
const NEW_END = Date.UTC(2099, 0, 1) / 1000;
const FILTERS = [
	'inheritedAttributes.properties.isDestinationFlow==true',
	'inheritedAttributes.targetConnections[].data.outputType==DATASET_EXPORT',
];
const EXPECTED = EXTRA + 5;

export function datasetExportsWorkflow() {
	return {
		id: 'benchDatasetExports1',
		name: `Benchmark: node, extend ${EXPECTED} dataset exports`,
		nodes: [
			{
				id: 'w',
				name: 'Start',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'b3c0ffee-0000-4000-8000-000000000da7',
				parameters: {
					httpMethod: 'POST',
					path: DATASET_WEBHOOK,
					responseMode: 'lastNode',
					responseData: 'noData',
					options: {},
				},
			},
			{
				id: 'x',
				name: 'Extend',
				type: 'n8n-nodes-adobe-flow-service.flowServiceDestination',
				typeVersion: 2,
				position: [200, 0],
				parameters: {
					resource: 'datasetExport',
					operation: 'extendEndDate',
					extendScope: 'endingBefore',
					endingBefore: ENDING_BEFORE,
					extendBy: 'date',
					newEndDate: new Date(NEW_END * 1000).toISOString(),
					options: {},
				},
				credentials: { adobeExperiencePlatformApi: CREDENTIAL },
			},
		],
		connections: { Start: { main: [[{ node: 'Extend', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** EXTRA copies of a seeded dataset export, each its own dataflow with its own name and etag. */
function addDatasetExports(emulator: RunningEmulator): void {
	const model = emulator.getFlow(DATASET_FLOW_IDS.endingSoon)!;
	for (let n = 1; n <= EXTRA; n++) {
		const suffix = n.toString(16).padStart(12, '0');
		emulator.putRawFlow({
			...model,
			id: `da7af10e-1000-4000-8000-${suffix}`,
			name: `Bench dataset export ${n}`,
			etag: `"da7a1000-0000-0200-0000-${suffix}"`,
		});
	}
}

type Flow = { id: string; etag: string; scheduleParams?: Record<string, unknown> };

/** The limit: the listing, then a PATCH with If-Match per dataset export ending before the date. */
async function runLimit(emulatorUrl: string): Promise<number> {
	const client = flowService(emulatorUrl);
	const before = Date.parse(ENDING_BEFORE) / 1000;
	const started = performance.now();
	const flows = (await readAll<Flow>(client, '/flows', FILTERS)).filter(
		(flow) =>
			typeof flow.scheduleParams?.endTime === 'number' && flow.scheduleParams.endTime < before,
	);
	let next = 0;
	const worker = async () => {
		while (next < flows.length) {
			const flow = flows[next++];
			const value = { ...flow.scheduleParams, endTime: NEW_END };
			await client.patch(`/flows/${flow.id}`, [{ op: 'replace', path: '/scheduleParams', value }], {
				headers: { 'If-Match': flow.etag },
			});
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	return performance.now() - started;
}

/** A run counts only when every dataset export ending before the date got the new end. */
async function expectExtended(emulator: RunningEmulator): Promise<void> {
	const flows = await readAll<Flow>(flowService(emulator.url), '/flows', FILTERS);
	const extended = flows.filter((flow) => flow.scheduleParams?.endTime === NEW_END).length;
	if (extended !== EXPECTED)
		throw new Error(`the run extended ${extended} dataset exports, not ${EXPECTED}`);
}

/** Both contenders at each latency, median of `runs`; requests counted from the emulator's log. */
export const runDatasetRow = (options: RowOptions) =>
	runRow(options, {
		label: 'datasets',
		workload: `${EXPECTED} dataset exports ending before a date moved to one new end, one item`,
		prepare: addDatasetExports,
		runLimit,
		counts: (path) => path.startsWith(FS),
		verify: expectExtended,
	});
