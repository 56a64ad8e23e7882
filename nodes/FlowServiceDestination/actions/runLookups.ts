import type { IExecuteFunctions } from 'n8n-workflow';

import { accountIdsOf, type ConnectionSpec, type DestinationAccount } from '../model/destination';
import { DESTINATION_FLOWS_FILTER } from '../rules/flowFilters';
import { flowPages, pagesOf, type FlowServiceClient, type ListedCollection } from '../transport';

/** IDs per listing request (`property=id==a,b,…`), so a URL stays short. */
export const IDS_PER_LOOKUP = 50;

interface Run {
	/** By lower-case ID; null: asked, and Adobe has none (or the lookup failed). */
	specs: Map<string, ConnectionSpec | null>;
	accounts: Map<string, DestinationAccount | null>;
}

const runs = new WeakMap<IExecuteFunctions, Run>();

function runOf(context: IExecuteFunctions): Run {
	let run = runs.get(context);
	if (!run) {
		run = { specs: new Map(), accounts: new Map() };
		runs.set(context, run);
	}
	return run;
}

/**
 * Fills `cache` with the entities of `ids` it does not hold yet, one listing request per
 * IDS_PER_LOOKUP of them; each ID is asked once per run, found or not. A failed lookup leaves
 * them unnamed: naming is a courtesy of Simplify, never a reason to fail a read.
 */
async function fill<T extends { id: string }>(
	client: FlowServiceClient,
	collection: ListedCollection,
	cache: Map<string, T | null>,
	ids: Array<string | undefined>,
): Promise<void> {
	const missing = [
		...new Set(ids.filter((id): id is string => !!id).map((id) => id.toLowerCase())),
	].filter((id) => !cache.has(id));
	for (let start = 0; start < missing.length; start += IDS_PER_LOOKUP) {
		const chunk = missing.slice(start, start + IDS_PER_LOOKUP);
		for (const id of chunk) cache.set(id, null);
		try {
			for await (const page of pagesOf<T>(client, collection, {
				property: [`id==${chunk.join(',')}`],
			})) {
				for (const item of page.items) {
					if (typeof item?.id === 'string') cache.set(item.id.toLowerCase(), item);
				}
			}
		} catch {
			// Left unnamed (null): see above.
		}
	}
}

/** The connection specs (destinations) of `ids`, looked up once per run. */
export async function connectionSpecs(
	this: IExecuteFunctions,
	client: FlowServiceClient,
	ids: Array<string | undefined>,
): Promise<ReadonlyMap<string, ConnectionSpec | null>> {
	const { specs } = runOf(this);
	await fill(client, 'connectionSpecs', specs, ids);
	return specs;
}

/** The destination accounts of `ids`, looked up once per run. */
export async function destinationAccounts(
	this: IExecuteFunctions,
	client: FlowServiceClient,
	ids: Array<string | undefined>,
): Promise<ReadonlyMap<string, DestinationAccount | null>> {
	const { accounts } = runOf(this);
	await fill(client, 'connections', accounts, ids);
	return accounts;
}

/**
 * How many destination dataflows use each of the accounts: one listing of the dataflows whose
 * target connection belongs to one of them (page after page), counted per account.
 */
export async function dataflowCounts(
	client: FlowServiceClient,
	accountIds: string[],
): Promise<Map<string, number>> {
	const counts = new Map(accountIds.map((id) => [id.toLowerCase(), 0]));
	for (let start = 0; start < accountIds.length; start += IDS_PER_LOOKUP) {
		const chunk = accountIds.slice(start, start + IDS_PER_LOOKUP);
		const property = [
			DESTINATION_FLOWS_FILTER,
			`inheritedAttributes.targetConnections[].baseConnection.id==${chunk.join(',')}`,
		];
		for await (const page of flowPages(client, { property, limit: 100 })) {
			for (const flow of page.items) {
				for (const id of accountIdsOf(flow)) {
					const key = id.toLowerCase();
					if (counts.has(key)) counts.set(key, counts.get(key)! + 1);
				}
			}
		}
	}
	return counts;
}
