import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { flowFromInput } from '../model/inputFlow';
import { mapConcurrent } from './mapConcurrent';
import type { Plan, Planner } from '../model/types';
import { composePlanners, EntryPlanningError } from './compose';
import type { FlowServiceClient } from '../transport';
import { applyUpdate, type UpdateOptions } from './applyUpdate';
import { getBatchSettings } from '../descriptions/common';
import { errorItem, toNodeError } from '../errors';

/** What an update operation makes of one item, before anything is sent. */
export interface UpdateRequest {
	flowId: string;
	planner: Planner | (() => Plan);
	options: UpdateOptions;
	client: FlowServiceClient;
}

export type PrepareUpdate = (this: IExecuteFunctions, itemIndex: number) => UpdateRequest;

interface Entry {
	itemIndex: number;
	request: UpdateRequest;
}

type Outcome = { itemIndex: number; json: IDataObject } | { itemIndex: number; error: unknown };

/**
 * Every item is validated first (bad input stops the run before any request, unless failures
 * continue per item); then items are grouped per dataflow, each group planned on one read and
 * sent as one PATCH, groups running in parallel up to the limit, outputs kept in input order.
 */
export async function runUpdates(
	this: IExecuteFunctions,
	prepare: PrepareUpdate,
	combinable: boolean,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const settings = getBatchSettings.call(this);
	const outcomes: Outcome[] = [];
	const entries: Entry[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const request = prepare.call(this, itemIndex);
			if (settings.useInputFlow && request.options.etag === undefined) {
				request.options.baseFlow = flowFromInput(items[itemIndex].json, request.flowId);
			}
			entries.push({ itemIndex, request });
		} catch (error) {
			if (!continueOnFail) throw toNodeError(this.getNode(), error, itemIndex);
			outcomes.push({ itemIndex, error });
		}
	}

	let stopped = false;
	await mapConcurrent(
		lanes(entries, settings.combinePerFlow && combinable),
		settings.flowConcurrency,
		async (lane) => {
			for (const group of lane) {
				if (stopped) return;
				const results = await runGroup.call(this, group, continueOnFail);
				if (!continueOnFail && results.some((result) => 'error' in result)) stopped = true;
				outcomes.push(...results);
			}
		},
	);

	outcomes.sort((a, b) => a.itemIndex - b.itemIndex);
	const failure = outcomes.find((outcome) => 'error' in outcome);
	if (failure && 'error' in failure && !continueOnFail)
		throw toNodeError(this.getNode(), failure.error, failure.itemIndex);
	return outcomes.map((outcome) =>
		'error' in outcome
			? errorItem(toNodeError(this.getNode(), outcome.error, outcome.itemIndex), outcome.itemIndex)
			: { json: outcome.json, pairedItem: { item: outcome.itemIndex } },
	);
}

/**
 * One lane per dataflow, run one group after the other so a run never races itself; lanes run in
 * parallel. Combined, a lane's items with the same settings form one group; otherwise one each.
 */
function lanes(entries: Entry[], combine: boolean): Entry[][][] {
	const byFlow = new Map<string, Map<string, Entry[]>>();
	for (const entry of entries) {
		const { flowId, options, client } = entry.request;
		const key = combine
			? JSON.stringify([
					options.dryRun,
					options.returnUpdatedFlow,
					options.maxConflictRetries,
					client.policy,
				])
			: String(entry.itemIndex);
		const groups = byFlow.get(flowId) ?? new Map<string, Entry[]>();
		groups.set(key, [...(groups.get(key) ?? []), entry]);
		byFlow.set(flowId, groups);
	}
	return [...byFlow.values()].map((groups) => [...groups.values()]);
}

async function runGroup(
	this: IExecuteFunctions,
	group: Entry[],
	continueOnFail: boolean,
): Promise<Outcome[]> {
	const [first] = group;
	const { flowId, client, options } = first.request;
	try {
		if (group.length === 1) {
			return [
				{
					itemIndex: first.itemIndex,
					json: await applyUpdate.call(
						this,
						first.itemIndex,
						client,
						flowId,
						first.request.planner,
						options,
					),
				},
			];
		}
		const composed = composePlanners(
			group.map((entry) => entry.request.planner as Planner),
			!continueOnFail,
		);
		const baseFlow = group.find((entry) => entry.request.options.baseFlow)?.request.options
			.baseFlow;
		const report = await applyUpdate.call(this, first.itemIndex, client, flowId, composed.planner, {
			...options,
			baseFlow,
		});
		const perEntry = composed.outcomesOf(report.operations) ?? [];
		return group.map((entry, index): Outcome => {
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
			};
		});
	} catch (error) {
		if (error instanceof EntryPlanningError)
			return [{ itemIndex: group[error.entry].itemIndex, error: error.reason }];
		return group.map((entry) => ({ itemIndex: entry.itemIndex, error }));
	}
}
