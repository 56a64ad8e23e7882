import type { IExecuteFunctions } from 'n8n-workflow';

import {
	PROFILE_STORE_SPEC_ID,
	type ConnectionSpec,
	type DestinationAccount,
	type FlowConnection,
	type FlowSpec,
} from '../../model/destination';
import type { FlowDocument } from '../../model/types';
import { chooseFlowSpec, sourceSpecOf, type FlowWorkflow } from '../../planner/createDataflow';
import { DESTINATION_FLOWS_FILTER } from '../../rules/flowFilters';
import {
	flowPages,
	pagesOf,
	FlowServiceHttpError,
	type FlowServiceClient,
	type ListedCollection,
} from '../../transport';
import { exportableDatasetPages, type ExportableDataset } from '../../transport/exportableDatasets';

async function all<T>(
	client: FlowServiceClient,
	collection: ListedCollection,
	property: string[],
): Promise<T[]> {
	const items: T[] = [];
	const query = property.length ? { property, limit: 100 } : { limit: 100 };
	for await (const page of pagesOf<T>(client, collection, query)) items.push(...page.items);
	return items;
}

async function allFlows(client: FlowServiceClient, property: string[]): Promise<FlowDocument[]> {
	const flows: FlowDocument[] = [];
	for await (const page of flowPages(client, { property, limit: 100 })) flows.push(...page.items);
	return flows;
}

/** Memoizes a lookup per key; a failed one is forgotten, so the next item asks again. */
function memo<T>(read: (key: string) => Promise<T>): (key: string) => Promise<T> {
	const cache = new Map<string, Promise<T>>();
	return async (key) => {
		let found = cache.get(key);
		if (!found) {
			found = read(key);
			cache.set(key, found);
			found.catch(() => cache.delete(key));
		}
		return await found;
	};
}

/**
 * What every create of one run reads, each once: the sandbox's destination dataflows (by name, and
 * which connections they use), its accounts, the destinations' specs and flow specs, and the
 * connections earlier attempts may have left. Nothing that varies per item is cached here.
 */
export class CreateLookups {
	constructor(private readonly client: FlowServiceClient) {}

	private readonly flows = memo(
		async () => await allFlows(this.client, [DESTINATION_FLOWS_FILTER]),
	);

	/** Destination dataflows of that name (as the run started). */
	async flowsNamed(name: string): Promise<FlowDocument[]> {
		return (await this.flows('')).filter((flow) => flow.name === name);
	}

	/** The source and target connections some dataflow uses: never reused, never deleted. */
	async usedConnections(): Promise<Set<string>> {
		const used = new Set<string>();
		for (const flow of await this.flows('')) {
			for (const id of [
				...((flow.sourceConnectionIds as string[] | undefined) ?? []),
				...((flow.targetConnectionIds as string[] | undefined) ?? []),
			]) {
				used.add(String(id).toLowerCase());
			}
		}
		return used;
	}

	/** An account by ID; undefined when the sandbox has none (another sandbox's ID). */
	readonly account = memo(async (id: string): Promise<DestinationAccount | undefined> => {
		const read = await this.client.getAccount(id).then(
			(account) => ({ account }),
			(error: unknown) => ({ error }),
		);
		if ('account' in read) return read.account;
		if (read.error instanceof FlowServiceHttpError && read.error.statusCode === 404)
			return undefined;
		throw read.error;
	});

	private readonly accounts = memo(
		async () => await all<DestinationAccount>(this.client, 'connections', []),
	);

	/** The sandbox's accounts of that name. */
	async accountsNamed(name: string): Promise<DestinationAccount[]> {
		return (await this.accounts('')).filter((account) => account.name === name);
	}

	/** The sandbox's audiences of exactly that name (Adobe's `name` filter matches parts of names). */
	readonly audiencesNamed = memo(async (name: string): Promise<Array<{ id: string }>> => {
		const found: Array<{ id: string }> = [];
		let start: string | undefined;
		do {
			const page = await this.client.listAudiences({
				name,
				limit: 50,
				...(start ? { start } : {}),
			});
			found.push(...(page.children ?? []).filter((audience) => audience.name === name));
			const next = page._page?.next;
			start = next === undefined || next === null || next === '' ? undefined : String(next);
		} while (start);
		return found;
	});

	readonly spec = memo(
		async (id: string): Promise<ConnectionSpec> => await this.client.getConnectionSpec(id),
	);

	private readonly flowSpecs = memo(async (key: string): Promise<FlowSpec> => {
		const [workflow, specId] = key.split(' ') as [FlowWorkflow, string];
		const spec = await this.spec(specId);
		// Narrowed by Adobe's filters, chosen here: a server that ignores a filter changes nothing.
		const candidates = await all<FlowSpec>(this.client, 'flowSpecs', [
			`sourceConnectionSpecIds[]==${sourceSpecOf(workflow)}`,
			`targetConnectionSpecIds[]==${spec.id}`,
		]);
		return chooseFlowSpec(candidates, spec, workflow);
	});

	/** The flow spec of new dataflows of that kind to a destination, chosen among those that reach it. */
	async flowSpec(specId: string, workflow: FlowWorkflow = 'audiences'): Promise<FlowSpec> {
		return await this.flowSpecs(`${workflow} ${specId}`);
	}

	/** Source connections of a source spec: the Profile store's, or the Data Lake's. */
	private readonly sources = memo(
		async (specId: string) =>
			await all<FlowConnection>(this.client, 'sourceConnections', [`connectionSpec.id==${specId}`]),
	);

	/** The datasets Adobe says the sandbox can export, by lower-case ID. */
	readonly exportableDatasets = memo(async (): Promise<Map<string, ExportableDataset>> => {
		const found = new Map<string, ExportableDataset>();
		for await (const page of exportableDatasetPages(this.client)) {
			for (const dataset of page.items) {
				if (typeof dataset.id === 'string') found.set(dataset.id.toLowerCase(), dataset);
			}
		}
		return found;
	});

	/** Target connections to one destination: an earlier attempt may have used another account. */
	private readonly targets = memo(
		async (specId: string) =>
			await all<FlowConnection>(this.client, 'targetConnections', [`connectionSpec.id==${specId}`]),
	);

	/** Connections of that name no dataflow uses: what an earlier attempt left. */
	async leftovers(
		names: { source: string; target: string },
		specId: string,
		sourceSpecId: string = PROFILE_STORE_SPEC_ID,
	): Promise<{ source: FlowConnection[]; target: FlowConnection[] }> {
		const used = await this.usedConnections();
		const unused = (connection: FlowConnection, name: string) =>
			connection.name === name && !used.has(connection.id.toLowerCase());
		return {
			source: (await this.sources(sourceSpecId)).filter((c) => unused(c, names.source)),
			target: (await this.targets(specId)).filter((c) => unused(c, names.target)),
		};
	}
}

const runs = new WeakMap<IExecuteFunctions, CreateLookups>();

/** The run's lookups: one per execution, shared by its items. */
export function lookupsOf(context: IExecuteFunctions, client: FlowServiceClient): CreateLookups {
	let lookups = runs.get(context);
	if (!lookups) {
		lookups = new CreateLookups(client);
		runs.set(context, lookups);
	}
	return lookups;
}
