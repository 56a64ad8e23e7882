'use strict';
/**
 * Prints one line per n8n runtime after the end-to-end run: scenarios passed out of run, and how
 * long the runtime's file took. Runtimes are the top-level describe blocks ("n8n 2.41.1 (v2)").
 */
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const runtimes = new Map();
		for (const file of results.testResults) {
			const seconds = (file.perfStats.end - file.perfStats.start) / 1000;
			for (const test of file.testResults) {
				const name = test.ancestorTitles[0] ?? file.testFilePath;
				const entry = runtimes.get(name) ?? {
					passed: 0,
					total: 0,
					failed: [],
					seconds: 0,
					files: new Set(),
				};
				entry.total += 1;
				if (test.status === 'passed') entry.passed += 1;
				else entry.failed.push(`${test.status}: ${test.title}`);
				if (!entry.files.has(file.testFilePath)) {
					entry.files.add(file.testFilePath);
					entry.seconds += seconds;
				}
				runtimes.set(name, entry);
			}
			if (file.testExecError && file.testResults.length === 0) {
				runtimes.set(file.testFilePath, {
					passed: 0,
					total: 0,
					failed: [file.testExecError.message],
					seconds,
					files: new Set(),
				});
			}
		}
		const lines = ['', 'e2e summary'];
		for (const [name, entry] of runtimes) {
			lines.push(
				`  ${name}: ${entry.passed}/${entry.total} scenarios passed in ${entry.seconds.toFixed(0)} s`,
			);
			for (const failure of entry.failed) lines.push(`    ${failure}`);
		}
		const wall = ((Date.now() - results.startTime) / 1000).toFixed(0);
		lines.push(`  total: ${results.numPassedTests}/${results.numTotalTests} passed, ${wall} s`);
		console.log(lines.join('\n'));
	}
}

module.exports = SummaryReporter;
