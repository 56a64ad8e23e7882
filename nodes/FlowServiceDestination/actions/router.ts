import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorItem, toNodeError } from '../errors';
import { flowFromInput } from '../model/inputFlow';
import type { PatchOperation } from '../model/types';
import { runUpdates, type UpdateEntry, type UpdateOutcome } from '../update/runUpdates';
import { pastStartDates, utcDay } from '../update/startDates';
import { readableUpdate } from '../update/summary';
import {
	resources,
	type BatchOperation,
	type ItemOutcome,
	type ReadOperation,
	type UpdateOperation,
} from './operations';
import { checkAudiences } from './audienceCheck';
import { getBatchSettings } from './parameters';
import { runsAsTool, toolResult } from './toolOutput';

/** Runs the chosen operation; every output item is paired to its input, errors included. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resourceName = this.getNodeParameter('resource', 0, 'dataflow') as string;
	const name = this.getNodeParameter('operation', 0) as string;
	const resource = resources[resourceName];
	const operation = resource?.operations[name];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${name}" is not supported for the resource "${resourceName}"`,
		);
	}
	const labels = [resource.operationProperty, ...resource.shared, ...operation.description];
	if ('prepare' in operation) return [await runUpdateOperation.call(this, operation, labels)];
	if ('runAll' in operation) return [await runBatchOperation.call(this, operation, labels)];
	return [await runReadOperation.call(this, operation, labels)];
}

/** `labels`: the parameters an operation's items are read from; errors name fields by them. */
async function runReadOperation(
	this: IExecuteFunctions,
	operation: ReadOperation,
	labels: INodeProperties[],
): Promise<INodeExecutionData[]> {
	const returnData: INodeExecutionData[] = [];
	const items = this.getInputData();
	const asTool = runsAsTool(this.getNode());
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await operation.execute.call(this, itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				returnData.push({
					json: asTool ? toolResult(json) : json,
					pairedItem: { item: itemIndex },
				});
			}
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, itemIndex, labels);
			if (!this.continueOnFail()) throw nodeError;
			returnData.push(errorItem(nodeError, itemIndex));
		}
	}
	return returnData;
}

/**
 * Every item is validated first (bad input stops the run before any request, unless failures
 * continue per item); then the engine sends them, and its outcomes become n8n's items and errors.
 */
async function runUpdateOperation(
	this: IExecuteFunctions,
	operation: UpdateOperation,
	labels: INodeProperties[],
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const settings = getBatchSettings.call(this);
	const version = this.getNode().typeVersion;
	// The run's clock: one today for all its items.
	const today = utcDay(new Date());
	const failed: UpdateOutcome[] = [];
	const entries: UpdateEntry[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const request = operation.prepare.call(this, itemIndex);
			const suppliedEtag = 'patch' in request.change ? request.change.etag : undefined;
			if (settings.useInputFlow && suppliedEtag === undefined) {
				request.options.baseFlow = flowFromInput(items[itemIndex].json, request.flowId);
			}
			entries.push({ itemIndex, request });
		} catch (error) {
			if (!continueOnFail) throw toNodeError(this.getNode(), error, itemIndex, labels);
			failed.push({ itemIndex, error });
		}
	}

	const unknown = await checkedAudiences.call(this, entries, continueOnFail, labels);
	failed.push(...unknown);
	const refused = new Set(unknown.map((outcome) => outcome.itemIndex));
	const toSend = entries.filter((entry) => !refused.has(entry.itemIndex));

	const sent = await runUpdates(toSend, {
		combine: settings.combinePerFlow && operation.combinable !== false,
		concurrency: operation.parallel === false ? 1 : settings.flowConcurrency,
		stopOnError: !continueOnFail,
	});
	return outputItems.call(this, [...failed, ...sent], labels, (outcome) => {
		const done = outcome as Extract<UpdateOutcome, { json: IDataObject }>;
		const readable = readableOutcome(done, today);
		return operation.summarize
			? { ...readable, ...operation.summarize(done.json, version) }
			: readable;
	});
}

/** An update's result as a person reads it, start dates it sets before `today` told. */
function readableOutcome(
	outcome: Extract<UpdateOutcome, { json: unknown }>,
	today: string,
): IDataObject {
	const operations = (outcome.json.operations ?? []) as PatchOperation[];
	const past = outcome.startDates
		? pastStartDates(operations, outcome.startDates, today, outcome.names)
		: [];
	return readableUpdate(outcome.json, outcome.names, past);
}

/**
 * Items checked first (bad input stops the run before any request, unless failures continue per
 * item), then the operation runs them all at once and gives an outcome per item.
 */
async function runBatchOperation<T>(
	this: IExecuteFunctions,
	operation: BatchOperation<T>,
	labels: INodeProperties[],
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const failed: ItemOutcome[] = [];
	const prepared: Array<{ itemIndex: number; input: T }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push({ itemIndex, input: operation.prepareItem.call(this, itemIndex) });
		} catch (error) {
			if (!continueOnFail) throw toNodeError(this.getNode(), error, itemIndex, labels);
			failed.push({ itemIndex, error });
		}
	}
	const outcomes = await operation.runAll.call(this, prepared, continueOnFail);
	return outputItems.call(this, [...failed, ...outcomes], labels, (outcome) => outcome.json);
}

/**
 * Outcomes as n8n's items, in input order and paired with their input: the first error stops the
 * run unless failures continue per item; an AI agent gets the readable head.
 */
function outputItems<O extends ItemOutcome>(
	this: IExecuteFunctions,
	outcomes: O[],
	labels: INodeProperties[],
	toJson: (outcome: Extract<O, { json: IDataObject }>) => IDataObject,
): INodeExecutionData[] {
	const node = this.getNode();
	const asTool = runsAsTool(node);
	const sorted = [...outcomes].sort((a, b) => a.itemIndex - b.itemIndex);
	const failure = sorted.find((outcome) => 'error' in outcome);
	if (failure && 'error' in failure && !this.continueOnFail()) {
		throw toNodeError(node, failure.error, failure.itemIndex, labels);
	}
	return sorted.map((outcome) => {
		if ('error' in outcome) {
			return errorItem(
				toNodeError(node, outcome.error, outcome.itemIndex, labels),
				outcome.itemIndex,
			);
		}
		const json = toJson(outcome as Extract<O, { json: IDataObject }>);
		return { json: asTool ? toolResult(json) : json, pairedItem: { item: outcome.itemIndex } };
	});
}

/**
 * Check Audiences Exist, for the whole run before anything is sent: items naming an unknown
 * audience fail (the run stops, unless failures continue per item); a failed lookup fails the
 * items that asked for it.
 */
async function checkedAudiences(
	this: IExecuteFunctions,
	entries: UpdateEntry[],
	continueOnFail: boolean,
	labels: INodeProperties[],
): Promise<UpdateOutcome[]> {
	let unknown: UpdateOutcome[];
	try {
		unknown = await checkAudiences(entries);
	} catch (error) {
		const checked = entries.filter((entry) => entry.request.audiences?.length);
		if (!continueOnFail) throw toNodeError(this.getNode(), error, checked[0].itemIndex, labels);
		return checked.map((entry) => ({ itemIndex: entry.itemIndex, error }));
	}
	const first = unknown[0];
	if (first && 'error' in first && !continueOnFail) {
		throw toNodeError(this.getNode(), first.error, first.itemIndex, labels);
	}
	return unknown;
}
