import { sleep } from 'n8n-workflow';

import type { PatchOperation } from '../model/types';
import { FlowServiceHttpError, type EditedCollection, type FlowServiceClient } from '../transport';
import {
	conflictDelayMs,
	isTransient,
	outcomeUnknown,
	retryDelayMs,
} from '../transport/retryPolicy';

/** A connection read with its etag (an account or a target connection). */
export interface EditedDocument {
	id: string;
	etag?: string;
	[key: string]: unknown;
}

/**
 * An edit of one connection: how to read it and a pure planner that turns what was read into JSON
 * Patch operations (none: nothing to change). The planner runs again on every read.
 */
export interface ConnectionEdit<
	D extends EditedDocument,
	P extends { operations: PatchOperation[] },
> {
	collection: EditedCollection;
	id: string;
	/** How errors name it: "Target connection", "Destination account". */
	what: string;
	read(): Promise<D>;
	plan(document: D): P;
}

export interface ConnectionEditResult<D, P> {
	/** The connection as last read, and the plan made from it. */
	before: D;
	plan: P;
	/** The etag the write was sent with (or would be, on a dry run). */
	previousEtag: string;
	/** The etag after the write; the read's when nothing was sent. */
	etag: string;
	changed: boolean;
	/** A write whose answer was lost turned out, on a fresh read, to have landed. */
	confirmedByRead?: boolean;
	conflictRetries: number;
	transientRetries: number;
}

/** Every attempt met 412 until the retry bound was spent. Nothing was applied. */
export class ConnectionConflictError extends Error {
	constructor(
		readonly what: string,
		readonly id: string,
		readonly attempts: number,
		readonly lastError: FlowServiceHttpError,
	) {
		super(
			`${what} ${id} changed while it was being updated: ${attempts} attempt(s) met 412 Precondition Failed`,
		);
		this.name = 'ConnectionConflictError';
	}
}

/**
 * Read, plan, PATCH with the connection's own etag in If-Match; on 412 read again and re-plan, up
 * to `maxConflictRetries`. A write that failed transiently is never resent blindly: the connection
 * is read again and re-planned, so a write that landed is seen as done (when the plan can tell).
 */
export async function editConnection<
	D extends EditedDocument,
	P extends { operations: PatchOperation[] },
>(
	client: FlowServiceClient,
	edit: ConnectionEdit<D, P>,
	options: { dryRun: boolean; maxConflictRetries: number },
): Promise<ConnectionEditResult<D, P>> {
	let conflicts = 0;
	let transient = 0;
	let uncertain = false;
	for (;;) {
		const before = await edit.read();
		const plan = edit.plan(before);
		const etag = String(before.etag ?? '');
		const result = {
			before,
			plan,
			previousEtag: etag,
			etag,
			changed: false,
			conflictRetries: conflicts,
			transientRetries: transient,
		};
		if (options.dryRun) return result;
		if (plan.operations.length === 0) {
			return uncertain ? { ...result, changed: true, confirmedByRead: true } : result;
		}
		const sent = await client.patchConnection(edit.collection, edit.id, etag, plan.operations).then(
			(answer) => ({ answer }),
			(error: unknown) => ({ error }),
		);
		if ('answer' in sent) {
			// Some answers carry no body: the new etag is then read back.
			const newEtag = sent.answer.etag ?? String((await edit.read()).etag ?? '');
			return { ...result, etag: newEtag, changed: true };
		}
		// Only Adobe's answers are retried here; anything else goes up for the node to report.
		if (!(sent.error instanceof FlowServiceHttpError)) throw sent.error;
		const failure = sent.error;
		if (failure.statusCode === 412) {
			if (conflicts >= options.maxConflictRetries) {
				throw new ConnectionConflictError(edit.what, edit.id, conflicts + 1, failure);
			}
			await sleep(conflictDelayMs(conflicts, client.policy));
			conflicts++;
			continue;
		}
		const delay =
			isTransient(failure.facts) && transient < client.policy.maxRetries
				? retryDelayMs(failure.facts, transient, client.policy)
				: undefined;
		if (delay === undefined) throw failure;
		uncertain ||= outcomeUnknown(failure.facts);
		transient++;
		await sleep(delay);
	}
}
