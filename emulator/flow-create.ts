// POST /flows: a destination dataflow from a source connection, a target connection and the
// flow spec that goes with both. 201 {id, etag}, as the OpenAPI document answers. The stored
// dataflow has the same fields as the seeded ones; README "Creating a dataflow" lists the
// refusals and the choices made where Adobe's documents disagree.
import { randomUUID } from 'node:crypto';
import { invalidSpec } from './connection-create';
import { checkShape, readJsonObject } from './create-body';
import { specRef, userOf } from './entity';
import { fsError, invalidRequest } from './errors';
import { newEtag } from './etag';
import { FLOW_SPECS, isBulkFlowId } from './fixtures/ids';
import { inheritedConnection, resolveConnections, specMismatch } from './flow-connections';
import { SANDBOX_IDS } from './identity';
import type { ServiceCall } from './routes/scope';
import { scheduleProblem, withDefaultEnd } from './schedule-params';
import { flowSpec, workflowOf } from './specs/catalogue';
import type { ApiResponse, Connection, Flow, JsonObject } from './types';
import { validateFlow } from './validation';

/** Adobe's hard guardrail: destinations (dataflows) per sandbox. */
export const MAX_DESTINATION_FLOWS = 100;
const TYPE = 'flows';

const IDS = { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } };
const FLOW_BODY = {
	type: 'object',
	required: ['name', 'flowSpec', 'sourceConnectionIds', 'targetConnectionIds'],
	properties: {
		name: { type: 'string', minLength: 1 },
		description: { type: 'string' },
		flowSpec: {
			type: 'object',
			required: ['id'],
			properties: { id: { type: 'string', minLength: 1 }, version: { type: 'string' } },
		},
		sourceConnectionIds: IDS,
		targetConnectionIds: IDS,
		transformations: {
			type: 'array',
			items: {
				type: 'object',
				required: ['name'],
				properties: { name: { type: 'string' }, params: { type: 'object' } },
			},
		},
		scheduleParams: { type: 'object' },
	},
};

interface FlowBody extends JsonObject {
	name: string;
	flowSpec: { id: string; version?: string };
	sourceConnectionIds: string[];
	targetConnectionIds: string[];
	transformations?: Array<{ name: string; params?: JsonObject }>;
}

/**
 * What a dataflow created with `transformations: []` stores: the skeleton Adobe's own create
 * examples send for that kind of flow spec, so the documented audience PATCHes
 * (`/transformations/0/params/segmentSelectors/selectors/-`) apply to it.
 */
function skeleton(flowSpecId: string): JsonObject[] {
	const params =
		flowSpecId === FLOW_SPECS.batchDestination
			? { profileSelectors: { selectors: [] }, segmentSelectors: { selectors: [] } }
			: {
					mandatoryFields: [],
					primaryFields: [],
					profileMapping: {},
					segmentSelectors: { selectors: [] },
				};
	return [{ name: 'GeneralTransform', params }];
}

/** The OpenAPI schemas spell the name "General Transform"; every example and flow "GeneralTransform". */
const normalizeName = (t: { name: string; params?: JsonObject }) =>
	t.name === 'General Transform' ? { ...t, name: 'GeneralTransform' } : t;

/** Destination dataflows counted by the guardrail (the generated paging flows are not: README). */
function destinationFlows(call: ServiceCall): number {
	let n = 0;
	for (const flow of call.deps.store.flowsIn(call.sandbox)) {
		const properties = (flow.inheritedAttributes as { properties?: JsonObject } | undefined)
			?.properties;
		if (properties?.isDestinationFlow === true && !isBulkFlowId(flow.id)) n++;
	}
	return n;
}

