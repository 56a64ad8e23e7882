// The seed: hand-written fixtures (emulator/fixtures/*.json) plus generated bulk
// flows and runs. Everything is deterministic so ids and counts are stable.
import handwrittenFlows from './fixtures/flows.json';
import {
	ACCOUNT_IDS,
	BULK_DISABLED_EVERY,
	BULK_FLOW_COUNT,
	BULK_FLOWS_WITH_RUNS,
	BULK_SOURCES_EVERY,
	CONNECTION_SPECS,
	FLOW_SPECS,
	PROFILE_MAPPING_AUDIENCE_ID,
	PROFILE_MAPPING_FLOW_ID,
	SHARED_AUDIENCE_BULK_COUNT,
	SKIPPED_PROFILES_RUN,
	SKIPPED_PROFILES_RUN_ID,
	SHARED_AUDIENCE_ID,
	bulkFlowId,
} from './fixtures/ids';
import seededRuns from './fixtures/runs.json';
import tutorialFlow from './fixtures/tutorial-flow.json';
import { SANDBOX_IDS, SANDBOX_PROD } from './identity';
import { lastRunDetails, makeRun } from './runs';
import { seedAccounts, seedFlowConnections } from './seed-connections';
import { seedDatasetFlows } from './seed-dataset-flows';
import { seedDatasets } from './seed-datasets';
import type { StoreData } from './store';
import type { Flow, Run } from './types';

/** The bulk flows' destinations, and the prod account each exports with (Campaign has none seeded). */
const DESTINATIONS: Array<{ label: string; spec: string; account?: string }> = [
	{ label: 'Amazon S3', spec: CONNECTION_SPECS.amazonS3, account: ACCOUNT_IDS.prod.marketingS3 },
	{ label: 'SFTP', spec: CONNECTION_SPECS.sftp, account: ACCOUNT_IDS.prod.partnerSftp },
	{ label: 'Azure Blob', spec: CONNECTION_SPECS.azureBlob, account: ACCOUNT_IDS.prod.archiveBlob },
	{ label: 'Adobe Campaign', spec: CONNECTION_SPECS.adobeCampaign },
];

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
const pad3 = (n: number): string => String(n).padStart(3, '0');

function bulkAudience(n: number, j: number): Record<string, unknown> {
	const id =
		n <= SHARED_AUDIENCE_BULK_COUNT && j === 0
			? SHARED_AUDIENCE_ID
			: `a0d1${hex(n, 4)}-${hex(j, 4)}-4000-8000-${hex(n * 16 + j, 12)}`;
	const full = (n + j) % 2 === 0;
	return {
		type: 'PLATFORM_SEGMENT',
		value: {
			id,
			name: `Bulk audience ${pad3(n)}-${j}`,
			filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
			exportMode: full ? 'DAILY_FULL_EXPORT' : 'FIRST_FULL_THEN_INCREMENTAL',
			schedule: full
				? {
						frequency: 'DAILY',
						startDate: '2023-07-22',
						startTime: `${String((n + j) % 24).padStart(2, '0')}:00`,
					}
				: {
						frequency: 'EVERY_6_HOURS',
						startDate: '2023-07-22',
						endDate: '2024-07-22',
						startTime: '00:00',
					},
			createTime: '1690000000',
			updateTime: '1690000000',
		},
	};
}

