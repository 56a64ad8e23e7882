import { DATA_LAKE_SOURCE_SPEC } from '../model/flowKind';
import {
	PROFILE_STORE_SPEC_ID,
	type ConnectionSpec,
	type DestinationAccount,
	type FlowConnection,
	type FlowSpec,
} from '../model/destination';
import { findGeneralTransform, profileSelectors } from '../model/flowDocument';
import { inputError } from '../model/inputError';
import type { FlowDocument, Planner } from '../model/types';
import type { MergedDataflow } from '../rules/createDataflow';
import type { AttributeHolder } from '../rules/sourceFlow';
import { planAddAudiences } from './audiences';
import { planUpdateMapping } from './mapping';
import { planAddProfileAttributes, planRemoveProfileAttributes } from './profileAttributes';
import { planSyncAudiences } from './syncAudiences';

/** What to do when a dataflow of the name already exists. */
export type IfExists = 'fail' | 'skip' | 'useIt';

/** The dataflow an item asks for, every part resolved and checked. */
export type DesiredDataflow = MergedDataflow;

/** What was read before planning: the account and its destination's specs, and what exists. */
export interface CreateDocuments {
	account: DestinationAccount;
	spec: ConnectionSpec;
	flowSpec: FlowSpec;
	/** A dataflow of the desired name, if there is one. */
	existing?: FlowDocument;
	/** Connections named for this dataflow that no dataflow uses: an earlier attempt's. */
	leftovers: { source: FlowConnection[]; target: FlowConnection[] };
}

/** A connection the dataflow will use: one an earlier attempt left, or one to create. */
export type ConnectionStep = { reuse: FlowConnection } | { create: Record<string, unknown> };

export type CreatePlan =
	| { action: 'skip'; existing: FlowDocument }
	| { action: 'useIt'; existing: FlowDocument; planners: Planner[] }
	| {
			action: 'create';
			source: ConnectionStep;
			target: ConnectionStep;
			/** Leftovers that do not fit (another account's, other settings, copies): deleted. */
			discard: Array<{ collection: 'sourceConnections' | 'targetConnections'; id: string }>;
			flow: (sourceId: string, targetId: string) => Record<string, unknown>;
			planners: Planner[];
	  };

/**
 * The connections' names follow from the dataflow's, so an attempt whose answer was lost (or
 * which failed before the dataflow existed) can be found, and its connections reused or deleted.
 */
export function connectionNames(flowName: string): { source: string; target: string } {
	return { source: `${flowName} - source`, target: `${flowName} - target` };
}

const sameId = (a: string | undefined, b: string | undefined) =>
	a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/** What a new dataflow carries: audiences from the Profile store, or datasets from the Data Lake. */
export type FlowWorkflow = 'audiences' | 'datasets';

/** Each kind's source, and what its flow specs do, as errors say it (one, several). */
const FLOW_SOURCES: Record<
	FlowWorkflow,
	{ specId: string; from: string; verbs: [string, string] }
> = {
	audiences: {
		specId: PROFILE_STORE_SPEC_ID,
		from: 'the Profile store',
		verbs: ['activates audiences', 'activate audiences'],
	},
	datasets: {
		specId: DATA_LAKE_SOURCE_SPEC,
		from: 'the Data Lake',
		verbs: ['exports datasets', 'export datasets'],
	},
};

/** The source connection spec of a new dataflow of that kind. */
export const sourceSpecOf = (workflow: FlowWorkflow) => FLOW_SOURCES[workflow].specId;

/**
 * The flow spec of a new dataflow to the account's destination: the one joining the kind's source
 * (the Profile store for audiences, the Data Lake for datasets) to it. Looked up, never
 * hard-coded: Adobe's documents disagree on several.
 */
export function chooseFlowSpec(
	flowSpecs: FlowSpec[],
	spec: ConnectionSpec,
	workflow: FlowWorkflow = 'audiences',
): FlowSpec {
	const { specId, from, verbs } = FLOW_SOURCES[workflow];
	const [one, many] = verbs;
	const toDestination = flowSpecs.filter((candidate) =>
		(candidate.targetConnectionSpecIds ?? []).some((id) => sameId(id, spec.id)),
	);
	const fitting = toDestination.filter((candidate) =>
		(candidate.sourceConnectionSpecIds ?? []).some((id) => sameId(id, specId)),
	);
	const destination = spec.name ?? spec.id;
	if (fitting.length === 1) return fitting[0];
	if (fitting.length === 0) {
		inputError(
			'accountId',
			`No flow spec ${one} to ${destination} (connection spec ${spec.id}): ${toDestination.length} flow spec(s) reach it, none from ${from}`,
		);
	}
	return inputError(
		'accountId',
		`Several flow specs ${many} to ${destination}: ${fitting.map((f) => `${f.name ?? ''} ${f.id}`.trim()).join(', ')}`,
	);
}

/** Adobe's empty GeneralTransform, where the update engine then adds audiences and attributes. */
export function transformationSkeleton(holder: AttributeHolder): Array<Record<string, unknown>> {
	const params =
		holder === 'profileMapping'
			? {
					mandatoryFields: [],
					primaryFields: [],
					profileMapping: {},
					segmentSelectors: { selectors: [] },
				}
			: { segmentSelectors: { selectors: [] }, profileSelectors: { selectors: [] } };
	return [{ name: 'GeneralTransform', params }];
}

/** The dataflow as `POST /flows` creates it: what the audiences and attributes are planned on. */
export function createdFlow(body: Record<string, unknown>, id: string, etag: string): FlowDocument {
	return { ...structuredClone(body), id, etag } as FlowDocument;
}

