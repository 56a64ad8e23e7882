/**
 * The end-to-end scenarios, run against one real n8n runtime: the built package installed as a
 * community package, credentials and workflows imported with n8n's CLI, workflows executed with
 * `n8n execute`, then a server (`n8n start`) for the REST API (login, credential tests, the node's
 * list pickers) and the webhook and trigger examples. Every scenario checks n8n's output and what
 * the emulator saw and stored; the examples' own scenarios are in exampleScenarios.ts.
 */
import * as path from 'path';

import {
	DATABASE_FLOW_ETAG,
	DATABASE_FLOW_ID,
	DISABLED_FLOW_ID,
	FLOW_SERVICE_BASE_PATH,
	IMS_TOKEN_PATH,
	PROD_AUDIENCE_COUNT,
	PROFILE_MAPPING_AUDIENCE_ID,
	PROFILE_MAPPING_FLOW_ID,
	SEGMENTATION_BASE_PATH,
	SHARED_AUDIENCE_BULK_COUNT,
	SHARED_AUDIENCE_ID,
	SOURCES_MAPPING_FLOW_ID,
	STREAMING_AUDIENCE_IDS,
	STREAMING_FLOW_ID,
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_ATTRIBUTE_PATHS,
	TUTORIAL_FLOW_ETAG,
	TUTORIAL_FLOW_ID,
	TUTORIAL_FLOW_NAME,
	TUTORIAL_NEW_AUDIENCE_ID,
	TUTORIAL_NEW_AUDIENCE_NAME,
	BULK_DISABLED_EVERY,
	BULK_SOURCES_EVERY,
	bulkFlowId,
	startEmulator,
	type Flow,
	type RunningEmulator,
	staticTokenHeaders,
} from '../emulator';
import {
	N8nServer,
	RestAuth,
	RuntimeKey,
	createUserFolder,
	executeWorkflow,
	getRuntime,
	importCredentials,
	importWorkflows,
	installCommunityPackage,
	listWorkflows,
	login,
	repoRoot,
	restData,
	setupOwner,
	startServer,
	testStoredCredential,
	executeWorkflowRun,
	startListener,
} from '../local-n8n';
import {
	CHAT_WEBHOOK_PLACEHOLDER,
	DEV_OWNER,
	EXAMPLE_CREDENTIAL,
	EXAMPLE_IDS,
	NODE_TYPE,
	PACKAGE_NAME,
	TOKEN_CREDENTIAL,
	workflowFiles,
	emulatorExampleCredentials,
	emulatorTokenCredential,
	exampleWorkflows,
	flowAttributes,
	flowAudiences,
	requireBuiltNodes,
} from '../local-n8n/project';
import {
	EXAMPLE_WEBHOOKS,
	describeExampleRuns,
	describeExamplesOnServer,
	exampleImports,
	publishExampleWebhooks,
	type ExampleContext,
} from './exampleScenarios';
import {
	calls,
	expectAdobeHeaders,
	flow,
	flowCalls,
	items,
	nodeError,
	patchCall,
	readCall,
	selectorsOf,
	type Json,
} from './runChecks';

const [A0, A1, A2, A3] = TUTORIAL_AUDIENCE_IDS;
const NEW_AUDIENCE = TUTORIAL_NEW_AUDIENCE_ID;
/** Named by the continue-on-fail workflow; no flow has it. */
const MISSING_FLOW_ID = '0000dead-0000-4000-8000-000000000404';
const DESTINATION_FILTER_QUERY =
	'property=inheritedAttributes.properties.isDestinationFlow%3D%3Dtrue';
/** e2e/workflows/audience-export-settings.json; its first node also stands for the node open in the editor. */
const EXPORT_SETTINGS_WORKFLOW_ID = 'e2eAudienceExportSettings';

type Context = ExampleContext;

/** Enabled destination flows that activate SHARED_AUDIENCE_ID in the seed, plus the disabled flow once enabled. */
function enabledSharedAudienceFlows(): string[] {
	const bulk = [];
	for (let n = 1; n <= SHARED_AUDIENCE_BULK_COUNT; n++) {
		if (n % BULK_SOURCES_EVERY !== 0 && n % BULK_DISABLED_EVERY !== 0) bulk.push(bulkFlowId(n));
	}
	return [DISABLED_FLOW_ID, ...bulk].sort();
}

/** The query of a logged request as an object (each parameter once). */
function queryOf(path: string): Record<string, string> {
	return Object.fromEntries(new URL(path, 'http://emulator').searchParams);
}

/**
 * Reads the emulator's API directly, as the test's own source of truth (static token, prod
 * sandbox); the caller clears the request log afterwards.
 */
async function emulatorGet(emulator: RunningEmulator, path: string): Promise<Json> {
	const response = await fetch(`${emulator.url}${path}`, {
		headers: { accept: 'application/json', ...staticTokenHeaders() },
		signal: AbortSignal.timeout(30_000),
	});
	if (response.status !== 200) throw new Error(`emulator GET ${path} answered ${response.status}`);
	return (await response.json()) as Json;
}

