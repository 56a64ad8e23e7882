import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	conflictRetriesOption,
	dryRunOption,
	flowConcurrencyOption,
	optionsWith,
} from '../../descriptions/options';
import type { FlowDocument, Planner } from '../../model/types';
import {
	parseDataflowFilter,
	selectDataflows,
	type DataflowFilter,
} from '../../rules/audienceDataflows';
import {
	DEFAULT_CONFLICT_RETRIES,
	parseBatchSettings,
	parseUpdateSwitches,
	type Options,
	type UpdateSwitches,
} from '../../rules/options';
import { FlowServiceClient } from '../../transport';
import { retryPolicyFrom } from '../../transport/retryPolicy';
import { runUpdates, type UpdateEntry, type UpdateOutcome } from '../../update/runUpdates';
import { readableHead, readableUpdate } from '../../update/summary';
import type { ItemOutcome } from '../operations';
import { flowsExporting, getAudienceId } from './audienceDataflows';

/** What every operation that changes all the dataflows of an audience reads of an item. */
export interface OnAllInput {
	audienceId: string;
	filter: DataflowFilter;
	switches: UpdateSwitches;
	concurrency: number;
	client: FlowServiceClient;
}

/** Dataflow Filter and Options of an operation that changes all the dataflows of an audience. */
export function onAllFields(operation: string, verb: string): INodeProperties[] {
	return [
		{
			displayName: 'Dataflow Filter',
			name: 'dataflowFilter',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			description: `Which of the dataflows exporting the audience to ${verb}; all of them when empty`,
			displayOptions: { show: { operation: [operation] } },
			options: [
				{
					displayName: 'Dataflow Names',
					name: 'names',
					type: 'string',
					default: '',
					placeholder: 'Spring campaign S3, Partner SFTP feed',
					description:
						'Only the dataflows with one of these exact names: comma-separated, one per line, or a list from an expression',
				},
				{
					displayName: 'Enabled Dataflows Only',
					name: 'enabledOnly',
					type: 'boolean',
					default: true,
					description: 'Whether to leave disabled dataflows as they are',
				},
			],
		},
		optionsWith(
			[operation],
			[
				dryRunOption(
					'Whether to only output, per dataflow, the planned JSON Patch operations and the etag they would be sent with, without changing any dataflow',
				),
				conflictRetriesOption(DEFAULT_CONFLICT_RETRIES),
				flowConcurrencyOption,
			],
		),
	];
}

export function readOnAllInput(this: IExecuteFunctions, itemIndex: number): OnAllInput {
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	return {
		audienceId: getAudienceId.call(this, itemIndex),
		filter: parseDataflowFilter(this.getNodeParameter('dataflowFilter', itemIndex, {})),
		switches: parseUpdateSwitches(options),
		concurrency: parseBatchSettings(options).flowConcurrency,
		client: new FlowServiceClient(this, retryPolicyFrom(options)),
	};
}

/** How an operation on all dataflows plans each one, and what its reports add. */
export interface OnAllChange<T extends OnAllInput> {
	planner(input: T): Planner;
	/** "remove", "replace": what a report says when no dataflow is selected. */
	verb: string;
	/** Fields every report of the item carries after the update's own. */
	fields(input: T): IDataObject;
}

/**
 * Item after item: the dataflows exporting its audience (one listing), those its filter keeps, and
 * one update of each through the engine (planned on the dataflow as listed, sent with its etag,
 * re-read and re-planned on 412), dataflows in parallel up to the limit. Each dataflow's outcome
 * is one output item of the input item; an item with no dataflow to change outputs one report.
 */
export async function runOnAllDataflows<T extends OnAllInput>(
	items: Array<{ itemIndex: number; input: T }>,
	continueOnFail: boolean,
	change: OnAllChange<T>,
): Promise<ItemOutcome[]> {
	const outcomes: ItemOutcome[] = [];
	for (const { itemIndex, input } of items) {
		const done = await runItem(input, continueOnFail, change).catch((error: unknown) => [
			{ error },
		]);
		outcomes.push(...done.map((outcome) => ({ ...outcome, itemIndex })));
		if (!continueOnFail && done.some((outcome) => 'error' in outcome)) break;
	}
	return outcomes;
}

type Done = { json: IDataObject } | { error: unknown };

async function runItem<T extends OnAllInput>(
	input: T,
	continueOnFail: boolean,
	change: OnAllChange<T>,
): Promise<Done[]> {
	const exporting = await flowsExporting(input.client, input.audienceId);
	const { selected, unmatchedNames } = selectDataflows(exporting, input.filter);
	const warnings = unmatchedNames.map(
		(name) => `No dataflow named "${name}" exports audience ${input.audienceId}`,
	);
	const fields = change.fields(input);
	if (selected.length === 0) {
		return [{ json: nothingToDo(input, exporting.length, change.verb, warnings, fields) }];
	}
	const planner = change.planner(input);
	const entries: UpdateEntry[] = selected.map((flow, index) => ({
		itemIndex: index,
		request: {
			flowId: flow.id,
			change: { planner },
			// The listing carries each dataflow whole: plan on it; a stale one meets 412 and is read again.
			options: { ...input.switches, baseFlow: typeof flow.etag === 'string' ? flow : undefined },
			client: input.client,
		},
	}));
	const sent = await runUpdates(entries, {
		combine: false,
		concurrency: input.concurrency,
		stopOnError: !continueOnFail,
	});
	return sent.map((outcome) =>
		'error' in outcome
			? { error: outcome.error }
			: { json: report(outcome, selected[outcome.itemIndex], warnings, fields) },
	);
}

/** One dataflow's update, as a person reads it: its name first. */
function report(
	outcome: Extract<UpdateOutcome, { json: IDataObject }>,
	flow: FlowDocument,
	warnings: string[],
	fields: IDataObject,
): IDataObject {
	const readable = readableUpdate(outcome.json, outcome.names);
	const name = typeof flow.name === 'string' ? flow.name : flow.id;
	return {
		...readable,
		summary: `${name}: ${String(readable.summary)}`,
		...(warnings.length ? { warnings } : {}),
		...fields,
		dataflowName: flow.name ?? null,
		state: flow.state ?? null,
	};
}

function nothingToDo(
	input: OnAllInput,
	exporting: number,
	verb: string,
	warnings: string[],
	fields: IDataObject,
): IDataObject {
	const why =
		exporting === 0
			? `no dataflow exports audience ${input.audienceId}`
			: `none of the ${exporting} dataflow(s) exporting audience ${input.audienceId} matches the Dataflow Filter`;
	return readableHead(
		{ summary: `No change: ${why}; nothing to ${verb}`, changed: false, warnings, flowId: null },
		{ ...(input.switches.dryRun ? { dryRun: true } : {}), ...fields, dataflowCount: 0 },
	);
}