const sameParams = (a: unknown, b: unknown) =>
	JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

function sorted(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sorted);
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(
		Object.keys(value)
			.sort()
			.map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
	);
}

/** What makes a new dataflow export the item's audiences and attributes (all adds). */
export function addPlanners(desired: DesiredDataflow): Planner[] {
	const planners: Planner[] = [];
	if (desired.audiences.length > 0) {
		planners.push(
			planAddAudiences(
				desired.audiences.map((audience) => audience.selector),
				desired.audiences.map((audience) => audience.field),
				'dataflowName',
			),
		);
	}
	if (desired.attributes.length > 0) planners.push(planAddProfileAttributes(desired.attributes));
	if (desired.mapping) {
		planners.push(planUpdateMapping({ ...desired.mapping, location: 'profileMapping' }));
	}
	return planners;
}

/**
 * What makes an existing dataflow export exactly the item's audiences and attributes: the Sync
 * planner for audiences, attributes added and unlisted ones removed, the mapping set replaced.
 */
export function syncPlanners(desired: DesiredDataflow): Planner[] {
	const planners: Planner[] = [
		planSyncAudiences({ desired: desired.audiences, removeUnlisted: true, field: 'dataflowName' }),
	];
	if (desired.holder === 'profileSelectors') {
		if (desired.attributes.length > 0) planners.push(planAddProfileAttributes(desired.attributes));
		const wanted = new Set(desired.attributes.map((attribute) => attribute.path));
		planners.push((flow) => {
			const transform = findGeneralTransform(flow);
			const current = (transform && profileSelectors(transform)?.selectors) ?? [];
			const paths = current.map((s) => s?.value?.path).filter((p) => !wanted.has(p));
			return paths.length === 0
				? { operations: [], skipped: [] }
				: planRemoveProfileAttributes({ paths, ifMissing: 'skip' })(flow);
		});
	}
	if (desired.mapping) {
		planners.push(planUpdateMapping({ ...desired.mapping, location: 'profileMapping' }));
	}
	return planners;
}

/**
 * Decides what an item's create does, from what was read: fail, skip or take over a dataflow of
 * that name, or create one, reusing the connections an earlier attempt left when they fit and
 * deleting those that do not. Pure: nothing is sent here.
 */
export function planCreate(
	desired: DesiredDataflow,
	ifExists: IfExists,
	documents: CreateDocuments,
): CreatePlan {
	const { account, spec, flowSpec, existing, leftovers } = documents;
	if (existing) {
		if (ifExists === 'skip') return { action: 'skip', existing };
		if (ifExists === 'useIt') return { action: 'useIt', existing, planners: syncPlanners(desired) };
		inputError(
			'dataflowName',
			`A dataflow named "${desired.name}" already exists (${existing.id}); set If Dataflow Exists to Skip or Use It to work with it`,
		);
	}
	const description = desired.description;
	return {
		action: 'create',
		...connectionSteps(desired.name, leftovers, {
			sourceFits: () => true,
			source: {
				...(description ? { description } : {}),
				connectionSpec: { id: PROFILE_STORE_SPEC_ID, version: '1.0' },
			},
			target: {
				...(description ? { description } : {}),
				baseConnectionId: account.id,
				params: desired.params,
				connectionSpec: { id: spec.id, version: spec.version ?? '1.0' },
			},
		}),
		// `state` is never sent: Adobe refuses it on create (1410-400); enabling is an action afterwards.
		flow: (sourceId, targetId) => ({
			name: desired.name,
			...(description ? { description } : {}),
			flowSpec: { id: flowSpec.id, version: flowSpec.version ?? '1.0' },
			sourceConnectionIds: [sourceId],
			targetConnectionIds: [targetId],
			transformations: transformationSkeleton(desired.holder),
		}),
		planners: addPlanners(desired),
	};
}

/** A new dataflow's two connections, as `POST` bodies without their names. */
export interface ConnectionBodies {
	/** Whether an earlier attempt's source connection carries what this one would (its datasets). */
	sourceFits: (connection: FlowConnection) => boolean;
	source: Record<string, unknown>;
	target: Record<string, unknown> & {
		baseConnectionId: string;
		params: Record<string, unknown>;
		connectionSpec: { id: string; version: string };
	};
}

/**
 * The connections of a new dataflow: an earlier attempt's (named for the dataflow, used by none)
 * when it fits, else a new one under the dataflow's connection name; leftovers that do not fit
 * (another account's, other settings, copies) are to be deleted. Pure.
 */
export function connectionSteps(
	flowName: string,
	leftovers: CreateDocuments['leftovers'],
	bodies: ConnectionBodies,
): Pick<Extract<CreatePlan, { action: 'create' }>, 'source' | 'target' | 'discard'> {
	const names = connectionNames(flowName);
	const { target } = bodies;
	const keptSource = leftovers.source.find(bodies.sourceFits);
	const keptTarget = leftovers.target.find(
		(connection) =>
			sameId(connection.baseConnectionId, target.baseConnectionId) &&
			sameId(connection.connectionSpec?.id, target.connectionSpec.id) &&
			sameParams(connection.params ?? {}, target.params),
	);
	return {
		source: keptSource
			? { reuse: keptSource }
			: { create: { name: names.source, ...bodies.source } },
		target: keptTarget ? { reuse: keptTarget } : { create: { name: names.target, ...target } },
		discard: [
			...leftovers.source
				.filter((c) => c !== keptSource)
				.map((c) => ({ collection: 'sourceConnections' as const, id: c.id })),
			...leftovers.target
				.filter((c) => c !== keptTarget)
				.map((c) => ({ collection: 'targetConnections' as const, id: c.id })),
		],
	};
}
