import { randomBytes } from 'crypto';
import { rmSync, writeFileSync } from 'fs';
import * as path from 'path';

import { spawnGroup, stopGroup } from './processes';
import { UserFolder } from './userFolder';

export interface CliResult {
	args: string[];
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	durationMs: number;
	timedOut: boolean;
}

export interface CliOptions {
	timeoutMs?: number;
	/** Extra environment for this command only. */
	env?: Record<string, string>;
}

export class N8nCliError extends Error {
	constructor(
		message: string,
		readonly result: CliResult,
		/** For `execute`: the run n8n printed (a failed run has resultData.error), when it printed one. */
		readonly run?: unknown,
	) {
		super(message);
		this.name = 'N8nCliError';
	}
}

function tail(text: string, lines = 40): string {
	const all = text.trimEnd().split('\n');
	return all.slice(-lines).join('\n');
}

export function describeFailure(what: string, result: CliResult): string {
	const status = result.timedOut
		? `timed out after ${result.durationMs} ms`
		: result.signal
			? `killed by ${result.signal}`
			: `exited with ${result.code}`;
	return [
		`n8n ${what} ${status}`,
		`--- stderr (tail) ---`,
		tail(result.stderr) || '(empty)',
		`--- stdout (tail) ---`,
		tail(result.stdout) || '(empty)',
	].join('\n');
}

type CliListener = (result: CliResult, folder: UserFolder) => void;
const cliListeners = new Set<CliListener>();

/**
 * Calls `listener` with the result of every n8n command run from now on (runN8n and everything
 * built on it: imports, execute, publish), e.g. to search all the CLI output for a value.
 * Returns a function that stops it.
 */
export function observeCli(listener: CliListener): () => void {
	cliListeners.add(listener);
	return () => cliListeners.delete(listener);
}

/** Runs `n8n <args>` of the folder's runtime, in its own process group; never rejects on exit code. */
export function runN8n(
	folder: UserFolder,
	args: string[],
	options: CliOptions = {},
): Promise<CliResult> {
	const { runtime } = folder;
	const timeoutMs = options.timeoutMs ?? 120_000;
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawnGroup(runtime.nodeBin, [runtime.n8nScript, ...args], {
			cwd: folder.dir,
			env: { ...folder.env, ...(options.env ?? {}) },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
		child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
		const timer = setTimeout(() => {
			timedOut = true;
			if (child.pid !== undefined) void stopGroup(child.pid, 5_000);
		}, timeoutMs);
		child.once('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.once('close', (code, signal) => {
			clearTimeout(timer);
			const result = {
				args,
				code,
				signal,
				stdout,
				stderr,
				durationMs: Date.now() - started,
				timedOut,
			};
			for (const listener of cliListeners) listener(result, folder);
			resolve(result);
		});
	});
}

/** runN8n that throws N8nCliError (with stderr) unless the command exits 0. */
export async function runN8nOk(
	folder: UserFolder,
	args: string[],
	options: CliOptions = {},
): Promise<CliResult> {
	const result = await runN8n(folder, args, options);
	if (result.code !== 0 || result.timedOut) {
		throw new N8nCliError(describeFailure(args[0] ?? '', result), result);
	}
	return result;
}

