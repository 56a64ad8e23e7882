/**
 * Dataset Export › Create for one execution: every item's reads first (nothing is created while
 * any item is still being checked), then the items grouped per dataflow name, groups in parallel,
 * the items of a group one after the other: the first creates, a later one finds the dataflow the
 * first made and its If Dataflow Exists decides. A create is made once (see makeDataflow).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DATA_LAKE_SOURCE_SPEC } from '../../../model/flowKind';
import type { FlowDocument } from '../../../model/types';
import { connectionNames } from '../../../planner/createDataflow';
import { planDatasetExportCreate } from '../../../planner/createDatasetExport';
import { planDatasetSchedule } from '../../../planner/datasetSchedule';
import type { DatasetExportCreateInput } from '../../../rules/datasetExportCreate';
import type { ScheduleChange } from '../../../rules/datasetSchedule';
import type { FlowServiceClient } from '../../../transport';
import { applyUpdate } from '../../../update/applyUpdate';
import { mapConcurrent } from '../../../update/mapConcurrent';
import { createRequests } from '../../create/dryRun';
import { makeDataflow } from '../../create/execute';
import { lookupsOf, type CreateLookups } from '../../create/lookups';
import { resolveByName } from '../../create/run';
import type { ItemOutcome } from '../../operations';
import { changeDatasets } from '../changeDatasets';
import { createdOutput, dryRunOutput, skippedOutput, usedOutput } from './output';
import { resolveDatasetExport, type ResolvedDatasetExport } from './resolve';

export interface DatasetExportCreateEntry {
	itemIndex: number;
	input: DatasetExportCreateInput;
	options: { dryRun: boolean; maxConflictRetries: number; flowConcurrency: number };
	client: FlowServiceClient;
}

interface Member {
	entry: DatasetExportCreateEntry;
	resolved: ResolvedDatasetExport;
}

/** The dataflow an earlier item of the run created. */
interface Made {
	flowId: string;
	itemIndex: number;
}

export async function runDatasetExportCreates(
	context: IExecuteFunctions,
	entries: DatasetExportCreateEntry[],
	continueOnFail: boolean,
): Promise<ItemOutcome[]> {
	if (entries.length === 0) return [];
	const lookups = lookupsOf(context, entries[0].client);
	const resolvedByName = await resolveByName(
		entries,
		async (entry) => await resolveDatasetExport(entry.input, lookups),
		(resolved) => resolved.desired.name,
		continueOnFail,
	);
	const { outcomes, groups } = resolvedByName;
	if (resolvedByName.stopped) return outcomes;
	let stopped = false;
	const results = await mapConcurrent(
		[...groups.values()],
		entries[0].options.flowConcurrency,
		async (group) => {
			const done: ItemOutcome[] = [];
			let made: Made | undefined;
			for (const member of group) {
				if (stopped) break;
				const { itemIndex } = member.entry;
				try {
					const { json, created } = await createOne(member, lookups, made);
					if (created) made = { flowId: created, itemIndex };
					done.push({ itemIndex, json });
				} catch (error) {
					if (!continueOnFail) stopped = true;
					done.push({ itemIndex, error });
				}
			}
			return done;
		},
	);
	return [...outcomes, ...results.flat()].sort((a, b) => a.itemIndex - b.itemIndex);
}

/** One item: If Dataflow Exists decides on a dataflow of the name, or it creates one. */
async function createOne(
	{ entry, resolved }: Member,
	lookups: CreateLookups,
	made: Made | undefined,
): Promise<{ json: IDataObject; created?: string }> {
	const { client, input, options } = entry;
	const { desired, account, spec, flowSpec } = resolved;
	const existing = made
		? await client.getFlow(made.flowId)
		: (await lookups.flowsNamed(desired.name))[0];
	const leftovers = existing
		? { source: [], target: [] }
		: await lookups.leftovers(connectionNames(desired.name), spec.id, DATA_LAKE_SOURCE_SPEC);
	const madeBy = made && `created by item ${made.itemIndex + 1} of this run`;
	const plan = planDatasetExportCreate(desired, input.ifExists, {
		account,
		spec,
		flowSpec,
		existing,
		existingMadeBy: madeBy,
		leftovers,
	});
	if (plan.action === 'skip') return { json: skippedOutput(resolved, plan.existing) };
	if (plan.action === 'useIt') {
		const why = `Dataflow "${desired.name}" exists${madeBy ? ` (${madeBy})` : ''}`;
		return { json: await useIt(entry, resolved, plan.existing, why) };
	}
	if (options.dryRun) return { json: dryRunOutput(resolved, createRequests(plan, input.enable)) };
	const { flow, connections } = await makeDataflow({
		client,
		name: desired.name,
		specIds: { source: DATA_LAKE_SOURCE_SPEC, target: spec.id },
		enable: input.enable,
		plan,
		lookups,
	});
	return { created: flow.id, json: createdOutput(resolved, flow, connections) };
}

/**
 * Use It: the dataset export of the name brought to the item's datasets (one new source
 * connection, as Add Datasets makes) and schedule (one `replace /scheduleParams`); each write
 * re-plans on 412, and an empty Start Time or End Time keeps the dataflow's own.
 */
async function useIt(
	entry: DatasetExportCreateEntry,
	resolved: ResolvedDatasetExport,
	existing: FlowDocument,
	why: string,
): Promise<IDataObject> {
	const { client, input, options } = entry;
	const { schedule } = resolved.desired;
	const datasets = await changeDatasets({
		flowId: existing.id,
		change: 'set',
		datasetIds: resolved.desired.datasets,
		dryRun: options.dryRun,
		maxConflictRetries: options.maxConflictRetries,
		client,
	});
	const change: ScheduleChange = {
		exportMode: schedule.exportMode,
		timeUnit: schedule.timeUnit,
		interval: schedule.interval,
		...(input.startGiven ? { startTime: schedule.startTime } : {}),
		...(schedule.endTime !== undefined ? { endTime: schedule.endTime } : {}),
		...(schedule.foldernameTemplate !== undefined
			? { foldernameTemplate: schedule.foldernameTemplate }
			: {}),
	};
	const scheduleReport = await applyUpdate(
		client,
		existing.id,
		{ planner: planDatasetSchedule(change) },
		{
			dryRun: options.dryRun,
			returnUpdatedFlow: false,
			maxConflictRetries: options.maxConflictRetries,
		},
	);
	return usedOutput(resolved, existing, why, datasets, scheduleReport);
}
