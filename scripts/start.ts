/**
 * `npm start`: a local n8n 2.x editor with this node, the Flow Service emulator and the example
 * workflows, ready to execute.
 *
 * 1. starts the emulator (port 8089, or a free one when taken), its state kept in .n8n-dev/;
 * 2. provisions the pinned n8n 2.x runtime when missing (scripts/runtimes/provision.sh v2);
 * 3. prepares the user folder .n8n-dev/: the package built by `npm run build` installed as a
 *    community package (again on every start), the credential "Adobe Experience Platform (local
 *    emulator)" (OAuth Server-to-Server against the emulator), the examples imported once (each
 *    with Dry Run on) and the webhook example published;
 * 4. starts n8n on http://127.0.0.1:5678 and creates the owner account on the first start.
 *
 * Ctrl-C (SIGINT) or SIGTERM stops n8n, its task runner and the emulator. Delete .n8n-dev/ to
 * start from scratch.
 */
import { spawnSync } from 'child_process';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import * as path from 'path';

import {
	DEFAULT_CLIENT_ID,
	DEFAULT_CLIENT_SECRET,
	DEFAULT_IMS_ORG,
	STATIC_ACCESS_TOKEN,
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_FLOW_ID,
	TUTORIAL_NEW_AUDIENCE_ID,
	startEmulator,
	type RunningEmulator,
} from '../emulator';
import {
	N8nServer,
	getRuntime,
	groupAlive,
	importCredentials,
	importWorkflows,
	installCommunityPackage,
	isProvisioned,
	openPersistentFolder,
	ownerIsSetUp,
	publishWorkflow,
	unpublishWorkflow,
	repoRoot,
	setupOwner,
	startServer,
	stopAllGroups,
} from '../local-n8n';
import {
	CAMPAIGN_WEBHOOK_PATH,
	DEV_OWNER,
	EXAMPLE_CREDENTIAL,
	EXAMPLE_IDS,
	emulatorExampleCredentials,
	exampleWorkflows,
} from '../local-n8n/project';

const DEV_DIR = path.join(repoRoot, '.n8n-dev');
const STATE_FILE = path.join(DEV_DIR, 'dev-state.json');
const EMULATOR_STATE_FILE = path.join(DEV_DIR, 'emulator-state.json');
const EDITOR_PORT = 5678;
const EMULATOR_PORT = 8089;

/** What this script already did in .n8n-dev (so that a restart neither duplicates nor overwrites). */
interface DevState {
	/** Emulator URL the credential points at. */
	credentialUrl?: string;
	/** Example workflows imported once; later edits in the editor are kept. */
	workflows: string[];
}

function log(message: string): void {
	console.log(`[start] ${message}`);
}

function readState(): DevState {
	// A state file without n8n's database next to it describes nothing.
	if (!existsSync(STATE_FILE) || !existsSync(path.join(DEV_DIR, '.n8n', 'database.sqlite')))
		return { workflows: [] };
	return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as DevState;
}

function writeState(state: DevState): void {
	writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
}

async function portIsFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

async function startLocalEmulator(): Promise<RunningEmulator> {
	try {
		return await startEmulator({ port: EMULATOR_PORT, dataFile: EMULATOR_STATE_FILE });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
		log(`port ${EMULATOR_PORT} is taken: the emulator uses a free port instead`);
		return await startEmulator({ port: 0, dataFile: EMULATOR_STATE_FILE });
	}
}

function provisionV2(): void {
	if (isProvisioned('v2')) return;
	const runtime = getRuntime('v2');
	log(
		`n8n ${runtime.n8nVersion} is not installed yet: installing it once (several minutes, about 3 GB) into ${path.dirname(runtime.dir)}`,
	);
	const result = spawnSync(
		'bash',
		[path.join(repoRoot, 'scripts', 'runtimes', 'provision.sh'), 'v2'],
		{ stdio: 'inherit' },
	);
	if (result.status !== 0)
		throw new Error(
			`scripts/runtimes/provision.sh v2 failed (exit ${result.status ?? result.signal})`,
		);
}

/**
 * The webhook example answers on two URLs: the production one (published, runs in the background)
 * and the test one, which the editor listens on after Execute workflow and shows on the canvas.
 */
function webhookLines(serverUrl: string, body: string): string[] {
	const curl = (prefix: string) => [
		`                 curl -s -X POST ${serverUrl}/${prefix}/${CAMPAIGN_WEBHOOK_PATH} -H 'content-type: application/json' \\`,
		`                   -d '${body}'`,
	];
	return [
		`  webhook      "Add and remove audiences on a webhook call" is published (Dry Run on: it answers what it`,
		`               would change); its production URL runs it in the background (see Executions in the editor):`,
		...curl('webhook'),
		`  test URL     to watch a run on the canvas, open the workflow and press Execute workflow: the editor`,
		`               then waits for one call on the test URL:`,
		...curl('webhook-test'),
	];
}

let emulator: RunningEmulator | undefined;
let server: N8nServer | undefined;
let stopping: Promise<void> | undefined;

/** Stops everything this script started; safe to call more than once. */
function stopAll(): Promise<void> {
	stopping ??= (async () => {
		await server?.stop().catch(() => undefined);
		await stopAllGroups(10_000).catch(() => undefined);
		await emulator?.close().catch(() => undefined);
	})();
	return stopping;
}

