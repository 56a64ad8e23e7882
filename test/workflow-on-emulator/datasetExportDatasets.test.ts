import {
	CONNECTION_SPECS,
	DATASET_FLOW_IDS,
	DATASET_IDS,
	DATASET_NAMES,
	TUTORIAL_FLOW_ID,
} from '../../emulator/fixtures/ids';
import { FlowServiceDestination } from '@node/FlowServiceDestination.node';

import { runNodeMethod } from '../harness';
import {
	adobeCredential,
	byId,
	NODE_NAME,
	NODE_TYPE,
	outputJson,
	runNode,
} from '../workflow-mocked/setup';
import { calls, tokenCredential, useEmulator } from './setup';

const emulator = useEmulator({ slowWorkflows: true });

const FLOW = DATASET_FLOW_IDS.everySixHours;
const SOURCE = 'da7a5c00-0000-4000-8000-000000000001';
/** The new source connections' names: the dataflow's, and a suffix of their own. */
const SOURCE_NAME = /^Loyalty and web events to S3 \(every 6 hours\) datasets [0-9a-f]{8}$/;
const { loyaltyMembers, webEvents, crmCustomers, purchaseEvents, productCatalog } =
	DATASET_IDS.prod;
const LOYALTY = { dataSetId: loyaltyMembers, name: DATASET_NAMES.loyaltyMembers };
const WEB = { dataSetId: webEvents, name: DATASET_NAMES.webEvents };
const FLOW_PATH = `/flows/${FLOW}`;
/** Added datasets carry the names Adobe's exportable list gives them, read once per run first. */
const CRM = { dataSetId: crmCustomers, name: DATASET_NAMES.crmCustomers };
const PURCHASE = { dataSetId: purchaseEvents, name: DATASET_NAMES.purchaseEvents };
const PRODUCT = { dataSetId: productCatalog, name: DATASET_NAMES.productCatalog };
const EXPORTABLE = `GET /connectionSpecs/${CONNECTION_SPECS.dataLakeSource}/configs?outputType=activationDatasets&outputField=datasets&start=0&limit=100&properties=name%2Cstate`;

function change(
	operation: string,
	flowId: string,
	datasetIds: string,
	options = {},
	datasets: string[] = [],
) {
	return emulator.run({
		resource: 'datasetExport',
		operation,
		flowId: byId(flowId),
		datasets,
		datasetIds,
		options: { retryInitialDelay: 0, ...options },
	});
}

/** The source connection's body as the node sends it: a name of its own, the current one's base and spec. */
const sourceBody = (datasets: unknown[]) => ({
	name: expect.stringMatching(SOURCE_NAME),
	baseConnectionId: expect.any(String),
	connectionSpec: { id: CONNECTION_SPECS.dataLakeSource, version: '1.0' },
	params: { datasets },
});

const stored = () => emulator.current.getFlow(FLOW)!;
const storedSource = (id: string) => emulator.current.getConnection(id)?.connection;
const writes = () =>
	emulator.current
		.requests()
		.filter((r) => r.method !== 'GET')
		.map((r) => ({ method: r.method, path: r.path, status: r.status, body: r.body }));

