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

/**
 * Creates the connections (or reuses an earlier attempt's), the dataflow, then its audiences and
 * attributes through the update engine from the create's etag, then sets its state. Anything
 * failing removes what the attempt made or reused, so a failed item leaves nothing behind.
 */
export async function executeCreate(
	entry: CreateEntry,
	resolved: ResolvedCreate,
	plan: Extract<CreatePlan, { action: 'create' }>,
	lookups: CreateLookups,
	parts: CreatedParts,
): Promise<ItemResult> {
	const { client, options } = entry;
	const { desired, spec } = resolved;
	const names = connectionNames(desired.name);
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
			property: string,
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
				async () => await findUnusedConnection(client, collection, property, name, used),
				lost,
			);
			attempt.connections.push({ collection, id: created.id });
			made.push(created.id);
			return created.id;
		};
		const sourceId = await connection(
			'sourceConnections',
			plan.source,
			`connectionSpec.id==${PROFILE_STORE_SPEC_ID}`,
			names.source,
		);
		const targetId = await connection(
			'targetConnections',
			plan.target,
			`connectionSpec.id==${spec.id}`,
			names.target,
		);
		const body = plan.flow(sourceId, targetId);
		let found: FlowDocument | undefined;
		const created = await createOnce(
			client,
			'flows',
			body as IDataObject,
			async () => {
				found = await findCreatedFlow(client, desired.name, targetId);
				return found && { id: found.id, etag: found.etag };
			},
			lost,
		);
		attempt.flowId = created.id;
		const baseFlow =
			found ?? (created.etag ? createdFlow(body, created.id, created.etag) : undefined);
		const report =
			plan.planners.length === 0
				? { ...NOTHING_PLANNED }
				: await applyUpdate(
						client,
						created.id,
						{ planner: composed(plan.planners) },
						updateOptions(options, baseFlow),
					);
		const flow = await settleState(client, await client.getFlow(created.id), entry.input.enable);
		// Best effort: the dataflow is made; a failed sweep must not undo it.
		const lateCopies = answersLost
			? await sweepLateCopies(client, {
					flowId: created.id,
					flowName: desired.name,
					sourceId,
					targetId,
					names,
					specIds: { source: PROFILE_STORE_SPEC_ID, target: spec.id },
				}).catch(() => [])
			: [];
		return {
			created: created.id,
			json: createdOutput(parts, report, flow, {
				sourceConnectionId: sourceId,
				targetConnectionId: targetId,
				created: made,
				reused: attempt.connections.map((c) => c.id).filter((id) => !made.includes(id)),
				deleted: [...plan.discard.map((c) => c.id), ...lateCopies],
			}),
		};
	} catch (error) {
		const remaining = await removeLeftovers(client, attempt);
		throw remaining.length > 0 ? new CreateNotCleanedError(error, remaining) : error;
	}
}

/** Enable or Disable through Adobe's action, when the new dataflow is not as asked. */
async function settleState(client: FlowServiceClient, flow: FlowDocument, enable: boolean) {
	const wanted = enable ? 'enabled' : 'disabled';
	if (flow.state === wanted) return flow;
	const answer = await client.flowAction(flow.id, enable ? 'enable' : 'disable');
	const etag = answer.etag ?? (await client.getFlow(flow.id)).etag;
	return { ...flow, state: wanted, etag };
}
