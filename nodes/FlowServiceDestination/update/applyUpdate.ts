import { sleep } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import type { FlowDocument, Plan, Planner } from '../model/types';
import { FlowServiceHttpError, type FlowServiceClient } from '../transport';
import {
	conflictDelayMs,
	isTransient,
	outcomeUnknown,
	retryDelayMs,
} from '../transport/retryPolicy';
import { UpdateConflictError, UpdateNotAppliedError } from './updateErrors';

/**
 * What an update sends: operations planned on the flow as it is read (and planned again after a
 * conflict), or a fixed patch written by the user. A fixed patch does not depend on the flow, so a
 * re-read cannot tell whether a lost write landed: it is retried with the same etag, which
 * If-Match makes safe. With `etag`, its first attempt skips the read.
 */
export type Change = { planner: Planner } | { patch: Plan; etag?: string };

export interface UpdateOptions {
	dryRun: boolean;
	returnUpdatedFlow: boolean;
	maxConflictRetries: number;
	/** A copy of the flow the input carried: the first attempt plans against it instead of reading. */
	baseFlow?: FlowDocument;
}

interface Attempts {
	conflicts: number;
	transient: number;
	/** Writes whose answer was lost (5xx, reset, timeout): they may have been applied. */
	uncertain: Plan | undefined;
}

/** One attempt's starting point: the flow as read (none when a fixed patch brings its etag). */
interface Target {
	flow?: FlowDocument;
	etag: string;
	plan: Plan;
}

/**
 * Read, plan, send with If-Match; on 412 read again and re-plan, up to the bound. A write that failed
 * transiently is never resent blindly: the flow is read again and the change re-planned, so a write
 * that did land is seen as done instead of being applied twice.
 */
export async function applyUpdate(
	client: FlowServiceClient,
	flowId: string,
	change: Change,
	options: UpdateOptions,
): Promise<IDataObject> {
	const attempts: Attempts = { conflicts: 0, transient: 0, uncertain: undefined };
	const fixed = 'patch' in change;
	let suppliedEtag = 'patch' in change ? change.etag : undefined;
	let baseFlow = options.baseFlow;
	const target = async (): Promise<Target> => {
		if ('patch' in change && suppliedEtag !== undefined) {
			return { etag: suppliedEtag, plan: change.patch };
		}
		const flow = baseFlow ?? (await client.getFlow(flowId));
		return {
			flow,
			etag: flow.etag,
			plan: 'planner' in change ? change.planner(flow) : change.patch,
		};
	};
	for (;;) {
		const { flow, etag, plan } = await target();
		baseFlow = undefined;
		if (options.dryRun) return { ...report(flowId, etag, plan), dryRun: true, changed: false };
		if (plan.operations.length === 0) return settled(flowId, etag, flow, plan, attempts, options);

		const sent = await send(client, flowId, etag, plan, attempts, options).then(
			(output) => ({ output }),
			(error: unknown) => ({ error }),
		);
		if ('output' in sent) return sent.output;
		// Only Adobe's answers are retried here; anything else goes up for the node to report.
		if (!(sent.error instanceof FlowServiceHttpError)) throw sent.error;
		const failure = sent.error;
		if (failure.statusCode === 412) {
			if (fixed && attempts.uncertain) {
				throw new UpdateNotAppliedError(flowId, total(attempts), failure, false);
			}
			if (attempts.conflicts >= options.maxConflictRetries) {
				throw new UpdateConflictError(flowId, attempts.conflicts + 1, failure);
			}
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
			return await giveUp(client, flowId, change, failure, attempts, options);
		attempts.transient++;
		suppliedEtag = fixed ? etag : undefined;
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
	etag: string,
	flow: FlowDocument | undefined,
	plan: Plan,
	attempts: Attempts,
	options: UpdateOptions,
): IDataObject {
	const landed = attempts.uncertain;
	const result = landed
		? {
				...report(flowId, etag, landed),
				changed: true,
				confirmedByRead: true,
				...counters(attempts),
			}
		: { ...report(flowId, etag, plan), changed: false, ...counters(attempts) };
	return options.returnUpdatedFlow && flow ? { ...result, flow: flow as IDataObject } : result;
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
	change: Change,
	failure: FlowServiceHttpError,
	attempts: Attempts,
	options: UpdateOptions,
): Promise<IDataObject> {
	if (!attempts.uncertain) throw new UpdateNotAppliedError(flowId, total(attempts), failure, true);
	if ('patch' in change) throw new UpdateNotAppliedError(flowId, total(attempts), failure, false);
	const flow = await client.getFlow(flowId).catch(() => undefined);
	if (!flow) throw new UpdateNotAppliedError(flowId, total(attempts), failure, false);
	const plan = change.planner(flow);
	if (plan.operations.length === 0)
		return settled(flowId, flow.etag, flow, plan, attempts, options);
	throw new UpdateNotAppliedError(flowId, total(attempts), failure, true);
}