describe('Dataset Export › Add Datasets and Remove Datasets against the emulator', () => {
	it('adds a dataset: a new source connection with the whole list replaces the old one, with If-Match', async () => {
		const { etag } = stored();
		const [item] = outputJson(await change('addDatasets', FLOW, crmCustomers));

		const newSource = stored().sourceConnectionIds as string[];
		expect(newSource).toHaveLength(1);
		expect(newSource[0]).not.toBe(SOURCE);
		expect(calls(emulator.current)).toEqual([
			EXPORTABLE,
			`GET ${FLOW_PATH}`,
			`GET /sourceConnections/${SOURCE}`,
			'POST /sourceConnections',
			`PATCH ${FLOW_PATH}`,
		]);
		const [post, patch] = emulator.current.requests().slice(3);
		expect(post.body).toEqual(sourceBody([LOYALTY, WEB, CRM]));
		expect(patch.headers['if-match']).toBe(etag);
		expect(patch.body).toEqual([
			{ op: 'replace', path: '/sourceConnectionIds', value: [newSource[0]] },
		]);
		expect(storedSource(newSource[0])?.params).toEqual({
			datasets: [LOYALTY, WEB, CRM],
		});
		// The replaced source connection is left as it was: Adobe documents no clean-up.
		expect(storedSource(SOURCE)?.params).toEqual({ datasets: [LOYALTY, WEB] });
		expect(item).toEqual({
			summary: `Added 1 dataset(s) (${DATASET_NAMES.crmCustomers}) to dataflow "${stored().name}"`,
			flowId: FLOW,
			changed: true,
			added: [CRM],
			removed: [],
			skipped: [],
			datasets: [LOYALTY, WEB, CRM],
			replacedSourceConnectionId: SOURCE,
			sourceConnectionId: newSource[0],
			previousEtag: etag,
			etag: stored().etag,
			conflictRetries: 0,
			transientRetries: 0,
		});
	});

	it('skips datasets already there and sends nothing when that is all', async () => {
		const [item] = outputJson(await change('addDatasets', FLOW, `${loyaltyMembers}, ${webEvents}`));

		expect(writes()).toEqual([]);
		expect(stored().sourceConnectionIds).toEqual([SOURCE]);
		expect(item).toMatchObject({
			summary: `No change: dataflow "${stored().name}" already exports every dataset given`,
			changed: false,
			added: [],
			skipped: [
				{ target: `dataset ${loyaltyMembers}`, reason: 'already exported by this dataflow' },
				{ target: `dataset ${webEvents}`, reason: 'already exported by this dataflow' },
			],
			sourceConnectionId: SOURCE,
		});
	});

	it('removes a dataset, skipping one that is not there', async () => {
		const [item] = outputJson(
			await change('removeDatasets', FLOW, `${loyaltyMembers}\n${purchaseEvents}`),
		);

		const [newSource] = stored().sourceConnectionIds as string[];
		expect(writes().map((w) => `${w.method} ${w.status}`)).toEqual(['POST 201', 'PATCH 200']);
		expect(storedSource(newSource)?.params).toEqual({ datasets: [WEB] });
		expect(item).toMatchObject({
			summary: `Removed 1 dataset(s) (Loyalty Members) from dataflow "${stored().name}"; skipped 1`,
			changed: true,
			removed: [LOYALTY],
			skipped: [{ target: `dataset ${purchaseEvents}`, reason: 'not exported by this dataflow' }],
			datasets: [WEB],
		});
	});

	it('refuses to remove the last dataset, naming the field and pointing at Delete Dataflow; nothing written', async () => {
		const result = await change('removeDatasets', DATASET_FLOW_IDS.endingSoon, webEvents);

		expect(result.error?.message).toBe(
			'Dataset IDs: Removing Web Events would leave the dataflow without datasets, and a dataset export exports at least one. To stop exporting altogether, delete the dataflow (Dataflow › Delete Dataflow) (item 1)',
		);
		expect(writes()).toEqual([]);
	});

	it('refuses an audience activation dataflow, naming its kind', async () => {
		const result = await change('addDatasets', TUTORIAL_FLOW_ID, crmCustomers);

		expect(result.error?.message).toBe(
			`Dataflow: Dataflow ${TUTORIAL_FLOW_ID} is an audience activation dataflow, not a dataset export: Add Datasets changes the datasets of dataset export dataflows only (its audiences are changed with the Dataflow resource's audience operations) (item 1)`,
		);
		expect(calls(emulator.current)).toEqual([EXPORTABLE, `GET /flows/${TUTORIAL_FLOW_ID}`]);
	});

	it('Dry Run lists the requests it would send and sends none', async () => {
		const { etag } = stored();
		const [item] = outputJson(await change('addDatasets', FLOW, productCatalog, { dryRun: true }));

		expect(writes()).toEqual([]);
		expect(item).toMatchObject({
			summary: `Would add 1 dataset(s) (${DATASET_NAMES.productCatalog}) to dataflow "${stored().name}"`,
			dryRun: true,
			changed: false,
			requests: [
				{
					method: 'POST',
					path: '/sourceConnections',
					body: sourceBody([LOYALTY, WEB, PRODUCT]),
				},
				{
					method: 'PATCH',
					path: FLOW_PATH,
					headers: { 'If-Match': etag },
					body: [
						{
							op: 'replace',
							path: '/sourceConnectionIds',
							value: ['<id of the new source connection>'],
						},
					],
				},
			],
		});
	});

	it('a dataset Adobe does not list as exportable is refused after that read, before the dataflow is read', async () => {
		const result = await change('addDatasets', FLOW, 'aaaaaaaaaaaaaaaaaaaaaaaa');

		expect(result.error?.message).toBe(
			'Dataset IDs: Dataset aaaaaaaaaaaaaaaaaaaaaaaa is not among the 7 datasets Adobe says this sandbox can export (pick one from Dataset Names or IDs) (item 1)',
		);
		expect(calls(emulator.current)).toEqual([EXPORTABLE]);
	});

	it('bad Dataset IDs fail naming the field and the item before any request', async () => {
		const result = await change('addDatasets', FLOW, `${crmCustomers}, nope`);

		expect(result.error?.message).toBe(
			'Dataset IDs: Dataset IDs entry 2 ("nope") is not a dataset ID: Catalog dataset IDs are 24 hexadecimal characters, like 65f1a0c2e4b0a1d2c3e4f501 (item 1)',
		);
		expect(emulator.current.requests()).toEqual([]);
	});

	it('on 412 with the datasets unchanged, reuses the source connection it made for the stale plan', async () => {
		emulator.current.injectFault({
			type: 'concurrentWrite',
			method: 'PATCH',
			path: `/data/foundation/flowservice${FLOW_PATH}`,
		});
		const [item] = outputJson(await change('addDatasets', FLOW, crmCustomers));

		const [newSource] = stored().sourceConnectionIds as string[];
		expect(calls(emulator.current)).toEqual([
			EXPORTABLE,
			`GET ${FLOW_PATH}`,
			`GET /sourceConnections/${SOURCE}`,
			'POST /sourceConnections',
			`PATCH ${FLOW_PATH}`,
			`GET ${FLOW_PATH}`,
			`GET /sourceConnections/${SOURCE}`,
			`PATCH ${FLOW_PATH}`,
		]);
		expect(emulator.current.requests().map((r) => r.status)).toEqual([
			200, 200, 200, 201, 412, 200, 200, 200,
		]);
		expect(item).toMatchObject({
			changed: true,
			sourceConnectionId: newSource,
			conflictRetries: 1,
		});
		expect(storedSource(newSource)?.params).toEqual({
			datasets: [LOYALTY, WEB, CRM],
		});
	});

	it('on 412 after another writer added a dataset, re-plans from its source connection: both kept, the stale one deleted', async () => {
		// Our POST waits long enough for another Add Datasets to run from start to end meanwhile.
		emulator.current.injectFault({
			type: 'latency',
			method: 'POST',
			path: '/data/foundation/flowservice/sourceConnections',
			latencyMs: 3000,
		});
		const ours = change('addDatasets', FLOW, crmCustomers);
		await waitFor(() => calls(emulator.current).includes(`GET /sourceConnections/${SOURCE}`));
		const [theirs] = outputJson(await change('addDatasets', FLOW, purchaseEvents));
		const [item] = outputJson(await ours);

		const log = emulator.current.requests();
		const theirSource = theirs.sourceConnectionId as string;
		// The source connection made for the stale plan: the only one deleted.
		const staleSource = log[12].path.split('/').pop()!;
		const [finalSource] = stored().sourceConnectionIds as string[];
		expect(
			log.map(
				(r) => `${r.method} ${r.path.replace('/data/foundation/flowservice', '')} ${r.status}`,
			),
		).toEqual([
			`${EXPORTABLE} 200`,
			`GET ${FLOW_PATH} 200`,
			`GET /sourceConnections/${SOURCE} 200`,
			// The other writer, from start to end.
			`${EXPORTABLE} 200`,
			`GET ${FLOW_PATH} 200`,
			`GET /sourceConnections/${SOURCE} 200`,
			'POST /sourceConnections 201',
			`PATCH ${FLOW_PATH} 200`,
			// Ours, planned on the stale read.
			'POST /sourceConnections 201',
			`PATCH ${FLOW_PATH} 412`,
			`GET ${FLOW_PATH} 200`,
			`GET /sourceConnections/${theirSource} 200`,
			`DELETE /sourceConnections/${staleSource} 202`,
			'POST /sourceConnections 201',
			`PATCH ${FLOW_PATH} 200`,
		]);
		expect(log[8].body).toEqual(sourceBody([LOYALTY, WEB, CRM]));
		expect(log[13].body).toEqual(sourceBody([LOYALTY, WEB, PURCHASE, CRM]));
		expect(storedSource(finalSource)?.params).toEqual({
			datasets: [LOYALTY, WEB, PURCHASE, CRM],
		});
		expect(storedSource(staleSource)).toBeUndefined();
		expect([SOURCE, theirSource, finalSource]).not.toContain(staleSource);
		// Nothing else was deleted: the two replaced source connections stay.
		expect(storedSource(SOURCE)).toBeDefined();
		expect(storedSource(theirSource)?.params).toEqual({
			datasets: [LOYALTY, WEB, PURCHASE],
		});
		expect(item).toMatchObject({
			changed: true,
			added: [CRM],
			replacedSourceConnectionId: theirSource,
			sourceConnectionId: finalSource,
			conflictRetries: 1,
		});
	});
});

