import type { RunningEmulator } from '../../emulator';
import { REPLACED_DATASET_SOURCE_ID } from '../../emulator/fixtures/dataset-ids';
import { FLOW_SERVICE_BASE_PATH, staticTokenHeaders } from '../../emulator/identity';

interface Entity {
	id: string;
	name?: string;
	sourceConnectionIds?: string[];
	targetConnectionIds?: string[];
	[key: string]: unknown;
}

/** Every entity of a Flow Service listing in `sandbox`, read as another tool would (static token). */
export async function listAll(
	emulator: RunningEmulator,
	sandbox: string,
	collection: string,
	query = '',
): Promise<Entity[]> {
	const items: Entity[] = [];
	let next: string | undefined = `/${collection}${query}`;
	while (next) {
		const answer = await fetch(`${emulator.url}${FLOW_SERVICE_BASE_PATH}${next}`, {
			headers: staticTokenHeaders(sandbox),
		});
		const page = (await answer.json()) as {
			items?: Entity[];
			_links?: { next?: { href?: string } };
		};
		items.push(...(page.items ?? []));
		next = page._links?.next?.href;
	}
	return items;
}

/** What a sandbox holds of dataflows and their connections, as the create checks count them. */
export interface SandboxState {
	flowsNamed(name: string): Entity[];
	/** Source and target connections no dataflow uses (but the one the seed keeps so on purpose). */
	orphans: Entity[];
}

export async function sandboxState(
	emulator: RunningEmulator,
	sandbox = 'prod',
): Promise<SandboxState> {
	const [flows, sources, targets] = await Promise.all([
		listAll(emulator, sandbox, 'flows'),
		listAll(emulator, sandbox, 'sourceConnections'),
		listAll(emulator, sandbox, 'targetConnections'),
	]);
	// The seed keeps a dataset export's replaced source connection, as Adobe documents no clean-up.
	const used = new Set([
		REPLACED_DATASET_SOURCE_ID,
		...flows.flatMap((flow) => [
			...(flow.sourceConnectionIds ?? []),
			...(flow.targetConnectionIds ?? []),
		]),
	]);
	return {
		flowsNamed: (name) => flows.filter((flow) => flow.name === name),
		orphans: [...sources, ...targets].filter((connection) => !used.has(connection.id)),
	};
}
