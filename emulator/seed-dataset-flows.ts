// The seeded dataset export dataflows of prod (fixtures/dataset-flows.ts), with their Data Lake
// source connections, target connections and runs. Their schedules are relative to `now` (the
// seed's start), so that one ends in a few days and one ended weeks ago whenever the emulator
// starts; the two older ones end on 2025-09-01, the end Adobe gave dataset exports created before
// the six-month default.
import { inheritedBase, makeConnection, specRef, type Origin } from './entity';
import { datasetFlowSeeds, type DatasetFlowSeed, type DatasetKey } from './fixtures/dataset-flows';
import {
	ACCOUNT_IDS,
	CONNECTION_SPECS,
	DATASET_FLOW_IDS,
	DATASET_IDS,
	DATASET_NAMES,
	DESTINATION_FLOW_SPECS,
	REPLACED_DATASET_SOURCE_ID,
} from './fixtures/ids';
import { inheritedConnection } from './flow-connections';
import { SANDBOX_IDS, SANDBOX_PROD } from './identity';
import { makeRun } from './runs';
import type { Connection, Flow, JsonObject, Run } from './types';

const H = 3_600_000;
const D = 24 * H;
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const seconds = (ms: number) => Math.floor(ms / 1000);

/** The last `count` due times (epoch ms) of a schedule before `until`; a one-time export has one. */
export function dueTimes(schedule: JsonObject, until: number, count: number): number[] {
	const start = (schedule.startTime as number) * 1000;
	const step = (schedule.interval as number) * (schedule.timeUnit === 'hour' ? H : D);
	if (step === 0) return start <= until ? [start] : [];
	const end =
		schedule.endTime === undefined ? until : Math.min(until, (schedule.endTime as number) * 1000);
	const last = Math.floor((end - start) / step);
	const out: number[] = [];
	for (let k = Math.max(0, last - count + 1); k <= last; k++) out.push(start + k * step);
	return out;
}

function origin(n: number, at: number, orgId: string): Origin {
	return {
		sandbox: SANDBOX_PROD,
		orgId,
		clientId: 'exc_app',
		at,
		etag: `"${hex(0xda7a0000 + n, 8)}-0000-0200-0000-${hex(seconds(at), 8)}0000"`,
	};
}

function sourceConnection(id: string, name: string, keys: DatasetKey[], o: Origin): Connection {
	const base = ACCOUNT_IDS.prod.dataLake;
	return makeConnection(
		id,
		o,
		{
			name,
			baseConnectionId: base,
			connectionSpec: specRef(CONNECTION_SPECS.dataLakeSource),
			params: {
				datasets: keys.map((k) => ({ dataSetId: DATASET_IDS.prod[k], name: DATASET_NAMES[k] })),
			},
		},
		{ inheritedAttributes: inheritedBase(base, CONNECTION_SPECS.dataLakeSource) },
	);
}

interface Seeded {
	flows: Flow[];
	runs: Run[];
	sourceConnections: Connection[];
	targetConnections: Connection[];
}

export function seedDatasetFlows(orgId: string, now: number): Seeded {
	const out: Seeded = { flows: [], runs: [], sourceConnections: [], targetConnections: [] };
	datasetFlowSeeds(now).forEach((seed, i) => {
		const n = i + 1;
		const o = origin(n, seed.createdAt, orgId);
		const source = sourceConnection(
			`da7a5c00-0000-4000-8000-${hex(n, 12)}`,
			`${seed.name} source`,
			seed.datasets,
			o,
		);
		const spec = CONNECTION_SPECS[seed.destination];
		const target = makeConnection(
			`da7a7c00-0000-4000-8000-${hex(n, 12)}`,
			o,
			{
				name: `${seed.name} target`,
				baseConnectionId: seed.account,
				connectionSpec: specRef(spec),
				params: seed.target,
			},
			{ inheritedAttributes: inheritedBase(seed.account, spec) },
		);
		// The first flow's datasets changed 10 days ago: a new source connection replaced the old one.
		const replaced = seed.id === DATASET_FLOW_IDS.everySixHours;
		const updatedAt = replaced ? Math.floor(now / D) * D - 10 * D : seed.createdAt;
		const flow = datasetFlow(seed, { ...origin(n, updatedAt, orgId) }, source, target, replaced);
		out.flows.push(flow);
		out.sourceConnections.push(source);
		out.targetConnections.push(target);
		if (replaced)
			out.sourceConnections.push(
				sourceConnection(
					REPLACED_DATASET_SOURCE_ID,
					`${seed.name} source (before)`,
					['loyaltyMembers'],
					o,
				),
			);
		const subject = {
			sourceConnectionId: source.id,
			datasetIds: seed.datasets.map((k) => DATASET_IDS.prod[k]),
		};
		dueTimes(seed.schedule, now - H, seed.runs).forEach((due, k) =>
			out.runs.push(
				makeRun(
					flow,
					{
						id: `da7a0a00-0000-4000-8000-${hex(n * 16 + k, 12)}`,
						scheduledFor: due,
						received: 40_000 * n + 1_250 * k,
					},
					subject,
				),
			),
		);
	});
	return out;
}

function datasetFlow(
	seed: DatasetFlowSeed,
	updated: Origin,
	source: Connection,
	target: Connection,
	replaced: boolean,
): Flow {
	const createdAt = seed.createdAt;
	const ops = replaced ? [{ op: 'replace', path: '/sourceConnectionIds', value: [source.id] }] : [];
	return {
		id: seed.id,
		createdAt,
		updatedAt: updated.at,
		createdBy: '0A4334FA556585B77F000101@AdobeID',
		updatedBy: '0A4334FA556585B77F000101@AdobeID',
		createdClient: 'exc_app',
		updatedClient: 'exc_app',
		sandboxId: SANDBOX_IDS[SANDBOX_PROD],
		sandboxName: SANDBOX_PROD,
		imsOrgId: updated.orgId,
		name: seed.name,
		description: `Dataset export: ${seed.datasets.map((k) => DATASET_NAMES[k]).join(', ')}`,
		flowSpec: specRef(DESTINATION_FLOW_SPECS[seed.destination].dataset),
		state: 'enabled',
		version: updated.etag as string,
		etag: updated.etag as string,
		sourceConnectionIds: [source.id],
		targetConnectionIds: [target.id],
		inheritedAttributes: {
			properties: { isDestinationFlow: true },
			sourceConnections: [inheritedConnection(source)],
			targetConnections: [inheritedConnection(target, true)],
		},
		transformations: [],
		scheduleParams: seed.schedule,
		runs: `/runs?property=flowId==${seed.id}`,
		lastOperation: {
			started: updated.at - 1300,
			updated: updated.at,
			percentCompleted: 100,
			status: { value: 'completed', properties: null, errors: [] },
			ops,
			operation: replaced ? 'update' : 'create',
		},
	};
}
