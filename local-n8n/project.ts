/**
 * What the end-to-end tests, `npm start` and `npm run demo` share about this project: the emulator
 * credentials, the example workflows, the local owner account and readers for stored flows.
 * Plain Node (no jest), so scripts/ can import it.
 */
import { randomUUID } from 'crypto';
import { existsSync, readdirSync } from 'fs';
import * as path from 'path';

import {
	DEFAULT_CLIENT_ID,
	DEFAULT_CLIENT_SECRET,
	DEFAULT_IMS_ORG,
	FLOW_SERVICE_BASE_PATH,
	STATIC_ACCESS_TOKEN,
	type Flow,
	type LoggedRequest,
} from '../emulator';
import {
	CredentialInput,
	WorkflowInput,
	readWorkflowFile,
	repoRoot,
	branchesTo,
	connectTo,
} from './index';

export const PACKAGE_NAME = 'n8n-nodes-adobe-flow-service';
export const NODE_TYPE = `${PACKAGE_NAME}.flowServiceDestination`;
export const CREDENTIAL_TYPE = 'adobeExperiencePlatformApi';

/** The credential the example workflows use (OAuth Server-to-Server against the emulator). */
export const EXAMPLE_CREDENTIAL = {
	id: 'aepEmulatorCred01',
	name: 'Adobe Experience Platform (local emulator)',
} as const;
/** The same identity in the emulator's dev sandbox: the promotion example reads with it. */
export const DEV_SANDBOX_CREDENTIAL = {
	id: 'aepEmulatorDevCred01',
	name: 'Adobe Experience Platform (local emulator, dev sandbox)',
} as const;
/** The credential of the workflows in e2e/workflows (Access Token mode, the emulator's static token). */
export const TOKEN_CREDENTIAL = {
	id: 'aepE2eTokenCred1',
	name: 'Adobe Experience Platform (e2e, access token)',
} as const;

/** Owner account of the local instance `npm start` sets up (development only). */
export const DEV_OWNER = {
	email: 'owner@example.com',
	password: 'Local-Dev-Passw0rd',
	firstName: 'Local',
	lastName: 'Owner',
} as const;

/** Fails when the package is not built, so an e2e suite never installs a stale or missing dist/. */
export function requireBuiltNodes(): void {
	for (const file of ['FlowServiceDestination.node.js', 'FlowServiceDestinationTrigger.node.js']) {
		const built = path.join(repoRoot, 'dist', 'nodes', 'FlowServiceDestination', file);
		if (!existsSync(built)) {
			throw new Error(`${built} is missing: run npm run build first (npm run e2e does)`);
		}
	}
}

export const EXAMPLES_DIR = path.join(repoRoot, 'examples');

/**
 * IDs of the example workflows users import (examples/*.json), each run by the e2e scenarios (the
 * two Dataflow › Create examples by e2e/create.e2e.test.ts).
 */
export const EXAMPLE_IDS = {
	addAudiencesDaily: 'exAddAudiencesDaily',
	addFromRows: 'exAddFromRows',
	agentTools: 'exAgentTools',
	alertOnFailedRun: 'exAlertOnFailedRun',
	deleteDataflow: 'exDeleteDataflow',
	extendDatasetExports: 'exExtendDatasetEnds',
	extendExports: 'exExtendExports',
	failedRunsReport: 'exFailedRunsReport',
	launchCampaign: 'exLaunchCampaign',
	promoteDataflow: 'exPromoteDataflow',
	retireAudience: 'exRetireAudience',
	syncEveryNight: 'exSyncEveryNight',
	webhookAddRemove: 'exWebhookAddRemove',
	webhookAddExport: 'exWebhookAddExport',
} as const;

