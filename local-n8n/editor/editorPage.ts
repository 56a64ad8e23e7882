/**
 * The n8n 2.x editor as the editor suite and `npm run screenshot` drive it. Elements are found by
 * their `data-test-id`, as n8n's own Playwright page objects find them (packages/testing/playwright:
 * SignInPage, NodeCreator, NodeDetailsViewPage, CredentialModal), checked against 2.41.1; visible
 * text is used only to pick an item by the name this package or the emulator gives it.
 */
import { mkdirSync } from 'fs';
import * as path from 'path';

import type { Locator, Page } from 'playwright-core';

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** What the output pane shows after a run: the items (JSON view) or the node's error. */
export interface StepOutput {
	items?: Array<Record<string, unknown>>;
	error?: { message: string; description: string };
}

const EXECUTION_TIMEOUT_MS = 120_000;
/** Node.DOCUMENT_POSITION_FOLLOWING (no DOM typings here). */
const FOLLOWING = 4;

export class EditorPage {
	private shot = 0;

	constructor(
		readonly page: Page,
		readonly url: string,
		/** Folder for the numbered screenshots of each step; none when undefined. */
		private readonly screenshotDir?: string,
	) {}

	byTestId(id: string): Locator {
		return this.page.getByTestId(id);
	}

	get ndv(): Locator {
		return this.byTestId('ndv');
	}

	get outputPanel(): Locator {
		return this.ndv.getByTestId('output-panel');
	}

	/** Saves `<NN>-<name>.png` of the whole window and returns its path. */
	async screenshot(name: string): Promise<string | undefined> {
		if (!this.screenshotDir) return undefined;
		mkdirSync(this.screenshotDir, { recursive: true });
		this.shot += 1;
		const file = path.join(this.screenshotDir, `${String(this.shot).padStart(2, '0')}-${name}.png`);
		await this.page.screenshot({ path: file });
		return file;
	}

	/**
	 * Loads a page of the editor. The editor also routes by itself (after signing up, or when a
	 * session ends), and Chromium aborts a navigation that one of its own overtakes: then wait for
	 * that one to settle and ask again.
	 */
	async open(url: string): Promise<void> {
		for (let attempt = 1; ; attempt++) {
			try {
				await this.page.goto(url, { waitUntil: 'domcontentloaded' });
				return;
			} catch (error) {
				if (attempt >= 3 || !String(error).includes('net::ERR_ABORTED')) throw error;
				await this.page.waitForLoadState('domcontentloaded');
			}
		}
	}

	/** The owner setup form n8n shows on its first start; ends signed in. */
	async setUpOwner(owner: Owner): Promise<void> {
		await this.open(`${this.url}/setup`);
		const form = this.byTestId('setup-form');
		await form.waitFor({ timeout: 120_000 });
		await form.getByTestId('email').locator('input').fill(owner.email);
		await form.getByTestId('firstName').locator('input').fill(owner.firstName);
		await form.getByTestId('lastName').locator('input').fill(owner.lastName);
		await form.getByTestId('password').locator('input').fill(owner.password);
		await form.getByTestId('form-submit-button').click();
		await this.page.waitForURL((url) => !url.pathname.startsWith('/setup'));
	}

	async signIn(email: string, password: string): Promise<void> {
		await this.open(`${this.url}/signin`);
		await this.byTestId('emailOrLdapLoginId').locator('input').fill(email);
		await this.byTestId('password').locator('input').fill(password);
		await this.byTestId('form-submit-button').click();
		await this.page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	}

	/** A new, empty workflow's canvas. */
	async newWorkflow(): Promise<void> {
		await this.open(`${this.url}/workflow/new`);
		await this.byTestId('canvas-add-button').waitFor({ timeout: 120_000 });
	}

	/**
	 * The workflow open now, loaded again at its own address (/workflow/<id>, without the node a
	 * panel shows): its nodes on the canvas, no panel open. A prompt about unsaved changes is accepted.
	 */
	async reopenWorkflow(): Promise<void> {
		const workflow = /^\/workflow\/[^/]+/.exec(new URL(this.page.url()).pathname)?.[0];
		if (!workflow) throw new Error(`no workflow open at ${this.page.url()}`);
		const accept = (dialog: { accept(): Promise<void> }) => void dialog.accept();
		this.page.once('dialog', accept);
		await this.open(`${this.url}${workflow}`);
		this.page.off('dialog', accept);
		await this.byTestId('canvas-node').first().waitFor({ timeout: 120_000 });
	}

