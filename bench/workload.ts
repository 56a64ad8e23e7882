/** The benchmark's workload and the workflows that run it: every contender does the same job. */
import { DEFAULT_CLIENT_ID, DEFAULT_IMS_ORG, STATIC_ACCESS_TOKEN } from '../emulator/identity';
import { bulkFlowId, BULK_SOURCES_EVERY } from '../emulator/fixtures/ids';
import { BATCH_EXPORT_SETTINGS, emulatorTokenCredential } from '../local-n8n/project';

export const FLOWS = 100;
export const AUDIENCES_PER_FLOW = 10;
/** The scale step: ten times the work, over ten times the dataflows. */
export const SCALE_FLOWS = 1000;
/** Bulk flows the emulator must seed so that SCALE_FLOWS of them are destination flows. */
export const SCALE_BULK_FLOWS = Math.ceil(
	(SCALE_FLOWS * BULK_SOURCES_EVERY) / (BULK_SOURCES_EVERY - 1),
);
/** How many dataflows a workload spreads its changes over (AUDIENCES_PER_FLOW each). */
export type Size = typeof FLOWS | typeof SCALE_FLOWS;
export const CREDENTIAL = { id: 'benchTokenCred01', name: 'Adobe Experience Platform (benchmark)' };
export type Pass = 'add' | 'remove';

/** 100 destination flows of the emulator's seed (every tenth bulk flow is a sources flow). */
export function flowIds(count: number = FLOWS): string[] {
	const ids: string[] = [];
	for (let n = 1; ids.length < count; n++)
		if (n % BULK_SOURCES_EVERY !== 0) ids.push(bulkFlowId(n));
	return ids;
}

export const exportSettings = BATCH_EXPORT_SETTINGS;

export interface WorkItem {
	flowId: string;
	audienceId: string;
	exportMode: string;
	frequency: string;
	startDate: string;
	startTime: string;
}

/** 1,000 audience assignments with their schedule, flow by flow interleaved, as a spreadsheet export would list them. */
export function workItems(size: Size = FLOWS): WorkItem[] {
	const flows = flowIds(size);
	const items: WorkItem[] = [];
	for (let a = 0; a < AUDIENCES_PER_FLOW; a++) {
		flows.forEach((flowId, f) =>
			items.push({
				flowId,
				audienceId: `be9c0000-0000-4000-8000-${String(f * 100 + a).padStart(12, '0')}`,
				...exportSettings,
			}),
		);
	}
	return items;
}

/** Access Token mode against the emulator, under the benchmark's own credential ID. */
export function credential(emulatorUrl: string) {
	return { ...emulatorTokenCredential(emulatorUrl), ...CREDENTIAL };
}

const WEBHOOK_IDS: Record<string, string> = {
	'bench-node-add': 'b3c0ffee-0000-4000-8000-000000000001',
	'bench-node-remove': 'b3c0ffee-0000-4000-8000-000000000002',
	'bench-http-add': 'b3c0ffee-0000-4000-8000-000000000003',
	'bench-http-remove': 'b3c0ffee-0000-4000-8000-000000000004',
	'bench-nodex-add': 'b3c0ffee-0000-4000-8000-000000000005',
	'bench-nodex-remove': 'b3c0ffee-0000-4000-8000-000000000006',
	'bench-baseline-add': 'b3c0ffee-0000-4000-8000-000000000007',
	'bench-baseline-remove': 'b3c0ffee-0000-4000-8000-000000000008',
	'bench-node-add-x10': 'b3c0ffee-0000-4000-8000-000000000009',
	'bench-node-remove-x10': 'b3c0ffee-0000-4000-8000-000000000010',
	'bench-baseline-add-x10': 'b3c0ffee-0000-4000-8000-000000000011',
	'bench-baseline-remove-x10': 'b3c0ffee-0000-4000-8000-000000000012',
};
/** The scale step's workflows carry this after their webhook path and ID. */
const suffix = (size: Size) => (size === SCALE_FLOWS ? '-x10' : '');
export const WEBHOOK_PATHS = Object.keys(WEBHOOK_IDS);
const webhook = (path: string) => ({
	id: 'w',
	name: 'Start',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId: WEBHOOK_IDS[path],
	parameters: {
		httpMethod: 'POST',
		path,
		responseMode: 'lastNode',
		responseData: 'noData',
		options: {},
	},
});
const itemsNode = (size: Size = FLOWS) => ({
	id: 'i',
	name: 'Assignments',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position: [200, 0],
	parameters: { jsCode: `return ${JSON.stringify(workItems(size))}.map((json) => ({ json }));` },
});
const link = (to: string, index = 0) => ({ node: to, type: 'main', index });

/**
 * Contender 1: this package's node with its default options. `mapped` (the benchmark's node) reads
 * each item's fields (Input Data Mode: Map Input Fields Automatically); `expressions` sets the
 * dataflow and audience with an expression per item, to show what n8n's expression engine costs.
 */