/** Every active audience of the prod sandbox (the Segmentation Service listing, all pages): id -> name. */
async function emulatorAudiences(emulator: RunningEmulator): Promise<Map<string, string>> {
	const all = new Map<string, string>();
	for (let start: string | undefined = '0'; start !== undefined;) {
		const page: Json = await emulatorGet(
			emulator,
			`${SEGMENTATION_BASE_PATH}/audiences?limit=100&start=${start}`,
		);
		for (const audience of page.children as Json[]) all.set(audience.id, audience.name);
		start = page._page?.next;
	}
	return all;
}

/** Every destination dataflow of the prod sandbox (the Flow Service listing, all pages): id -> name. */
async function emulatorDestinationFlows(emulator: RunningEmulator): Promise<Map<string, string>> {
	const all = new Map<string, string>();
	for (
		let next: string | undefined = `/flows?${DESTINATION_FILTER_QUERY}&limit=100`;
		next !== undefined;
	) {
		const page: Json = await emulatorGet(emulator, `${FLOW_SERVICE_BASE_PATH}${next}`);
		for (const stored of page.items as Json[]) all.set(stored.id, stored.name);
		next = page._links?.next?.href;
	}
	return all;
}

interface PickerEntry {
	name: string;
	value: string;
	description?: string;
}

interface PickerPage {
	results: PickerEntry[];
	paginationToken?: string;
}

/** What a "From List" picker of a node in an open workflow asks n8n's REST API with. */
interface PickerContext {
	api: RestAuth;
	runtime: RuntimeKey;
	workflowId: string;
	projectId: string;
	/** The node as the workflow stores it: type, typeVersion, parameters, credentials. */
	node: Json;
}

/**
 * One request of a resource locator's list, as n8n's editor sends it when the list opens, is
 * searched or scrolled (n8n-editor-ui's ResourceLocator): `POST /rest/dynamic-node-parameters/
 * resource-locator-results` with the node's type and version, the parameter's path, the list
 * method, the node's parameters and credentials and the project; 2.41.1 also sends the workflow
 * id (1.123.81's request schema has none). The answer is `{ data: { results, paginationToken } }`
 * on both.
 */
async function searchPicker(
	context: PickerContext,
	path: string,
	methodName: string,
	filter?: string,
	paginationToken?: string,
): Promise<PickerPage> {
	const body: Json = {
		nodeTypeAndVersion: { name: context.node.type, version: context.node.typeVersion },
		path,
		methodName,
		currentNodeParameters: context.node.parameters,
		credentials: context.node.credentials,
		projectId: context.projectId,
	};
	if (context.runtime === 'v2') body.workflowId = context.workflowId;
	if (filter) body.filter = filter;
	if (paginationToken) body.paginationToken = paginationToken;
	return await restData<PickerPage>(
		context.api,
		'POST',
		'/rest/dynamic-node-parameters/resource-locator-results',
		body,
	);
}

/** Every page of a picker's list, following `paginationToken` the way scrolling the list does. */
async function searchPickerPages(
	context: PickerContext,
	path: string,
	methodName: string,
	filter?: string,
): Promise<PickerPage[]> {
	const pages: PickerPage[] = [];
	let token: string | undefined;
	do {
		const page = await searchPicker(context, path, methodName, filter, token);
		pages.push(page);
		token = page.paginationToken;
		if (pages.length > 50) throw new Error(`${methodName} keeps handing out page tokens`);
	} while (token);
	return pages;
}

/**
 * Defines the whole suite for one runtime: `describe('n8n <version> (<key>)')` with one `it` per
 * scenario. Scenarios run in order and share one user folder, one emulator and one server.
 */
