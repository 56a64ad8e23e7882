// In-memory state: flows per sandbox, runs, and flows with an update still in progress.
import type { Flow, Run } from './types';

export interface StoreData {
	flows: Flow[];
	runs: Run[];
}

export class Store {
	private flows = new Map<string, Map<string, Flow>>();
	private runs = new Map<string, Run>();
	/** flow id -> epoch ms when its in-progress update completes. */
	readonly pending = new Map<string, number>();
	/** Called after every change (persistence hooks in here). */
	onChange: () => void = () => {};

	constructor(readonly sandboxes: readonly string[]) {}

	load(data: StoreData): void {
		this.flows = new Map(this.sandboxes.map((s) => [s, new Map<string, Flow>()]));
		this.runs = new Map();
		this.pending.clear();
		for (const f of data.flows) this.bucket(f.sandboxName)?.set(f.id, f);
		for (const r of data.runs) this.runs.set(r.id, r);
	}

	dump(): StoreData {
		const flows: Flow[] = [];
		for (const bucket of this.flows.values()) flows.push(...bucket.values());
		return { flows, runs: [...this.runs.values()] };
	}

	hasSandbox(name: string): boolean {
		return this.flows.has(name);
	}

	private bucket(sandbox: string): Map<string, Flow> | undefined {
		return this.flows.get(sandbox);
	}

	getFlow(sandbox: string, id: string): Flow | undefined {
		return this.bucket(sandbox)?.get(id);
	}

	/** Looks in every sandbox (control surface only). */
	findFlow(id: string): Flow | undefined {
		for (const bucket of this.flows.values()) {
			const f = bucket.get(id);
			if (f) return f;
		}
		return undefined;
	}

	flowsIn(sandbox: string): Iterable<Flow> {
		return this.bucket(sandbox)?.values() ?? [];
	}

	putFlow(flow: Flow): void {
		const bucket = this.bucket(flow.sandboxName);
		if (!bucket) throw new Error(`unknown sandbox ${flow.sandboxName}`);
		bucket.set(flow.id, flow);
		this.onChange();
	}

	deleteFlow(sandbox: string, id: string): boolean {
		const removed = this.bucket(sandbox)?.delete(id) ?? false;
		this.pending.delete(id);
		if (removed) this.onChange();
		return removed;
	}

	*runsIn(sandbox: string): Iterable<Run> {
		for (const r of this.runs.values()) if (r.sandboxName === sandbox) yield r;
	}

	getRun(sandbox: string, id: string): Run | undefined {
		const r = this.runs.get(id);
		return r && r.sandboxName === sandbox ? r : undefined;
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
		let n = 0;
		for (const bucket of this.flows.values()) n += bucket.size;
		return n;
	}
}
