// Optional state file (--data). Writes go to a temp file that is fsynced and then
// renamed over the target, so a kill at any moment leaves either the old or the
// new state on disk, never a torn file.
import {
	closeSync,
	existsSync,
	fsyncSync,
	openSync,
	readFileSync,
	renameSync,
	writeSync,
} from 'node:fs';
import type { AuthSnapshot } from './auth';
import type { StoreData } from './store';

/**
 * Format 3 added the Data Lake's datasets, format 2 base, source and target connections; files of
 * the older formats still load (below).
 */
export const DATA_FORMAT = 'flow-service-emulator/3';
const FORMAT_2 = 'flow-service-emulator/2';
const FORMAT_1 = 'flow-service-emulator/1';

export interface PersistedState extends StoreData {
	format: string;
	auth: AuthSnapshot;
}

/**
 * The state in FILE, or undefined when there is none. An older file gets what its format lacks
 * from `seed`: format 1 (flows, runs and tokens) the connections and datasets, format 2 the
 * datasets. It keeps its format, so the caller rewrites it; anything else is refused rather than
 * guessed.
 */
export function readState(file: string, seed: () => StoreData): PersistedState | undefined {
	if (!existsSync(file)) return undefined;
	const state = JSON.parse(readFileSync(file, 'utf8')) as PersistedState;
	if (state.format === FORMAT_1) {
		const { connections, sourceConnections, targetConnections, datasets } = seed();
		return { ...state, connections, sourceConnections, targetConnections, datasets };
	}
	if (state.format === FORMAT_2) return { ...state, datasets: seed().datasets };
	if (state.format !== DATA_FORMAT)
		throw new Error(
			`${file} is not an emulator state file of format ${DATA_FORMAT}, ${FORMAT_2} or ${FORMAT_1} (format ${String(state.format)})`,
		);
	return state;
}

export function writeStateAtomically(file: string, state: PersistedState): void {
	const tmp = `${file}.${process.pid}.tmp`;
	const fd = openSync(tmp, 'w');
	try {
		writeSync(fd, JSON.stringify(state));
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
	renameSync(tmp, file);
}

/** Coalesces bursts of changes into one write; flush() writes now if anything is pending. */
export class StateWriter {
	private timer: NodeJS.Timeout | undefined;
	private dirty = false;

	constructor(
		private readonly file: string,
		private readonly snapshot: () => PersistedState,
		private readonly delayMs = 20,
	) {}

	markDirty(): void {
		this.dirty = true;
		if (this.timer) return;
		this.timer = setTimeout(() => this.flush(), this.delayMs);
		this.timer.unref();
	}

	flush(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		if (!this.dirty) return;
		this.dirty = false;
		writeStateAtomically(this.file, this.snapshot());
	}
}
