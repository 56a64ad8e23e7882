/**
 * The node as a new user meets it in the n8n 2.x editor, in headless Chromium: set up the owner,
 * build an Add Audiences step from the node creator (which describes the action node with its own
 * text), pick the dataflow and the audience from the lists (two audiences of one name told apart by
 * their IDs), dry-run, run for real (the emulator's request log holds the exact PATCH), provoke a
 * wrong-format and an unknown audience ID, test the credential, search the node creator again for a
 * next step, and find the credential in the HTTP Request node's Predefined Credential Type list.
 * Then a Create a dataset export step: its Dataset Names or IDs list shows the prod sandbox's
 * exportable datasets by name, alphabetically; Frequency shows in the default incremental mode,
 * and End Time's tooltip tells of Adobe's six-month end.
 * Each step leaves a screenshot in e2e/editor/screenshots/ (git-ignored); `npm run screenshot`
 * copies the output pane from the same steps into the README's picture.
 *
 * Needs Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH): without it the suite fails.
 */
import type { Browser } from 'playwright-core';

import {
	CONNECTION_SPECS,
	DATASET_IDS,
	DATASET_NAMES,
	PROFILE_MAPPING_AUDIENCE_ID,
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_FLOW_ETAG,
	TUTORIAL_FLOW_ID,
	TUTORIAL_NEW_AUDIENCE_ID,
	TUTORIAL_NEW_AUDIENCE_NAME,
	type LoggedRequest,
} from '../../emulator';
import { describeWithRuntime } from '../runtimeSuite';
import { flowAudiences, toCall } from '../../local-n8n/project';
import { FlowServiceDestination } from '../../nodes/FlowServiceDestination/FlowServiceDestination.node';
import { datasetExportModes } from '../../nodes/FlowServiceDestination/descriptions/datasetExportFields';
import { READABLE_KEYS } from '../../nodes/FlowServiceDestination/update/summary';
import { launchChromium, requireChromium } from '../../local-n8n/editor/browser';
import { EditorPage, type StepOutput } from '../../local-n8n/editor/editorPage';
import {
	ADD_AUDIENCES_ACTION,
	AUDIENCE_PICK,
	CREATE_DATASET_EXPORT_ACTION,
	DATAFLOW_PICK,
	EDITOR_OWNER,
	NODE_NAME,
	NODE_SEARCH,
	SCREENSHOT_DIR,
} from '../../local-n8n/editor/scenario';
import { startEditorSession, type EditorSession } from '../../local-n8n/editor/session';

const UNKNOWN_AUDIENCE_ID = '11111111-2222-4333-8444-555555555555';
const SELECTORS_PATH = '/transformations/0/params/segmentSelectors/selectors/-';
/** The operation that adds the picked audience (its name aside, which the audience check fills). */
const ADD_PICKED_AUDIENCE = {
	op: 'add',
	path: SELECTORS_PATH,
	value: { type: 'PLATFORM_SEGMENT', value: { id: TUTORIAL_NEW_AUDIENCE_ID } },
};

/** Every action of the node, resource by resource, as its Operation lists name them. */
function actionLabels(): string[] {
	return new FlowServiceDestination().description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((operation) => (operation.options ?? []) as Array<{ action?: string }>)
		.map((option) => option.action ?? '');
}

/** The prod sandbox's exportable datasets by name, as a user reads a list: alphabetically. */
const PROD_DATASET_NAMES = (Object.keys(DATASET_IDS.prod) as Array<keyof typeof DATASET_IDS.prod>)
	.map((key) => DATASET_NAMES[key])
	.sort((a, b) => a.localeCompare(b));
const EXPORTABLE_DATASETS_PATH = `/connectionSpecs/${CONNECTION_SPECS.dataLakeSource}/configs`;

