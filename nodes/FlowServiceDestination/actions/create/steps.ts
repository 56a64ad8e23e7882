import { sleep } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import type { Created, FlowConnection } from '../../model/destination';
import type { FlowDocument } from '../../model/types';
import { DESTINATION_FLOWS_FILTER } from '../../rules/flowFilters';
import {
	FlowServiceHttpError,
	flowPages,
	pagesOf,
	type CreatedCollection,
	type FlowServiceClient,
} from '../../transport';
import { isTransient, outcomeUnknown, retryDelayMs } from '../../transport/retryPolicy';

/**
 * After a lost answer: whether the POST created it. An answered 5xx means Adobe is done with the
 * request, so one look tells; without any answer (reset, timeout) the request may still be on its
 * way, so the look is repeated as the retries would wait before the POST may be sent again.
 */
async function lookFor(
	find: () => Promise<Created | undefined>,
	failure: FlowServiceHttpError,
	policy: FlowServiceClient['policy'],
): Promise<Created | undefined> {
	let found = await find();
	if (failure.networkCode === undefined) return found;
	for (let wait = 0; !found && wait < policy.maxRetries; wait++) {
		await sleep(retryDelayMs({}, wait, policy) ?? 0);
		found = await find();
	}
	return found;
}

/**
 * Sends a POST that creates something, never twice blindly: when an answer is lost (reset,
 * timeout, 5xx) the thing may exist, so `find` looks for it first and only a confirmed absence
 * sends the POST again; refusals at the door (429, busy) are retried after a wait. `onLost` hears
 * of every lost answer (a late copy may still appear: the caller sweeps for it at the end).
 */
export async function createOnce(
	client: FlowServiceClient,
	collection: CreatedCollection,
	body: IDataObject,
	find: () => Promise<Created | undefined>,
	onLost: () => void = () => {},
): Promise<Created> {
	for (let attempt = 0; ; attempt++) {
		const sent = await client.create(collection, body).then(
			(created) => ({ created }),
			(error: unknown) => ({ error }),
		);
		if ('created' in sent) return sent.created;
		// Only Adobe's answers are looked into here; anything else goes up for the node to report.
		if (!(sent.error instanceof FlowServiceHttpError)) throw sent.error;
		const failure = sent.error;
		if (outcomeUnknown(failure.facts)) {
			onLost();
			const found = await lookFor(find, failure, client.policy);
			if (found) return found;
		}
		const delay =
			isTransient(failure.facts) && attempt < client.policy.maxRetries
				? retryDelayMs(failure.facts, attempt, client.policy)
				: undefined;
		if (delay === undefined) throw failure;
		await sleep(delay);
	}
}

/** A connection of that name no dataflow uses, read fresh (an answer lost a moment ago). */
export async function findUnusedConnection(
	client: FlowServiceClient,
	collection: 'sourceConnections' | 'targetConnections',
	property: string,
	name: string,
	used: ReadonlySet<string>,
): Promise<Created | undefined> {
	for await (const page of pagesOf<FlowConnection>(client, collection, {
		property: [property],
		limit: 100,
	})) {
		const found = page.items.find(
			(connection) => connection.name === name && !used.has(connection.id.toLowerCase()),
		);
		if (found) return { id: found.id, etag: found.etag };
	}
	return undefined;
}

/** The dataflow of that name on that target connection, read fresh (its create's answer was lost). */
export async function findCreatedFlow(
	client: FlowServiceClient,
	name: string,
	targetId: string,
): Promise<FlowDocument | undefined> {
	for await (const page of flowPages(client, {
		property: [DESTINATION_FLOWS_FILTER],
		limit: 100,
	})) {
		const found = page.items.find(
			(flow) =>
				flow.name === name &&
				((flow.targetConnectionIds as string[] | undefined) ?? []).some(
					(id) => id.toLowerCase() === targetId.toLowerCase(),
				),
		);
		if (found) return found;
	}
	return undefined;
}

/** What an attempt leaves if it fails: deleted, dataflow first (Adobe refuses to delete a used connection). */
export interface Leftovers {
	flowId?: string;
	connections: Array<{ collection: 'sourceConnections' | 'targetConnections'; id: string }>;
}

/**
 * Deletes what a failed attempt made (or reused from an earlier one), so the item leaves nothing
 * behind; what cannot be deleted is returned, for the error to name.
 */
export async function removeLeftovers(
	client: FlowServiceClient,
	leftovers: Leftovers,
): Promise<string[]> {
	const remaining: string[] = [];
	if (leftovers.flowId) {
		try {
			await client.deleteFlow(leftovers.flowId);
		} catch {
			// Its connections cannot go while it stays.
			return [`dataflow ${leftovers.flowId}`, ...leftovers.connections.map(describe)];
		}
	}
	for (const connection of leftovers.connections) {
		try {
			await client.deleteConnection(connection.collection, connection.id);
		} catch (error) {
			if (!(error instanceof FlowServiceHttpError && error.statusCode === 404)) {
				remaining.push(describe(connection));
			}
		}
	}
	return remaining;
}

function describe(connection: Leftovers['connections'][number]): string {
	return `${connection.collection === 'sourceConnections' ? 'source' : 'target'} connection ${connection.id}`;
}

/** What one create made and kept: the dataflow on its two connections, under their names. */
export interface Made {
	flowId: string;
	flowName: string;
	sourceId: string;
	targetId: string;
	names: { source: string; target: string };
	specIds: { source: string; target: string };
}

/**
 * After a create that lost an answer: a request that arrived late may have made a second copy
 * (a dataflow on the same target connection, or a connection of the same name that nothing uses).
 * Those are deleted, so one item never leaves two dataflows or orphan connections; their IDs are
 * returned.
 */
export async function sweepLateCopies(client: FlowServiceClient, made: Made): Promise<string[]> {
	const flows: FlowDocument[] = [];
	for await (const page of flowPages(client, {
		property: [DESTINATION_FLOWS_FILTER],
		limit: 100,
	})) {
		flows.push(...page.items);
	}
	const copies = flows.filter(
		(flow) =>
			flow.id !== made.flowId &&
			flow.name === made.flowName &&
			((flow.targetConnectionIds as string[] | undefined) ?? []).includes(made.targetId),
	);
	for (const copy of copies) await client.deleteFlow(copy.id);
	const used = new Set(
		flows
			.filter((flow) => !copies.includes(flow))
			.flatMap((flow) => [
				...((flow.sourceConnectionIds as string[] | undefined) ?? []),
				...((flow.targetConnectionIds as string[] | undefined) ?? []),
			]),
	);
	const deleted = copies.map((copy) => copy.id);
	for (const [collection, name, specId] of [
		['sourceConnections', made.names.source, made.specIds.source],
		['targetConnections', made.names.target, made.specIds.target],
	] as const) {
		for await (const page of pagesOf<FlowConnection>(client, collection, {
			property: [`connectionSpec.id==${specId}`],
			limit: 100,
		})) {
			for (const connection of page.items) {
				if (connection.name === name && !used.has(connection.id)) {
					await client.deleteConnection(collection, connection.id);
					deleted.push(connection.id);
				}
			}
		}
	}
	return deleted;
}
