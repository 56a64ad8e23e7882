import { PollContext } from 'n8n-core';
import type {
	IDataObject,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { deepCopy, UnexpectedError, Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import type { CredentialStore } from './credentialStore';
import { createEnvironment } from './environment';
import { latestVersion } from './methods';
import { loneNode } from './nodeTypes';
import type { HarnessEnvironment } from './types';

export interface RunPollOptions extends HarnessEnvironment {
	/** Full node type name, as registered in `nodeTypes`; the type must have `poll()`. */
	nodeType: string;
	parameters?: INodeParameters;
	/** Static data is kept per node name (`node:<name>`), as in n8n. Default `Poll Trigger`. */
	nodeName?: string;
	typeVersion?: number;
	/** Default: every stored credential whose type the node declares. */
	nodeCredentials?: INodeCredentials;
	/**
	 * The workflow's static data as n8n stored it after an earlier poll (`result.staticData`).
	 * Passing it to a new call is a restart: same stored data, fresh workflow and context.
	 */
	staticData?: IDataObject;
	/** `trigger` (default): a scheduled poll of an active workflow. `manual`: "Fetch Test Event". */
	mode?: 'trigger' | 'manual';
	/** Default `init` (n8n started with the workflow active); `activate` when it was just published. */
	activation?: WorkflowActivateMode;
}

export interface RunPollResult {
	/** What `poll()` returned: `null` means "nothing new", and n8n starts no execution. */
	response: INodeExecutionData[][] | null;
	/** The json of the items of output 0 (empty when the response was `null`). */
	items: IDataObject[];
	/** The workflow's static data after the poll, as a JSON copy (what n8n would save). */
	staticData: IDataObject;
	/** Whether the poll wrote to static data (n8n saves it only then). */
	staticDataChanged: boolean;
}

/**
 * Calls a polling trigger's `poll()` the way n8n does for an active workflow (or for "Fetch Test
 * Event" with `mode: 'manual'`): on its node in a one-node workflow, with n8n-core's PollContext as
 * `this`, so `getWorkflowStaticData('node')`, `getMode()`, `getCredentials` and the authenticated
 * request functions behave as in n8n. Errors thrown by `poll()` propagate.
 */
export async function runPoll(options: RunPollOptions): Promise<RunPollResult> {
	return await activatePoll(options).poll();
}

export interface ActivePoll {
	/** One scheduled poll, on the context every poll of this activation shares (as in n8n). */
	poll(): Promise<RunPollResult>;
	/** The stored credentials, to change them between polls as a user editing them would. */
	store: CredentialStore;
}

/** Activates the workflow once: n8n makes one PollContext at activation and polls on it until deactivation. */
export function activatePoll(options: RunPollOptions): ActivePoll {
	const env = createEnvironment(options);
	const nodeType = env.nodeTypes.getByNameAndVersion(options.nodeType, options.typeVersion);
	if (typeof nodeType.poll !== 'function') {
		throw new UnexpectedError(`Node type "${options.nodeType}" has no poll()`);
	}
	const credentials: INodeCredentials = {};
	for (const { name } of nodeType.description.credentials ?? []) {
		const details = env.store.details(name);
		if (details) credentials[name] = details;
	}
	const node = loneNode({
		id: 'poll-node-1',
		name: options.nodeName ?? 'Poll Trigger',
		type: options.nodeType,
		typeVersion: options.typeVersion ?? latestVersion(nodeType),
		parameters: deepCopy(options.parameters ?? {}),
		credentials:
			options.nodeCredentials ?? (Object.keys(credentials).length ? credentials : undefined),
	});
	const workflow = new Workflow({
		id: 'harness-poll-workflow',
		name: 'Harness poll workflow',
		nodes: [node],
		connections: {},
		active: options.mode !== 'manual',
		nodeTypes: env.nodeTypes,
		// A stored copy, never the caller's object: a restart must not share memory with the last run.
		staticData: deepCopy(options.staticData ?? {}),
	});
	const additionalData = createAdditionalData({
		credentialsHelper: env.credentialsHelper,
		workflowId: workflow.id,
		variables: options.variables,
	});
	const mode = options.mode ?? 'trigger';
	const context = new PollContext(
		workflow,
		workflow.nodes[node.name],
		additionalData,
		mode,
		mode === 'manual' ? 'manual' : (options.activation ?? 'init'),
	);

	const poll = async (): Promise<RunPollResult> => {
		const staticData = workflow.staticData as IDataObject & { __dataChanged?: boolean };
		// n8n saves changed static data after each poll and clears the flag.
		staticData.__dataChanged = false as boolean;
		const response = await nodeType.poll!.call(context);
		return {
			response,
			items: (response?.[0] ?? []).map((item) => item.json),
			staticData: JSON.parse(JSON.stringify(staticData)) as IDataObject,
			staticDataChanged: staticData.__dataChanged === true,
		};
	};
	return { poll, store: env.store };
}
