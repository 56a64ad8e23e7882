/**
 * `npm run screenshot`: regenerates the README's pictures of the n8n editor, taken in a real
 * Chromium: docs/node-parameters.png, the parameter panel of the Flow Service Destination node,
 * and docs/update-output.png, the output pane after an Add Audiences run.
 *
 * The parameter panel, from the example workflows of `npm start`:
 * 1. runs what `npm start` runs (dist/scripts/start.js, in its own process group) and waits for the
 *    editor URL it prints;
 * 2. logs in as the local owner over n8n's REST API and hands its auth cookie to Chromium;
 * 3. opens the example workflow "exWebhookAddRemove" with its "Add audiences" node, waits for
 *    the parameter panel to render, and writes the PNG;
 * 4. stops Chromium and the start script (SIGINT to its process group, as Ctrl-C would).
 *
 * The output pane, from the editor suite's steps (e2e/editor/): a fresh n8n and emulator, the owner
 * set up in the browser, an Add Audiences step built from the node creator with the dataflow and
 * the audience picked from the lists, executed for real.
 *
 * Needs Debian's Chromium at /usr/bin/chromium (`apt-get install chromium`) or CHROMIUM_PATH, as
 * the editor suite does (.ci/run installs it).
 */
import { spawn, type ChildProcess } from 'child_process';
import { mkdirSync } from 'fs';
import * as path from 'path';

import type { Browser, Page } from 'playwright-core';

import { launchChromium, requireChromium } from '../local-n8n/editor/browser';
import { EditorPage } from '../local-n8n/editor/editorPage';
import { EDITOR_OWNER, buildAddAudiencesStep } from '../local-n8n/editor/scenario';
import { startEditorSession } from '../local-n8n/editor/session';
import { login, repoRoot } from '../local-n8n';
import { DEV_OWNER, EXAMPLE_IDS } from '../local-n8n/project';

const OUTPUT = path.join(repoRoot, 'docs', 'node-parameters.png');
const UPDATE_OUTPUT = path.join(repoRoot, 'docs', 'update-output.png');
const NODE_NAME = 'Add audiences';
const VIEWPORT = { width: 1440, height: 900 };
const OUTPUT_VIEWPORT = { width: 1920, height: 1000 };
const OUTPUT_HEIGHT = 480;
const START_TIMEOUT_MS = 15 * 60_000;

function log(message: string): void {
	console.log(`[screenshot] ${message}`);
}

/** Runs dist/scripts/start.js (what `npm start` runs) and resolves with the editor URL once it is up. */
function startEditor(): { child: ChildProcess; ready: Promise<string> } {
	const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'scripts', 'start.js')], {
		cwd: repoRoot,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const ready = new Promise<string>((resolve, reject) => {
		let output = '';
		const timer = setTimeout(
			() =>
				reject(new Error(`npm start printed no editor URL within ${START_TIMEOUT_MS / 1000} s`)),
			START_TIMEOUT_MS,
		);
		const onData = (chunk: Buffer): void => {
			const text = chunk.toString();
			output += text;
			for (const line of text.split('\n')) if (line.startsWith('[start]')) console.log(line);
			const url = /n8n editor\s+(http:\/\/\S+)/.exec(output)?.[1];
			if (url) {
				clearTimeout(timer);
				resolve(url);
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			reject(
				new Error(
					`the start script exited (${code ?? signal}) before the editor was up; last output:\n${output.slice(-3_000)}`,
				),
			);
		});
	});
	return { child, ready };
}

/** SIGINT to the start script's process group (n8n, its task runner, the emulator), as Ctrl-C would. */
async function stopEditor(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const signal = (name: NodeJS.Signals): void => {
		try {
			process.kill(-child.pid!, name);
		} catch {
			// already gone
		}
	};
	signal('SIGINT');
	const timeout = new Promise<'timeout'>((resolve) =>
		setTimeout(() => resolve('timeout'), 30_000).unref(),
	);
	if ((await Promise.race([exited, timeout])) === 'timeout') {
		log('the start script did not stop within 30 s: sending SIGKILL');
		signal('SIGKILL');
		await exited;
	}
}

