/**
 * Dataflow › Create in real n8n 2.x and 1.x: the package installed as a community package, the two
 * example workflows and a workflow of real creates imported with n8n's CLI. The promotion example
 * and the creates run headless (`n8n execute`); the launch example runs as a published webhook,
 * once as shipped (Dry Run) and twice live. Checked: n8n's outputs, the emulator's request log and
 * what each sandbox holds afterwards (one dataflow per name, no connection without a dataflow).
 */
import * as path from 'path';

import {
	ACCOUNT_IDS,
	ACCOUNT_NAMES,
	DEV_FLOW_IDS,
	DESTINATION_FLOW_SPECS,
	PROFILE_MAPPING_FLOW_ID,
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_NEW_AUDIENCE_ID,
	startEmulator,
	type RunningEmulator,
} from '../emulator';
import {
	chainOf,
	createUserFolder,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	installCommunityPackage,
	manualTriggerNode,
	nodeItems,
	postWebhook,
	publishWorkflow,
	readWorkflowFile,
	repoRoot,
	startServer,
	type N8nServer,
	type RuntimeKey,
	type UserFolder,
	type WorkflowInput,
} from '../local-n8n';
import {
	EXAMPLES_DIR,
	EXAMPLE_CREDENTIAL,
	NODE_TYPE,
	emulatorExampleCredentials,
	requireBuiltNodes,
} from '../local-n8n/project';
import { sandboxState } from '../test/workflow-on-emulator/sandbox';
import { describeWithRuntime } from './runtimeSuite';

type Json = Record<string, any>;
const FS = '/data/foundation/flowservice';
const example = (file: string) => readWorkflowFile(path.join(EXAMPLES_DIR, file)) as Json;
const LAUNCH = example('launch-campaign-dataflow.json');
const PROMOTE = example('promote-dataflow-to-production.json');
const LIVE_PATH = 'launch-campaign-live';

/** The launch example with Dry Run removed, on its own path: what a user makes of it going live. */
function liveLaunch(): Json {
	const live = structuredClone(LAUNCH);
	live.id = 'e2eLaunchCampaignLive';
	live.name = 'Launch a campaign dataflow from a webhook (live, e2e)';
	for (const node of live.nodes) {
		if (node.type === 'n8n-nodes-base.webhook') {
			node.parameters.path = LIVE_PATH;
			node.webhookId = '7d2f1c3a-5e4b-4c6d-8e9f-0a1b2c3d4e60';
		}
		if (node.type === NODE_TYPE) node.parameters.options = {};
	}
	return live;
}

const createNode = (id: string, name: string, x: number, parameters: Json) => ({
	id,
	name,
	type: NODE_TYPE,
	typeVersion: 2,
	position: [x, 0],
	parameters: { resource: 'dataflow', operation: 'create', ...parameters },
	credentials: { adobeExperiencePlatformApi: EXAMPLE_CREDENTIAL },
});

/** Real creates: from fields, from a template, and the promotion example's two nodes live. */
function liveCreates(): WorkflowInput {
	const [read, promote] = PROMOTE.nodes.filter((node: Json) => node.type === NODE_TYPE);
	return {
		id: 'e2eCreateDataflows',
		name: 'Create dataflows (e2e)',
		active: false,
		nodes: [
			manualTriggerNode('t'),
			createNode('f', 'From fields', 200, {
				dataflowName: 'Spring campaign',
				accountId: { __rl: true, mode: 'id', value: ACCOUNT_IDS.prod.marketingS3 },
				exportSettings: {
					bucketName: 'marketing-exports',
					folderPath: 'spring',
					fileType: 'CSV',
					compression: 'GZIP',
				},
				audiences: {
					audience: [
						{
							id: { __rl: true, mode: 'id', value: TUTORIAL_NEW_AUDIENCE_ID },
							exportMode: 'DAILY_FULL_EXPORT',
							frequency: 'DAILY',
							startDate: '2099-12-01',
							startTime: '20:00',
						},
					],
				},
				attributes: { attribute: [{ path: 'person.name.firstName' }] },
			}),
			createNode('c', 'From a template', 400, {
				createFrom: 'template',
				templateFlowId: { __rl: true, mode: 'id', value: PROFILE_MAPPING_FLOW_ID },
				dataflowName: 'Spring campaign (copy of the V2 example)',
				enable: false,
			}),
			{ ...read, position: [600, 0] },
			{ ...promote, position: [800, 0], parameters: { ...promote.parameters, options: {} } },
		],
		connections: chainOf('Start', 'From fields', 'From a template', read.name, promote.name),
		settings: { executionOrder: 'v1' },
	};
}

/** Dataflows of `name` in prod, and prod's connections that no dataflow uses (but the seed's kept one). */
async function prodState(emulator: RunningEmulator, name: string) {
	const state = await sandboxState(emulator, 'prod');
	return { named: state.flowsNamed(name), orphans: state.orphans };
}

const writes = (emulator: RunningEmulator) =>
	emulator.requests().filter((r) => r.method !== 'GET' && r.path.startsWith(FS));