	/** Opens the node creator and searches; returns the results as name and description. */
	async searchNodes(text: string): Promise<Array<{ name: string; description: string }>> {
		await this.byTestId('node-creator-plus-button').click();
		const creator = this.byTestId('node-creator');
		await creator.waitFor();
		const names = creator.getByTestId('node-creator-item-name');
		await names.first().waitFor();
		const before = (await names.allInnerTexts()).join('\n');
		await this.byTestId('node-creator-search-bar').fill(text);
		await this.waitUntil(
			async () => (await names.allInnerTexts()).join('\n') !== before,
			'the node creator to show search results',
		);
		// Read in one go: the list re-renders while results arrive.
		return await creator.getByTestId('item-iterator-item').evaluateAll((items) =>
			items
				.map((item) => ({
					name: item.querySelector('[data-test-id="node-creator-item-name"]')?.textContent?.trim(),
					description:
						item
							.querySelector('[data-test-id="node-creator-item-description"]')
							?.textContent?.trim() ?? '',
				}))
				.filter((item): item is { name: string; description: string } => Boolean(item.name)),
		);
	}

	/** Opens a search result and its Actions category; returns the action names as listed. */
	/**
	 * Opens the node's actions and reads their names. The list renders in steps after the category
	 * opens, so it is read once at least `expected` names are there (or the wait ends, and the
	 * caller's assertion shows what was missing).
	 */
	async openActions(
		nodeName: string,
		expected = 1,
	): Promise<{ header: string; actions: string[] }> {
		const creator = this.byTestId('node-creator');
		await creator
			.getByTestId('item-iterator-item')
			.filter({ has: this.page.getByTestId('node-creator-item-name').getByText(nodeName) })
			.first()
			.click();
		const header = await this.byTestId('nodes-list-header').first().innerText();
		const categories = creator.getByTestId('node-creator-category-item');
		await categories.first().waitFor();
		// Triggers are listed first and open; the actions category is the last one, closed.
		const actionsCategory = categories.last();
		await actionsCategory.click();
		const readActions = () =>
			actionsCategory.evaluate(
				(category, following) =>
					[...category.ownerDocument.querySelectorAll('[data-test-id="node-creator-item-name"]')]
						.filter((name) => category.compareDocumentPosition(name) & following)
						.map((name) => name.textContent?.trim() ?? ''),
				FOLLOWING,
			);
		let actions = await readActions();
		for (let tries = 0; actions.length < expected && tries < 60; tries++) {
			await this.page.waitForTimeout(250);
			actions = await readActions();
		}
		return { header, actions };
	}

	/** Clicks an action in the open actions list; the node's panel (NDV) opens. */
	async pickAction(action: string): Promise<void> {
		await this.byTestId('node-creator')
			.getByTestId('node-creator-item-name')
			.getByText(action, { exact: true })
			.click();
		await this.ndv.waitFor();
		await this.ndv.getByTestId('node-parameters').waitFor();
	}

	/** Clicks a node in the node creator's search results by its name; its panel (NDV) opens. */
	async pickNode(name: string): Promise<void> {
		await this.byTestId('node-creator')
			.getByTestId('node-creator-item-name')
			.getByText(name, { exact: true })
			.click();
		await this.ndv.getByTestId('node-parameters').waitFor();
	}

	/** Chooses an option of an options parameter in the open panel by its label. */
	async chooseOption(parameter: string, label: string): Promise<void> {
		await this.ndv.getByTestId(`parameter-input-${parameter}`).click();
		// An option shows its description under its label.
		await this.clickVisible(this.page.getByRole('option'), label);
	}

	/** The option an options parameter in the open panel shows as chosen. */
	async optionShown(parameter: string): Promise<string> {
		return await this.parameterInput(parameter).locator('input').inputValue();
	}

	/**
	 * Opens the list of an options or multi-options parameter and returns the options' names in the
	 * order listed (each option shows its description under its name). Options loaded from the API
	 * arrive together, so the list is read once it shows any; it stays open.
	 */
	async optionsListed(parameter: string): Promise<string[]> {
		await this.parameterInput(parameter).click();
		const options = this.page.getByRole('option').filter({ visible: true });
		await this.waitUntil(
			async () => (await options.count()) > 0,
			`the options of ${parameter} to load`,
		);
		return (await options.allInnerTexts()).map((text) => text.trim().split('\n')[0].trim());
	}

	/** Closes an open dropdown list (Escape closes the list, not the panel). */
	async closeList(): Promise<void> {
		await this.page.keyboard.press('Escape');
		await this.page
			.getByRole('option')
			.filter({ visible: true })
			.first()
			.waitFor({ state: 'hidden' });
	}

	/** A parameter's input in the open panel (absent while its display options hide it). */
	parameterInput(parameter: string): Locator {
		return this.ndv.getByTestId(`parameter-input-${parameter}`);
	}