/** Opens the workflow with the node's panel: the /workflow/<id>/<nodeId> URL, else a double-click on the node. */
async function openNodePanel(page: Page, url: string): Promise<void> {
	const workflowUrl = `${url}/workflow/${EXAMPLE_IDS.webhookAddRemove}`;
	await page.goto(workflowUrl, { waitUntil: 'domcontentloaded' });
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${NODE_NAME}"]`);
	await node.waitFor({ state: 'visible', timeout: 120_000 });
	await node.dblclick();
	const panel = page.locator('[data-test-id="ndv"]');
	await panel.waitFor({ state: 'visible', timeout: 60_000 });
	await page
		.locator('[data-test-id="ndv"] [data-test-id="parameter-input-operation"]')
		.first()
		.waitFor({ state: 'visible', timeout: 60_000 });
	// Let the resource locator, the expression previews and the input/output panes settle.
	await page.waitForLoadState('networkidle').catch(() => undefined);
	await page.waitForTimeout(2_000);
}

/** Runs `body`, then `stop`, also when it fails or on Ctrl-C / SIGTERM. */
async function withCleanup(stop: () => Promise<void>, body: () => Promise<void>): Promise<void> {
	let stopping: Promise<void> | undefined;
	const stopOnce = (): Promise<void> => (stopping ??= stop());
	const onSignal = (): void => void stopOnce().then(() => process.exit(130));
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	try {
		await body();
	} finally {
		await stopOnce();
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
	}
}

/** docs/node-parameters.png: the example's Add audiences node, in `npm start`'s editor. */
async function nodeParameters(): Promise<void> {
	const editor = startEditor();
	let browser: Browser | undefined;
	const stop = async (): Promise<void> => {
		await browser?.close().catch(() => undefined);
		await stopEditor(editor.child);
	};
	await withCleanup(stop, async () => {
		const url = await editor.ready;
		log(`editor up at ${url}; logging in as ${DEV_OWNER.email}`);
		const auth = await login(url, DEV_OWNER.email, DEV_OWNER.password);
		const [cookieName, ...rest] = auth.cookie.split('=');

		browser = await launchChromium();
		const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
		await context.addCookies([{ name: cookieName, value: rest.join('='), url }]);
		const page = await context.newPage();

		await openNodePanel(page, url);
		mkdirSync(path.dirname(OUTPUT), { recursive: true });
		await page.screenshot({ path: OUTPUT });
		log(`wrote ${path.relative(repoRoot, OUTPUT)}`);
	});
}

/** docs/update-output.png: the output pane after the editor suite's Add Audiences run. */
async function updateOutput(): Promise<void> {
	log("starting a fresh n8n and emulator for the editor suite's steps");
	const session = await startEditorSession();
	let browser: Browser | undefined;
	const stop = async (): Promise<void> => {
		await browser?.close().catch(() => undefined);
		await session.stop();
	};
	await withCleanup(stop, async () => {
		browser = await launchChromium();
		// Wider than the parameter shot, so that the output pane shows more columns.
		const page = await browser.newPage({ viewport: OUTPUT_VIEWPORT, deviceScaleFactor: 1 });
		page.setDefaultTimeout(60_000);
		const editor = new EditorPage(page, session.url);
		await editor.setUpOwner(EDITOR_OWNER);
		await buildAddAudiencesStep(editor, session.credentialName);
		const output = await editor.executeStep();
		if (output.error) throw new Error(`the Add Audiences step failed: ${output.error.message}`);
		await editor.dismissNotifications();
		const pane = await editor.outputPanel.boundingBox();
		if (!pane) throw new Error('the output pane is not on screen');
		// The item fills the top of the pane; the rest is empty.
		await page.screenshot({
			path: UPDATE_OUTPUT,
			clip: { ...pane, height: Math.min(pane.height, OUTPUT_HEIGHT) },
		});
		log(`wrote ${path.relative(repoRoot, UPDATE_OUTPUT)}`);
	});
}

async function main(): Promise<void> {
	try {
		requireChromium();
	} catch (error) {
		console.error(`[screenshot] ${(error as Error).message}`);
		process.exit(1);
	}
	await nodeParameters();
	await updateOutput();
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(`[screenshot] ${(error as Error).stack ?? String(error)}`);
		process.exit(1);
	},
);