describe('Add Datasets when the PATCH fails', () => {
	const patchFault = (fault: Record<string, unknown>) =>
		emulator.current.injectFault({
			method: 'PATCH',
			path: `/data/foundation/flowservice${FLOW_PATH}`,
			type: 'error',
			...fault,
		} as never);
	const log = () =>
		emulator.current
			.requests()
			.map((r) => `${r.method} ${r.path.replace('/data/foundation/flowservice', '')} ${r.status}`);

	it('an answer lost after the change landed: the next read shows it, nothing is sent twice', async () => {
		patchFault({ type: 'reset', after: true });
		const [item] = outputJson(await change('addDatasets', FLOW, crmCustomers));

		const [newSource] = stored().sourceConnectionIds as string[];
		expect(log()).toEqual([
			`${EXPORTABLE} 200`,
			`GET ${FLOW_PATH} 200`,
			`GET /sourceConnections/${SOURCE} 200`,
			'POST /sourceConnections 201',
			`PATCH ${FLOW_PATH} 0`,
			`GET ${FLOW_PATH} 200`,
		]);
		expect(item).toMatchObject({
			changed: true,
			confirmedByRead: true,
			sourceConnectionId: newSource,
			transientRetries: 1,
		});
		expect(storedSource(newSource)?.params).toEqual({
			datasets: [LOYALTY, WEB, CRM],
		});
	});

	it('a 503 is retried from a fresh read, reusing the source connection already made', async () => {
		patchFault({ status: 503 });
		const [item] = outputJson(await change('addDatasets', FLOW, crmCustomers));

		const [newSource] = stored().sourceConnectionIds as string[];
		expect(log()).toEqual([
			`${EXPORTABLE} 200`,
			`GET ${FLOW_PATH} 200`,
			`GET /sourceConnections/${SOURCE} 200`,
			'POST /sourceConnections 201',
			`PATCH ${FLOW_PATH} 503`,
			`GET ${FLOW_PATH} 200`,
			`GET /sourceConnections/${SOURCE} 200`,
			`PATCH ${FLOW_PATH} 200`,
		]);
		expect(item).toMatchObject({
			changed: true,
			sourceConnectionId: newSource,
			transientRetries: 1,
		});
	});

	it('out of retries: the item fails, the dataflow keeps its source connection and the new one is deleted', async () => {
		patchFault({ status: 500, count: 5 });
		const result = await change('addDatasets', FLOW, crmCustomers, { maxRetries: 1 });

		expect(result.error).toMatchObject({ httpCode: '500' });
		const deletions = log().filter((line) => line.startsWith('DELETE'));
		expect(log().slice(0, 8)).toEqual([
			`${EXPORTABLE} 200`,
			`GET ${FLOW_PATH} 200`,
			`GET /sourceConnections/${SOURCE} 200`,
			'POST /sourceConnections 201',
			`PATCH ${FLOW_PATH} 500`,
			`GET ${FLOW_PATH} 200`,
			`GET /sourceConnections/${SOURCE} 200`,
			`PATCH ${FLOW_PATH} 500`,
		]);
		expect(log().slice(8, 9)).toEqual([`GET ${FLOW_PATH} 200`]);
		expect(deletions).toHaveLength(1);
		const deletedId = deletions[0].split(' ')[1].split('/').pop()!;
		expect(emulator.current.getConnection(deletedId)).toBeUndefined();
		expect(stored().sourceConnectionIds).toEqual([SOURCE]);
	});
});

