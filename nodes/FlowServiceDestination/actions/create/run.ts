import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { PROFILE_STORE_SPEC_ID } from '../../model/destination';
import type { FlowDocument, Planner } from '../../model/types';
import {
	addPlanners,
	connectionNames,
	createdFlow,
	planCreate,
	syncPlanners,
	type CreatePlan,
} from '../../planner/createDataflow';
import type { CreateInput } from '../../rules/createDataflow';
import type { FlowServiceClient } from '../../transport';
import { applyUpdate, type UpdateOptions } from '../../update/applyUpdate';
import { composePlanners } from '../../update/compose';
import { mapConcurrent } from '../../update/mapConcurrent';
import { audienceNamesOf, type AudienceNames } from '../../update/summary';
import { fillNames, lookUpAudiences, unknownAudience } from '../audienceCheck';
import { lookupsOf, type CreateLookups } from './lookups';
import {
	createdOutput,
	dryRunOutput,
	skippedOutput,
	updatedOutput,
	type CreatedParts,
} from './output';
import { resolveCreate, type ResolvedCreate } from './resolve';
import {
	createOnce,
	findCreatedFlow,
	findUnusedConnection,
	removeLeftovers,
	sweepLateCopies,
	type Leftovers,
} from './steps';

export interface CreateOptions {
	dryRun: boolean;
	checksAudiences: boolean;
	maxConflictRetries: number;
	flowConcurrency: number;
}

export interface CreateEntry {
	itemIndex: number;
	input: CreateInput;
	options: CreateOptions;
	client: FlowServiceClient;
}

export type CreateOutcome =
	{ itemIndex: number; json: IDataObject } | { itemIndex: number; error: unknown };

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

const composed = (planners: Planner[]): Planner => composePlanners(planners, true).planner;

/** The planners as one, keeping the audience names of the dataflow it plans on, so the output can name what it removed. */
function namingPlanner(planners: Planner[]): { planner: Planner; names: AudienceNames } {
	const names: AudienceNames = {};
	const planner = composed(planners);
	return {
		names,
		planner: (flow) => {
			Object.assign(names, audienceNamesOf(flow));
			return planner(flow);
		},
	};
}

function updateOptions(options: CreateOptions, baseFlow?: FlowDocument): UpdateOptions {
	return {
		dryRun: options.dryRun,
		returnUpdatedFlow: false,
		maxConflictRetries: options.maxConflictRetries,
		baseFlow,
	};
}

const NOTHING_PLANNED: IDataObject = { operations: [], skipped: [] };

/** An item's output, and the dataflow it created (none when it only read or updated). */
interface ItemResult {
	json: IDataObject;
	created?: string;
}

/** The dataflow an item of this run created, for later items of the run that name it. */
interface MadeInRun {
	flowId: string;
	itemIndex: number;
}

class CreateRun {
	constructor(
		private readonly lookups: CreateLookups,
		private readonly stopOnError: boolean,
	) {}

	private stopped = false;

	/** Items naming one dataflow, one after the other: the first creates it, the others join it. */
	async group(members: Array<{ entry: CreateEntry; resolved: ResolvedCreate }>) {
		const outcomes: CreateOutcome[] = [];
		let made: MadeInRun | undefined;
		for (const { entry, resolved } of members) {
			if (this.stopped) break;
			try {
				const { json, created } = made
					? await this.join(entry, resolved, made)
					: await this.first(entry, resolved);
				if (created && !entry.options.dryRun)
					made = { flowId: created, itemIndex: entry.itemIndex };
				outcomes.push({ itemIndex: entry.itemIndex, json });
			} catch (error) {
				if (this.stopOnError) this.stopped = true;
				outcomes.push({ itemIndex: entry.itemIndex, error });
			}
		}
		return outcomes;
	}

	private parts(resolved: ResolvedCreate): CreatedParts {
		const { desired, account, spec } = resolved;
		return {
			name: desired.name,
			account,
			spec,
			audiences: desired.audiences.length,
			attributes: desired.attributes.length,
			mapping: desired.mapping !== undefined,
		};
	}

