/**
 * The audience row: one audience retired from the 1,000 destination dataflows that export it, by the
 * node (Audience › Remove From All Dataflows, one item) and by a limit contender, a plain script
 * sending the same requests with no n8n in between: the filtered listing, then one PATCH per
 * dataflow with the etag it was listed with, five at a time.
 */

import { TUTORIAL_NEW_AUDIENCE_ID, type RunningEmulator } from '../emulator';
import { BATCH_EXPORT_SETTINGS } from '../local-n8n/project';
import { CONCURRENCY, FS, flowService, readAll } from './flowServiceClient';
import { runRow, type RowOptions } from './row';
import { CREDENTIAL, flowIds } from './workload';

export const RETIRED_FROM = 1_000;
export const AUDIENCE_WEBHOOK = 'bench-audience-remove';
const AUDIENCE = TUTORIAL_NEW_AUDIENCE_ID;
const PROPERTY = [
	'inheritedAttributes.properties.isDestinationFlow==true',
	`transformations[].params.segmentSelectors.selectors[].value.id==${AUDIENCE}`,
];

interface ListedFlow {
	id: string;
	etag: string;
	transformations: Array<{ name: string; params: { segmentSelectors: { selectors: any[] } } }>;
}

export function audienceWorkflow() {
	return {
		id: 'benchAudienceRemove1',
		name: `Benchmark: node, retire an audience from ${RETIRED_FROM} dataflows`,
		nodes: [
			{
				id: 'w',
				name: 'Start',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'b3c0ffee-0000-4000-8000-000000000200',
				parameters: {
					httpMethod: 'POST',
					path: AUDIENCE_WEBHOOK,
					responseMode: 'lastNode',
					responseData: 'noData',
					options: {},
				},
			},
			{
				id: 'r',
				name: 'Remove From All Dataflows',
				type: 'n8n-nodes-adobe-flow-service.flowServiceDestination',
				typeVersion: 2,
				position: [200, 0],
				parameters: {
					resource: 'audience',
					operation: 'removeFromAll',
					audienceId: { __rl: true, mode: 'id', value: AUDIENCE },
					options: {},
				},
				credentials: { adobeExperiencePlatformApi: CREDENTIAL },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Remove From All Dataflows', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Not measured: the audience goes on RETIRED_FROM dataflows, appended to the audiences they export. */
export async function exportEverywhere(emulator: RunningEmulator): Promise<void> {
	const client = flowService(emulator.url);
	for (const id of flowIds(RETIRED_FROM)) {
		const { data } = await client.get(`/flows/${id}`);
		const flow = data.items[0] as ListedFlow;
		const index = flow.transformations.findIndex((t) => t.name === 'GeneralTransform');
		await client.patch(
			`/flows/${id}`,
			[
				{
					op: 'add',
					path: `/transformations/${index}/params/segmentSelectors/selectors/-`,
					value: {
						type: 'PLATFORM_SEGMENT',
						value: {
							id: AUDIENCE,
							filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
							exportMode: BATCH_EXPORT_SETTINGS.exportMode,
							schedule: {
								frequency: BATCH_EXPORT_SETTINGS.frequency,
								startDate: BATCH_EXPORT_SETTINGS.startDate,
								startTime: BATCH_EXPORT_SETTINGS.startTime,
							},
						},
					},
				},
			],
			{ headers: { 'If-Match': flow.etag } },
		);
	}
}

/** The limit: the node's requests, in its order, from a plain script. Returns milliseconds. */
export async function runAudienceLimit(emulatorUrl: string): Promise<number> {
	const client = flowService(emulatorUrl);
	const started = performance.now();
	const flows = await readAll<ListedFlow>(client, '/flows', PROPERTY);
	let next = 0;
	const worker = async () => {
		while (next < flows.length) {
			const flow = flows[next++];
			const transform = flow.transformations.findIndex((t) => t.name === 'GeneralTransform');
			const selectors = flow.transformations[transform].params.segmentSelectors.selectors;
			const index = selectors.findIndex((s) => s.value.id === AUDIENCE);
			await client.patch(
				`/flows/${flow.id}`,
				[
					{
						op: 'remove',
						path: `/transformations/${transform}/params/segmentSelectors/selectors/${index}`,
						value: { type: 'PLATFORM_SEGMENT', value: { id: AUDIENCE } },
					},
				],
				{ headers: { 'If-Match': flow.etag } },
			);
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	return performance.now() - started;
}

/** Both contenders at each latency, median of `runs`; requests counted from the emulator's log. */
export const runAudienceRow = (options: RowOptions) =>
	runRow(options, {
		label: 'audience',
		workload: `one audience removed from the ${RETIRED_FROM} destination dataflows exporting it, one input item`,
		prepare: exportEverywhere,
		runLimit: runAudienceLimit,
		counts: (path) => path.startsWith(FS),
		verify: expectRetired,
	});

/** A run counts only when no dataflow exports the audience any more. */
async function expectRetired(emulator: RunningEmulator): Promise<void> {
	const left = await readAll<ListedFlow>(flowService(emulator.url), '/flows', PROPERTY);
	if (left.length > 0) throw new Error(`${left.length} dataflows still export the audience`);
}