function onSignal(signal: NodeJS.Signals): void {
	if (stopping) return;
	log(`${signal}: stopping n8n and the emulator`);
	void stopAll().then(() => {
		log('stopped');
		process.exit(0);
	});
}

async function main(): Promise<void> {
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);

	emulator = await startLocalEmulator();
	log(
		`emulator: ${emulator.url} (Adobe IMS and Flow Service; state in ${path.relative(repoRoot, EMULATOR_STATE_FILE)})`,
	);

	provisionV2();
	if (!(await portIsFree(EDITOR_PORT))) {
		throw new Error(
			`port ${EDITOR_PORT} is in use (another n8n?): stop it and run npm start again`,
		);
	}

	const folder = await openPersistentFolder('v2', DEV_DIR, { port: EDITOR_PORT });
	const pkg = installCommunityPackage(folder, repoRoot);
	log(`installed the built package as a community package: ${path.relative(repoRoot, pkg.dir)}`);

	const state = readState();
	if (state.credentialUrl !== emulator.url) {
		await importCredentials(folder, emulatorExampleCredentials(emulator.url));
		state.credentialUrl = emulator.url;
		writeState(state);
		log(
			`credential "${EXAMPLE_CREDENTIAL.name}" (OAuth Server-to-Server) points at ${emulator.url}`,
		);
	}
	const examples = exampleWorkflows();
	// Examples renamed or removed since an earlier start stay in the editor, unpublished, so that a
	// webhook of theirs does not hold a path a current example publishes.
	const retired = state.workflows.filter(
		(id) => !examples.some(({ workflow }) => workflow.id === id),
	);
	for (const id of retired) await unpublishWorkflow(folder, id);
	if (retired.length) {
		state.workflows = state.workflows.filter((id) => !retired.includes(id));
		writeState(state);
		log(`unpublished examples no longer in examples/: ${retired.join(', ')}`);
	}
	const missing = examples.filter(({ workflow }) => !state.workflows.includes(workflow.id));
	if (missing.length) {
		await importWorkflows(
			folder,
			missing.map(({ workflow }) => workflow),
		);
		if (missing.some(({ workflow }) => workflow.id === EXAMPLE_IDS.webhookAddRemove)) {
			await publishWorkflow(folder, EXAMPLE_IDS.webhookAddRemove);
		}
		state.workflows.push(...missing.map(({ workflow }) => workflow.id));
		writeState(state);
		log(`imported ${missing.map(({ workflow }) => `"${workflow.name}"`).join(', ')}`);
	}

	log(`starting n8n ${folder.runtime.n8nVersion} (its log follows, prefixed with [n8n])`);
	let pending = '';
	server = await startServer(folder, {
		readyTimeoutMs: 300_000,
		webhooks: state.workflows.includes(EXAMPLE_IDS.webhookAddRemove)
			? [{ path: CAMPAIGN_WEBHOOK_PATH, method: 'POST' }]
			: [],
		onOutput: (chunk) => {
			pending += chunk;
			const lines = pending.split('\n');
			pending = lines.pop() ?? '';
			for (const line of lines) if (line.trim()) console.log(`[n8n] ${line}`);
		},
	});
	let ownerNote = '(created on the first start; change it in the editor if you like)';
	if (!(await ownerIsSetUp(server.url))) {
		await setupOwner(server.url, DEV_OWNER);
		ownerNote = '(just created)';
	}

	// The banner names a real example: the one to try first, an Add Audiences on a schedule.
	const tryFirst = examples.find(({ workflow }) => workflow.id === EXAMPLE_IDS.addAudiencesDaily);
	const curlBody = JSON.stringify({
		flowId: TUTORIAL_FLOW_ID,
		add: [{ id: TUTORIAL_NEW_AUDIENCE_ID }],
		remove: [TUTORIAL_AUDIENCE_IDS[3]],
	});
	console.log(
		[
			'',
			'================================================================================',
			`  n8n editor   ${server.url}   (n8n ${folder.runtime.n8nVersion}, data in .n8n-dev/)`,
			`  login        ${DEV_OWNER.email} / ${DEV_OWNER.password}   ${ownerNote}`,
			`  examples     Overview > open an example, e.g. "${tryFirst?.workflow.name}" > Execute workflow`,
			'               (each ships with Dry Run on: it shows what it would change and sends nothing)',
			`  credential   "${EXAMPLE_CREDENTIAL.name}": OAuth Server-to-Server against the emulator`,
			`  emulator     ${emulator.url}   client id ${DEFAULT_CLIENT_ID}, secret ${DEFAULT_CLIENT_SECRET},`,
			`               org ${DEFAULT_IMS_ORG}, static token ${STATIC_ACCESS_TOKEN}`,
			`  flow state   curl -s ${emulator.url}/__emulator/flows/${TUTORIAL_FLOW_ID}`,
			...webhookLines(server.url, curlBody),
			'  Ctrl-C stops n8n and the emulator.',
			'================================================================================',
			'',
		].join('\n'),
	);

	// Runs until a signal; if n8n dies on its own, stop the rest and fail.
	const pid = server.pid;
	const watch = setInterval(() => {
		if (stopping || groupAlive(pid)) return;
		clearInterval(watch);
		console.error(`[start] n8n exited unexpectedly; last output:\n${server?.logs().slice(-3_000)}`);
		void stopAll().then(() => process.exit(1));
	}, 1_000);
}

main().catch((error: unknown) => {
	console.error(`[start] ${(error as Error).stack ?? String(error)}`);
	void stopAll().then(() => process.exit(1));
});
