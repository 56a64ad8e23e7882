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
 * Sends a POST that creates something, never twice blindly: when an answer is lost (reset,
 * timeout, 5xx) the thing may exist, so `find` looks for it first and only a confirmed absence
 * sends the POST again; refusals at the door (429, busy) are retried after a wait.
 */
export async function createOnce(
	client: FlowServiceClient,
	collection: CreatedCollection,
	body: IDataObject,
	find: () => Promise<Created | undefined>,
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
			const found = await find();
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