/** A 16-character id in n8n's alphabet, usable for workflows and credentials. */
export function newId(): string {
	const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
	const bytes = randomBytes(16);
	return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

function writeInput(folder: UserFolder, prefix: string, data: unknown): string {
	const file = path.join(folder.tmpDir, `${prefix}-${newId()}.json`);
	writeFileSync(file, JSON.stringify(data, null, 2));
	return file;
}

export interface CredentialInput {
	/** Generated when missing. */
	id?: string;
	name: string;
	/** Credential type name, e.g. `adobeExperiencePlatformApi`. */
	type: string;
	/** Plain values; `n8n import:credentials` encrypts them with the folder's key. */
	data: Record<string, unknown>;
}

/**
 * Imports credentials with `n8n import:credentials --input`; returns their ids in order. The input
 * file holds the secrets in plain text: it is deleted once n8n has read it.
 */
export async function importCredentials(
	folder: UserFolder,
	creds: CredentialInput[],
	options?: CliOptions,
): Promise<string[]> {
	const withIds = creds.map((c) => ({ ...c, id: c.id ?? newId() }));
	const file = writeInput(folder, 'credentials', withIds);
	try {
		await runN8nOk(folder, ['import:credentials', `--input=${file}`], options);
	} finally {
		rmSync(file, { force: true });
	}
	return withIds.map((c) => c.id);
}

/** A workflow as exported by n8n; only `nodes` and `connections` are required here. */
export interface WorkflowInput {
	id?: string;
	name?: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	active?: boolean;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

/** Imports one workflow with `n8n import:workflow --input`; returns its id (generated when missing). */
export async function importWorkflow(
	folder: UserFolder,
	workflow: WorkflowInput,
	options?: CliOptions,
): Promise<string> {
	const id = workflow.id ?? newId();
	const full = {
		name: `e2e ${id}`,
		active: false,
		settings: {},
		...workflow,
		id,
	};
	const file = writeInput(folder, 'workflow', full);
	await runN8nOk(folder, ['import:workflow', `--input=${file}`], options);
	return id;
}

/**
 * Everything from the first line that starts with `{` on: n8n prints log lines before the JSON
 * even with --rawOutput.
 */
export function extractJson(stdout: string): unknown {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line.startsWith('{'));
	if (start === -1) throw new Error('no JSON object in the output');
	const text = lines.slice(start).join('\n').trim();
	try {
		return JSON.parse(text);
	} catch {
		// Log lines after the JSON: cut at the last line that closes the top-level object.
		const end = lines.lastIndexOf('}');
		if (end > start) return JSON.parse(lines.slice(start, end + 1).join('\n'));
		throw new Error('the JSON in the output does not parse');
	}
}

export interface ExecuteOptions extends CliOptions {
	/**
	 * Fail when n8n 2.x crashes while exiting after it printed a complete run (see
	 * ExecuteResult.exitCrash). Default false: the run is complete and stored by then.
	 */
	strictExit?: boolean;
}

export interface ExecuteResult {
	/** Parsed JSON that `n8n execute --rawOutput` printed: the IRun (status, data.resultData.runData...). */
	data: unknown;
	cli: CliResult;
	/**
	 * True when n8n was killed by SIGSEGV after printing a successful run. n8n 2.41.1 on Node 24
	 * does that in a good share of `execute` runs: an isolated-vm isolate of the expression engine is
	 * still running while the process exits (with N8N_EXPRESSION_ENGINE=legacy it does not happen).
	 */
	exitCrash: boolean;
}

function isCompleteRun(run: unknown): boolean {
	const r = run as {
		finished?: unknown;
		status?: unknown;
		data?: { resultData?: { error?: unknown } };
	} | null;
	return !!r && r.finished === true && r.status === 'success' && !r.data?.resultData?.error;
}

function tryExtractJson(stdout: string): unknown {
	try {
		return extractJson(stdout);
	} catch {
		return undefined;
	}
}

/**
 * Executes a workflow headless with `n8n execute --id=<id> --rawOutput` and parses the run it
 * prints. Throws N8nCliError (stderr and stdout tails in the message; the failed run, if n8n
 * printed one, in `.run`) when the workflow fails or n8n does not finish.
 */
export async function executeWorkflow(
	folder: UserFolder,
	id: string,
	options: ExecuteOptions = {},
): Promise<ExecuteResult> {
	const what = `execute --id=${id}`;
	const cli = await runN8n(folder, ['execute', `--id=${id}`, '--rawOutput'], options);
	const run = tryExtractJson(cli.stdout);
	if (cli.timedOut) throw new N8nCliError(describeFailure(what, cli), cli, run);
	if (cli.code === 0) {
		if (run === undefined)
			throw new N8nCliError(`no run JSON in the output\n${describeFailure(what, cli)}`, cli);
		return { data: run, cli, exitCrash: false };
	}
	if (cli.signal === 'SIGSEGV' && !options.strictExit && isCompleteRun(run)) {
		return { data: run, cli, exitCrash: true };
	}
	throw new N8nCliError(describeFailure(what, cli), cli, run);
}

/**
 * The run n8n printed, also when the workflow failed: for workflows with a branch meant to fail,
 * whose other branches are judged one by one.
 */
export async function executeWorkflowRun(folder: UserFolder, id: string): Promise<unknown> {
	try {
		return (await executeWorkflow(folder, id)).data;
	} catch (error) {
		if (!(error instanceof N8nCliError) || !error.run) throw error;
		return error.run;
	}
}

/**
 * Makes a workflow run on the next `n8n start` (`published`), or stops it: `publish:workflow` and
 * `unpublish:workflow` on 2.x, `update:workflow --active` on 1.x. Do this before startServer().
 */
async function setPublished(
	folder: UserFolder,
	id: string,
	published: boolean,
	options?: CliOptions,
): Promise<void> {
	const args =
		folder.runtime.key === 'v2'
			? [`${published ? '' : 'un'}publish:workflow`, `--id=${id}`]
			: ['update:workflow', `--id=${id}`, `--active=${published}`];
	await runN8nOk(folder, args, options);
}

export const publishWorkflow = (folder: UserFolder, id: string, options?: CliOptions) =>
	setPublished(folder, id, true, options);

/** The reverse of publishWorkflow. */
export const unpublishWorkflow = (folder: UserFolder, id: string, options?: CliOptions) =>
	setPublished(folder, id, false, options);
