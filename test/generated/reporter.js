'use strict';
const { existsSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const TALLY_DIR = join(__dirname, '..', '..', 'node_modules', '.cache', 'generated-cases');

/** Sums what the generated suites counted (test/generated/tally.ts) and prints one line per kind. */
class GeneratedCasesReporter {
	onRunStart() {
		rmSync(TALLY_DIR, { recursive: true, force: true });
	}

	onRunComplete() {
		const planner = sum('planner');
		const badInput = sum('badInput');
		const lines = [];
		if (planner)
			lines.push(`generated planner cases: ${planner.run} run, ${planner.failed} failed`);
		if (badInput)
			lines.push(
				`generated bad inputs: ${badInput.run} tried, ${badInput.extra} rejected before sending`,
			);
		if (lines.length) console.log(['', ...lines].join('\n'));
	}
}

function sum(kind) {
	const file = join(TALLY_DIR, `${kind}.jsonl`);
	if (!existsSync(file)) return undefined;
	const total = { run: 0, failed: 0, extra: 0 };
	for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
		const entry = JSON.parse(line);
		total.run += entry.run;
		total.failed += entry.failed;
		total.extra += entry.extra;
	}
	return total;
}

module.exports = GeneratedCasesReporter;