	/** An item whose dataflow this run did not make yet: If Dataflow Exists decides, or it creates. */
	private async first(entry: CreateEntry, resolved: ResolvedCreate): Promise<ItemResult> {
		const { desired, account, spec, flowSpec } = resolved;
		const [existing] = await this.lookups.flowsNamed(desired.name);
		const leftovers = existing
			? { source: [], target: [] }
			: await this.lookups.leftovers(connectionNames(desired.name), spec.id);
		const plan = planCreate(desired, entry.input.ifExists, {
			account,
			spec,
			flowSpec,
			existing,
			leftovers,
		});
		const parts = this.parts(resolved);
		if (plan.action === 'skip') return { json: skippedOutput(parts, plan.existing) };
		if (plan.action === 'useIt') {
			const { planner, names } = namingPlanner(plan.planners);
			const report = await applyUpdate(
				entry.client,
				plan.existing.id,
				{ planner },
				updateOptions(entry.options, plan.existing),
			);
			return { json: updatedOutput(parts, report, `Dataflow "${desired.name}" exists`, {}, names) };
		}
		if (entry.options.dryRun) return { json: this.dryRun(entry, parts, plan) };
		return await this.create(entry, resolved, plan);
	}

	/** A later item naming a dataflow an earlier item of the run created: its audiences and attributes join it. */
	private async join(
		entry: CreateEntry,
		resolved: ResolvedCreate,
		made: MadeInRun,
	): Promise<ItemResult> {
		const { desired } = resolved;
		const planners =
			entry.input.ifExists === 'useIt' ? syncPlanners(desired) : addPlanners(desired);
		const { planner, names } = namingPlanner(planners);
		const report =
			planners.length === 0
				? { ...NOTHING_PLANNED, flowId: made.flowId, changed: false }
				: await applyUpdate(entry.client, made.flowId, { planner }, updateOptions(entry.options));
		const why = `Dataflow "${desired.name}" created by item ${made.itemIndex + 1} of this run`;
		return {
			json: updatedOutput(this.parts(resolved), report, why, { createdBy: made.itemIndex }, names),
		};
	}

	/** Every request a create would send, in order, with bodies; IDs not known yet as placeholders. */
	private dryRun(
		entry: CreateEntry,
		parts: CreatedParts,
		plan: Extract<CreatePlan, { action: 'create' }>,
	) {
		const requests: IDataObject[] = plan.discard.map(({ collection, id }) => ({
			method: 'DELETE',
			path: `/${collection}/${id}`,
		}));
		const sourceId = 'reuse' in plan.source ? plan.source.reuse.id : '{sourceConnectionId}';
		const targetId = 'reuse' in plan.target ? plan.target.reuse.id : '{targetConnectionId}';
		if ('create' in plan.source) {
			requests.push({ method: 'POST', path: '/sourceConnections', body: plan.source.create });
		}
		if ('create' in plan.target) {
			requests.push({ method: 'POST', path: '/targetConnections', body: plan.target.create });
		}
		const body = plan.flow(sourceId, targetId);
		requests.push({ method: 'POST', path: '/flows', body });
		const planned =
			plan.planners.length === 0
				? NOTHING_PLANNED
				: (composed(plan.planners)(
						createdFlow(body, '{flowId}', '{etag}'),
					) as unknown as IDataObject);
		const operations = planned.operations as unknown[];
		if (operations.length > 0) {
			requests.push({
				method: 'PATCH',
				path: '/flows/{flowId}',
				headers: { 'If-Match': '{etag}' },
				body: operations,
			});
		}
		requests.push({ method: 'GET', path: '/flows/{flowId}' });
		const op = entry.input.enable ? 'enable' : 'disable';
		requests.push({
			method: 'POST',
			path: `/flows/{flowId}/action?op=${op}`,
			when: `the dataflow is not ${op}d once created`,
		});
		return dryRunOutput(parts, planned, requests);
	}

