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

/**
 * The flow spec of an audience activation dataflow to the account's destination: the one joining
 * the Profile store to it. Looked up, never hard-coded: Adobe's documents disagree on several.
 */
export function chooseFlowSpec(flowSpecs: FlowSpec[], spec: ConnectionSpec): FlowSpec {
	const toDestination = flowSpecs.filter((candidate) =>
		(candidate.targetConnectionSpecIds ?? []).some((id) => sameId(id, spec.id)),
	);
	const audienceFlows = toDestination.filter((candidate) =>
		(candidate.sourceConnectionSpecIds ?? []).some((id) => sameId(id, PROFILE_STORE_SPEC_ID)),
	);
	const destination = spec.name ?? spec.id;
	if (audienceFlows.length === 1) return audienceFlows[0];
	if (audienceFlows.length === 0) {
		inputError(
			'accountId',
			`No flow spec activates audiences to ${destination} (connection spec ${spec.id}): ${toDestination.length} flow spec(s) reach it, none from the Profile store`,
		);
	}
	return inputError(
		'accountId',
		`Several flow specs activate audiences to ${destination}: ${audienceFlows.map((f) => `${f.name ?? ''} ${f.id}`.trim()).join(', ')}`,
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
	const names = connectionNames(desired.name);
	const [keptSource, ...extraSources] = leftovers.source;
	const fits = (connection: FlowConnection) =>
		sameId(connection.baseConnectionId, account.id) &&
		sameId(connection.connectionSpec?.id, spec.id) &&
		sameParams(connection.params ?? {}, desired.params);
	const keptTarget = leftovers.target.find(fits);
	const discard = [
		...extraSources.map((c) => ({ collection: 'sourceConnections' as const, id: c.id })),
		...leftovers.target
			.filter((c) => c !== keptTarget)
			.map((c) => ({ collection: 'targetConnections' as const, id: c.id })),
	];
	const description = desired.description;
	return {
		action: 'create',
		source: keptSource
			? { reuse: keptSource }
			: {
					create: {
						name: names.source,
						...(description ? { description } : {}),
						connectionSpec: { id: PROFILE_STORE_SPEC_ID, version: '1.0' },
					},
				},
		target: keptTarget
			? { reuse: keptTarget }
			: {
					create: {
						name: names.target,
						...(description ? { description } : {}),
						baseConnectionId: account.id,
						params: desired.params,
						connectionSpec: { id: spec.id, version: spec.version ?? '1.0' },
					},
				},
		discard,
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