function bulkFlow(n: number, orgId: string): Flow {
	const id = bulkFlowId(n);
	const source = n % BULK_SOURCES_EVERY === 0;
	const disabled = !source && n % BULK_DISABLED_EVERY === 0;
	const createdAt = 1_690_000_000_000 + n * 3_600_000;
	const updatedAt = createdAt + ((n * 7919) % 86_400) * 1000;
	const etag = `"${hex(0x7e000000 + n, 8)}-0000-0200-0000-${hex(Math.floor(updatedAt / 1000), 8)}0000"`;
	const dest = DESTINATIONS[n % DESTINATIONS.length];
	const sourceConnectionId = `5c0e${hex(n, 4)}-0000-4000-8000-${hex(n, 12)}`;
	const targetConnectionId = `7a4e${hex(n, 4)}-0000-4000-8000-${hex(n, 12)}`;
	const flow: Flow = {
		id,
		createdAt,
		updatedAt,
		createdBy: '0A4334FA556585B77F000101@AdobeID',
		updatedBy: '0A4334FA556585B77F000101@AdobeID',
		createdClient: 'exc_app',
		updatedClient: 'exc_app',
		sandboxId: SANDBOX_IDS[SANDBOX_PROD],
		sandboxName: SANDBOX_PROD,
		imsOrgId: orgId,
		name: source ? `Bulk sources ingestion ${pad3(n)}` : `Bulk ${dest.label} export ${pad3(n)}`,
		description: `Generated flow ${n}`,
		flowSpec: {
			id: source ? FLOW_SPECS.sourcesDatabase : FLOW_SPECS.batchDestination,
			version: '1.0',
		},
		state: disabled ? 'disabled' : 'enabled',
		version: etag,
		etag,
		sourceConnectionIds: [sourceConnectionId],
		targetConnectionIds: [targetConnectionId],
		inheritedAttributes: source
			? {
					sourceConnections: [
						{
							id: sourceConnectionId,
							connectionSpec: { id: '3c9b37f8-13a6-43d8-bad3-b863b941fedd', version: '1.0' },
						},
					],
				}
			: {
					properties: { isDestinationFlow: true },
					sourceConnections: [
						{
							id: sourceConnectionId,
							connectionSpec: { id: CONNECTION_SPECS.profileStoreSource, version: '1.0' },
							typeInfo: { type: 'ProfileFragments', id: 'ups' },
						},
					],
					targetConnections: [
						{
							id: targetConnectionId,
							connectionSpec: { id: dest.spec, version: '1.0' },
							...(dest.account
								? {
										baseConnection: {
											id: dest.account,
											connectionSpec: { id: dest.spec, version: '1.0' },
										},
									}
								: {}),
						},
					],
				},
		transformations: source
			? [{ name: 'Mapping', params: { mappingId: hex(0xb0000000 + n, 32), mappingVersion: n % 5 } }]
			: [
					{
						name: 'GeneralTransform',
						params: {
							profileSelectors: {
								selectors: [
									{
										type: 'JSON_PATH',
										value: { path: 'Email', operator: 'EXISTS', identity: { namespace: 'Email' } },
									},
									{
										type: 'JSON_PATH',
										value: { path: 'person.name.firstName', operator: 'EXISTS' },
									},
								],
								mandatoryFields: ['Email'],
								primaryFields: [{ identityNamespace: 'Email', fieldType: 'IDENTITY' }],
							},
							segmentSelectors: {
								selectors: Array.from({ length: 1 + (n % 3) }, (_, j) => bulkAudience(n, j)),
							},
						},
					},
				],
		runs: `/runs?property=flowId==${id}`,
		lastOperation: {
			started: updatedAt - 1300,
			updated: updatedAt,
			percentCompleted: 100,
			status: { value: 'completed', properties: null, errors: [] },
			ops: [],
			operation: 'create',
		},
	};
	return flow;
}

function bulkRuns(flow: Flow, n: number): Run[] {
	const runId = (k: number): string =>
		`${hex(0x2a000000 + n, 8)}-0000-4000-8000-${hex(n * 2 + k, 12)}`;
	const audienceId = SHARED_AUDIENCE_ID;
	return [
		makeRun(flow, {
			id: runId(0),
			status: 'Success',
			createdAt: flow.updatedAt + 3_600_000,
			audienceId,
		}),
		makeRun(flow, {
			id: runId(1),
			status: n % 2 === 0 ? 'Failed' : 'Success',
			createdAt: flow.updatedAt + 7_200_000,
			audienceId,
		}),
	];
}

/** A run of the spec's V2 example flow a day after its two examples, with 3.2 % of its profiles skipped. */
function skippedProfilesRun(flows: Flow[]): Run {
	const flow = flows.find((f) => f.id === PROFILE_MAPPING_FLOW_ID) as Flow;
	return makeRun(flow, {
		id: SKIPPED_PROFILES_RUN_ID,
		status: 'Success',
		createdAt: 1_659_104_928_378,
		audienceId: PROFILE_MAPPING_AUDIENCE_ID,
		...SKIPPED_PROFILES_RUN,
	});
}

/**
 * A fresh copy of the seed (callers may mutate it). `now` anchors the dataset exports' schedules
 * (one ends in days, one has ended); everything else is fixed.
 */
export function buildSeed(orgId: string, bulkFlows = BULK_FLOW_COUNT, now = Date.now()): StoreData {
	const flows = structuredClone([tutorialFlow, ...handwrittenFlows]) as unknown as Flow[];
	const runs = structuredClone(seededRuns) as unknown as Run[];
	for (let n = 1; n <= bulkFlows; n++) {
		const flow = bulkFlow(n, orgId);
		flows.push(flow);
		if (n <= BULK_FLOWS_WITH_RUNS) runs.push(...bulkRuns(flow, n));
	}
	for (const f of flows) f.imsOrgId = orgId;
	for (const r of runs) r.imsOrgId = orgId;
	runs.push(skippedProfilesRun(flows));
	const connections = seedAccounts(orgId);
	const { sourceConnections, targetConnections } = seedFlowConnections(flows, connections, orgId);
	const datasetFlows = seedDatasetFlows(orgId, now);
	flows.push(...datasetFlows.flows);
	runs.push(...datasetFlows.runs);
	for (const f of flows) f.lastRunDetails ??= lastRunDetailsOf(f.id, runs);
	return {
		flows,
		runs,
		connections,
		sourceConnections: [...sourceConnections, ...datasetFlows.sourceConnections],
		targetConnections: [...targetConnections, ...datasetFlows.targetConnections],
		datasets: seedDatasets(orgId),
	};
}

/** A flow with runs carries its newest run's summary, as Adobe's OpenAPI flow examples do. */
function lastRunDetailsOf(flowId: string, runs: Run[]): Flow['lastRunDetails'] {
	const newest = runs
		.filter((run) => run.flowId === flowId)
		.sort((a, b) => Number(b.createdAt) - Number(a.createdAt))[0];
	return newest && lastRunDetails(newest);
}
