import type { IDataObject } from 'n8n-workflow';

import { PROFILE_STORE_SPEC_ID } from '../../model/destination';
import type { FlowDocument } from '../../model/types';
import { connectionNames, createdFlow, type CreatePlan } from '../../planner/createDataflow';
import type { FlowServiceClient } from '../../transport';
import { applyUpdate } from '../../update/applyUpdate';
import type { CreateLookups } from './lookups';
import { createdOutput, type CreatedParts } from './output';
import { NOTHING_PLANNED, composed, updateOptions } from './planning';
import type { ResolvedCreate } from './resolve';
import {
	createOnce,
	findCreatedFlow,
	findUnusedConnection,
	removeLeftovers,
	sweepLateCopies,
	type Leftovers,
} from './steps';
import type { CreateEntry, ItemResult } from './types';

/** A create failed and not all it made could be deleted: the error names what stays. */
export class CreateNotCleanedError extends Error {
	constructor(
		readonly cause: unknown,
		readonly remaining: string[],
	) {
		super(
			`${cause instanceof Error ? cause.message : String(cause)}; and ${remaining.join(', ')} could not be deleted: delete them, or run the item again (it reuses the connections)`,
		);
		this.name = 'CreateNotCleanedError';
	}
}

/** What one new dataflow is made of, read and planned. */
export interface DataflowToMake {
	client: FlowServiceClient;
	name: string;
	specIds: { source: string; target: string };
	enable: boolean;
	plan: Pick<Extract<CreatePlan, { action: 'create' }>, 'source' | 'target' | 'discard' | 'flow'>;
	lookups: CreateLookups;
	/** Runs once the dataflow exists, before its state is set (audiences and attributes); a failure undoes the create. */
	afterCreate?: (flowId: string, baseFlow: FlowDocument | undefined) => Promise<IDataObject>;
}

/** The dataflow made, what `afterCreate` reported, and the connections it uses, made, reused and deleted. */
export interface MadeDataflow {
	flow: FlowDocument;
	report: IDataObject;
	connections: IDataObject;
}

/**
 * Creates the connections (or reuses an earlier attempt's), the dataflow, runs `afterCreate`, then
 * sets its state. Anything failing removes what the attempt made or reused, so a failed item
 * leaves nothing behind; a POST whose answer was lost is looked for before it is sent again, and
 * a late copy is swept at the end.
 */
export async function makeDataflow(what: DataflowToMake): Promise<MadeDataflow> {
	const { client, plan, lookups, specIds } = what;
	const names = connectionNames(what.name);
	const attempt: Leftovers = { connections: [] };
	const made: string[] = [];
	let answersLost = false;
	const lost = () => {
		answersLost = true;
	};
	try {
		for (const { collection, id } of plan.discard) await client.deleteConnection(collection, id);
		const used = await lookups.usedConnections();
		const connection = async (
			collection: 'sourceConnections' | 'targetConnections',
			step: typeof plan.source,
			specId: string,
			name: string,
		) => {
			if ('reuse' in step) {
				attempt.connections.push({ collection, id: step.reuse.id });
				return step.reuse.id;
			}
			const created = await createOnce(
				client,
				collection,
				step.create as IDataObject,
				async () =>
					await findUnusedConnection(
						client,
						collection,
						`connectionSpec.id==${specId}`,
						name,
						used,
					),
				lost,
			);
			attempt.connections.push({ collection, id: created.id });
			made.push(created.id);
			return created.id;
		};
		const sourceId = await connection(
			'sourceConnections',
			plan.source,
			specIds.source,
			names.source,
		);
		const targetId = await connection(
			'targetConnections',
			plan.target,
			specIds.target,
			names.target,
		);
		const body = plan.flow(sourceId, targetId);
		let found: FlowDocument | undefined;
		const created = await createOnce(
			client,
			'flows',
			body as IDataObject,
			async () => {
				found = await findCreatedFlow(client, what.name, targetId);
				return found && { id: found.id, etag: found.etag };
			},
			lost,
		);
		attempt.flowId = created.id;
		const baseFlow =
			found ?? (created.etag ? createdFlow(body, created.id, created.etag) : undefined);
		const report = what.afterCreate
			? await what.afterCreate(created.id, baseFlow)
			: { ...NOTHING_PLANNED };
		const flow = await settleState(client, await client.getFlow(created.id), what.enable);
		// Best effort: the dataflow is made; a failed sweep must not undo it.
		const lateCopies = answersLost
			? await sweepLateCopies(client, {
					flowId: created.id,
					flowName: what.name,
					sourceId,
					targetId,
					names,
					specIds,
				}).catch(() => [])
			: [];
		return {
			flow,
			report,
			connections: {
				sourceConnectionId: sourceId,
				targetConnectionId: targetId,
				created: made,
				reused: attempt.connections.map((c) => c.id).filter((id) => !made.includes(id)),
				deleted: [...plan.discard.map((c) => c.id), ...lateCopies],
			},
		};
	} catch (error) {
		const remaining = await removeLeftovers(client, attempt);
		throw remaining.length > 0 ? new CreateNotCleanedError(error, remaining) : error;
	}
}

/** An audience activation dataflow: made, then its audiences and attributes added through the update engine from the create's etag. */
export async function executeCreate(
	entry: CreateEntry,
	resolved: ResolvedCreate,
	plan: Extract<CreatePlan, { action: 'create' }>,
	lookups: CreateLookups,
	parts: CreatedParts,
): Promise<ItemResult> {
	const { client, options } = entry;
	const { flow, report, connections } = await makeDataflow({
		client,
		name: resolved.desired.name,
		specIds: { source: PROFILE_STORE_SPEC_ID, target: resolved.spec.id },
		enable: entry.input.enable,
		plan,
		lookups,
		afterCreate:
			plan.planners.length === 0
				? undefined
				: async (flowId, baseFlow) =>
						await applyUpdate(
							client,
							flowId,
							{ planner: composed(plan.planners) },
							updateOptions(options, baseFlow),
						),
	});
	return { created: flow.id, json: createdOutput(parts, report, flow, connections) };
}

/** Enable or Disable through Adobe's action, when the new dataflow is not as asked. */
async function settleState(client: FlowServiceClient, flow: FlowDocument, enable: boolean) {
	const wanted = enable ? 'enabled' : 'disabled';
	if (flow.state === wanted) return flow;
	const answer = await client.flowAction(flow.id, enable ? 'enable' : 'disable');
	const etag = answer.etag ?? (await client.getFlow(flow.id)).etag;
	return { ...flow, state: wanted, etag };
}
