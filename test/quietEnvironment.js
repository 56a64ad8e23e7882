'use strict';
/**
 * Jest environment of the in-process tiers: the node environment, with n8n's logger kept off the
 * console, so the run's log holds the tests' results and figures, not the thousands of lines n8n
 * logs for the refused inputs the tests feed it on purpose.
 *
 * test/quietN8nLogger.js, run inside each test file, sends n8n's log lines to `n8nLogLines`; when a
 * test fails, the lines logged during it are printed under the failure. N8N_TEST_LOG=console keeps
 * n8n's console output as it was.
 */
const { TestEnvironment } = require('jest-environment-node');

class QuietN8nEnvironment extends TestEnvironment {
	constructor(config, context) {
		super(config, context);
		this.lines = [];
		if (process.env.N8N_TEST_LOG !== 'console') this.global.n8nLogLines = this.lines;
	}

	handleTestEvent(event) {
		if (event.name === 'test_start') this.lines.length = 0;
		if (event.name === 'test_done' && event.test.errors.length > 0 && this.lines.length > 0) {
			process.stderr.write(`\nn8n's log during "${event.test.name}":\n${this.lines.join('\n')}\n`);
		}
	}
}

module.exports = QuietN8nEnvironment;