	/**
	 * The text n8n shows for a parameter's description: a tooltip on the help icon next to its label,
	 * which shows while the label is hovered. The icon has no data-test-id; its data-icon is used.
	 */
	async parameterTooltip(parameter: string): Promise<string> {
		const label = this.ndv
			.getByTestId('parameter-item')
			.filter({ has: this.page.getByTestId(`parameter-input-${parameter}`) })
			.getByTestId('input-label')
			.first();
		await label.hover();
		await label.locator('[data-icon="circle-help"]').hover();
		const tooltip = this.page.getByTestId('tooltip-content').filter({ visible: true });
		await tooltip.waitFor();
		return (await tooltip.innerText()).trim();
	}

	/**
	 * The credential types a credential-type parameter (the HTTP Request node's Credential Type)
	 * lists when `search` is typed into it, as the list shows them.
	 */
	async credentialTypesListed(parameter: string, search: string): Promise<string[]> {
		const select = this.ndv
			.getByTestId(`parameter-input-${parameter}`)
			.getByTestId('credential-select');
		await select.click();
		await select.locator('input').fill(search);
		const options = this.page.getByTestId('credential-select-option').filter({ visible: true });
		let listed: string[] = [];
		await this.waitUntil(
			async () => {
				listed = (await options.allInnerTexts()).map((text) => text.trim());
				return (
					listed.length > 0 &&
					listed.every((text) => text.toLowerCase().includes(search.toLowerCase()))
				);
			},
			() => `the list to show only types matching "${search}" (shown: ${listed.join(' | ')})`,
		);
		return listed;
	}

	async chooseCredential(name: string): Promise<string> {
		const select = this.ndv.getByTestId('node-credentials-select');
		await select.click();
		// Each option shows the credential's name above its type's name.
		await this.clickVisible(this.page.getByRole('option'), name);
		return await select.locator('input').inputValue();
	}

	/** The resource locator of a parameter, within `scope` (an entry of a fixed collection, say). */
	resourceLocator(parameter: string, scope: Locator = this.ndv): Locator {
		return scope.getByTestId(`resource-locator-${parameter}`);
	}

	/** Opens a resource locator's list, searches and picks the item; returns what the field shows. */
	async pickFromList(locator: Locator, search: string, item: string): Promise<string> {
		await locator.getByTestId('rlc-input').click();
		await this.page.getByTestId('rlc-search').filter({ visible: true }).fill(search);
		await this.clickVisible(this.page.getByTestId('rlc-item'), item);
		return await locator.getByTestId('rlc-input').inputValue();
	}

	/** Opens a resource locator's list and searches; returns the entries as the list shows them. */
	async listEntries(locator: Locator, search: string): Promise<string[]> {
		await locator.getByTestId('rlc-input').click();
		await this.page.getByTestId('rlc-search').filter({ visible: true }).fill(search);
		const items = this.page.getByTestId('rlc-item').filter({ visible: true });
		let shown: string[] = [];
		await this.waitUntil(
			async () => {
				shown = (await items.allInnerTexts()).map((text) => text.trim());
				return (
					shown.length > 0 &&
					shown.every((text) => text.toLowerCase().includes(search.toLowerCase()))
				);
			},
			() => `the list to show entries matching "${search}" (shown: ${shown.join(' | ')})`,
		);
		return shown;
	}

	/** Clicks the first visible one of `candidates` that shows `text` (dropdowns render into the body). */
	private async clickVisible(candidates: Locator, text: string): Promise<void> {
		await candidates.filter({ visible: true }).filter({ hasText: text }).first().click();
	}

	/** Switches a resource locator to its By ID mode and types the value. */
	async typeById(locator: Locator, value: string): Promise<void> {
		await locator.getByTestId('rlc-mode-selector').click();
		// Modes are listed as the node defines them: From List, then By ID.
		await this.page.getByRole('option').filter({ visible: true }).nth(1).click();
		await locator.getByTestId('rlc-input').fill(value);
		await locator.getByTestId('rlc-input').blur();
	}

	fixedCollection(name: string): Locator {
		return this.ndv.getByTestId(`fixed-collection-${name}`);
	}

	async addFixedCollectionEntry(name: string): Promise<void> {
		await this.fixedCollection(name).getByTestId('fixed-collection-add').click();
	}

	/** Adds an option of the Options collection by its label. */
	async addOption(label: string): Promise<void> {
		await this.ndv.getByTestId('collection-parameter-add').click();
		await this.page.getByRole('option', { name: label, exact: true }).click();
	}

	async switchIsOn(parameter: string): Promise<boolean> {
		const input = this.ndv
			.getByTestId(`parameter-input-${parameter}`)
			.locator('input[role="switch"]');
		return (await input.getAttribute('aria-checked')) === 'true';
	}

	async setSwitch(parameter: string, on: boolean): Promise<void> {
		if ((await this.switchIsOn(parameter)) === on) return;
		await this.ndv.getByTestId(`parameter-input-${parameter}`).locator('.el-switch').click();
		if ((await this.switchIsOn(parameter)) !== on)
			throw new Error(`the ${parameter} switch did not turn ${on ? 'on' : 'off'}`);
	}

