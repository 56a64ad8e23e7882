// In-memory state: flows, base connections, source and target connections per sandbox, runs,
// the Data Lake's datasets per sandbox, and flows with an update still in progress.
import type { Connection, Flow, JsonObject, Run, SandboxEntity } from './types';

export const CONNECTION_KINDS = ['connections', 'sourceConnections', 'targetConnections'] as const;
/** The collection behind each connection route, and the name Flow Service gives its type in errors. */
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

export interface StoreData {
	flows: Flow[];
	runs: Run[];
	/** Base connections (destination accounts and the Experience Platform ones). */
	connections: Connection[];
	sourceConnections: Connection[];
	targetConnections: Connection[];
	/** Catalog datasets a dataset export may use, per sandbox (read-only through the API). */
	datasets: Record<string, JsonObject[]>;
}

/** Entities of one kind, each in its own sandbox. */
export class SandboxCollection<T extends SandboxEntity> {
	private buckets = new Map<string, Map<string, T>>();

	constructor(
		private readonly sandboxes: readonly string[],
		private readonly changed: () => void,
	) {}

	load(items: T[]): void {
		this.buckets = new Map(this.sandboxes.map((s) => [s, new Map<string, T>()]));
		for (const item of items) this.buckets.get(item.sandboxName)?.set(item.id, item);
	}

	all(): T[] {
		const out: T[] = [];
		for (const bucket of this.buckets.values()) out.push(...bucket.values());
		return out;
	}

	get(sandbox: string, id: string): T | undefined {
		return this.buckets.get(sandbox)?.get(id);
	}

	/** Looks in every sandbox (control surface only). */
	find(id: string): T | undefined {
		for (const bucket of this.buckets.values()) {
			const item = bucket.get(id);
			if (item) return item;
		}
		return undefined;
	}

	in(sandbox: string): Iterable<T> {
		return this.buckets.get(sandbox)?.values() ?? [];
	}

	put(item: T): void {
		const bucket = this.buckets.get(item.sandboxName);
		if (!bucket) throw new Error(`unknown sandbox ${item.sandboxName}`);
		bucket.set(item.id, item);
		this.changed();
	}

	delete(sandbox: string, id: string): boolean {
		const removed = this.buckets.get(sandbox)?.delete(id) ?? false;
		if (removed) this.changed();
		return removed;
	}

	get size(): number {
		let n = 0;
		for (const bucket of this.buckets.values()) n += bucket.size;
		return n;
	}
}

export class Store {
	private readonly flows: SandboxCollection<Flow>;
	readonly connections: SandboxCollection<Connection>;
	readonly sourceConnections: SandboxCollection<Connection>;
	readonly targetConnections: SandboxCollection<Connection>;
	private runs = new Map<string, Run>();
	private datasets = new Map<string, JsonObject[]>();
	/** flow id -> epoch ms when its in-progress update completes. */
	readonly pending = new Map<string, number>();
	/** Called after every change (persistence hooks in here). */
	onChange: () => void = () => {};

	constructor(readonly sandboxes: readonly string[]) {
		const changed = () => this.onChange();
		this.flows = new SandboxCollection(sandboxes, changed);
		this.connections = new SandboxCollection(sandboxes, changed);
		this.sourceConnections = new SandboxCollection(sandboxes, changed);
		this.targetConnections = new SandboxCollection(sandboxes, changed);
	}

	load(data: StoreData): void {
		this.flows.load(data.flows);
		this.connections.load(data.connections);
		this.sourceConnections.load(data.sourceConnections);
		this.targetConnections.load(data.targetConnections);
		this.runs = new Map();
		this.datasets = new Map(this.sandboxes.map((s) => [s, data.datasets[s] ?? []]));
		this.pending.clear();
		for (const r of data.runs) this.runs.set(r.id, r);
	}

	dump(): StoreData {
		return {
			flows: this.flows.all(),
			runs: [...this.runs.values()],
			connections: this.connections.all(),
			sourceConnections: this.sourceConnections.all(),
			targetConnections: this.targetConnections.all(),
			datasets: Object.fromEntries(this.datasets),
		};
	}

	datasetsIn(sandbox: string): readonly JsonObject[] {
		return this.datasets.get(sandbox) ?? [];
	}

	getDataset(sandbox: string, id: string): JsonObject | undefined {
		return this.datasetsIn(sandbox).find((d) => d.id === id);
	}

	hasSandbox(name: string): boolean {
		return this.sandboxes.includes(name);
	}

	getFlow(sandbox: string, id: string): Flow | undefined {
		return this.flows.get(sandbox, id);
	}

	/** Looks in every sandbox (control surface only). */
	findFlow(id: string): Flow | undefined {
		return this.flows.find(id);
	}

	flowsIn(sandbox: string): Iterable<Flow> {
		return this.flows.in(sandbox);
	}

	putFlow(flow: Flow): void {
		this.flows.put(flow);
	}

	deleteFlow(sandbox: string, id: string): boolean {
		this.pending.delete(id);
		return this.flows.delete(sandbox, id);
	}

	*runsIn(sandbox: string): Iterable<Run> {
		for (const r of this.runs.values()) if (r.sandboxName === sandbox) yield r;
	}

	getRun(sandbox: string, id: string): Run | undefined {
		const r = this.runs.get(id);
		return r && r.sandboxName === sandbox ? r : undefined;
	}

	/** A base, source or target connection in whichever sandbox and collection holds it. */
	findConnection(id: string): { kind: ConnectionKind; connection: Connection } | undefined {
		for (const kind of CONNECTION_KINDS) {
			const connection = this[kind].find(id);
			if (connection) return { kind, connection };
		}
		return undefined;
	}

	/** A run in whichever sandbox holds it. */
	findRun(id: string): Run | undefined {
		return this.runs.get(id);
	}

	putRun(run: Run): void {
		this.runs.set(run.id, run);
		this.onChange();
	}

	get flowCount(): number {
		return this.flows.size;
	}
}
