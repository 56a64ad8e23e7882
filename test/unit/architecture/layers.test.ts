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

describe('the layering lint rule', () => {
	it('lists every part of the service, so a new folder cannot escape the table', () => {
		// The table is an ES module, which jest's CommonJS runtime cannot import: node reads it.
		const listed = execFileSync(
			'node',
			[
				'--input-type=module',
				'-e',
				"import { LAYERS } from './layers.mjs'; console.log(JSON.stringify(Object.keys(LAYERS)));",
			],
			{ cwd: root, encoding: 'utf8' },
		);
		const parts = readdirSync(path.join(root, SERVICE), { withFileTypes: true })
			.filter((entry) => entry.isDirectory() || entry.name.endsWith('.ts'))
			.map((entry) => entry.name)
			.sort();
		expect((JSON.parse(listed) as string[]).sort()).toEqual(parts);
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
