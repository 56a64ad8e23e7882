import type {
	ExecutionError,
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IConnections,
	INode,
	INodeExecutionData,
	INodeType,
	IPinData,
	IRun,
	IRunData,
	IVersionedNodeType,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';

/** A node type given as an instance or as a class with a no-argument constructor. */
export type NodeTypeInput =
	INodeType | IVersionedNodeType | (new () => INodeType | IVersionedNodeType);

/** A credential type given as an instance or as a class with a no-argument constructor. */
export type CredentialTypeInput = ICredentialType | (new () => ICredentialType);

/** Keyed by full node type name, e.g. `n8n-nodes-adobe-flow-service.flowServiceDestination`. */
export type NodeTypesInput = Record<string, NodeTypeInput>;

/** One stored credential, as n8n keeps it in its database (but only in memory here). */
export interface StoredCredential {
	id: string;
	name: string;
	data: ICredentialDataDecryptedObject;
}

/** Stored credentials keyed by credential type name (one credential per type). */
export type CredentialsInput = Record<string, StoredCredential>;

/** A write-back to a stored credential, e.g. the token `preAuthentication` fetched. */
export interface CredentialUpdate {
	type: string;
	id: string | null;
	/** Only the fields that were written. */
	data: ICredentialDataDecryptedObject;
}

/** The parts of a workflow the harness needs; a parsed export from n8n fits. */
export interface WorkflowInput {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	pinData?: IPinData;
}

/** What node types, credential types and stored credentials a run (or method call) sees. */
export interface HarnessEnvironment {
	nodeTypes: NodeTypesInput;
	credentialTypes?: CredentialTypeInput[];
	credentials?: CredentialsInput;
	/** `$vars` in expressions. */
	variables?: Record<string, string>;
}

export interface RunWorkflowOptions extends HarnessEnvironment {
	workflow: WorkflowInput;
	/** Items the Manual Trigger emits (or the start node receives). Default `[{ json: {} }]`. */
	triggerItems?: INodeExecutionData[];
	/** Node to start from. Default: the Manual Trigger, else n8n's own start-node choice. */
	startNode?: string;
	/** Default `manual`, like a run started from the editor. */
	mode?: WorkflowExecuteMode;
	executionId?: string;
}

export interface RunWorkflowResult {
	status: ExecutionStatus;
	/** The failing node's error as n8n-core stores it: a plain `{ ...error, message, stack }` copy. */
	error: ExecutionError | undefined;
	runData: IRunData;
	/** Node names in the order they finished. */
	executedNodes: string[];
	credentialUpdates: CredentialUpdate[];
	/** Main output `outputIndex` (default 0) of the last run of the node; throws if the node has none. */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The error recorded for the last run of the node, if any. */
	nodeError(nodeName: string): ExecutionError | undefined;
	/** The full object n8n-core resolved with. */
	run: IRun;
}
