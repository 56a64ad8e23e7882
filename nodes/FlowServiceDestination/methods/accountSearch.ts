import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import {
	isDestinationSpec,
	type ConnectionSpec,
	type DestinationAccount,
} from '../model/destination';
import { nameMatcher } from '../rules/flowFilters';
import { FlowServiceClient, pagesOf } from '../transport';
import { SEARCH_PAGES_PER_CALL } from './listSearch';

/** The destinations among connection specs, by lower-case ID; every page read. */
async function destinationSpecs(client: FlowServiceClient): Promise<Map<string, ConnectionSpec>> {
	const specs = new Map<string, ConnectionSpec>();
	for await (const page of pagesOf<ConnectionSpec>(client, 'connectionSpecs', { limit: 100 })) {
		for (const spec of page.items) {
			if (typeof spec?.id === 'string' && isDestinationSpec(spec)) {
				specs.set(spec.id.toLowerCase(), spec);
			}
		}
	}
	return specs;
}

/**
 * Feeds the Destination Account picker: the sandbox's destination accounts whose name contains the
 * search text, each described by its destination. Base connections of sources are left out.
 */
export async function searchDestinationAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = new FlowServiceClient(this);
	const search = filter?.trim();
	const specs = await destinationSpecs(client);
	const pages = pagesOf<DestinationAccount>(
		client,
		'connections',
		{ limit: 100 },
		{ start: paginationToken, maxPages: search ? SEARCH_PAGES_PER_CALL : 1 },
	);
	const results: INodeListSearchItems[] = [];
	let token: string | undefined;
	for await (const page of pages) {
		results.push(...accountResults(page.items, specs, search));
		token = page.next;
	}
	return { results, paginationToken: token };
}

/** Pure: accounts as picker entries, destinations' only, named and described by destination. */
export function accountResults(
	accounts: DestinationAccount[],
	specs: ReadonlyMap<string, ConnectionSpec>,
	search?: string,
): INodeListSearchItems[] {
	const matchesName = nameMatcher(search || undefined);
	return (
		accounts
			.filter((account) => typeof account?.id === 'string' && matchesName(account))
			.map((account) => ({
				account,
				spec: specs.get(account.connectionSpec?.id?.toLowerCase() ?? ''),
			}))
			// No catalogue read (no permission): every account is offered rather than none.
			.filter(({ spec }) => spec !== undefined || specs.size === 0)
			.map(({ account, spec }) => ({
				name: account.name || account.id,
				value: account.id,
				description: spec ? `${spec.name ?? spec.id} · ${account.id}` : account.id,
			}))
			.sort((a, b) => a.name.localeCompare(b.name))
	);
}

/** Feeds the Destination filter: every destination of the sandbox's catalogue, by name. */
export async function getDestinations(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const specs = await destinationSpecs(new FlowServiceClient(this));
	return [...specs.values()]
		.map((spec) => ({ name: spec.name || spec.id, value: spec.id, description: spec.id }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
