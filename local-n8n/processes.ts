import { ChildProcess, spawn, SpawnOptions } from 'child_process';
import { readdirSync, readFileSync } from 'fs';

/** Process groups started by this library that may still be alive. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	// Last resort when a test run ends without stopping what it started.
	process.on('exit', () => {
		for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
	});
}

/** Signals a whole process group; false when it no longer exists. */
export function killGroup(pgid: number, signal: NodeJS.Signals): boolean {
	try {
		process.kill(-pgid, signal);
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
		throw error;
	}
}

/** True while any process of the group is alive. */
export function groupAlive(pgid: number): boolean {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * Spawns a command as the leader of a new process group (detached), so that it and everything it
 * starts (n8n's task runner) can be signalled together.
 */
export function spawnGroup(command: string, args: string[], options: SpawnOptions): ChildProcess {
	installExitHook();
	const child = spawn(command, args, { ...options, detached: true });
	const pid = child.pid;
	if (pid !== undefined) {
		liveGroups.add(pid);
		child.once('exit', () => {
			// Leftovers of the group (a runner that outlived its parent) go with it.
			killGroup(pid, 'SIGKILL');
			liveGroups.delete(pid);
		});
	}
	return child;
}

/** SIGTERM to the group, SIGKILL after graceMs, resolves when no member is left. */
export async function stopGroup(pgid: number, graceMs = 15_000): Promise<void> {
	if (!killGroup(pgid, 'SIGTERM')) {
		liveGroups.delete(pgid);
		return;
	}
	const deadline = Date.now() + graceMs;
	while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
	if (groupAlive(pgid)) {
		killGroup(pgid, 'SIGKILL');
		const hardDeadline = Date.now() + 5_000;
		while (groupAlive(pgid) && Date.now() < hardDeadline) await sleep(50);
	}
	liveGroups.delete(pgid);
}

/** Process groups started by this library that are still tracked (n8n commands and servers). */
export function liveGroupIds(): number[] {
	return [...liveGroups];
}

/**
 * Stops every tracked group (SIGTERM, SIGKILL after graceMs). For SIGINT/SIGTERM handlers: the
 * groups are detached, so a Ctrl-C in the terminal does not reach them by itself.
 */
export async function stopAllGroups(graceMs = 10_000): Promise<void> {
	await Promise.all([...liveGroups].map((pgid) => stopGroup(pgid, graceMs)));
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * PIDs of live processes started for a user folder: those whose environment has
 * N8N_USER_FOLDER=<dir> (n8n itself) or that belong to one of the given process groups (the task
 * runner, whose environment n8n trims). Linux only (reads /proc).
 */
export function processesOf(userFolderDir: string, groups: number[] = []): number[] {
	const needle = Buffer.from(`N8N_USER_FOLDER=${userFolderDir}\0`);
	const found: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const pid = Number(entry);
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			// field 5 (pgrp) comes after the parenthesised command name
			const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
			if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
			if (groups.includes(pgrp) || readFileSync(`/proc/${pid}/environ`).includes(needle))
				found.push(pid);
		} catch {
			// the process ended while we looked, or is not ours to read
		}
	}
	return found;
}
