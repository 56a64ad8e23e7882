'use strict';
/**
 * Jest environment of the end-to-end suite: the node environment, plus cleanup of the n8n
 * processes the suite starts when a run ends early.
 *
 * local-n8n/ starts every n8n command and server as the leader of its own process group (detached),
 * so that n8n and its task runner can be stopped together. Such groups do not get the terminal's
 * Ctrl-C, and listeners that tests add to `process` do not see real signals (jest gives each test
 * file its own `process` object). This file runs in jest's own context: on SIGINT, SIGTERM or
 * SIGHUP, at the end of each test file, and at exit it signals every process group led by a child
 * of this process.
 */
const { execFileSync } = require('child_process');
const { TestEnvironment } = require('jest-environment-node');

/** Process groups led by direct children of this process (what spawnGroup creates). */
function childGroups() {
	let out = '';
	try {
		out = execFileSync('ps', ['-o', 'pid=,pgid=', '--ppid', String(process.pid)], {
			encoding: 'utf8',
		});
	} catch {
		return []; // ps exits 1 when there are no children
	}
	return out
		.split('\n')
		.map((line) => line.trim().split(/\s+/).map(Number))
		.filter(([pid, pgid]) => pid > 0 && pid === pgid)
		.map(([pid]) => pid);
}

function signalGroups(groups, signal) {
	for (const pgid of groups) {
		try {
			process.kill(-pgid, signal);
		} catch {
			// already gone
		}
	}
}

function alive(pgid) {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch {
		return false;
	}
}

/** SIGTERM to every child group, SIGKILL to what is left after graceMs (synchronous wait). */
function stopChildGroups(graceMs) {
	const groups = childGroups();
	if (groups.length === 0) return [];
	signalGroups(groups, 'SIGTERM');
	const deadline = Date.now() + graceMs;
	while (groups.some(alive) && Date.now() < deadline) execFileSync('sleep', ['0.2']);
	signalGroups(groups.filter(alive), 'SIGKILL');
	return groups;
}

let installed = false;
function installHandlers() {
	if (installed) return;
	installed = true;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(signal, () => {
			const stopped = stopChildGroups(5_000);
			process.stderr.write(`\ne2e: ${signal}: stopped ${stopped.length} n8n process group(s)\n`);
			process.exit(signal === 'SIGINT' ? 130 : 143);
		});
	}
	process.once('exit', () => signalGroups(childGroups(), 'SIGKILL'));
}

class E2eEnvironment extends TestEnvironment {
	constructor(config, context) {
		super(config, context);
		installHandlers();
	}

	async teardown() {
		// After the file's afterAll hooks: anything still running was leaked by a failure.
		const leftovers = stopChildGroups(5_000);
		if (leftovers.length)
			process.stderr.write(`e2e: stopped ${leftovers.length} leftover n8n process group(s)\n`);
		await super.teardown();
	}
}

module.exports = E2eEnvironment;
