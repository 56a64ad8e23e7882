import { execFileSync } from 'child_process';
import { readdirSync } from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');
const SERVICE = 'nodes/FlowServiceDestination';

/** The import/no-restricted-paths messages ESLint gives `source` as if it were `file`. */
function layerErrors(file: string, source: string): string[] {
	let output: string;
	try {
		output = execFileSync(
			'npx',
			['eslint', '--format', 'json', '--stdin', '--stdin-filename', file],
			{ cwd: root, input: source, encoding: 'utf8' },
		);
	} catch (error) {
		// ESLint exits 1 when it found problems; its report is still on stdout.
		output = (error as { stdout: string }).stdout;
	}
	const [report] = JSON.parse(output) as Array<{
		messages: Array<{ ruleId: string; message: string }>;
	}>;
	return report.messages
		.filter((message) => message.ruleId === 'import/no-restricted-paths')
		.map((message) => message.message);
}

/** The names a table of layers.mjs lists. */
function listed(table: 'LAYERS' | 'FOLDERS'): string[] {
	// The table is an ES module, which jest's CommonJS runtime cannot import: node reads it.
	const output = execFileSync(
		'node',
		[
			'--input-type=module',
			'-e',
			`import { ${table} } from './layers.mjs'; console.log(JSON.stringify(Object.keys(${table})));`,
		],
		{ cwd: root, encoding: 'utf8' },
	);
	return (JSON.parse(output) as string[]).sort();
}

/** Whether a folder holds TypeScript anywhere below it. */
function holdsTypeScript(dir: string): boolean {
	return readdirSync(dir, { withFileTypes: true }).some((entry) =>
		entry.isDirectory()
			? !['node_modules', 'dist'].includes(entry.name) &&
				holdsTypeScript(path.join(dir, entry.name))
			: entry.name.endsWith('.ts'),
	);
}

describe('the layering lint rule', () => {
	it('lists every part of the service, so a new folder cannot escape the table', () => {
		const parts = readdirSync(path.join(root, SERVICE), { withFileTypes: true })
			.filter((entry) => entry.isDirectory() || entry.name.endsWith('.ts'))
			.map((entry) => entry.name)
			.sort();
		expect(listed('LAYERS')).toEqual(parts);
	});

	it('lists every top-level folder that holds TypeScript', () => {
		const folders = readdirSync(root, { withFileTypes: true })
			.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
			.filter((entry) => !['node_modules', 'dist', 'coverage'].includes(entry.name))
			.filter((entry) => holdsTypeScript(path.join(root, entry.name)))
			.map((entry) => entry.name)
			.sort();
		expect(listed('FOLDERS')).toEqual(folders);
	});

	it.each([
		['scripts/probe.ts', "import { describeRuntime } from '../e2e/scenarios';"],
		['bench/probe.ts', "import { describeRuntime } from '../e2e/scenarios';"],
		['local-n8n/probe.ts', "import { describeRuntime } from '../e2e/scenarios';"],
	])('fails %s importing the end-to-end suites', (file, line) => {
		const folder = file.split('/')[0];
		const errors = layerErrors(file, `${line}\nexport const probe = describeRuntime;\n`);
		expect(errors).toEqual([expect.stringContaining(`${folder}/ may import only`)]);
	});

	it('fails the emulator importing the node', () => {
		const errors = layerErrors(
			'emulator/probe.ts',
			"import { router } from '../nodes/FlowServiceDestination/actions/router';\nexport const probe = router;\n",
		);
		expect(errors).toEqual([expect.stringContaining('emulator/ may import only nothing')]);
	});

	it('passes scripts importing the local n8n runner', () => {
		const errors = layerErrors(
			'scripts/probe.ts',
			"import { repoRoot } from '../local-n8n';\nexport const probe = repoRoot;\n",
		);
		expect(errors).toEqual([]);
	});

	it('fails an import that runs up a layer', () => {
		const errors = layerErrors(
			`${SERVICE}/rules/probe.ts`,
			"import { planAddAudiences } from '../planner/audiences';\nexport const probe = planAddAudiences;\n",
		);
		expect(errors).toEqual([expect.stringContaining('rules may import only model')]);
	});

	it("fails the trigger reaching into the action node's operations", () => {
		const errors = layerErrors(
			`${SERVICE}/FlowServiceDestinationTrigger.node.ts`,
			"import { router } from './actions/router';\nexport const probe = router;\n",
		);
		expect(errors).toEqual([
			expect.stringContaining('FlowServiceDestinationTrigger.node.ts may import only'),
		]);
	});

	it('passes an import the table allows', () => {
		const errors = layerErrors(
			`${SERVICE}/planner/probe.ts`,
			"import { inputError } from '../model/inputError';\nexport const probe = inputError;\n",
		);
		expect(errors).toEqual([]);
	});
});