/** The stored dataflow: the fields of the seeded destination dataflows. */
function dataflow(
	{ ctx, caller, sandbox }: ServiceCall,
	body: FlowBody,
	flowSpecId: string,
	parts: {
		sources: Connection[];
		targets: Connection[];
		transformations: JsonObject[];
		scheduleParams?: JsonObject;
	},
): Flow {
	const id = randomUUID();
	const now = ctx.receivedAt;
	const etag = newEtag(now);
	return {
		id,
		createdAt: now,
		updatedAt: now,
		createdBy: userOf(caller.clientId),
		updatedBy: userOf(caller.clientId),
		createdClient: caller.clientId,
		updatedClient: caller.clientId,
		sandboxId: SANDBOX_IDS[sandbox],
		sandboxName: sandbox,
		imsOrgId: caller.orgId,
		name: body.name,
		description: (body.description as string | undefined) ?? '',
		flowSpec: specRef(flowSpecId),
		state: 'enabled',
		version: etag,
		etag,
		sourceConnectionIds: [...body.sourceConnectionIds],
		targetConnectionIds: [...body.targetConnectionIds],
		inheritedAttributes: {
			properties: { isDestinationFlow: true },
			sourceConnections: parts.sources.map((c) => inheritedConnection(c)),
			targetConnections: parts.targets.map((c) =>
				inheritedConnection(c, parts.scheduleParams !== undefined),
			),
		},
		transformations: parts.transformations,
		...(parts.scheduleParams !== undefined ? { scheduleParams: parts.scheduleParams } : {}),
		runs: `/runs?property=flowId==${id}`,
		lastOperation: {
			started: now,
			updated: now,
			percentCompleted: 100,
			status: { value: 'completed', properties: null, errors: [] },
			ops: [],
			operation: 'create',
		},
	};
}

export function createFlow(call: ServiceCall): ApiResponse {
	const { ctx } = call;
	const read = readJsonObject(ctx, TYPE);
	if ('refusal' in read) return read.refusal;
	const raw = read.body;
	if ('state' in raw)
		return fsError(
			'stateInCreate',
			ctx.requestId,
			'`State` is not allowed in the create flow request.',
			undefined,
			TYPE,
		);
	const shape = checkShape(ctx, raw, FLOW_BODY, TYPE);
	if (shape) return shape;
	const body = raw as FlowBody;

	const spec = flowSpec(body.flowSpec.id);
	const version = body.flowSpec.version ?? '1.0';
	if (!spec || version !== spec.version)
		return invalidSpec(ctx, `No flow spec ${body.flowSpec.id} version ${version} exists.`, TYPE);
	const workflow = workflowOf(spec);
	const required = workflow === 'DATASETS' ? 'scheduleParams' : 'transformations';
	if (body[required] === undefined)
		return invalidRequest(ctx.requestId, `${required}: is required by flow spec ${spec.id}.`, TYPE);

	const sources = resolveConnections(call, body.sourceConnectionIds, 'sourceConnections');
	if (!Array.isArray(sources)) return sources;
	const targets = resolveConnections(call, body.targetConnectionIds, 'targetConnections');
	if (!Array.isArray(targets)) return targets;
	const mismatch =
		specMismatch(call, spec, sources, 'sourceConnections') ??
		specMismatch(call, spec, targets, 'targetConnections');
	if (mismatch) return mismatch;
	if (destinationFlows(call) >= MAX_DESTINATION_FLOWS)
		return invalidRequest(
			ctx.requestId,
			`sandbox ${call.sandbox} already has ${MAX_DESTINATION_FLOWS} destination dataflows, the most a sandbox can have.`,
			TYPE,
		);

	const given = (body.transformations ?? []).map(normalizeName);
	if (workflow === 'DATASETS') {
		const problem = datasetExportProblem(given, body.scheduleParams);
		if (problem) return invalidRequest(ctx.requestId, `${problem}.`, TYPE);
	}
	const transformations =
		given.length === 0 && workflow === 'PROFILES' ? skeleton(spec.id as string) : given;
	const scheduleParams =
		workflow === 'DATASETS'
			? withDefaultEnd(body.scheduleParams as JsonObject, ctx.receivedAt)
			: (body.scheduleParams as JsonObject | undefined);
	const flow = dataflow(call, body, spec.id as string, {
		sources,
		targets,
		transformations,
		scheduleParams,
	});
	const problem = validateFlow(flow);
	if (problem) return invalidRequest(ctx.requestId, problem.message, TYPE);
	call.deps.store.putFlow(flow);
	return { status: 201, body: { id: flow.id, etag: flow.etag } };
}

/** A dataset export takes `transformations: []` and a schedule (README "Creating a dataflow"). */
function datasetExportProblem(transformations: unknown[], schedule: unknown): string | undefined {
	if (transformations.length > 0)
		return 'transformations: a dataset export dataflow takes none (send []); its datasets come from its Data Lake source connection';
	return scheduleProblem(schedule);
}