export function describeRuntime(key: RuntimeKey): void {
	const runtime = getRuntime(key);
	const ctx = {} as Context;
	const examples = exampleWorkflows();
	const ownWorkflows = workflowFiles(path.join(__dirname, 'workflows'));

	describe(`n8n ${runtime.n8nVersion} (${key})`, () => {
		beforeAll(async () => {
			requireBuiltNodes();
			ctx.emulator = await startEmulator();
			ctx.folder = await createUserFolder(key);
			installCommunityPackage(ctx.folder, repoRoot);
			await importCredentials(ctx.folder, [
				...emulatorExampleCredentials(ctx.emulator.url),
				emulatorTokenCredential(ctx.emulator.url),
			]);
			ctx.chat = await startListener();
			await importWorkflows(ctx.folder, [
				...exampleImports(ctx.chat.url),
				...ownWorkflows.map((w) => w.workflow),
			]);
			// Published before the server starts (2.x publish:workflow, 1.x update:workflow --active).
			await publishExampleWebhooks(ctx.folder);
		});

		afterAll(async () => {
			await ctx.emulator?.close();
			await ctx.chat?.close();
			if (process.env.E2E_KEEP_FOLDERS) console.log(`kept ${ctx.folder?.dir}`);
			else ctx.folder?.cleanup();
		});

		it('imports every workflow of examples/ (each run below; the agent, which needs a chat model, in agent-example.e2e.test.ts; the two that create dataflows in create.e2e.test.ts) and e2e/workflows, all using the community node; the chat examples post to the test', () => {
			expect(examples.map((e) => e.workflow.id).sort()).toEqual(Object.values(EXAMPLE_IDS).sort());
			for (const { workflow } of [...examples, ...ownWorkflows]) {
				const ours = (workflow.nodes as Json[]).filter((n) =>
					String(n.type).startsWith(`${PACKAGE_NAME}.`),
				);
				expect(ours.length).toBeGreaterThan(0);
			}
			const imported = JSON.stringify(exampleImports(ctx.chat.url));
			expect(imported).not.toContain(CHAT_WEBHOOK_PLACEHOLDER);
			expect(imported.split(ctx.chat.url).length - 1).toBe(2);
		});

		describeExampleRuns(ctx);

		it('every operation chained in one workflow (Access Token): Get, Update Info, Add/Remove Audiences, Add/Remove Profile Attributes, Update Mapping, Enable, Disable, Apply JSON Patch, Get Many', async () => {
			const { emulator, folder } = ctx;
			emulator.reset();
			const tokensBefore = emulator.tokensIssued();
			const profileMappingEtag = flow(emulator, PROFILE_MAPPING_FLOW_ID).etag;

			const { data } = await executeWorkflow(folder, 'e2eAllOperations');

			const [get] = items(data, 'Get');
			expect(get).toMatchObject({
				id: TUTORIAL_FLOW_ID,
				etag: TUTORIAL_FLOW_ETAG,
				name: '2021 winter campaign',
			});
			const [info] = items(data, 'Update Info');
			expect(info).toMatchObject({
				flowId: DATABASE_FLOW_ID,
				changed: true,
				previousEtag: DATABASE_FLOW_ETAG,
			});
			const [added] = items(data, 'Add Audiences');
			expect(added).toMatchObject({
				flowId: TUTORIAL_FLOW_ID,
				changed: true,
				previousEtag: TUTORIAL_FLOW_ETAG,
			});
			const [removed] = items(data, 'Remove Audiences');
			expect(removed).toMatchObject({
				flowId: TUTORIAL_FLOW_ID,
				changed: true,
				previousEtag: added.etag,
			});
			// Resolved to indexes and sent highest first, in one PATCH.
			expect(removed.operations.map((op: Json) => [op.op, op.path])).toEqual([
				['remove', '/transformations/0/params/segmentSelectors/selectors/3'],
				['remove', '/transformations/0/params/segmentSelectors/selectors/0'],
			]);
			const [attrAdded] = items(data, 'Add Profile Attributes');
			expect(attrAdded).toMatchObject({ changed: true, previousEtag: removed.etag });
			const [attrRemoved] = items(data, 'Remove Profile Attributes');
			expect(attrRemoved).toMatchObject({ changed: true, previousEtag: attrAdded.etag });
			const [mapping] = items(data, 'Update Mapping');
			expect(mapping).toMatchObject({
				flowId: DATABASE_FLOW_ID,
				changed: true,
				previousEtag: info.etag,
			});
			const [enabled] = items(data, 'Enable');
			expect(enabled).toMatchObject({ flowId: DISABLED_FLOW_ID, state: 'enabled' });
			const [disabled] = items(data, 'Disable');
			expect(disabled).toMatchObject({ flowId: STREAMING_FLOW_ID, state: 'disabled' });
			const [patched] = items(data, 'Apply JSON Patch');
			expect(patched).toMatchObject({
				flowId: PROFILE_MAPPING_FLOW_ID,
				changed: true,
				previousEtag: profileMappingEtag,
			});
			const many = items(data, 'Get Many');
			expect(many.map((f) => f.id).sort()).toEqual(enabledSharedAudienceFlows());

			// What the emulator stored.
			const tutorial = flow(emulator, TUTORIAL_FLOW_ID);
			expect(flowAudiences(tutorial)).toEqual([A1, A2, NEW_AUDIENCE]);
			expect(flowAttributes(tutorial)).toEqual([
				...TUTORIAL_ATTRIBUTE_PATHS.filter((p) => p !== 'personalEmail.address'),
				'mobilePhone.status',
			]);
			expect(
				(tutorial.transformations as Json[])[0].params.profileSelectors.mandatoryFields,
			).toContain('mobilePhone.status');
			expect(tutorial.etag).toBe(attrRemoved.etag);
			const database = flow(emulator, DATABASE_FLOW_ID);
			expect([
				database.name,
				database.description,
				(database.scheduleParams as Json).frequency,
			]).toEqual(['Database Dataflow Feb2021', 'Database dataflow for testing update API', 'day']);
			expect(
				(database.transformations as Json[]).find((t) => t.name === 'Mapping')?.params,
			).toEqual({
				mappingId: 'c5f22f04e09f44498e528901546a83b1',
				mappingVersion: 2,
			});
			expect(database.etag).toBe(mapping.etag);
			expect(flow(emulator, DISABLED_FLOW_ID).state).toBe('enabled');
			expect(flow(emulator, STREAMING_FLOW_ID).state).toBe('disabled');
			expect(flow(emulator, PROFILE_MAPPING_FLOW_ID).description).toBe('Patched from n8n');

			// What it was sent: each PATCH carries the etag of the read before it, quotes included.
			const all = calls(emulator);
			const listing = all.filter((c) => c.path.startsWith('/flows?'));
			expect(all.slice(0, all.length - listing.length)).toEqual([
				readCall(TUTORIAL_FLOW_ID),
				readCall(DATABASE_FLOW_ID),
				patchCall(DATABASE_FLOW_ID, 200, DATABASE_FLOW_ETAG),
				readCall(TUTORIAL_FLOW_ID),
				patchCall(TUTORIAL_FLOW_ID, 200, TUTORIAL_FLOW_ETAG),
				readCall(TUTORIAL_FLOW_ID),
				{ method: 'PATCH', path: `/flows/${TUTORIAL_FLOW_ID}`, status: 200, ifMatch: added.etag },
				readCall(TUTORIAL_FLOW_ID),
				{ method: 'PATCH', path: `/flows/${TUTORIAL_FLOW_ID}`, status: 200, ifMatch: removed.etag },
				readCall(TUTORIAL_FLOW_ID),
				patchCall(TUTORIAL_FLOW_ID, 200, attrAdded.etag),
				readCall(DATABASE_FLOW_ID),
				{ method: 'PATCH', path: `/flows/${DATABASE_FLOW_ID}`, status: 200, ifMatch: info.etag },
				{ method: 'POST', path: `/flows/${DISABLED_FLOW_ID}/action?op=enable`, status: 200 },
				{ method: 'POST', path: `/flows/${STREAMING_FLOW_ID}/action?op=disable`, status: 200 },
				readCall(PROFILE_MAPPING_FLOW_ID),
				patchCall(PROFILE_MAPPING_FLOW_ID, 200, profileMappingEtag),
			]);
			expect(listing.length).toBeGreaterThan(0);
			for (const page of listing) {
				expect(page).toMatchObject({ method: 'GET', status: 200 });
				expect(page.path).toContain(DESTINATION_FILTER_QUERY);
			}
			expect(listing[0].path).toContain(
				`property=transformations%5B%5D.params.segmentSelectors.selectors%5B%5D.value.id%3D%3D${SHARED_AUDIENCE_ID}`,
			);
			const rawPatch = emulator
				.requests()
				.find((r) => r.method === 'PATCH' && r.path.endsWith(PROFILE_MAPPING_FLOW_ID));
			expect(rawPatch?.body).toEqual([
				{ op: 'replace', path: '/description', value: 'Patched from n8n' },
			]);
			expectAdobeHeaders(emulator);
			// Access Token mode: no token request at all.
			expect(all.some((c) => c.path === IMS_TOKEN_PATH)).toBe(false);
			expect(emulator.tokensIssued()).toBe(tokensBefore);
		});

		describe('one workflow, three branches (run top to bottom: dry run, continue on fail, 412)', () => {
			let run: unknown;
			let profileMappingBefore: Flow;
			let streamingEtag: string;

			beforeAll(async () => {
				const { emulator, folder } = ctx;
				emulator.reset();
				profileMappingBefore = flow(emulator, PROFILE_MAPPING_FLOW_ID);
				streamingEtag = flow(emulator, STREAMING_FLOW_ID).etag;
				// Another writer changes the tutorial flow between the node's read and its PATCH.
				emulator.injectFault({
					type: 'concurrentWrite',
					method: 'PATCH',
					path: `/data/foundation/flowservice/flows/${TUTORIAL_FLOW_ID}`,
				});
				// A failing branch fails the run; the branches that ran are still judged one by one.
				run = await executeWorkflowRun(folder, 'e2eConflictDryRun');
			});

			it('412 conflict: the PATCH with the stale etag is refused, the node reads again, re-plans and succeeds', () => {
				const { emulator } = ctx;
				const [out] = items(run, 'Remove audience (412, re-plan)');
				expect(out).toMatchObject({ flowId: TUTORIAL_FLOW_ID, changed: true, conflictRetries: 1 });
				const tutorialCalls = flowCalls(emulator, TUTORIAL_FLOW_ID);
				expect(tutorialCalls).toEqual([
					readCall(TUTORIAL_FLOW_ID),
					patchCall(TUTORIAL_FLOW_ID, 412, TUTORIAL_FLOW_ETAG),
					readCall(TUTORIAL_FLOW_ID),
					patchCall(TUTORIAL_FLOW_ID, 200, out.previousEtag),
				]);
				// The retry carries the other writer's etag, quoted like every Adobe etag.
				expect(out.previousEtag).not.toBe(TUTORIAL_FLOW_ETAG);
				expect(out.previousEtag).toMatch(/^"[0-9a-f]{8}-0000-0200-0000-[0-9a-f]{12}"$/);
				const stored = flow(emulator, TUTORIAL_FLOW_ID);
				expect(flowAudiences(stored)).toEqual([A0, A1, A2]);
				expect(stored.etag).toBe(out.etag);
				// Last branch: with the conflict resolved the whole run succeeded.
				expect((run as Json).status).toBe('success');
			});

			it('dry run: the planned removal and the etag it would use are output, and no PATCH is sent', () => {
				const { emulator } = ctx;
				const [out] = items(run, 'Remove audience (dry run)');
				expect(out).toMatchObject({
					flowId: PROFILE_MAPPING_FLOW_ID,
					dryRun: true,
					changed: false,
					etag: profileMappingBefore.etag,
				});
				expect(out.operations.map((op: Json) => [op.op, op.path])).toEqual([
					['remove', '/transformations/0/params/segmentSelectors/selectors/0'],
				]);
				expect(flowCalls(emulator, PROFILE_MAPPING_FLOW_ID)).toEqual([
					readCall(PROFILE_MAPPING_FLOW_ID),
				]);
				expect(flow(emulator, PROFILE_MAPPING_FLOW_ID)).toEqual(profileMappingBefore);
				expect(flowAudiences(profileMappingBefore)).toEqual([PROFILE_MAPPING_AUDIENCE_ID]);
			});

			it('continue on fail (onError: continueRegularOutput): the bad item becomes an error item, the good one is applied', () => {
				const { emulator } = ctx;
				const out = items(run, 'Add audiences (continue on fail)');
				expect(out).toHaveLength(2);
				expect(out[0]).toEqual({
					error: expect.any(String),
					httpCode: '404',
					description: expect.stringContaining(
						`The requested flows resource ${MISSING_FLOW_ID} is not found`,
					),
				});
				expect(out[1]).toMatchObject({
					flowId: STREAMING_FLOW_ID,
					changed: true,
					previousEtag: streamingEtag,
				});
				expect(flowCalls(emulator, MISSING_FLOW_ID)).toEqual([
					{ method: 'GET', path: `/flows/${MISSING_FLOW_ID}`, status: 404 },
				]);
				expect(flowCalls(emulator, STREAMING_FLOW_ID)).toEqual([
					readCall(STREAMING_FLOW_ID),
					patchCall(STREAMING_FLOW_ID, 200, streamingEtag),
				]);
				expect(flowAudiences(flow(emulator, STREAMING_FLOW_ID))).toEqual([
					...STREAMING_AUDIENCE_IDS,
					NEW_AUDIENCE,
				]);
			});
		});

		describe('Update Audience Export Settings: one workflow, a valid change then an invalid frequency', () => {
			const UPDATE_NODE = 'Update export settings';
			const INVALID_NODE = 'Update export settings (invalid frequency)';
			const NEW_TEMPLATE =
				'%DESTINATION_NAME%_%SEGMENT_ID%_%SEGMENT_NAME%_%DATETIME(YYYYMMdd_HHmmss)%';
			let run: unknown;
			let tutorialBefore: Flow;
			let profileMappingBefore: Flow;

			beforeAll(async () => {
				const { emulator, folder } = ctx;
				emulator.reset();
				tutorialBefore = flow(emulator, TUTORIAL_FLOW_ID);
				profileMappingBefore = flow(emulator, PROFILE_MAPPING_FLOW_ID);
				// The last branch is meant to fail the run.
				run = await executeWorkflowRun(folder, EXPORT_SETTINGS_WORKFLOW_ID);
			});

			it('export settings of two audiences (picked from the list, given by ID): one PATCH with If-Match as read, each selector replaced whole; the others untouched; the new start date in the past is warned of, the kept one is not', () => {
				const { emulator } = ctx;
				const before = selectorsOf(tutorialBefore);
				const [birthYear, newBatch] = [before[1].value, before[3].value];
				expect([birthYear.id, newBatch.id]).toEqual([A1, A3]);
				// What the node was asked for, merged into each audience's current selector: Adobe's own
				// fields (createTime, updateTime) and the settings not given are kept, removed ones dropped.
				const operations = [
					{
						op: 'replace',
						path: '/transformations/0/params/segmentSelectors/selectors/1',
						value: {
							type: 'PLATFORM_SEGMENT',
							value: {
								...birthYear,
								exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
								filenameTemplate: NEW_TEMPLATE,
								schedule: {
									startDate: birthYear.schedule.startDate,
									endDate: birthYear.schedule.endDate,
									frequency: 'EVERY_12_HOURS',
									startTime: '08:00',
								},
							},
						},
					},
					{
						op: 'replace',
						path: '/transformations/0/params/segmentSelectors/selectors/3',
						value: {
							type: 'PLATFORM_SEGMENT',
							value: {
								...newBatch,
								name: 'GCM_NewBatch_Segment (one-time)',
								exportMode: 'DAILY_FULL_EXPORT',
								schedule: {
									startDate: '2025-01-15',
									frequency: 'ONCE',
									triggerType: 'AFTER_SEGMENT_EVAL',
								},
							},
						},
					},
				];

				// What the emulator received.
				expect(flowCalls(emulator, TUTORIAL_FLOW_ID)).toEqual([
					readCall(TUTORIAL_FLOW_ID),
					patchCall(TUTORIAL_FLOW_ID, 200, TUTORIAL_FLOW_ETAG),
				]);
				const patch = emulator
					.requests()
					.find((r) => r.method === 'PATCH' && r.path.endsWith(`/flows/${TUTORIAL_FLOW_ID}`));
				expect(patch?.headers['content-type']).toMatch(/^application\/json/);
				expect(patch?.body).toEqual(operations);
				expectAdobeHeaders(emulator);

				// What n8n output.
				const [out] = items(run, UPDATE_NODE);
				const stored = flow(emulator, TUTORIAL_FLOW_ID);
				expect(out).toEqual({
					summary:
						'Updated 2 audiences (Birth year 1970, GCM_NewBatch_Segment (one-time)); warning: 1 start date is before today in UTC (GCM_NewBatch_Segment (one-time): 2025-01-15)',
					added: [],
					removed: [],
					updated: [
						{ id: birthYear.id, name: 'Birth year 1970' },
						{ id: newBatch.id, name: 'GCM_NewBatch_Segment (one-time)' },
					],
					warnings: [
						`Start date 2025-01-15 of audience GCM_NewBatch_Segment (one-time) (${newBatch.id}) is before today (UTC)`,
					],
					flowId: TUTORIAL_FLOW_ID,
					etag: stored.etag,
					previousEtag: TUTORIAL_FLOW_ETAG,
					changed: true,
					conflictRetries: 0,
					transientRetries: 0,
					operations,
					skipped: [],
				});
				expect(stored.etag).not.toBe(TUTORIAL_FLOW_ETAG);

				// What the emulator stored: the two selectors as sent (with a new updateTime), everything else
				// in the transformations (the other audiences, the profile attributes) as it was.
				const stamped = (selector: Json) => ({
					...selector,
					value: { ...selector.value, updateTime: expect.any(String) },
				});
				const expected = structuredClone(tutorialBefore.transformations) as Json[];
				expected[0].params.segmentSelectors.selectors[1] = stamped(operations[0].value);
				expected[0].params.segmentSelectors.selectors[3] = stamped(operations[1].value);
				expect(stored.transformations).toEqual(expected);
				const after = selectorsOf(stored);
				expect(after.map((s) => s.value.id)).toEqual([A0, A1, A2, A3]);
				expect(after[1].value).toMatchObject({
					exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
					filenameTemplate: NEW_TEMPLATE,
					schedule: { frequency: 'EVERY_12_HOURS', startTime: '08:00' },
				});
				expect(after[3].value.schedule).toEqual({
					startDate: '2025-01-15',
					frequency: 'ONCE',
					triggerType: 'AFTER_SEGMENT_EVAL',
				});
				expect(after[1].value.updateTime).not.toBe(birthYear.updateTime);
			});

			it('invalid input: a frequency the export mode does not allow (item 1 of 2, JSON from an expression) fails the node naming the field and item; read once, no PATCH, flow unchanged', () => {
				const { emulator } = ctx;
				const message =
					'Audiences (JSON) › Entry 1 › frequency: Frequency "ONCE" is not allowed with export mode FIRST_FULL_THEN_INCREMENTAL; use one of DAILY, EVERY_3_HOURS, EVERY_6_HOURS, EVERY_8_HOURS, EVERY_12_HOURS' +
					' (item 2)';
				expect((run as Json).status).toBe('error');
				expect((run as Json).data.resultData.lastNodeExecuted).toBe(INVALID_NODE);
				expect((run as Json).data.resultData.error).toMatchObject({ message });
				expect(nodeError(run, INVALID_NODE)).toMatchObject({
					message,
					description:
						'Nothing was sent to Adobe. Parameter "audienceSettingsJson[0].frequency", item index 1.',
				});
				// The valid item 0 of the same dataflow was planned on the same read: nothing is sent for either.
				expect(flowCalls(emulator, PROFILE_MAPPING_FLOW_ID)).toEqual([
					readCall(PROFILE_MAPPING_FLOW_ID),
				]);
				expect(
					calls(emulator)
						.filter((c) => c.method === 'PATCH')
						.map((c) => c.path),
				).toEqual([`/flows/${TUTORIAL_FLOW_ID}`]);
				expect(flow(emulator, PROFILE_MAPPING_FLOW_ID)).toEqual(profileMappingBefore);
			});
		});

		describe('on a running server (n8n start)', () => {
			let server: N8nServer;
			let ownerApi: RestAuth;
			let picker: PickerContext | undefined;

			/** The editor with e2e/workflows/audience-export-settings.json open on its "Update export settings" node. */
			async function pickerContext(): Promise<PickerContext> {
				if (picker) return picker;
				const personal = await restData<{ id: string }>(ownerApi, 'GET', '/rest/projects/personal');
				const workflow = ownWorkflows.find(
					(w) => w.workflow.id === EXPORT_SETTINGS_WORKFLOW_ID,
				)?.workflow;
				const node = (workflow?.nodes as Json[] | undefined)?.find(
					(n) => n.name === 'Update export settings',
				);
				if (!workflow || !node)
					throw new Error(
						`e2e/workflows has no ${EXPORT_SETTINGS_WORKFLOW_ID} workflow with an "Update export settings" node`,
					);
				expect(node.type).toBe(NODE_TYPE);
				picker = {
					api: ownerApi,
					runtime: key,
					workflowId: workflow.id,
					projectId: personal.id,
					node,
				};
				return picker;
			}

			beforeAll(async () => {
				server = await startServer(ctx.folder, { webhooks: EXAMPLE_WEBHOOKS });
			});

			afterAll(async () => {
				await server?.stop();
			});

			it('owner setup and login over REST; the editor lists the imported workflows, the webhook example published', async () => {
				const owner = await setupOwner(server.url, DEV_OWNER);
				expect(owner.user.email).toBe(DEV_OWNER.email);
				ownerApi = await login(server.url, DEV_OWNER.email, DEV_OWNER.password);
				const listed = await listWorkflows(ownerApi);
				const byId = Object.fromEntries(listed.map((w) => [w.id, w]));
				for (const { workflow } of [...examples, ...ownWorkflows])
					expect(byId[workflow.id]?.name).toBe(workflow.name);
				expect(byId[EXAMPLE_IDS.webhookAddRemove].active).toBe(true);
				expect(byId[EXAMPLE_IDS.addAudiencesDaily].active).toBe(false);
			});

			it('credential test (the Test button: POST /rest/credentials/test), OAuth: a token from the emulator IMS, then the test request', async () => {
				const { emulator } = ctx;
				emulator.reset();
				emulator.expireTokens();

				const result = await testStoredCredential(ownerApi, EXAMPLE_CREDENTIAL.id);

				expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
				const seen = calls(emulator);
				expect(seen.filter((c) => c.path === IMS_TOKEN_PATH)).toEqual([
					{ method: 'POST', path: IMS_TOKEN_PATH, status: 200 },
				]);
				expect(seen[seen.length - 1]).toEqual({
					method: 'GET',
					path: `/flows?${DESTINATION_FILTER_QUERY}&limit=1`,
					status: 200,
				});
				expectAdobeHeaders(emulator);
			});

			it("credential test with a wrong client secret typed in, while the stored token is still valid: fails with IMS's answer, no Flow Service call gets through", async () => {
				const { emulator } = ctx;
				emulator.reset();
				// Issued tokens survive reset(): the stored token (from the examples run above) is live.
				expect(emulator.tokensIssued()).toBeGreaterThan(0);

				const result = await testStoredCredential(ownerApi, EXAMPLE_CREDENTIAL.id, {
					clientSecret: 'not-the-secret',
				});

				expect(result.status).toBe('Error');
				expect(result.message).toContain('invalid_client');
				expect(result.message).not.toContain('not-the-secret');
				const seen = calls(emulator);
				expect(seen.filter((c) => c.path === IMS_TOKEN_PATH)).toEqual([
					{ method: 'POST', path: IMS_TOKEN_PATH, status: 401 },
				]);
				// The stored token was issued for the saved secret, so it is not sent: nothing got through.
				expect(seen.filter((c) => c.path !== IMS_TOKEN_PATH).every((c) => c.status === 401)).toBe(
					true,
				);
			});

			it('credential test, Access Token mode: the test request with the pasted token, no IMS call', async () => {
				const { emulator } = ctx;
				emulator.reset();

				const result = await testStoredCredential(ownerApi, TOKEN_CREDENTIAL.id);

				expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
				expect(calls(emulator)).toEqual([
					{ method: 'GET', path: `/flows?${DESTINATION_FILTER_QUERY}&limit=1`, status: 200 },
				]);
				expectAdobeHeaders(emulator);
			});

			describeExamplesOnServer(() => ({
				...ctx,
				serverUrl: server.url,
				api: ownerApi,
			}));

			it("audience picker (searchAudiences) over REST as the editor lists it: every page in name order, a name search; the emulator saw one GET /data/core/ups/audiences per request, with the credential's headers", async () => {
				const { emulator } = ctx;
				const context = await pickerContext();
				const catalogue = await emulatorAudiences(emulator);
				expect(catalogue.size).toBe(PROD_AUDIENCE_COUNT);
				emulator.reset();
				// The picker of the first audience entry in the fixedCollection.
				const path = 'parameters.audienceSettings.audience[0].id';

				const pages = await searchPickerPages(context, path, 'searchAudiences');
				const mountain = await searchPicker(context, path, 'searchAudiences', 'mountain BIKING');
				const winter = await searchPicker(context, path, 'searchAudiences', 'winter 2021');

				// Every audience of the sandbox once, under its name and ID, its ID as the value, 50 to a
				// page, sorted by name.
				expect(pages.length).toBe(Math.ceil(PROD_AUDIENCE_COUNT / 50));
				expect(pages.length).toBeGreaterThan(1);
				expect(pages.slice(0, -1).every((page) => page.results.length === 50)).toBe(true);
				const listed = pages.flatMap((page) => page.results);
				expect(listed).toHaveLength(catalogue.size);
				const named = [...catalogue].map(([id, name]) => [id, `${name} (${id})`] as const);
				expect(new Map(listed.map((entry) => [entry.value, entry.name]))).toEqual(new Map(named));
				for (const entry of listed) expect(entry.description).toContain(entry.value);
				const names = listed.map((entry) => catalogue.get(String(entry.value)) ?? '');
				expect(names).toEqual(
					[...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
				);
				// Searched by part of the name, any case: exactly the catalogue's matches, on one page.
				const mountainIds = [...catalogue]
					.filter(([, name]) => name.toLowerCase().includes('mountain biking'))
					.map(([id]) => id);
				expect(mountainIds.sort()).toEqual([A0, PROFILE_MAPPING_AUDIENCE_ID].sort());
				expect(mountain.results.map((entry) => entry.value).sort()).toEqual(mountainIds);
				expect(mountain.paginationToken).toBeUndefined();
				expect(winter.results).toEqual([
					{
						name: `${TUTORIAL_NEW_AUDIENCE_NAME} (${TUTORIAL_NEW_AUDIENCE_ID})`,
						value: TUTORIAL_NEW_AUDIENCE_ID,
						description: expect.stringContaining(TUTORIAL_NEW_AUDIENCE_ID),
					},
				]);

				// One Segmentation Service request per REST request; the page token went back as `start`.
				const seen = emulator.requests();
				expect(seen.map((r) => [r.method, r.path.split('?')[0], r.status])).toEqual(
					Array.from({ length: pages.length + 2 }, () => [
						'GET',
						`${SEGMENTATION_BASE_PATH}/audiences`,
						200,
					]),
				);
				const listing = { limit: '50', sort: 'name:asc' };
				expect(seen.map((r) => queryOf(r.path))).toEqual([
					...pages.map((_, i) =>
						i === 0 ? listing : { ...listing, start: pages[i - 1].paginationToken },
					),
					{ ...listing, name: 'mountain BIKING' },
					{ ...listing, name: 'winter 2021' },
				]);
				expect(pages[0].paginationToken).toBe('50');
				expectAdobeHeaders(emulator);
			});

			it('dataflow picker (searchDataflows) over REST as the editor lists it: every destination dataflow by page token, a name search answered in one call; the emulator saw GET /flows with the destination filter, then each token as given', async () => {
				const { emulator } = ctx;
				const context = await pickerContext();
				const destinations = await emulatorDestinationFlows(emulator);
				expect(destinations.get(TUTORIAL_FLOW_ID)).toBe(TUTORIAL_FLOW_NAME);
				expect(destinations.has(SOURCES_MAPPING_FLOW_ID)).toBe(false);
				emulator.reset();
				const path = 'parameters.flowId';

				const pages = await searchPickerPages(context, path, 'searchDataflows');
				const searched = await searchPickerPages(context, path, 'searchDataflows', 'WINTER');

				expect(pages.length).toBe(Math.ceil(destinations.size / 100));
				expect(pages.length).toBeGreaterThan(1);
				const listed = pages.flatMap((page) => page.results);
				expect(listed).toHaveLength(destinations.size);
				expect(new Map(listed.map((entry) => [entry.value, entry.name]))).toEqual(destinations);
				for (const entry of listed) expect(entry.description).toContain(entry.value);
				// The name is matched by the node; a search reads every page in one call (fewer than 1,000 flows here).
				const winterIds = [...destinations]
					.filter(([, name]) => name.toLowerCase().includes('winter'))
					.map(([id]) => id);
				expect(winterIds).toContain(TUTORIAL_FLOW_ID);
				expect(searched).toHaveLength(1);
				expect(searched[0].paginationToken).toBeUndefined();
				expect(searched[0].results.map((entry) => entry.value).sort()).toEqual(winterIds.sort());

				// Both the listing (a call per page) and the search (one call) read the same pages in the same order.
				const seen = calls(emulator);
				expect(seen).toHaveLength(2 * pages.length);
				for (const [at, call] of seen.entries()) {
					const i = at % pages.length;
					expect(call).toMatchObject({ method: 'GET', status: 200 });
					if (i > 0) expect(call.path).toBe(pages[i - 1].paginationToken);
					else {
						expect(call.path.split('?')[0]).toBe('/flows');
						expect(queryOf(call.path)).toEqual({
							property: 'inheritedAttributes.properties.isDestinationFlow==true',
							limit: '100',
							orderby: 'name',
						});
					}
				}
				expectAdobeHeaders(emulator);
			});
		});
	});
}
