/**
 * Add Datasets and Remove Datasets. A Data Lake source connection's datasets cannot be changed
 * after it is created, so each change makes a new source connection with the whole list and
 * replaces the dataflow's `/sourceConnectionIds` with If-Match. On 412 the dataflow is read again
 * and the change re-planned from its current source connection: the source connection made for
 * the stale plan is reused when it still fits, deleted otherwise, so nothing is lost, doubled or
 * left behind.
 */
import { randomUUID } from 'node:crypto';

import { sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { conflictRetriesOption, dryRunOption, optionsWith } from '../../descriptions/options';
import { DATA_LAKE_SOURCE_SPEC, flowKind, isDatasetExport } from '../../model/flowKind';
import { InputError, inputError } from '../../model/inputError';
import type { FlowDocument, PatchOperation } from '../../model/types';
import {
	datasetsOfSource,
	planDatasets,
	sameDatasets,
	type DatasetChange,
	type DatasetEntry,
	type DatasetPlan,
} from '../../planner/datasetMembership';
import { parseDatasetChoice } from '../../rules/datasetIds';
import { DEFAULT_CONFLICT_RETRIES } from '../../rules/options';
import { FlowServiceHttpError, type FlowServiceClient } from '../../transport';
import { conflictDelayMs, isTransient, retryDelayMs } from '../../transport/retryPolicy';
import type { Created, FlowConnection } from '../../model/destination';
import { UpdateConflictError } from '../../update/updateErrors';
import { createOnce, findUnusedConnection } from '../create/steps';
import type { ItemOutcome } from '../operations';
import { getClient, getFlowId, getUpdateOptions } from '../parameters';

const OPERATION_WORDS: Record<DatasetChange, string> = {
	add: 'Add Datasets',
	remove: 'Remove Datasets',
};

/** The fields of one of the two operations. */
export function datasetChangeFields(operation: string, change: DatasetChange): INodeProperties[] {
	return [
		{
			displayName: 'Dataset Names or IDs',
			name: 'datasets',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getExportableDatasets' },
			default: [],
			description: `Datasets to ${change === 'add' ? 'start' : 'stop'} exporting, picked by name from those the sandbox can export. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
			displayOptions: { show: { operation: [operation] } },
		},
		{
			displayName: 'Dataset IDs',
			name: 'datasetIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 65f1a0c2e4b0a1d2c3e4f501, 65f1a0c2e4b0a1d2c3e4f502',
			description:
				change === 'add'
					? 'Catalog IDs of more datasets to start exporting, comma or newline separated (with or instead of Dataset Names or IDs); ones the dataflow already exports are skipped'
					: 'Catalog IDs of more datasets to stop exporting, comma or newline separated (with or instead of Dataset Names or IDs); ones the dataflow does not export are skipped',
			displayOptions: { show: { operation: [operation] } },
		},
		optionsWith(
			[operation],
			[
				dryRunOption(
					'Whether to only output the requests that would be sent (the new source connection and the PATCH of the dataflow), without changing anything',
				),
				conflictRetriesOption(DEFAULT_CONFLICT_RETRIES),
			],
		),
	];
}

export interface DatasetChangeInput {
	flowId: string;
	change: DatasetChange;
	datasetIds: string[];
	dryRun: boolean;
	maxConflictRetries: number;
	client: FlowServiceClient;
}

/** One item's parameters, checked before anything of the run is sent. */
export function prepareDatasetChange(
	this: IExecuteFunctions,
	itemIndex: number,
	change: DatasetChange,
): DatasetChangeInput {
	const flowId = getFlowId.call(this, itemIndex);
	const datasetIds = parseDatasetChoice(
		this.getNodeParameter('datasets', itemIndex, []),
		this.getNodeParameter('datasetIds', itemIndex, ''),
	);
	const { dryRun, maxConflictRetries } = getUpdateOptions.call(this, itemIndex);
	return {
		flowId,
		change,
		datasetIds,
		dryRun,
		maxConflictRetries,
		client: getClient.call(this, itemIndex),
	};
}

/** The items one after the other (two items may change one dataflow); the first failure stops the rest unless failures continue. */
export async function runDatasetChanges(
	items: Array<{ itemIndex: number; input: DatasetChangeInput }>,
	continueOnFail: boolean,
): Promise<ItemOutcome[]> {
	const outcomes: ItemOutcome[] = [];
	for (const { itemIndex, input } of items) {
		try {
			outcomes.push({ itemIndex, json: await changeDatasets(input) });
		} catch (error) {
			outcomes.push({ itemIndex, error });
			if (!continueOnFail) break;
		}
	}
	return outcomes;
}

/** The dataflow as read, its source connection and the plan made on them. */
interface Planned {
	flow: FlowDocument;
	source: FlowConnection;
	plan: DatasetPlan;
}

/** A source connection this item created and the dataflow did not use when last read, and the plan it was made for. */
interface Pending {
	id: string;
	datasets: DatasetEntry[];
	planned: Planned;
}

interface Retries {
	conflicts: number;
	transient: number;
}

async function changeDatasets(input: DatasetChangeInput): Promise<IDataObject> {
	const { client, flowId } = input;
	let pending: Pending | undefined;
	const retries: Retries = { conflicts: 0, transient: 0 };
	for (;;) {
		const read = await readAndPlan(input, pending);
		// A PATCH whose answer was lost did land: the dataflow uses the source connection made for it.
		if ('landed' in read && pending) return landedOutput(input, pending, read.landed, retries);
		const planned = read as Planned;
		const { flow, source, plan } = planned;
		if (!plan.changed || input.dryRun) {
			if (pending) await client.deleteConnection('sourceConnections', pending.id);
			return input.dryRun ? dryRunOutput(input, planned) : output(input, planned, {});
		}
		if (!pending || !sameDatasets(pending.datasets, plan.datasets)) {
			if (pending) await client.deleteConnection('sourceConnections', pending.id);
			pending = undefined;
			const created = await createSource(client, sourceBody(flow, source, plan), source.id);
			pending = { id: created.id, datasets: plan.datasets, planned };
		}
		pending.planned = planned;
		const patched = await client.patchFlow(flowId, flow.etag, replaceSource(pending.id)).then(
			(result) => ({ etag: result.etag }),
			(error: unknown) => ({ error }),
		);
		if (!('error' in patched)) {
			return output(input, planned, {
				sourceConnectionId: pending.id,
				previousEtag: flow.etag,
				...(patched.etag ? { etag: patched.etag } : {}),
				...counters(retries),
			});
		}
		const delay = retryDelay(patched.error, retries, input);
		if (delay === undefined) {
			const landed = await landedOrCleanedUp(client, flowId, pending.id);
			if (landed) return landedOutput(input, pending, landed, retries);
			const failure = patched.error;
			if (failure instanceof FlowServiceHttpError && failure.statusCode === 412) {
				throw new UpdateConflictError(flowId, retries.conflicts + 1, failure);
			}
			throw failure;
		}
		await sleep(delay);
	}
}

/**
 * The wait before planning again after a failed PATCH, counting it; undefined when out of retries
 * or not worth retrying. A 412 is another writer's change; a transient failure (429, 5xx, reset,
 * timeout) may even have landed, which the next read shows.
 */
function retryDelay(
	error: unknown,
	retries: Retries,
	input: DatasetChangeInput,
): number | undefined {
	if (!(error instanceof FlowServiceHttpError)) return undefined;
	const { policy } = input.client;
	if (error.statusCode === 412) {
		if (retries.conflicts >= input.maxConflictRetries) return undefined;
		return conflictDelayMs(retries.conflicts++, policy);
	}
	if (!isTransient(error.facts) || retries.transient >= policy.maxRetries) return undefined;
	const delay = retryDelayMs(error.facts, retries.transient, policy);
	if (delay !== undefined) retries.transient++;
	return delay;
}

function counters(retries: Retries): IDataObject {
	return { conflictRetries: retries.conflicts, transientRetries: retries.transient };
}

function landedOutput(
	input: DatasetChangeInput,
	pending: Pending,
	flow: FlowDocument,
	retries: Retries,
): IDataObject {
	return output(input, pending.planned, {
		sourceConnectionId: pending.id,
		previousEtag: pending.planned.flow.etag,
		etag: flow.etag,
		confirmedByRead: true,
		...counters(retries),
	});
}

/** Reads the dataflow and its source connection and plans on them; a refusal deletes what this item made. */
async function readAndPlan(
	input: DatasetChangeInput,
	pending: Pending | undefined,
): Promise<Planned | { landed: FlowDocument }> {
	const { client, flowId } = input;
	const flow = await client.getFlow(flowId);
	if (!isDatasetExport(flow)) {
		throw new InputError(
			'flowId',
			`Dataflow ${flowId} is ${flowKind(flow)}, not a dataset export: ${OPERATION_WORDS[input.change]} changes the datasets of dataset export dataflows only (its audiences are changed with the Dataflow resource's audience operations)`,
		);
	}
	const sourceId = (flow.sourceConnectionIds as unknown[] | undefined)?.[0];
	if (typeof sourceId !== 'string') {
		throw new FlowServiceHttpError(
			undefined,
			undefined,
			{},
			`Dataflow ${flowId} names no source connection`,
		);
	}
	if (sourceId === pending?.id) return { landed: flow };
	const source = await client.getSourceConnection(sourceId);
	const current = datasetsOfSource(source);
	const planned = attemptPlan(() => planDatasets(current, input.change, input.datasetIds));
	if ('plan' in planned) return { flow, source, plan: planned.plan };
	if (!pending || !(planned.error instanceof InputError)) throw planned.error;
	await client.deleteConnection('sourceConnections', pending.id);
	return inputError(
		planned.error.field,
		planned.error.message,
		'The dataflow was not changed; the source connection made before another writer changed it was deleted.',
	);
}

/** A plan, or what refused it. */
function attemptPlan(plan: () => DatasetPlan): { plan: DatasetPlan } | { error: unknown } {
	try {
		return { plan: plan() };
	} catch (error) {
		return { error };
	}
}

/**
 * After a failed PATCH: a lost answer may have replaced the source connection after all (then it
 * is done); otherwise the new source connection is deleted, so none is left behind unused.
 */
async function landedOrCleanedUp(
	client: FlowServiceClient,
	flowId: string,
	pendingId: string,
): Promise<FlowDocument | undefined> {
	const flow = await client.getFlow(flowId).catch(() => undefined);
	if ((flow?.sourceConnectionIds as unknown[] | undefined)?.includes(pendingId)) return flow;
	await client.deleteConnection('sourceConnections', pendingId).catch(() => undefined);
	return undefined;
}

/**
 * Creates the new source connection, never twice: when the answer is lost, it is looked for by its
 * name (its own, so another writer's is never taken for it) before the POST is sent again.
 */
async function createSource(
	client: FlowServiceClient,
	body: IDataObject,
	currentSourceId: string,
): Promise<Created> {
	const name = body.name as string;
	return await createOnce(
		client,
		'sourceConnections',
		body,
		async () =>
			await findUnusedConnection(
				client,
				'sourceConnections',
				`connectionSpec.id==${DATA_LAKE_SOURCE_SPEC}`,
				name,
				new Set([currentSourceId.toLowerCase()]),
			),
	);
}

/**
 * The new Data Lake source connection: a name of its own (the dataflow's, and a random suffix),
 * the current one's base and spec, the whole new list.
 */
function sourceBody(flow: FlowDocument, source: FlowConnection, plan: DatasetPlan): IDataObject {
	return {
		name: `${flow.name ?? flow.id} datasets ${randomUUID().slice(0, 8)}`,
		...(source.baseConnectionId ? { baseConnectionId: source.baseConnectionId } : {}),
		connectionSpec: {
			id: source.connectionSpec?.id,
			version: source.connectionSpec?.version ?? '1.0',
		},
		params: { datasets: plan.datasets as unknown as IDataObject[] },
	};
}

function replaceSource(sourceConnectionId: string): PatchOperation[] {
	return [{ op: 'replace', path: '/sourceConnectionIds', value: [sourceConnectionId] }];
}

const idsOf = (datasets: DatasetEntry[]) => datasets.map((d) => d.name ?? d.dataSetId).join(', ');

function summaryOf(input: DatasetChangeInput, { flow, plan }: Planned, dryRun: boolean): string {
	const what =
		input.change === 'add'
			? `${dryRun ? 'Would add' : 'Added'} ${plan.added.length} dataset(s)${plan.added.length ? ` (${idsOf(plan.added)})` : ''} to`
			: `${dryRun ? 'Would remove' : 'Removed'} ${plan.removed.length} dataset(s)${plan.removed.length ? ` (${idsOf(plan.removed)})` : ''} from`;
	const skipped = plan.skipped.length ? `; skipped ${plan.skipped.length}` : '';
	return `${what} dataflow "${flow.name ?? flow.id}"${skipped}`;
}

function output(input: DatasetChangeInput, planned: Planned, sent: IDataObject): IDataObject {
	const { flow, source, plan } = planned;
	return {
		summary: summaryOf(input, planned, false),
		flowId: flow.id,
		changed: plan.changed,
		added: plan.added as unknown as IDataObject[],
		removed: plan.removed as unknown as IDataObject[],
		skipped: plan.skipped as unknown as IDataObject[],
		datasets: plan.datasets as unknown as IDataObject[],
		...(plan.changed
			? { replacedSourceConnectionId: source.id }
			: { sourceConnectionId: source.id, etag: flow.etag }),
		...sent,
	};
}

/** What would be sent, in order; the new source connection's ID is only known once it is made. */
function dryRunOutput(input: DatasetChangeInput, planned: Planned): IDataObject {
	const { flow, source, plan } = planned;
	const requests = plan.changed
		? [
				{ method: 'POST', path: '/sourceConnections', body: sourceBody(flow, source, plan) },
				{
					method: 'PATCH',
					path: `/flows/${flow.id}`,
					headers: { 'If-Match': flow.etag },
					body: replaceSource('<id of the new source connection>') as unknown as IDataObject[],
				},
			]
		: [];
	return {
		summary: summaryOf(input, planned, true),
		dryRun: true,
		flowId: flow.id,
		changed: false,
		etag: flow.etag,
		added: plan.added as unknown as IDataObject[],
		removed: plan.removed as unknown as IDataObject[],
		skipped: plan.skipped as unknown as IDataObject[],
		datasets: plan.datasets as unknown as IDataObject[],
		sourceConnectionId: source.id,
		requests,
	};
}
