import type { IDataObject } from 'n8n-workflow';

import type { FlowServiceClient } from '../transport';
import { applyUpdate, type Change, type UpdateOptions } from './applyUpdate';
import { composePlanners, EntryPlanningError } from './compose';
import { mapConcurrent } from './mapConcurrent';
import { keepFirstStartDates, startDatesOf, type StartDates } from './startDates';
import { audienceNamesOf, type AudienceNames } from './summary';
import type { AudienceReference, Planner } from '../model/types';

/** What an update operation makes of one item, before anything is sent. */
export interface UpdateRequest {
	flowId: string;
	change: Change;
	options: UpdateOptions;
	client: FlowServiceClient;
	/** Audiences to look up in the sandbox before anything of the run is sent (Check Audiences Exist). */
	audiences?: AudienceReference[];
}

export interface UpdateEntry {
	itemIndex: number;
	request: UpdateRequest;
}

/**
 * Each item's result or the error that failed it; the edge turns errors into n8n's. A result
 * carries the audience names and start dates of the flow as first read, for its summary.
 */
export type UpdateOutcome =
	| { itemIndex: number; json: IDataObject; names?: AudienceNames; startDates?: StartDates }
	| { itemIndex: number; error: unknown };

export interface BatchPlan {
	/** Items of one dataflow with the same settings share one read and one PATCH. */
	combine: boolean;
	/** Dataflows updated at once; 1 with `combine` off runs the items one by one, in input order. */
	concurrency: number;
	/** The first failed group stops the groups not yet started (no continue on fail). */
	stopOnError: boolean;
}

/**
 * Groups the items per dataflow, plans each group on one read and sends it as one PATCH, groups
 * of different dataflows in parallel up to the limit. Outcomes come back in input order.
 */
export async function runUpdates(
	entries: UpdateEntry[],
	batch: BatchPlan,
): Promise<UpdateOutcome[]> {
	const outcomes: UpdateOutcome[] = [];
	let stopped = false;
	await mapConcurrent(lanes(entries, batch), batch.concurrency, async (lane) => {
		for (const group of lane) {
			if (stopped) return;
			const results = await runGroup(group, !batch.stopOnError);
			if (batch.stopOnError && results.some((result) => 'error' in result)) stopped = true;
			outcomes.push(...results);
		}
	});
	return outcomes.sort((a, b) => a.itemIndex - b.itemIndex);
}

/**
 * One lane per dataflow, run one group after the other so a run never races itself; lanes run in
 * parallel. Combined, a lane's items with the same settings form one group; otherwise one each.
 */
function lanes(entries: UpdateEntry[], batch: BatchPlan): UpdateEntry[][][] {
	if (!batch.combine && batch.concurrency === 1) return entries.map((entry) => [[entry]]);
	const byFlow = new Map<string, Map<string, UpdateEntry[]>>();
	for (const entry of entries) {
		const { flowId, options, client } = entry.request;
		const key = batch.combine
			? JSON.stringify([
					options.dryRun,
					options.returnUpdatedFlow,
					options.maxConflictRetries,
					client.policy,
				])
			: String(entry.itemIndex);
		const groups = byFlow.get(flowId) ?? new Map<string, UpdateEntry[]>();
		groups.set(key, [...(groups.get(key) ?? []), entry]);
		byFlow.set(flowId, groups);
	}
	return [...byFlow.values()].map((groups) => [...groups.values()]);
}

async function runGroup(group: UpdateEntry[], continueOnFail: boolean): Promise<UpdateOutcome[]> {
	const [first] = group;
	const { flowId, client, options } = first.request;
	// The audience names of the flow as planned on, so the output can name what it removed, and
	// its start dates before the first write, so the output tells only the ones this update sets.
	const names: AudienceNames = {};
	// None when no planner saw the flow (a fixed patch on its own): nothing to compare with.
	let startDates: StartDates | undefined;
	const naming =
		(planner: Planner): Planner =>
		(flow) => {
			Object.assign(names, audienceNamesOf(flow));
			startDates = keepFirstStartDates(startDates, startDatesOf(flow));
			return planner(flow);
		};
	try {
		if (group.length === 1) {
			const { change } = first.request;
			const named = 'planner' in change ? { planner: naming(change.planner) } : change;
			const json = await applyUpdate(client, flowId, named, options);
			return [{ itemIndex: first.itemIndex, json, names, startDates }];
		}
		const composed = composePlanners(
			group.map(({ request: { change } }) =>
				'planner' in change ? change.planner : () => change.patch,
			),
			!continueOnFail,
		);
		const baseFlow = group.find((entry) => entry.request.options.baseFlow)?.request.options
			.baseFlow;
		const report = await applyUpdate(
			client,
			flowId,
			{ planner: naming(composed.planner) },
			{ ...options, baseFlow },
		);
		const perEntry = composed.outcomesOf(report.operations) ?? [];
		return group.map((entry, index): UpdateOutcome => {
			const plan = perEntry[index]?.plan;
			if (!plan) return { itemIndex: entry.itemIndex, error: perEntry[index]?.error };
			const changed = report.changed === true && plan.operations.length > 0;
			return {
				itemIndex: entry.itemIndex,
				json: {
					...report,
					operations: plan.operations as unknown as IDataObject[],
					skipped: plan.skipped as unknown as IDataObject[],
					changed,
					combinedItems: group.length,
				},
				names,
				startDates,
			};
		});
	} catch (error) {
		if (error instanceof EntryPlanningError) {
			return [{ itemIndex: group[error.entry].itemIndex, error: error.reason }];
		}
		return group.map((entry) => ({ itemIndex: entry.itemIndex, error }));
	}
}