describe('Dataset Names or IDs: datasets picked by name', () => {
	it('the picker lists the datasets the sandbox can export, by name, read from Adobe’s exportable-datasets list', async () => {
		const options = await runNodeMethod({
			nodeTypes: { [NODE_TYPE]: FlowServiceDestination },
			...adobeCredential(tokenCredential(emulator.current)),
			nodeType: NODE_TYPE,
			kind: 'loadOptions',
			method: 'getExportableDatasets',
			parameters: { resource: 'datasetExport', operation: 'addDatasets' },
		});

		const prod = Object.entries(DATASET_IDS.prod).map(([key, id]) => ({
			name: DATASET_NAMES[key as keyof typeof DATASET_NAMES],
			value: id,
			description: id,
		}));
		expect(options).toEqual(prod.sort((a, b) => a.name.localeCompare(b.name)));
		expect(calls(emulator.current)).toEqual([
			`GET /connectionSpecs/${CONNECTION_SPECS.dataLakeSource}/configs?outputType=activationDatasets&outputField=datasets&start=0&limit=100&properties=name%2Cstate`,
		]);
	});

	it('picked and typed datasets are added together, in that order', async () => {
		const [item] = outputJson(
			await change('addDatasets', FLOW, productCatalog, {}, [crmCustomers]),
		);

		const [newSource] = stored().sourceConnectionIds as string[];
		expect(item).toMatchObject({
			changed: true,
			added: [CRM, PRODUCT],
		});
		expect(storedSource(newSource)?.params).toEqual({
			datasets: [LOYALTY, WEB, CRM, PRODUCT],
		});
	});
});

