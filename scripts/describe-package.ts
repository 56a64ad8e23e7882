/**
 * `npm run describe`: prints, as stable JSON, what a saved workflow depends on: every node's and
 * credential's description, loaded from the built package the way n8n finds it (package.json's
 * `n8n` field). Two runs around a refactor must print the same text.
 */
import { readFileSync } from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};

/** Each file's exported classes, instantiated, keyed by their n8n name. */
function load(files: string[], pick: (instance: Record<string, unknown>) => [string, unknown]) {
	const entries = files.flatMap((file) =>
		Object.values(
			require(path.join(root, file)) as Record<string, new () => Record<string, unknown>>,
		)
			.filter((exported) => typeof exported === 'function')
			.map((Type) => pick(new Type())),
	);
	return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** Functions are behaviour, not saved data: named, not printed, so moving code does not show. */
function stable(value: unknown): unknown {
	if (typeof value === 'function') return '[function]';
	if (Array.isArray(value)) return value.map(stable);
	if (value === null || typeof value !== 'object') return value;
	const object = value as Record<string, unknown>;
	return Object.fromEntries(
		Object.keys(object)
			.sort()
			.map((key) => [key, stable(object[key])]),
	);
}

const description = {
	nodes: load(manifest.n8n.nodes, (node) => {
		const { description: nodeDescription, methods } = node as {
			description: { name: string };
			methods?: Record<string, Record<string, unknown>>;
		};
		const methodNames = Object.fromEntries(
			Object.entries(methods ?? {}).map(([kind, group]) => [kind, Object.keys(group).sort()]),
		);
		return [nodeDescription.name, { description: nodeDescription, methods: methodNames }];
	}),
	credentials: load(manifest.n8n.credentials, (credential) => [
		String(credential.name),
		credential,
	]),
};

process.stdout.write(`${JSON.stringify(stable(description), null, '\t')}\n`);