/** The webhook of the "Add and remove audiences on a webhook call" example. */
export const CAMPAIGN_WEBHOOK_PATH = 'campaign-update';
/** The webhook of the "Add audiences on a webhook call, then export them now" example. */
export const CAMPAIGN_EXPORT_WEBHOOK_PATH = 'campaign-export';
/** Where the chat examples post until a user pastes their own URL (Slack's documented placeholder). */
export const CHAT_WEBHOOK_PLACEHOLDER =
	'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX';

type ExampleWorkflow = WorkflowFile['workflow'];
type ExampleNode = { type: string; parameters?: Record<string, any>; webhookId?: string };

function mapNodes(
	workflow: ExampleWorkflow,
	change: (node: ExampleNode) => ExampleNode,
): ExampleWorkflow {
	const copy = structuredClone(workflow);
	return { ...copy, nodes: (copy.nodes as ExampleNode[]).map(change) };
}

/** A copy of an example with Dry Run off in every node of this package: the example gone live. */
export function withDryRunOff(workflow: ExampleWorkflow): ExampleWorkflow {
	return mapNodes(workflow, (node) =>
		node.type.startsWith(`${PACKAGE_NAME}.`) && node.parameters?.options?.dryRun === true
			? {
					...node,
					parameters: {
						...node.parameters,
						options: { ...node.parameters.options, dryRun: false },
					},
				}
			: node,
	);
}

/** A copy of an example that posts to `url` where it would post to the chat webhook placeholder. */
export function withChatWebhook(workflow: ExampleWorkflow, url: string): ExampleWorkflow {
	return mapNodes(workflow, (node) =>
		node.parameters?.url === CHAT_WEBHOOK_PLACEHOLDER
			? { ...node, parameters: { ...node.parameters, url } }
			: node,
	);
}

/** The ID of an example's live copy (n8n execute takes IDs of at most 21 characters). */
export const liveId = (id: string): string => id.replace(/^ex/, 'live');

/**
 * An example gone live that can be imported next to it: Dry Run off, its own ID and name, and its
 * webhooks at `<path>-live` (two published workflows cannot share a webhook).
 */
export function liveCopy(workflow: ExampleWorkflow): ExampleWorkflow {
	const live = mapNodes(withDryRunOff(workflow), (node) =>
		node.type === 'n8n-nodes-base.webhook'
			? {
					...node,
					webhookId: randomUUID(),
					parameters: { ...node.parameters, path: `${String(node.parameters?.path)}-live` },
				}
			: node,
	);
	return { ...live, id: liveId(workflow.id), name: `${workflow.name} (live)` };
}

/** The example credential: OAuth Server-to-Server with the emulator's client, IMS and Flow Service at `url`. */
export function emulatorOAuthCredential(
	url: string,
	sandboxName = 'prod',
	credential: { id: string; name: string } = EXAMPLE_CREDENTIAL,
): CredentialInput {
	return {
		...credential,
		type: CREDENTIAL_TYPE,
		data: {
			authMode: 'oAuthServerToServer',
			clientId: DEFAULT_CLIENT_ID,
			clientSecret: DEFAULT_CLIENT_SECRET,
			imsOrgId: DEFAULT_IMS_ORG,
			sandboxName,
			platformHost: url,
			imsHost: url,
		},
	};
}

/** The example credentials: prod, and dev for the promotion example. */
export function emulatorExampleCredentials(url: string): CredentialInput[] {
	return [
		emulatorOAuthCredential(url),
		emulatorOAuthCredential(url, 'dev', DEV_SANDBOX_CREDENTIAL),
	];
}

/** Access Token mode with the emulator's static token. */
export function emulatorTokenCredential(url: string): CredentialInput {
	return {
		...TOKEN_CREDENTIAL,
		type: CREDENTIAL_TYPE,
		data: {
			authMode: 'accessToken',
			clientId: DEFAULT_CLIENT_ID,
			accessToken: STATIC_ACCESS_TOKEN,
			imsOrgId: DEFAULT_IMS_ORG,
			sandboxName: 'prod',
			platformHost: url,
			imsHost: url,
		},
	};
}

