/**
 * `node dist/bench/profileSummary.js <file.cpuprofile> [--during-updates]`: where a CPU profile's time went, by self
 * time, grouped into the package's node code, n8n's expression evaluation, the rest of n8n and
 * Node itself, with the heaviest functions of each. For the n8n process of `npm run bench --
 * --n8n-env=NODE_OPTIONS=--cpu-prof --cpu-prof-dir=<dir>` (written when n8n stops).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/** The package a script belongs to: the name after its last node_modules, or Node's own. */
function packageOf(url: string): string {
	if (!url) return '(V8: idle, GC, native)';
	if (url.startsWith('node:')) return '(Node built-ins)';
	const tail = url.split('/node_modules/').pop() ?? url;
	if (tail === url) return '(other scripts)';
	const parts = tail.split('/');
	return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

const GROUPS: Array<[string, RegExp]> = [
	['this package', /^n8n-nodes-adobe-flow-service$/],
	[
		'expression evaluation',
		/^(@n8n\/expression-runtime|isolated-vm|@n8n\/tournament|esprima-next|recast|ast-types)$/,
	],
	['n8n-core / n8n-workflow', /^(n8n-core|n8n-workflow)$/],
];

function groupOf(url: string): string {
	const name = packageOf(url);
	for (const [group, pattern] of GROUPS) if (pattern.test(name)) return group;
	return name.startsWith('(') ? name : 'rest of n8n and its libraries';
}

const [file, flag] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));

/**
 * With --during-updates, only the samples from the node's first update work to its last (50 ms
 * either side): the executions themselves, without n8n's start-up and idle time.
 */
function sampleWindow(): [number, number] {
	if (flag !== '--during-updates') return [0, profile.samples.length - 1];
	const updating = profile.samples.flatMap((id, index) => {
		const { url, functionName } = byId.get(id)!.callFrame;
		const ours = groupOf(url) === 'this package' && /\/(update|actions)\//.test(url);
		return ours && functionName ? [index] : [];
	});
	if (updating.length === 0) throw new Error('no sample of the node updating a dataflow');
	let at = 0;
	const times = profile.timeDeltas.map((delta) => (at += delta));
	const from = times[updating[0]] - 50_000;
	const to = times[updating[updating.length - 1]] + 50_000;
	const inside = times.flatMap((t, index) => (t >= from && t <= to ? [index] : []));
	return [inside[0], inside[inside.length - 1]];
}

const [first, last] = sampleWindow();
const selfUs = new Map<number, number>();
profile.samples.forEach((id, index) => {
	if (index < first || index > last) return;
	selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const groups = new Map<string, { us: number; functions: Map<string, number> }>();
for (const [id, us] of selfUs) {
	const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
	const group = groupOf(url);
	const entry = groups.get(group) ?? { us: 0, functions: new Map() };
	entry.us += us;
	const name = `${functionName || '(anonymous)'} ${url.split('/node_modules/').pop()}:${lineNumber + 1}`;
	entry.functions.set(name, (entry.functions.get(name) ?? 0) + us);
	groups.set(group, entry);
}
console.log(`total sampled ${(total / 1000).toFixed(0)} ms`);
for (const [group, entry] of [...groups].sort((a, b) => b[1].us - a[1].us)) {
	console.log(
		`${group.padEnd(28)} ${(entry.us / 1000).toFixed(0).padStart(7)} ms  ${((100 * entry.us) / total).toFixed(1)}%`,
	);
	for (const [name, us] of [...entry.functions].sort((a, b) => b[1] - a[1]).slice(0, 5))
		console.log(`    ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
}

// Time spent in (and below) each of the package's functions: what its parameter reads cost.
const inclusive = new Map<number, number>();
const totalOf = (id: number): number => {
	const known = inclusive.get(id);
	if (known !== undefined) return known;
	const node = byId.get(id)!;
	const sum = (selfUs.get(id) ?? 0) + (node.children ?? []).reduce((a, c) => a + totalOf(c), 0);
	inclusive.set(id, sum);
	return sum;
};
const ownFunctions = new Map<string, number>();
for (const node of profile.nodes) {
	const { functionName, url } = node.callFrame;
	if (groupOf(url) !== 'this package' || !functionName) continue;
	const name = `${functionName} ${url.split('/FlowServiceDestination/').pop()}`;
	ownFunctions.set(name, (ownFunctions.get(name) ?? 0) + totalOf(node.id));
}
console.log('this package, time in and below (functions can nest):');
for (const [name, us] of [...ownFunctions].sort((a, b) => b[1] - a[1]).slice(0, 15))
	console.log(`    ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