function describeCreate(key: RuntimeKey): void {
	describeWithRuntime(
		key,
		(version) => `Dataflow › Create in real n8n ${version} (${key})`,
		() => {
			let emulator: RunningEmulator;
			let folder: UserFolder;
			let server: N8nServer | undefined;

			beforeAll(async () => {
				requireBuiltNodes();
				emulator = await startEmulator();
				folder = await createUserFolder(key);
				installCommunityPackage(folder, repoRoot);
				await importCredentials(folder, emulatorExampleCredentials(emulator.url));
				await importWorkflows(folder, [
					LAUNCH,
					PROMOTE,
					liveLaunch(),
					liveCreates(),
				] as WorkflowInput[]);
				await publishWorkflow(folder, LAUNCH.id);
				await publishWorkflow(folder, liveLaunch().id);
			}, 600_000);

			afterAll(async () => {
				await server?.stop();
				await emulator?.close();
				folder?.cleanup();
			});

			it('example "Promote a dataflow…" as shipped (Dry Run): reads dev with the dev credential, lists the prod requests, writes nothing', async () => {
				emulator.reset();

				const { data } = await executeWorkflow(folder, PROMOTE.id);

				const [created] = nodeItems(data, 'Create it in prod') as Json[];
				expect(created.summary).toBe(
					`Would create dataflow "Dev SFTP smoke test" on "${ACCOUNT_NAMES.partnerSftp}" with 1 audience and 2 profile attributes; warning: 1 start date is before today in UTC (Interested in Mountain Biking: 2023-03-28)`,
				);
				expect(created.requests.map((r: Json) => `${r.method} ${r.path}`)).toEqual([
					'POST /sourceConnections',
					'POST /targetConnections',
					'POST /flows',
					'PATCH /flows/{flowId}',
					'GET /flows/{flowId}',
					'POST /flows/{flowId}/action?op=enable',
				]);
				expect(created.requests[1].body.baseConnectionId).toBe(ACCOUNT_IDS.prod.partnerSftp);
				expect(
					emulator.requests().some((r) => r.sandbox === 'dev' && r.path.includes(DEV_FLOW_IDS[1])),
				).toBe(true);
				expect(writes(emulator)).toEqual([]);
			});

			it('creates for real: from fields, from a template (disabled), and promoted from dev, each once', async () => {
				emulator.reset();

				const { data } = await executeWorkflow(folder, 'e2eCreateDataflows');

				const [fields] = nodeItems(data, 'From fields') as Json[];
				expect(fields.summary).toBe(
					`Created dataflow "Spring campaign" on "${ACCOUNT_NAMES.marketingS3}" with 1 audience and 1 profile attribute`,
				);
				const stored = emulator.getFlow(fields.flowId) as Json;
				expect(stored.flowSpec.id).toBe(DESTINATION_FLOW_SPECS.amazonS3.audience);
				expect(stored.transformations[0].params.segmentSelectors.selectors[0].value.id).toBe(
					TUTORIAL_NEW_AUDIENCE_ID,
				);
				const [copy] = nodeItems(data, 'From a template') as Json[];
				expect(copy).toMatchObject({ created: true, state: 'disabled' });
				expect((emulator.getFlow(copy.flowId) as Json).state).toBe('disabled');
				const [promoted] = nodeItems(data, 'Create it in prod') as Json[];
				expect(promoted.account).toEqual({
					id: ACCOUNT_IDS.prod.partnerSftp,
					name: ACCOUNT_NAMES.partnerSftp,
				});
				expect(
					(
						emulator.getFlow(promoted.flowId) as Json
					).transformations[0].params.segmentSelectors.selectors.map((s: Json) => s.value.id),
				).toEqual([TUTORIAL_AUDIENCE_IDS[0]]);
				for (const name of [
					'Spring campaign',
					'Spring campaign (copy of the V2 example)',
					'Dev SFTP smoke test',
				]) {
					const state = await prodState(emulator, name);
					expect(state.named).toHaveLength(1);
					expect(state.orphans).toEqual([]);
				}
			});

			it('example "Launch a campaign dataflow from a webhook": as shipped it answers with the requests; live, a second call syncs the same dataflow', async () => {
				server = await startServer(folder, {
					webhooks: [
						{ path: 'launch-campaign', method: 'POST' },
						{ path: LIVE_PATH, method: 'POST' },
					],
				});
				emulator.reset();
				const audience = (id: string) => ({
					id,
					exportMode: 'DAILY_FULL_EXPORT',
					frequency: 'DAILY',
					startDate: '2099-12-01',
					startTime: '20:00',
				});
				const body = {
					name: 'Winter campaign',
					folder: 'winter',
					audiences: [audience(TUTORIAL_NEW_AUDIENCE_ID), audience(TUTORIAL_AUDIENCE_IDS[0])],
				};

				const dry = await postWebhook(server.url, 'launch-campaign', body);
				expect(dry.status).toBe(200);
				expect(dry.json).toMatchObject({
					summary: `Would create dataflow "Winter campaign" on "${ACCOUNT_NAMES.marketingS3}" with 2 audiences`,
					dryRun: true,
				});
				expect((dry.json as Json).requests[1].body.params).toMatchObject({
					path: 'campaigns/winter',
				});
				expect(writes(emulator)).toEqual([]);

				const first = await postWebhook(server.url, LIVE_PATH, body);
				expect(first.json).toMatchObject({ created: true, dryRun: false });
				const again = await postWebhook(server.url, LIVE_PATH, {
					...body,
					audiences: [audience(TUTORIAL_NEW_AUDIENCE_ID)],
				});
				expect(again.json).toMatchObject({ created: false, flowId: (first.json as Json).flowId });
				expect((again.json as Json).summary).toMatch(
					/^Dataflow "Winter campaign" exists: Removed 1 audience/,
				);
				const state = await prodState(emulator, 'Winter campaign');
				expect(state.named).toHaveLength(1);
				expect(state.orphans).toEqual([]);
			});
		},
	);
}

describeCreate('v2');
describeCreate('v1');