export interface WorkflowFile {
	file: string;
	workflow: WorkflowInput & { id: string; name: string };
}

/** The workflow files of a folder, each with the id and name an import needs. */
export function workflowFiles(dir: string): WorkflowFile[] {
	return readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			const file = path.join(dir, name);
			const workflow = readWorkflowFile(file);
			if (typeof workflow.id !== 'string' || typeof workflow.name !== 'string') {
				throw new Error(`${file} needs an id and a name`);
			}
			return { file, workflow: workflow as WorkflowFile['workflow'] };
		});
}

/** examples/*.json, as users import them. */
export function exampleWorkflows(): WorkflowFile[] {
	return workflowFiles(EXAMPLES_DIR);
}

interface Selector {
	type?: string;
	value?: { id?: string; name?: string; path?: string };
}

function generalParams(flow: Flow): Record<string, unknown> {
	const transformations = (flow.transformations ?? []) as Array<{
		name?: string;
		params?: Record<string, unknown>;
	}>;
	return (
		transformations.find(
			(t) => t.params && ('segmentSelectors' in t.params || 'profileSelectors' in t.params),
		)?.params ?? {}
	);
}

/** Audience ids on a stored flow, in order. */
export function flowAudiences(flow: Flow): string[] {
	const selectors = ((
		generalParams(flow).segmentSelectors as { selectors?: Selector[] } | undefined
	)?.selectors ?? []) as Selector[];
	return selectors.map((s) => String(s.value?.id));
}

/** Audience id -> name (empty when the flow stores none). */
export function flowAudienceNames(flow: Flow): Record<string, string> {
	const selectors = ((
		generalParams(flow).segmentSelectors as { selectors?: Selector[] } | undefined
	)?.selectors ?? []) as Selector[];
	return Object.fromEntries(selectors.map((s) => [String(s.value?.id), s.value?.name ?? '']));
}

/** Profile attribute paths on a stored flow, in order. */
export function flowAttributes(flow: Flow): string[] {
	const selectors = ((
		generalParams(flow).profileSelectors as { selectors?: Selector[] } | undefined
	)?.selectors ?? []) as Selector[];
	return selectors.map((s) => String(s.value?.path));
}

/** A request the emulator logged, reduced to what the tests compare. */
export interface Call {
	method: string;
	/** Without the Flow Service base path, query included (`/flows/<id>`, `/ims/token/v3`). */
	path: string;
	status: number;
	/** The If-Match header exactly as sent (quotes included); only on requests that carry one. */
	ifMatch?: string;
}

export function toCall(request: LoggedRequest): Call {
	const call: Call = {
		method: request.method,
		path: request.path.startsWith(FLOW_SERVICE_BASE_PATH)
			? request.path.slice(FLOW_SERVICE_BASE_PATH.length)
			: request.path,
		status: request.status,
	};
	if (request.headers['if-match'] !== undefined) call.ifMatch = request.headers['if-match'];
	return call;
}

/** Export settings batch destinations want with every audience added. */
export const BATCH_EXPORT_SETTINGS = {
	exportMode: 'DAILY_FULL_EXPORT',
	frequency: 'DAILY',
	startDate: '2026-12-01',
	startTime: '06:00',
} as const;

/** A Webhook node (POST /webhook/<path>) that answers with the first item of the last node that ran. */
export function webhookNode(path: string, webhookId: string) {
	return {
		id: 'w',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId,
		parameters: {
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData: 'firstEntryJson',
			options: {},
		},
	};
}

/** A Flow Service Destination node acting on the dataflow the webhook body names (`body.flowId`). */
export function bodyFlowNode(
	id: string,
	name: string,
	position: [number, number],
	parameters: Record<string, unknown>,
	credential: { id: string; name: string } = TOKEN_CREDENTIAL,
	options: Record<string, unknown> = {},
) {
	return {
		id,
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position,
		parameters: {
			flowId: { __rl: true, mode: 'id', value: '={{ $json.body.flowId }}' },
			options,
			...parameters,
		},
		credentials: { adobeExperiencePlatformApi: credential },
	};
}

