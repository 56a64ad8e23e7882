import type { IExecuteFunctions } from 'n8n-workflow';

import {
	addPlanners,
	connectionNames,
	planCreate,
	syncPlanners,
} from '../../planner/createDataflow';
import { applyUpdate } from '../../update/applyUpdate';
import { mapConcurrent } from '../../update/mapConcurrent';
import { startDatesOf, utcDay } from '../../update/startDates';
import { checkAudiences } from './audiences';
import { dryRun } from './dryRun';
import { executeCreate } from './execute';
import { lookupsOf, type CreateLookups } from './lookups';
import { skippedOutput, updatedOutput, type CreatedParts } from './output';
import { NOTHING_PLANNED, namingPlanner, updateOptions } from './planning';
import { resolveCreate, type ResolvedCreate } from './resolve';
import type { CreateEntry, CreateMember, CreateOutcome, ItemResult } from './types';

export type { CreateEntry, CreateOptions, CreateOutcome } from './types';

/** The dataflow an item of this run created, for later items of the run that name it. */
interface MadeInRun {
	flowId: string;
	itemIndex: number;
}

class CreateRun {
	constructor(
		private readonly lookups: CreateLookups,
		private readonly stopOnError: boolean,
		private readonly today: string,
	) {}

	private stopped = false;

	/** Items naming one dataflow, one after the other: the first creates it, the others join it. */
	async group(members: CreateMember[]) {
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
			today: this.today,
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
			const why = `Dataflow "${desired.name}" exists`;
			const before = startDatesOf(plan.existing);
			return { json: updatedOutput(parts, report, why, {}, names, before) };
		}
		if (entry.options.dryRun) return { json: dryRun(plan, entry.input.enable, parts) };
		return await executeCreate(entry, resolved, plan, this.lookups, parts);
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
}

/**
 * Every item's reads, before anything is created: the items grouped by the dataflow they name,
 * and the outcomes of those whose reads failed (the first stops the rest unless failures continue).
 */
export async function resolveByName<E extends { itemIndex: number }, R>(
	entries: E[],
	resolve: (entry: E) => Promise<R>,
	nameOf: (resolved: R) => string,
	continueOnFail: boolean,
) {
	const outcomes: CreateOutcome[] = [];
	const groups = new Map<string, Array<{ entry: E; resolved: R }>>();
	for (const entry of entries) {
		try {
			const resolved = await resolve(entry);
			const name = nameOf(resolved);
			groups.set(name, [...(groups.get(name) ?? []), { entry, resolved }]);
		} catch (error) {
			outcomes.push({ itemIndex: entry.itemIndex, error });
			if (!continueOnFail) return { outcomes, groups, stopped: true };
		}
	}
	return { outcomes, groups, stopped: false };
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
	const { outcomes, groups, stopped } = await resolveByName(
		entries,
		async (entry) =>
			await resolveCreate(entry.input, entry.client, lookups, entry.options.checksAudiences),
		(resolved) => resolved.desired.name,
		continueOnFail,
	);
	if (stopped) return outcomes;
	const refused = await checkAudiences(outcomes, groups, entries[0].client, continueOnFail);
	if (refused && !continueOnFail) return outcomes;
	// The run's clock: one today for all its items, as for every other update.
	const run = new CreateRun(lookups, !continueOnFail, utcDay(new Date()));
	const results = await mapConcurrent(
		[...groups.values()],
		entries[0].options.flowConcurrency,
		(group) => run.group(group),
	);
	return [...outcomes, ...results.flat()].sort((a, b) => a.itemIndex - b.itemIndex);
}
