import { sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { FlowDocument, Plan, Planner } from '../model/types';
import { FlowServiceHttpError, type FlowServiceClient } from '../transport';
import {
	conflictDelayMs,
	isTransient,
	outcomeUnknown,
	retryDelayMs,
} from '../transport/retryPolicy';
import { toNodeError } from '../errors';
import { UpdateConflictError, UpdateNotAppliedError } from './updateErrors';

export interface UpdateOptions {
	dryRun: boolean;
	returnUpdatedFlow: boolean;
	maxConflictRetries: number;
	/** When set, the first attempt skips the read and sends this etag; only raw patches can plan without the flow. */
	etag?: string;
	/** A copy of the flow the input carried: the first attempt plans against it instead of reading. */
	baseFlow?: FlowDocument;
	/**
	 * False for raw patches: their operations do not depend on the flow, so a re-read cannot tell
	 * whether a lost write landed. They are retried with the same etag, which If-Match makes safe.
	 */
	replannable?: boolean;
}

interface Attempts {
	conflicts: number;
	transient: number;
	/** Writes whose answer was lost (5xx, reset, timeout): they may have been applied. */
	uncertain: Plan | undefined;
}

/**
 * Read, plan, send with If-Match; on 412 read again and re-plan, up to the bound. A write that failed
 * transiently is never resent blindly: the flow is read again and the change re-planned, so a write
 * that did land is seen as done instead of being applied twice.
 */
export async function applyUpdate(
	this: IExecuteFunctions,
	itemIndex: number,
	client: FlowServiceClient,
	flowId: string,
	planner: Planner | (() => Plan),
	options: UpdateOptions,
): Promise<IDataObject> {
	const attempts: Attempts = { conflicts: 0, transient: 0, uncertain: undefined };
	let suppliedEtag = options.etag;
	let baseFlow = options.baseFlow;
	for (;;) {
		const flow =
			suppliedEtag === undefined ? (baseFlow ?? (await client.getFlow(flowId))) : undefined;
		baseFlow = undefined;
		const etag = suppliedEtag ?? flow!.etag;
		const plan = (planner as Planner)(flow as FlowDocument);
		if (options.dryRun) return { ...report(flowId, etag, plan), dryRun: true, changed: false };
		if (plan.operations.length === 0) return settled(flowId, flow!, plan, attempts, options);

		let failure: FlowServiceHttpError;
		try {
			return await send(client, flowId, etag, plan, attempts, options);
		} catch (error) {
			if (!(error instanceof FlowServiceHttpError))
				throw toNodeError(this.getNode(), error, itemIndex);
			failure = error;
		}
		const replannable = options.replannable !== false;
		if (failure.statusCode === 412) {
			if (!replannable && attempts.uncertain)
				throw new UpdateNotAppliedError(flowId, total(attempts), failure, false);
			if (attempts.conflicts >= options.maxConflictRetries)
				throw new UpdateConflictError(flowId, attempts.conflicts + 1, failure);
			await sleep(conflictDelayMs(attempts.conflicts, client.policy));
			attempts.conflicts++;
			suppliedEtag = undefined;
			continue;
		}
		const delay =
			isTransient(failure.facts) && attempts.transient < client.policy.maxRetries
				? retryDelayMs(failure.facts, attempts.transient, client.policy)
				: undefined;
		if (outcomeUnknown(failure.facts)) attempts.uncertain = plan;
		if (delay === undefined)
			return await giveUp(client, flowId, planner, failure, attempts, options);
		attempts.transient++;
		suppliedEtag = replannable ? undefined : etag;
		await sleep(delay);
	}
}

function report(flowId: string, etag: string, plan: Plan): IDataObject {
	return {
		flowId,
		etag,
		operations: plan.operations as unknown as IDataObject[],
		skipped: plan.skipped as unknown as IDataObject[],
	};
}

function total(attempts: Attempts): number {
	return attempts.conflicts + attempts.transient + 1;
}

function counters(attempts: Attempts): IDataObject {
	return { conflictRetries: attempts.conflicts, transientRetries: attempts.transient };
}

/** Nothing left to do: either nothing was asked, or a write whose answer was lost did land. */
function settled(
	flowId: string,
	flow: FlowDocument,
	plan: Plan,
	attempts: Attempts,
	options: UpdateOptions,
): IDataObject {
	const landed = attempts.uncertain;
	const result = landed
		? {
				...report(flowId, flow.etag, landed),
				changed: true,
				confirmedByRead: true,
				...counters(attempts),
			}
		: { ...report(flowId, flow.etag, plan), changed: false, ...counters(attempts) };
	return options.returnUpdatedFlow ? { ...result, flow: flow as IDataObject } : result;
}

async function send(
	client: FlowServiceClient,
	flowId: string,
	etag: string,
	plan: Plan,
	attempts: Attempts,
	options: UpdateOptions,
): Promise<IDataObject> {
	const result = await client.patchFlow(flowId, etag, plan.operations);
	// Some Adobe answers are 202 with no body: the new etag then has to be read back.
	const updated =
		options.returnUpdatedFlow || !result.etag ? await client.getFlow(flowId) : undefined;
	const output = {
		...report(flowId, result.etag ?? updated!.etag, plan),
		previousEtag: etag,
		changed: true,
		...counters(attempts),
	};
	return updated && options.returnUpdatedFlow
		? { ...output, flow: updated as IDataObject }
		: output;
}

/** Out of retries: one last read tells whether the flow has the change (a lost answer) or is unchanged. */
async function giveUp(
	client: FlowServiceClient,
	flowId: string,
	planner: Planner | (() => Plan),
	failure: FlowServiceHttpError,
	attempts: Attempts,
	options: UpdateOptions,
): Promise<IDataObject> {
	if (!attempts.uncertain) throw new UpdateNotAppliedError(flowId, total(attempts), failure, true);
	if (options.replannable === false)
		throw new UpdateNotAppliedError(flowId, total(attempts), failure, false);
	const flow = await client.getFlow(flowId).catch(() => undefined);
	if (!flow) throw new UpdateNotAppliedError(flowId, total(attempts), failure, false);
	const plan = (planner as Planner)(flow);
	if (plan.operations.length === 0) return settled(flowId, flow, plan, attempts, options);
	throw new UpdateNotAppliedError(flowId, total(attempts), failure, true);
}
