/**
 * Debian's Chromium, headless, driven by playwright-core: shared by the editor suite and
 * `npm run screenshot`. Every launch gets a fresh, temporary profile (user data dir).
 */
import { existsSync } from 'fs';

import { chromium, selectors, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Throws with the install command when Chromium is missing (the editor suite fails, never skips). */
export function requireChromium(): void {
	if (existsSync(CHROMIUM)) return;
	throw new Error(
		`Chromium is not installed at ${CHROMIUM}. Install Debian's package first:\n` +
			'  sudo apt-get update && sudo apt-get install -y chromium\n' +
			'or point CHROMIUM_PATH at another Chromium binary (.ci/run installs it when missing).',
	);
}

export async function launchChromium(): Promise<Browser> {
	requireChromium();
	// n8n marks its elements with data-test-id (its own Playwright config sets the same).
	selectors.setTestIdAttribute('data-test-id');
	// launch() creates a fresh temporary --user-data-dir for every browser and deletes it on close.
	return await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}
