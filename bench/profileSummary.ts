/**
 * `node dist/bench/profileSummary.js <file.cpuprofile>`: where a CPU profile's time went, by self
 * time, grouped into the package's node code, n8n's expression evaluation, the rest of n8n and
 * Node itself, with the heaviest functions of each. For the n8n process of `npm run bench --
 * --n8n-env=NODE_OPTIONS=--cpu-prof --cpu-prof-dir=<dir>` (written when n8n stops).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

const GROUPS: Array<[string, RegExp]> = [
	['this package', /n8n-nodes-adobe-flow-service/],
	[
		'expression evaluation',
		/expression|tournament|isolated-vm|isolate|sandbox|riot|esprima|ast-types|recast|@n8n\/tournament/i,
	],
	['n8n-core / n8n-workflow', /n8n-core|n8n-workflow/],
	['rest of n8n', /node_modules|\/n8n\//],
];

function groupOf(url: string): string {
	if (!url) return 'Node / V8 (no script)';
	for (const [name, pattern] of GROUPS) if (pattern.test(url)) return name;
	return url.startsWith('node:') ? 'Node built-ins' : 'other';
}

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, index) =>
	selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)),
);
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