	/**
	 * Creates the connections (or reuses an earlier attempt's), the dataflow, then its audiences and
	 * attributes through the update engine from the create's etag, then sets its state. Anything
	 * failing removes what the attempt made or reused, so a failed item leaves nothing behind.
	 */
	private async create(
		entry: CreateEntry,
		resolved: ResolvedCreate,
		plan: Extract<CreatePlan, { action: 'create' }>,
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
			const used = await this.lookups.usedConnections();
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
			const flow = await this.settleState(
				client,
				await client.getFlow(created.id),
				entry.input.enable,
			);
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
				json: createdOutput(this.parts(resolved), report, flow, {
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
	private async settleState(client: FlowServiceClient, flow: FlowDocument, enable: boolean) {
		const wanted = enable ? 'enabled' : 'disabled';
		if (flow.state === wanted) return flow;
		const answer = await client.flowAction(flow.id, enable ? 'enable' : 'disable');
		const etag = answer.etag ?? (await client.getFlow(flow.id)).etag;
		return { ...flow, state: wanted, etag };
	}
}

/**
 * Runs the creates of one execution: every item's reads first (nothing is created while any item
 * is still being checked), then the items grouped per dataflow name, groups in parallel.
 */
export async function runCreates(
	context: IExecuteFunctions,
	entries: CreateEntry[],
	continueOnFail: boolean,
): Promise<CreateOutcome[]> {
	if (entries.length === 0) return [];
	const lookups = lookupsOf(context, entries[0].client);
	const outcomes: CreateOutcome[] = [];
	const groups = new Map<string, Array<{ entry: CreateEntry; resolved: ResolvedCreate }>>();
	for (const entry of entries) {
		try {
			const resolved = await resolveCreate(
				entry.input,
				entry.client,
				lookups,
				entry.options.checksAudiences,
			);
			const group = groups.get(resolved.desired.name) ?? [];
			group.push({ entry, resolved });
			groups.set(resolved.desired.name, group);
		} catch (error) {
			outcomes.push({ itemIndex: entry.itemIndex, error });
			if (!continueOnFail) return outcomes;
		}
	}
	const refused = await checkAudiences(outcomes, groups, entries[0].client, continueOnFail);
	if (refused && !continueOnFail) return outcomes;
	const run = new CreateRun(lookups, !continueOnFail);
	const results = await mapConcurrent(
		[...groups.values()],
		entries[0].options.flowConcurrency,
		(group) => run.group(group),
	);
	return [...outcomes, ...results.flat()].sort((a, b) => a.itemIndex - b.itemIndex);
}

/**
 * Check Audiences Exist for the whole run before anything is created: one bulk lookup per 100
 * audiences of all items; an item naming an unknown one fails (and leaves its group), the others
 * get empty names filled. Returns whether any item failed.
 */
async function checkAudiences(
	outcomes: CreateOutcome[],
	groups: Map<string, Array<{ entry: CreateEntry; resolved: ResolvedCreate }>>,
	client: FlowServiceClient,
	continueOnFail: boolean,
): Promise<boolean> {
	const members = [...groups.values()].flat().filter((m) => m.resolved.audiences.length > 0);
	if (members.length === 0) return false;
	let found: Map<string, { id: string; name?: string }>;
	try {
		found = await lookUpAudiences(
			client,
			members.flatMap((m) => m.resolved.audiences.map((reference) => reference.id)),
		);
	} catch (error) {
		for (const member of members) outcomes.push({ itemIndex: member.entry.itemIndex, error });
		for (const [name, group] of groups)
			groups.set(
				name,
				group.filter((m) => !members.includes(m)),
			);
		return true;
	}
	let refused = false;
	for (const [name, group] of groups) {
		const kept = group.filter(({ entry, resolved }) => {
			const error = unknownAudience(resolved.audiences, found);
			if (!error) {
				fillNames(resolved.audiences, found);
				return true;
			}
			outcomes.push({ itemIndex: entry.itemIndex, error });
			refused = true;
			return false;
		});
		groups.set(name, kept);
		if (refused && !continueOnFail) break;
	}
	return refused;
}
