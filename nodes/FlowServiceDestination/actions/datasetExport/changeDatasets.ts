/**
 * Add Datasets and Remove Datasets, one item. A Data Lake source connection's datasets cannot be
 * changed after it is created, so each change makes a new source connection with the whole list
 * and replaces the dataflow's `/sourceConnectionIds` with If-Match. On 412 (or a transient
 * failure) the dataflow is read again and the change re-planned from its current source
 * connection: the source connection made for the stale plan is reused when it still fits, deleted
 * otherwise, so nothing is lost, doubled or left behind.
 */
import { sleep } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import type { Created } from '../../model/destination';
import { DATA_LAKE_SOURCE_SPEC, flowKind, isDatasetExport } from '../../model/flowKind';
import { InputError, inputError } from '../../model/inputError';
import type { FlowDocument } from '../../model/types';
import {
	datasetsOfSource,
	exportableEntry,
	planDatasets,
	sameDatasets,
	type DatasetChange,
	type DatasetPlan,
} from '../../planner/datasetMembership';
import { FlowServiceHttpError, type FlowServiceClient } from '../../transport';
import { conflictDelayMs, isTransient, retryDelayMs } from '../../transport/retryPolicy';
import { UpdateConflictError } from '../../update/updateErrors';
import { createOnce, findUnusedConnection } from '../create/steps';
import { counters, dryRunOutput, landedOutput, output } from './datasetChangeOutput';
import {
	replaceSource,
	sourceBody,
	type DatasetChangeInput,
	type Pending,
	type Planned,
	type Retries,
} from './datasetRequests';

const OPERATION_WORDS: Record<DatasetChange, string> = {
	add: 'Add Datasets',
	remove: 'Remove Datasets',
	set: 'Create › If Dataflow Exists › Use It',
};

export async function changeDatasets(given: DatasetChangeInput): Promise<IDataObject> {
	const input = { ...given, datasetIds: await namedDatasets(given) };
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
 * The datasets to add with the names Adobe's exportable list gives them; one it does not list is
 * refused before anything is read or sent (Adobe would not export it).
 */
async function namedDatasets(input: DatasetChangeInput): Promise<DatasetChangeInput['datasetIds']> {
	if (!input.exportable) return input.datasetIds;
	const exportable = await input.exportable();
	return input.datasetIds.map((entry) =>
		exportableEntry(
			typeof entry === 'string' ? entry : entry.dataSetId,
			exportable,
			'datasetIds',
			'Nothing was changed.',
		),
	);
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