/** A parameter of Dataset Export › Create, as the node describes it. */
function createParameter(name: string) {
	const property = new FlowServiceDestination().description.properties.find(
		(candidate) =>
			candidate.name === name &&
			candidate.displayOptions?.show?.resource?.includes('datasetExport') &&
			candidate.displayOptions.show.operation?.includes('create'),
	);
	if (!property) throw new Error(`no ${name} parameter in Dataset Export › Create`);
	return property;
}

function patches(requests: LoggedRequest[]): LoggedRequest[] {
	return requests.filter((request) => request.method === 'PATCH');
}

describeWithRuntime(
	'v2',
	(n8n) => `the editor in Chromium, n8n ${n8n}`,
	() => {
		let session: EditorSession;
		let browser: Browser;
		let editor: EditorPage;
		let searchResults: Array<{ name: string; description: string }> = [];
		let dryRun: StepOutput;
		let dryRunRequests: LoggedRequest[];
		let realRun: StepOutput;
		let realRunRequests: LoggedRequest[];

		/** Executes the step and returns its output with the requests the emulator got meanwhile. */
		async function runStep(screenshot: string) {
			session.emulator.clearRequests();
			const output = await editor.executeStep();
			const requests = session.emulator.requests();
			await editor.screenshot(screenshot);
			return { output, requests };
		}

		beforeAll(async () => {
			requireChromium();
			session = await startEditorSession();
			browser = await launchChromium();
			const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
			const page = await context.newPage();
			page.setDefaultTimeout(60_000);
			editor = new EditorPage(page, session.url, SCREENSHOT_DIR);
		});

		afterAll(async () => {
			await browser?.close();
			await session?.stop();
		});

		it('a new user sets up the owner account, then signs in with it', async () => {
			await editor.setUpOwner(EDITOR_OWNER);
			await editor.screenshot('owner-set-up');
			await editor.page.context().clearCookies();
			await editor.signIn(EDITOR_OWNER.email, EDITOR_OWNER.password);
			await editor.screenshot('signed-in');
			expect(new URL(editor.page.url()).pathname).not.toMatch(/^\/(setup|signin)/);
		});

		it(`finds the node by searching "${NODE_SEARCH}" in the node creator`, async () => {
			await editor.newWorkflow();
			searchResults = await editor.searchNodes(NODE_SEARCH);
			await editor.screenshot('node-search');
			expect(searchResults.map((result) => result.name)).toContain(NODE_NAME);
		});

		it('the search result describes the action node with its own text (n8n shows the trigger’s there)', () => {
			const result = searchResults.find((entry) => entry.name === NODE_NAME);
			expect(result?.description).toBe(new FlowServiceDestination().description.description);
		});

		it(`lists the ${actionLabels().length} actions of every resource, as the node names them`, async () => {
			const { actions } = await editor.openActions(NODE_NAME, actionLabels().length);
			await editor.screenshot('actions-list');
			expect(actions).toEqual(actionLabels());
		});

		it('picks Add Audiences and chooses the credential', async () => {
			await editor.pickAction(ADD_AUDIENCES_ACTION);
			const chosen = await editor.chooseCredential(session.credentialName);
			await editor.screenshot('add-audiences-credential');
			expect(chosen).toBe(session.credentialName);
		});

		it('picks the dataflow and the audience from the lists; two audiences of one name show their IDs', async () => {
			const dataflow = await editor.pickFromList(
				editor.resourceLocator('flowId'),
				DATAFLOW_PICK.search,
				DATAFLOW_PICK.item,
			);
			await editor.addFixedCollectionEntry('audiences');
			const audienceLocator = editor.resourceLocator('id', editor.fixedCollection('audiences'));
			const alike = await editor.listEntries(audienceLocator, 'Mountain Biking');
			await editor.screenshot('audiences-of-one-name');
			const audience = await editor.pickFromList(
				audienceLocator,
				AUDIENCE_PICK.search,
				AUDIENCE_PICK.item,
			);
			await editor.screenshot('dataflow-and-audience-picked');
			expect(dataflow).toBe(DATAFLOW_PICK.item);
			expect(audience).toBe(`${AUDIENCE_PICK.item} (${TUTORIAL_NEW_AUDIENCE_ID})`);
			expect(alike.sort()).toEqual(
				[TUTORIAL_AUDIENCE_IDS[0], PROFILE_MAPPING_AUDIENCE_ID]
					.map((id) => `Interested in Mountain Biking (${id})`)
					.sort(),
			);
		});

		it('turns on Dry Run and executes the step: nothing is sent', async () => {
			await editor.addOption('Dry Run');
			await editor.setSwitch('dryRun', true);
			({ output: dryRun, requests: dryRunRequests } = await runStep('dry-run-output'));
			expect(dryRun.error).toBeUndefined();
			expect(dryRun.items).toHaveLength(1);
			expect(patches(dryRunRequests)).toEqual([]);
			expect(dryRun.items![0]).toMatchObject({
				flowId: TUTORIAL_FLOW_ID,
				etag: TUTORIAL_FLOW_ETAG,
				operations: [ADD_PICKED_AUDIENCE],
			});
		});

		it('the dry run output starts with a summary in words', () => {
			const item = dryRun.items![0];
			expect(Object.keys(item).slice(0, 6)).toEqual(READABLE_KEYS.slice(0, 6));
			expect(item.summary).toBe(`Would add 1 audience (${TUTORIAL_NEW_AUDIENCE_NAME})`);
			expect(item.added).toEqual([
				{ id: TUTORIAL_NEW_AUDIENCE_ID, name: TUTORIAL_NEW_AUDIENCE_NAME },
			]);
		});

		it('runs for real: one PATCH with the etag as read, and the audience is on the dataflow', async () => {
			await editor.setSwitch('dryRun', false);
			({ output: realRun, requests: realRunRequests } = await runStep('real-run-output'));
			expect(realRun.error).toBeUndefined();
			const sent = patches(realRunRequests);
			expect(sent.map(toCall)).toEqual([
				{
					method: 'PATCH',
					path: `/flows/${TUTORIAL_FLOW_ID}`,
					status: 200,
					ifMatch: TUTORIAL_FLOW_ETAG,
				},
			]);
			expect(sent[0].body).toMatchObject([ADD_PICKED_AUDIENCE]);
			expect(flowAudiences(session.emulator.getFlow(TUTORIAL_FLOW_ID)!)).toContain(
				TUTORIAL_NEW_AUDIENCE_ID,
			);
		});

		it('the PATCH stores the picked audience under its name', () => {
			expect(patches(realRunRequests)[0].body).toEqual([
				{
					op: 'add',
					path: SELECTORS_PATH,
					value: {
						type: 'PLATFORM_SEGMENT',
						value: { id: TUTORIAL_NEW_AUDIENCE_ID, name: TUTORIAL_NEW_AUDIENCE_NAME },
					},
				},
			]);
		});

		it('the real run says what it did', () => {
			const item = realRun.items![0];
			expect(item.summary).toBe(`Added 1 audience (${TUTORIAL_NEW_AUDIENCE_NAME})`);
			expect(item.changed).toBe(true);
		});

		it('a wrong-format audience ID is flagged in the editor and the step does not run', async () => {
			const audience = editor.resourceLocator('id', editor.fixedCollection('audiences'));
			await editor.typeById(audience, 'not-a-uuid');
			const issues = editor.fixedCollection('audiences').getByTestId('parameter-issues');
			await issues.first().waitFor();
			session.emulator.clearRequests();
			const refusal = await editor.executeRefused();
			await editor.screenshot('wrong-format-audience-id');
			expect(refusal).toMatch(/not an audience ID/i);
			expect(session.emulator.requests()).toEqual([]);
		});

		it('an unknown audience ID fails the step with an error naming it, and nothing is sent', async () => {
			const audience = editor.resourceLocator('id', editor.fixedCollection('audiences'));
			await editor.typeById(audience, UNKNOWN_AUDIENCE_ID);
			// The editor checks the new value after a moment; until then it refuses to run.
			await editor
				.fixedCollection('audiences')
				.getByTestId('parameter-issues')
				.first()
				.waitFor({ state: 'detached' });
			const { output, requests } = await runStep('unknown-audience-id');
			expect(patches(requests)).toEqual([]);
			expect(output.error?.message).toContain(UNKNOWN_AUDIENCE_ID);
			expect(output.error?.message).toContain('does not exist in the sandbox');
			expect(output.error?.message).toContain('(item 1)');
		});

		it("the credential's Test button succeeds against the emulator", async () => {
			const dialog = await editor.openCredential();
			session.emulator.clearRequests();
			const passed = await editor.retestCredential(dialog);
			await editor.screenshot('credential-test');
			expect(passed).toBe(true);
			expect(
				session.emulator
					.requests()
					.map(toCall)
					.filter((call) => call.path.startsWith('/flows?')),
			).toEqual([expect.objectContaining({ method: 'GET', status: 200 })]);
		});

		it('adding a next step, the node creator describes the action node with its own text too', async () => {
			await editor.reopenWorkflow();
			const results = await editor.searchNodes(NODE_SEARCH);
			await editor.screenshot('next-step-search');
			expect(results.find((entry) => entry.name === NODE_NAME)?.description).toBe(
				new FlowServiceDestination().description.description,
			);
		});

		it('the HTTP Request node offers the Adobe credential as Predefined Credential Type', async () => {
			await editor.reopenWorkflow();
			await editor.searchNodes('HTTP Request');
			await editor.pickNode('HTTP Request');
			await editor.chooseOption('authentication', 'Predefined Credential Type');
			const listed = await editor.credentialTypesListed('nodeCredentialType', 'Adobe');
			await editor.screenshot('http-request-credential-type');
			expect(listed).toEqual(['Adobe Experience Platform API']);
		});

		it('adds a Create a dataset export step and chooses the credential', async () => {
			await editor.reopenWorkflow();
			await editor.searchNodes(NODE_SEARCH);
			// With nodes on the canvas the actions come first and the triggers' category last, which
			// openActions opens: the action is picked from the list above it.
			await editor.openActions(NODE_NAME);
			// The panel loads the dataset list as it opens.
			session.emulator.clearRequests();
			await editor.pickAction(CREATE_DATASET_EXPORT_ACTION);
			const chosen = await editor.chooseCredential(session.credentialName);
			await editor.screenshot('dataset-export-credential');
			expect(chosen).toBe(session.credentialName);
		});

		it(`Dataset Names or IDs lists the prod sandbox's ${PROD_DATASET_NAMES.length} exportable datasets by name, alphabetically`, async () => {
			const listed = await editor.optionsListed('datasets');
			await editor.screenshot('dataset-names-listed');
			await editor.closeList();
			expect(listed).toEqual(PROD_DATASET_NAMES);
			const asked = session.emulator
				.requests()
				.filter((request) => toCall(request).path.startsWith(`${EXPORTABLE_DATASETS_PATH}?`));
			expect(asked.length).toBeGreaterThan(0);
			for (const request of asked)
				expect(request).toMatchObject({ method: 'GET', status: 200, sandbox: 'prod' });
		});

		it('Frequency shows in the default incremental mode; End Time’s tooltip tells of the six-month end', async () => {
			const mode = await editor.optionShown('exportMode');
			const frequencyShown = await editor.parameterInput('exportFrequency').isVisible();
			const endTimeTooltip = await editor.parameterTooltip('scheduleEnd');
			await editor.screenshot('export-mode-frequency-end-time');
			const defaultMode = createParameter('exportMode').default;
			expect(mode).toBe(datasetExportModes.find((option) => option.value === defaultMode)?.name);
			expect(frequencyShown).toBe(true);
			expect(endTimeTooltip).toBe(createParameter('scheduleEnd').description);
			expect(endTimeTooltip).toMatch(/six months after the dataflow is created/);
		});
	},
);