describe('Add Datasets with several items', () => {
	const runItems = (values: string[], onError?: 'continueRegularOutput') =>
		runNode(
			{
				resource: 'datasetExport',
				operation: 'addDatasets',
				flowId: byId(FLOW),
				datasetIds: '={{ $json.value }}',
			},
			{
				credential: tokenCredential(emulator.current),
				triggerItems: values.map((value) => ({ json: { value } })),
				...(onError ? { node: { onError } } : {}),
			},
		);

	it('two items on one dataflow both apply, one after the other, each paired with its input', async () => {
		const result = await runItems([crmCustomers, purchaseEvents]);

		const items = result.output(NODE_NAME);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const [newSource] = stored().sourceConnectionIds as string[];
		expect(storedSource(newSource)?.params).toEqual({
			datasets: [LOYALTY, WEB, CRM, PURCHASE],
		});
		expect(items[1].json).toMatchObject({
			replacedSourceConnectionId: items[0].json.sourceConnectionId,
		});
	});

	it('a bad item fails on its own with Continue On Fail, before anything is sent; the good one applies', async () => {
		const result = await runItems(['nope', crmCustomers], 'continueRegularOutput');

		const items = result.output(NODE_NAME);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(String(items[0].json.error)).toContain('Dataset IDs: Dataset IDs entry 1 ("nope")');
		expect(String(items[0].json.error)).toContain('(item 1)');
		expect(items[1].json).toMatchObject({ changed: true, added: [CRM] });
	});

	it('without Continue On Fail, a bad item stops the run before any request', async () => {
		const result = await runItems([crmCustomers, 'nope']);

		expect(result.error?.message).toContain('(item 2)');
		expect(emulator.current.requests()).toEqual([]);
	});
});

async function waitFor(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
	if (!condition()) throw new Error('the condition never held');
}
