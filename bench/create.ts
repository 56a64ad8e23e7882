/**
 * The create row: 100 audience dataflows with 2 audiences each, made by the node (Dataflow ›
 * Create, items from a Code node) and by a limit contender, a plain script sending the same
 * requests with no n8n in between: the run's lookups once, then per dataflow its source and
 * target connections, the dataflow, one PATCH with its audiences, one read, five at a time.
 */
import axios from 'axios';

import {
	ACCOUNT_IDS,
	CONNECTION_SPECS,
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_NEW_AUDIENCE_ID,
	isBulkFlowId,
	type RunningEmulator,
} from '../emulator';
import { staticTokenHeaders } from '../emulator/identity';
import { BATCH_EXPORT_SETTINGS } from '../local-n8n/project';
import { CONCURRENCY, FS, flowService, readAll } from './flowServiceClient';
import { runRow, type RowOptions } from './row';
import { CREDENTIAL } from './workload';

export const CREATES = 100;
export const CREATE_WEBHOOK = 'bench-create';
const PROFILE = CONNECTION_SPECS.profileStoreSource;
const S3 = CONNECTION_SPECS.amazonS3;
const ACCOUNT = ACCOUNT_IDS.prod.marketingS3;
const AUDIENCES = [TUTORIAL_NEW_AUDIENCE_ID, TUTORIAL_AUDIENCE_IDS[0]];
const SETTINGS = {
	bucketName: 'bench-exports',
	folderPath: 'campaigns',
	fileType: 'CSV',
	compression: 'NONE',
};
const PARAMS = {
	bucketName: 'bench-exports',
	path: 'campaigns',
	fileType: 'CSV',
	compression: 'NONE',
	mode: 'Server-to-server',
};
const DESTINATION_FLOWS = 'inheritedAttributes.properties.isDestinationFlow==true';

/** The dataflows to make: a name each and the same two audiences with their schedule. */
export function createItems(): Array<{ name: string; audiences: Array<Record<string, string>> }> {
	return Array.from({ length: CREATES }, (_, n) => ({
		name: `Bench campaign ${String(n + 1).padStart(3, '0')}`,
		audiences: AUDIENCES.map((id) => ({ id, ...BATCH_EXPORT_SETTINGS })),
	}));
}