/** Webhook → one Flow Service Destination node, answering with the node's output. */
export function webhookWriterWorkflow(
	id: string,
	path: string,
	webhookId: string,
	parameters: Record<string, unknown>,
	{
		credential,
		options,
	}: { credential?: { id: string; name: string }; options?: Record<string, unknown> } = {},
) {
	return {
		id,
		name: `Webhook writer ${path}`,
		nodes: [
			webhookNode(path, webhookId),
			bodyFlowNode('f', 'Flow Service Destination', [250, 0], parameters, credential, options),
		],
		connections: {
			Webhook: connectTo('Flow Service Destination'),
		},
		settings: { executionOrder: 'v1' },
	};
}

type FlowNodeBuilder = (
	id: string,
	name: string,
	position: [number, number],
	parameters: Record<string, unknown>,
) => ReturnType<typeof bodyFlowNode>;

/**
 * Webhook → Switch on body.kind → Update Info (rename), Add Audiences (`addParameters`) or Remove
 * Profile Attributes; answers with the output of the node that ran. Mixed writers of one dataflow.
 */
export function mixedWritersWorkflow(
	workflow: { id: string; name: string; path: string; webhookId: string },
	addParameters: Record<string, unknown>,
	flowNode: FlowNodeBuilder = (id, name, position, parameters) =>
		bodyFlowNode(id, name, position, parameters),
) {
	return {
		id: workflow.id,
		name: workflow.name,
		nodes: [
			webhookNode(workflow.path, workflow.webhookId),
			{
				id: 's',
				name: 'Kind',
				type: 'n8n-nodes-base.switch',
				typeVersion: 3,
				position: [200, 0],
				parameters: {
					mode: 'expression',
					numberOutputs: 3,
					output: '={{ ({ rename: 0, add: 1, remove: 2 })[$json.body.kind] }}',
				},
			},
			flowNode('r', 'Rename', [450, -200], {
				operation: 'updateInfo',
				updateFields: { name: '={{ $json.body.name }}' },
			}),
			flowNode('a', 'Add audience', [450, 0], addParameters),
			flowNode('d', 'Remove attribute', [450, 200], {
				operation: 'removeProfileAttributes',
				attributePaths: '={{ $json.body.path }}',
			}),
		],
		connections: {
			Webhook: connectTo('Kind'),
			Kind: branchesTo('Rename', 'Add audience', 'Remove attribute'),
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Add Audiences parameters: the audience `body.<field>` of each webhook body, with BATCH_EXPORT_SETTINGS. */
export function addAudienceFromBody(...fields: string[]) {
	return {
		operation: 'addAudiences',
		audiences: {
			audience: fields.map((field) => ({
				id: `={{ $json.body.${field} }}`,
				...BATCH_EXPORT_SETTINGS,
			})),
		},
	};
}

export const TRIGGER_NODE_TYPE = `${PACKAGE_NAME}.flowServiceDestinationTrigger`;

/**
 * The trigger polling every minute (`parameters`: events, watch, flowId, options), and an HTTP
 * Request node posting every item it emits to `listenerUrl` (see startListener in local-n8n/).
 */
export function triggerToListenerWorkflow(
	id: string,
	name: string,
	listenerUrl: string,
	credential: { id: string; name: string },
	parameters: Record<string, unknown>,
) {
	return {
		id,
		name,
		nodes: [
			{
				id: 't1',
				name: 'Dataflow events',
				type: TRIGGER_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, options: {}, ...parameters },
				credentials: { adobeExperiencePlatformApi: credential },
			},
			{
				id: 't2',
				name: 'Post event',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [300, 0],
				parameters: {
					method: 'POST',
					url: listenerUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
					options: {},
				},
			},
		],
		connections: {
			'Dataflow events': connectTo('Post event'),
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}
