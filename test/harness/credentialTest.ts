import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialsDecrypted,
	ICredentialTestFunction,
	ICredentialTestRequest,
	IDataObject,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';
import { createRunExecutionData, NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { CREDENTIAL_TEST_NODE_TYPE } from './credentialsHelper';
import { createEnvironment, type Environment } from './environment';
import { latestVersion } from './methods';
import { HarnessNodeTypes, loneNode } from './nodeTypes';
import type { CredentialTypeInput, NodeTypesInput, StoredCredential } from './types';

export interface TestCredentialsOptions {
	credentialTypes: CredentialTypeInput[];
	/** Credential type name to test. */
	type: string;
	credential: StoredCredential;
	/** Needed only when a node tests the credential (`testedBy` in its credentials list). */
	nodeTypes?: NodeTypesInput;
	variables?: Record<string, string>;
}

type TestSource =
	| { kind: 'function'; fn: ICredentialTestFunction }
	| { kind: 'request'; testRequest: ICredentialTestRequest; nodeType?: INodeType };

/** n8n's NoOp, reduced to what a credential test reads from it. */
const NO_OP_NODE_TYPE: INodeType = {
	description: {
		displayName: 'No Operation, do nothing',
		name: CREDENTIAL_TEST_NODE_TYPE,
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
};

/**
 * The editor's "Test" button, following n8n's CredentialsTester: defaults and expressions are
 * applied, then either the node's `credentialTest` function runs, or the test request goes
 * through n8n-core's RoutingNode (so `preAuthentication` and `authenticate` apply) and
 * failures map to `{ status: 'Error', message }` with the same rules.
 */
export async function testCredentials(
	options: TestCredentialsOptions,
): Promise<INodeCredentialTestResult> {
	const env = createEnvironment({
		nodeTypes: options.nodeTypes ?? {},
		credentialTypes: options.credentialTypes,
		credentials: { [options.type]: options.credential },
	});
	const source = findTest(env, options.type);
	if (!source)
		return { status: 'Error', message: 'No testing function found for this credential.' };

	const additionalData = createAdditionalData({
		credentialsHelper: env.credentialsHelper,
		variables: options.variables,
	});
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: options.credential.id,
		name: options.credential.name,
		type: options.type,
		data: options.credential.data,
	};
	try {
		credentialsDecrypted.data = await env.credentialsHelper.applyDefaults(
			additionalData,
			env.store.read(options.credential, options.type),
			options.type,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}

	if (source.kind === 'function') {
		return await source.fn.call(new CredentialTestContext(additionalData), credentialsDecrypted);
	}

	const baseType = source.nodeType ?? NO_OP_NODE_TYPE;
	// The temp node carries the test request as routing on a `temp` parameter, as in n8n.
	const testNodeType: INodeType = {
		description: {
			...baseType.description,
			credentials: [{ name: options.type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: source.testRequest.request },
					default: '',
				},
			],
		},
	};
	const node = loneNode({
		id: 'temp',
		name: 'Temp-Node',
		type: baseType.description.name,
		typeVersion: latestVersion(baseType),
		credentials: { [options.type]: { id: options.credential.id, name: options.credential.name } },
	});
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new HarnessNodeTypes({ [node.type]: testNodeType }),
	});
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData({ executionData: null }),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, testNodeType, credentialsDecrypted).runNode();
	} catch (error) {
		return failureResult(error, source.testRequest);
	}
	for (const rule of source.testRequest.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const body = response?.[0]?.[0]?.json;
		if (getPath(body, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

function findTest(env: Environment, type: string): TestSource | undefined {
	const credentialType = env.credentialTypes.getByName(type);
	if (credentialType.test) return { kind: 'request', testRequest: credentialType.test };

	for (const { name, type: nodeType } of env.nodeTypes.allVersions()) {
		for (const { name: credentialName, testedBy } of nodeType.description.credentials ?? []) {
			if (credentialName !== type || !testedBy) continue;
			if (typeof testedBy === 'string') {
				const fn = nodeType.methods?.credentialTest?.[testedBy];
				if (fn) return { kind: 'function', fn };
				continue;
			}
			// n8n loads node types with their full name; do the same for the temp node.
			const named = { ...nodeType, description: { ...nodeType.description, name } };
			return { kind: 'request', testRequest: testedBy, nodeType: named };
		}
	}
	return undefined;
}

interface RequestFailure {
	message?: unknown;
	cause?: { code?: string; response?: { status: number; statusText?: string } };
}

function failureResult(
	error: RequestFailure,
	testRequest: ICredentialTestRequest,
): INodeCredentialTestResult {
	const response = error.cause?.response;
	if (response) {
		for (const rule of testRequest.rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === response.status) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		if (response.status < 199 || response.status > 299) {
			return {
				status: 'Error',
				message: response.statusText || `Received HTTP status code: ${response.status}`,
			};
		}
	} else if (error.cause?.code) {
		return { status: 'Error', message: error.cause.code };
	}
	return { status: 'Error', message: String(error.message) };
}

function getPath(value: IDataObject | undefined, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>((current, key) => (current as IDataObject | undefined)?.[key], value);
}