export function nodeWorkflow(
	pass: Pass,
	variant: 'mapped' | 'expressions' = 'mapped',
	size: Size = FLOWS,
) {
	const byExpression =
		pass === 'add'
			? {
					operation: 'addAudiences',
					flowId: { __rl: true, mode: 'id', value: '={{ $json.flowId }}' },
					audiences: { audience: [{ id: '={{ $json.audienceId }}', ...exportSettings }] },
					options: {},
				}
			: {
					operation: 'removeAudiences',
					flowId: { __rl: true, mode: 'id', value: '={{ $json.flowId }}' },
					audienceKeys: '={{ $json.audienceId }}',
					options: {},
				};
	const parameters =
		variant === 'mapped'
			? { operation: byExpression.operation, dataMode: 'autoMapInputData', options: {} }
			: byExpression;
	const tag = variant === 'mapped' ? 'node' : 'nodex';
	return {
		id: `bench${variant === 'mapped' ? 'Node' : 'NodeX'}${pass === 'add' ? 'Add' : 'Rem'}${size === SCALE_FLOWS ? 'X010' : '0001'}`,
		name: `Benchmark: node (${variant}), ${pass}${suffix(size)}`,
		nodes: [
			webhook(`bench-${tag}-${pass}${suffix(size)}`),
			itemsNode(size),
			{
				id: 'f',
				name: 'Flow Service Destination',
				type: 'n8n-nodes-adobe-flow-service.flowServiceDestination',
				typeVersion: 1,
				position: [400, 0],
				parameters,
				credentials: { adobeExperiencePlatformApi: CREDENTIAL },
			},
		],
		connections: {
			Start: { main: [[link('Assignments')]] },
			Assignments: { main: [[link('Flow Service Destination')]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Not a contender: the workflow up to the node (webhook, 1,000 items from a Code node), to show n8n's own share of the time. */
export function baselineWorkflow(pass: Pass, size: Size = FLOWS) {
	return {
		id: `benchBase${pass === 'add' ? 'Add' : 'Rem'}${size === SCALE_FLOWS ? 'X010' : '0001'}`,
		name: `Benchmark: n8n baseline, ${pass}${suffix(size)}`,
		nodes: [webhook(`bench-baseline-${pass}${suffix(size)}`), itemsNode(size)],
		connections: { Start: { main: [[link('Assignments')]] } },
		settings: { executionOrder: 'v1' },
	};
}

/**
 * Contender 2: the same job as a user builds it without this package: one item at a time
 * (Loop Over Items), GET the flow, work out the patch, PATCH with If-Match.
 */
export function httpRequestWorkflow(pass: Pass, emulatorUrl: string) {
	const base = `${emulatorUrl}/data/foundation/flowservice/flows/`;
	const headers = [
		{ name: 'Authorization', value: `Bearer ${STATIC_ACCESS_TOKEN}` },
		{ name: 'x-api-key', value: DEFAULT_CLIENT_ID },
		{ name: 'x-gw-ims-org-id', value: DEFAULT_IMS_ORG },
		{ name: 'x-sandbox-name', value: 'prod' },
	];
	const selectors = '/transformations/0/params/segmentSelectors/selectors';
	const plan =
		pass === 'add'
			? `={{ JSON.stringify({ flowId: $('Loop Over Items').item.json.flowId, etag: $json.items[0].etag, ops: [{ op: 'add', path: '${selectors}/-', value: { type: 'PLATFORM_SEGMENT', value: { id: $('Loop Over Items').item.json.audienceId, exportMode: 'DAILY_FULL_EXPORT', filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%', schedule: { frequency: 'DAILY', startDate: '2026-12-01', startTime: '06:00' } } } }] }) }}`
			: `={{ JSON.stringify({ flowId: $('Loop Over Items').item.json.flowId, etag: $json.items[0].etag, ops: [{ op: 'remove', path: '${selectors}/' + $json.items[0].transformations[0].params.segmentSelectors.selectors.findIndex(s => s.value.id === $('Loop Over Items').item.json.audienceId), value: {} }] }) }}`;
	return {
		id: `benchHttp${pass === 'add' ? 'Add' : 'Rem'}0001`,
		name: `Benchmark: HTTP Request, ${pass}`,
		nodes: [
			webhook(`bench-http-${pass}`),
			itemsNode(),
			{
				id: 'l',
				name: 'Loop Over Items',
				type: 'n8n-nodes-base.splitInBatches',
				typeVersion: 3,
				position: [400, 0],
				parameters: { batchSize: 1, options: {} },
			},
			{
				id: 'g',
				name: 'GET flow',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [600, 100],
				parameters: {
					url: `=${base}{{ $json.flowId }}`,
					sendHeaders: true,
					headerParameters: { parameters: headers },
					options: {},
				},
			},
			{
				id: 'p',
				name: 'Plan patch',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [800, 100],
				parameters: { mode: 'raw', jsonOutput: plan, options: {} },
			},
			{
				id: 'u',
				name: 'PATCH flow',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [1000, 100],
				parameters: {
					method: 'PATCH',
					url: `=${base}{{ $json.flowId }}`,
					sendHeaders: true,
					headerParameters: {
						parameters: [...headers, { name: 'If-Match', value: '={{ $json.etag }}' }],
					},
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json.ops) }}',
					options: {},
				},
			},
		],
		connections: {
			Start: { main: [[link('Assignments')]] },
			Assignments: { main: [[link('Loop Over Items')]] },
			'Loop Over Items': { main: [[], [link('GET flow')]] },
			'GET flow': { main: [[link('Plan patch')]] },
			'Plan patch': { main: [[link('PATCH flow')]] },
			'PATCH flow': { main: [[link('Loop Over Items')]] },
		},
		settings: { executionOrder: 'v1' },
	};
}
