/**
 * `npm run screenshot`: regenerates docs/node-parameters.png, the parameter panel of the
 * Flow Service Destination node in the n8n editor, taken in a real Chromium.
 *
 * 1. runs what `npm start` runs (dist/scripts/start.js, in its own process group) and waits for the
 *    editor URL it prints;
 * 2. logs in as the local owner over n8n's REST API and hands its auth cookie to Chromium;
 * 3. opens the example workflow "exWebhookCampaignUpdate" with its "Add audiences" node, waits for
 *    the parameter panel to render, and writes the PNG;
 * 4. stops Chromium and the start script (SIGINT to its process group, as Ctrl-C would).
 *
 * Needs Debian's Chromium at /usr/bin/chromium (`apt-get install chromium`) or CHROMIUM_PATH; the
 * tests and CI do not need it.
 */
import { spawn, type ChildProcess } from 'child_process';
import { existsSync, mkdirSync } from 'fs';
import * as path from 'path';

import { chromium, type Browser, type Page } from 'playwright-core';

import { login, repoRoot } from '../e2e/lib';
import { DEV_OWNER, EXAMPLE_IDS } from '../e2e/project';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUTPUT = path.join(repoRoot, 'docs', 'node-parameters.png');
const NODE_NAME = 'Add audiences';
const VIEWPORT = { width: 1440, height: 900 };
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
	const workflowUrl = `${url}/workflow/${EXAMPLE_IDS.webhookCampaignUpdate}`;
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

async function main(): Promise<void> {
	if (!existsSync(CHROMIUM)) {
		console.error(
			`[screenshot] Chromium is not installed at ${CHROMIUM}. Install Debian's package first:\n` +
				'  sudo apt-get update && sudo apt-get install -y chromium\n' +
				'or point CHROMIUM_PATH at another Chromium binary.',
		);
		process.exit(1);
	}

	const editor = startEditor();
	let browser: Browser | undefined;
	let stopping = false;
	const stop = async (): Promise<void> => {
		if (stopping) return;
		stopping = true;
		await browser?.close().catch(() => undefined);
		await stopEditor(editor.child);
	};
	for (const name of ['SIGINT', 'SIGTERM'] as const) {
		process.on(name, () => void stop().then(() => process.exit(130)));
	}

	try {
		const url = await editor.ready;
		log(`editor up at ${url}; logging in as ${DEV_OWNER.email}`);
		const auth = await login(url, DEV_OWNER.email, DEV_OWNER.password);
		const [cookieName, ...rest] = auth.cookie.split('=');

		// launch() gives every run a fresh, temporary profile (user data dir).
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
		const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
		await context.addCookies([{ name: cookieName, value: rest.join('='), url }]);
		const page = await context.newPage();

		await openNodePanel(page, url);
		mkdirSync(path.dirname(OUTPUT), { recursive: true });
		await page.screenshot({ path: OUTPUT });
		log(`wrote ${path.relative(repoRoot, OUTPUT)}`);
	} finally {
		await stop();
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(`[screenshot] ${(error as Error).stack ?? String(error)}`);
		process.exit(1);
	},
);