export function createWorkflow() {
	return {
		id: 'benchCreate0000100',
		name: 'Benchmark: node, create 100 dataflows',
		nodes: [
			{
				id: 'w',
				name: 'Start',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'b3c0ffee-0000-4000-8000-000000000100',
				parameters: {
					httpMethod: 'POST',
					path: CREATE_WEBHOOK,
					responseMode: 'lastNode',
					responseData: 'noData',
					options: {},
				},
			},
			{
				id: 'i',
				name: 'Campaigns',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: {
					jsCode: `return ${JSON.stringify(createItems())}.map((json) => ({ json }));`,
				},
			},
			{
				id: 'c',
				name: 'Create',
				type: 'n8n-nodes-adobe-flow-service.flowServiceDestination',
				typeVersion: 2,
				position: [400, 0],
				parameters: {
					resource: 'dataflow',
					operation: 'create',
					dataflowName: '={{ $json.name }}',
					accountId: { __rl: true, mode: 'id', value: ACCOUNT },
					exportSettings: SETTINGS,
					audienceInput: 'json',
					audiencesJson: '={{ $json.audiences }}',
					options: {},
				},
				credentials: { adobeExperiencePlatformApi: CREDENTIAL },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Campaigns', type: 'main', index: 0 }]] },
			Campaigns: { main: [[{ node: 'Create', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * Adobe's guardrail holds a sandbox to 100 destination dataflows: the seeded ones that count are
 * deleted first (not measured), so the 100 creates fit.
 */
export async function makeRoom(emulator: RunningEmulator): Promise<void> {
	const client = flowService(emulator.url);
	const flows = await readAll<{ id: string }>(client, '/flows', [DESTINATION_FLOWS]);
	const counted = flows.map((flow) => flow.id).filter((id) => !isBulkFlowId(id));
	for (const id of counted) await client.delete(`/flows/${id}`);
}

/** The limit: the node's requests, in its order, from a plain script. Returns milliseconds. */
export async function runCreateLimit(emulatorUrl: string): Promise<number> {
	const client = flowService(emulatorUrl);
	const started = performance.now();
	await client.get(`/connections/${ACCOUNT}`);
	await client.get(`/connectionSpecs/${S3}`);
	const specs = (await readAll(client, '/flowSpecs', [
		`sourceConnectionSpecIds[]==${PROFILE}`,
		`targetConnectionSpecIds[]==${S3}`,
	])) as Array<{ id: string }>;
	const { data: definitions } = await axios.post(
		`${emulatorUrl}/data/core/ups/segment/definitions/bulk-get`,
		{ ids: AUDIENCES.map((id) => ({ id })) },
		{ headers: staticTokenHeaders() },
	);
	// Check Audiences Exist fills the names the node then stores.
	const names = definitions.results as Record<string, { name?: string }>;
	await readAll(client, '/flows', [DESTINATION_FLOWS]);
	await readAll(client, '/sourceConnections', [`connectionSpec.id==${PROFILE}`]);
	await readAll(client, '/targetConnections', [`connectionSpec.id==${S3}`]);
	const items = createItems();
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const { name, audiences } = items[next++];
			const source = await client.post('/sourceConnections', {
				name: `${name} - source`,
				connectionSpec: { id: PROFILE, version: '1.0' },
			});
			const target = await client.post('/targetConnections', {
				name: `${name} - target`,
				baseConnectionId: ACCOUNT,
				params: PARAMS,
				connectionSpec: { id: S3, version: '1.0' },
			});
			const flow = await client.post('/flows', {
				name,
				flowSpec: { id: specs[0].id, version: '1.0' },
				sourceConnectionIds: [source.data.id],
				targetConnectionIds: [target.data.id],
				transformations: [
					{
						name: 'GeneralTransform',
						params: { segmentSelectors: { selectors: [] }, profileSelectors: { selectors: [] } },
					},
				],
			});
			await client.patch(
				`/flows/${flow.data.id}`,
				audiences.map(({ id }) => ({
					op: 'add',
					path: '/transformations/0/params/segmentSelectors/selectors/-',
					value: {
						type: 'PLATFORM_SEGMENT',
						value: {
							id,
							name: names[id]?.name,
							filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
							exportMode: BATCH_EXPORT_SETTINGS.exportMode,
							schedule: {
								startDate: BATCH_EXPORT_SETTINGS.startDate,
								frequency: BATCH_EXPORT_SETTINGS.frequency,
								startTime: BATCH_EXPORT_SETTINGS.startTime,
							},
						},
					},
				})),
				{ headers: { 'If-Match': flow.data.etag } },
			);
			await client.get(`/flows/${flow.data.id}`);
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	return performance.now() - started;
}

/** Both contenders at each latency, median of `runs`; requests counted from the emulator's log. */
export const runCreateRow = (options: RowOptions) =>
	runRow(options, {
		label: 'create',
		workload: `${CREATES} audience dataflows with ${AUDIENCES.length} audiences each, items from a Code node`,
		prepare: makeRoom,
		runLimit: runCreateLimit,
		counts: (path) => path.startsWith(FS) || path.includes('bulk-get'),
		verify: expectCreated,
	});

/** A run counts only when it made every dataflow, once. */
async function expectCreated(emulator: RunningEmulator): Promise<void> {
	const flows = (await readAll(flowService(emulator.url), '/flows', [DESTINATION_FLOWS])) as Array<{
		name?: string;
	}>;
	const made = flows.filter((flow) => flow.name?.startsWith('Bench campaign ')).length;
	if (made !== CREATES) throw new Error(`the run made ${made} dataflows, not ${CREATES}`);
}