	private async outputSnapshot(): Promise<string> {
		const container = this.outputPanel.getByTestId('ndv-data-container');
		return (await container.count()) ? await container.innerText() : '';
	}

	/**
	 * Clicks Execute step and waits until the output pane shows a new result (its text changes from
	 * what it showed before), then reads it: the items from the JSON view, or the node's error.
	 */
	async executeStep(): Promise<StepOutput> {
		// An earlier step's notification can sit over the button; a new one tells why nothing ran.
		const toasts = await this.dismissNotifications();
		const before = await this.outputSnapshot();
		await this.ndv.getByTestId('node-execute-button').click();
		const status = this.outputPanel.locator(
			'[data-test-id="node-run-status-success"], [data-test-id="node-run-status-danger"]',
		);
		let notice = '';
		await this.waitUntil(
			async () => {
				if ((await toasts.count()) > 0) notice = await toasts.first().innerText();
				return (await status.count()) > 0 && (await this.outputSnapshot()) !== before;
			},
			() => `a new result in the output pane (notification: ${notice || 'none'})`,
			EXECUTION_TIMEOUT_MS,
		);
		return await this.readOutput();
	}

	async readOutput(): Promise<StepOutput> {
		const error = this.outputPanel.getByTestId('node-error-message');
		if (await error.count()) {
			const description = this.outputPanel.getByTestId('node-error-description');
			return {
				error: {
					message: await error.innerText(),
					description: (await description.count()) ? await description.innerText() : '',
				},
			};
		}
		await this.outputPanel.getByTestId('radio-button-json').click();
		// The JSON view renders in steps: read until the text is whole JSON.
		let items: Array<Record<string, unknown>> | undefined;
		let text = '';
		await this.waitUntil(
			async () => {
				// It indents with no-break spaces.
				text = (await this.outputPanel.getByTestId('ndv-data-container').innerText()).replace(
					/\u00a0/g,
					' ',
				);
				try {
					items = JSON.parse(text) as Array<Record<string, unknown>>;
					return true;
				} catch {
					return false;
				}
			},
			() => `the output pane's JSON view to render (last read:\n${text})`,
		);
		// Back to the table, the view a user sees first.
		await this.outputPanel.getByTestId('radio-button-table').click();
		return { items };
	}

	/** Clicks Execute step when the editor refuses to run; returns the notification's text. */
	async executeRefused(): Promise<string> {
		const toasts = await this.dismissNotifications();
		await this.ndv.getByTestId('node-execute-button').click();
		await toasts.first().waitFor();
		return await toasts.first().innerText();
	}

	/** Closes the notifications on screen; returns the locator of the visible ones. */
	async dismissNotifications(): Promise<Locator> {
		// Element Plus notifications carry no data-test-id in n8n 2.41.1.
		const toasts = this.page.locator('.el-notification').filter({ visible: true });
		for (const toast of await toasts.all()) {
			// It may close by itself meanwhile.
			await toast
				.locator('.el-notification__closeBtn')
				.click({ timeout: 2_000 })
				.catch(() => undefined);
		}
		await this.waitUntil(async () => (await toasts.count()) === 0, 'notifications to close');
		return toasts;
	}

	private async waitUntil(
		condition: () => Promise<boolean>,
		what: string | (() => string),
		timeoutMs = 30_000,
	): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!(await condition())) {
			if (Date.now() > deadline) {
				const described = typeof what === 'string' ? what : what();
				throw new Error(`timed out after ${timeoutMs} ms waiting for ${described}`);
			}
			await this.page.waitForTimeout(250);
		}
	}

	/** Opens the node's credential (pencil next to it); n8n tests it on opening. */
	async openCredential(): Promise<Locator> {
		await this.ndv.getByTestId('credential-edit-button').click();
		const dialog = this.byTestId('credential-edit-dialog');
		await dialog.waitFor();
		await dialog
			.getByTestId('credentials-config-container-test-success')
			.waitFor({ timeout: 60_000 });
		return dialog;
	}

	/** Runs the credential's test again with the button of its status banner; true when it passed. */
	async retestCredential(dialog: Locator): Promise<boolean> {
		const success = dialog.getByTestId('credentials-config-container-test-success');
		await success.waitFor({ timeout: 60_000 });
		const answered = this.page.waitForResponse(
			(response) =>
				response.url().endsWith('/rest/credentials/test') && response.request().method() === 'POST',
		);
		await success.getByRole('button').click();
		const response = await answered;
		const body = (await response.json()) as { data?: { status?: string } };
		await success.waitFor();
		return response.status() === 200 && body.data?.status === 'OK';
	}
}
