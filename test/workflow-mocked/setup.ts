import nock from 'nock';
import type { INode, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { AdobeExperiencePlatformApi } from '../../credentials/AdobeExperiencePlatformApi.credentials';
import { FlowServiceDestination } from '@node/FlowServiceDestination.node';
import { MANUAL_TRIGGER_TYPE, runNodeMethod, runWorkflow } from '../harness';
import type { RunWorkflowResult } from '../harness';

export const NODE_TYPE = 'n8n-nodes-adobe-flow-service.flowServiceDestination';
export const NODE_NAME = 'Flow Service Destination';
export const PLATFORM = 'https://platform.test';
export const IMS = 'https://ims.test';
export const FLOWS_PATH = '/data/foundation/flowservice/flows';
/** The etag Adobe answers a successful PATCH with. */
export const NEW_ETAG = '"50014cc8-0000-0200-0000-6036eb720000"';

export const TOKEN_CREDENTIAL = {
	authMode: 'accessToken',
	clientId: 'test-client-id',
	accessToken: 'pasted-token-123',
	imsOrgId: 'TESTORG0000000000000000@AdobeOrg',
	sandboxName: 'dev',
	platformHost: PLATFORM,
	imsHost: IMS,
};

export const OAUTH_CREDENTIAL = {
	authMode: 'oAuthServerToServer',
	clientId: 'test-client-id',
	clientSecret: 'very-secret-value',
	scopes: 'openid,AdobeID',
	imsOrgId: 'TESTORG0000000000000000@AdobeOrg',
	sandboxName: 'dev',
	platformHost: PLATFORM,
	imsHost: IMS,
};

export interface RunOptions {
	triggerItems?: INodeExecutionData[];
	credential?: Record<string, unknown>;
	node?: Partial<INode>;
	/** Runs this type under the node's name instead (a probe built on the node's description). */
	nodeType?: new () => INodeType;
}

/** The credential type and one stored Adobe credential holding (a copy of) `data`, as every harness run takes them. */
export function adobeCredential(data: object = TOKEN_CREDENTIAL) {
	return {
		credentialTypes: [AdobeExperiencePlatformApi],
		credentials: {
			adobeExperiencePlatformApi: { id: '1', name: 'Adobe', data: { ...data } as never },
		},
	};
}

/** Manual Trigger → Flow Service Destination, run through n8n-core's engine. */
export async function runNode(
	parameters: Record<string, unknown>,
	options: RunOptions = {},
): Promise<RunWorkflowResult> {
	return await runWorkflow({
		nodeTypes: { [NODE_TYPE]: options.nodeType ?? FlowServiceDestination },
		...adobeCredential(options.credential ?? TOKEN_CREDENTIAL),
		triggerItems: options.triggerItems,
		workflow: {
			nodes: [
				{
					id: 't',
					name: 'Manual Trigger',
					type: MANUAL_TRIGGER_TYPE,
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'f',
					name: NODE_NAME,
					type: NODE_TYPE,
					typeVersion: 1,
					position: [200, 0],
					parameters: parameters as INodeParameters,
					credentials: { adobeExperiencePlatformApi: { id: '1', name: 'Adobe' } },
					...options.node,
				},
			],
			connections: { 'Manual Trigger': { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
		},
	});
}

/** Calls one of the node's list-search methods as the editor does, for `operation`, with the token credential. */
export function listSearch(
	method: string,
	operation: string,
	filter?: string,
	paginationToken?: string,
	parameters: Record<string, unknown> = {},
) {
	return runNodeMethod({
		nodeTypes: { [NODE_TYPE]: FlowServiceDestination },
		...adobeCredential(),
		nodeType: NODE_TYPE,
		kind: 'listSearch',
		method,
		filter,
		paginationToken,
		parameters: { operation, ...parameters },
	});
}

export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

export interface RecordedRequest {
	method: string;
	path: string;
	headers: Record<string, string>;
	body: unknown;
}

/** A reply function that records the request and answers with the given status and body. */
export function answer(
	requests: RecordedRequest[],
	status: number,
	body?: unknown,
	headers?: Record<string, string>,
) {
	return function (
		this: nock.ReplyFnContext,
		uri: string,
		requestBody: nock.Body,
	): [number, nock.Body, Record<string, string>] {
		requests.push({
			method: this.req.method,
			path: uri,
			headers: normalizeHeaders(this.req.headers),
			body: parseBody(requestBody),
		});
		return [status, (body ?? '') as nock.Body, headers ?? {}];
	};
}

function parseBody(body: nock.Body): unknown {
	if (typeof body !== 'string') return body || undefined;
	if (body === '') return undefined;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

function normalizeHeaders(headers: Record<string, string | string[]>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(headers).map(([key, value]) => [
			key.toLowerCase(),
			Array.isArray(value) ? value.join(', ') : value,
		]),
	);
}

export function adobeHeaders(token = TOKEN_CREDENTIAL.accessToken) {
	return {
		authorization: `Bearer ${token}`,
		'x-api-key': 'test-client-id',
		'x-gw-ims-org-id': 'TESTORG0000000000000000@AdobeOrg',
		'x-sandbox-name': 'dev',
	};
}

export function flowServiceError(code: string, status: number, message: string) {
	return {
		type: `https://ns.adobe.com/aep/errors/FLOW-${code}`,
		title: message,
		status,
		report: { 'detailed-message': message, id: 'r1', 'request-id': 'req-abc-123' },
		errorMessage: message,
		errorDetails: message,
	};
}

export function outputJson(result: RunWorkflowResult): Array<Record<string, unknown>> {
	return result.output(NODE_NAME).map((item) => item.json as Record<string, unknown>);
}

export function setupNock(): void {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());
}

/** Blocks real HTTP for the enclosing block; the returned list holds each test's requests, emptied before it. */
export function recordRequests(): RecordedRequest[] {
	setupNock();
	const requests: RecordedRequest[] = [];
	beforeEach(() => {
		requests.length = 0;
	});
	return requests;
}

/** The recorder with the reply helpers bound to it: what most suites need from nock. */
export interface MockedAdobe {
	requests: RecordedRequest[];
	answer(
		status: number,
		body?: unknown,
		headers?: Record<string, string>,
	): ReturnType<typeof answer>;
	readFlow(flowId: string, readAnswer: unknown): nock.Scope;
	/** Adobe answers a listing at `path`, whatever its query, with `body`. Chain more on the scope. */
	listing(path: string, body: unknown): nock.Scope;
	readThenPatch(flowId: string, readAnswer: unknown, newEtag?: string): nock.Scope;
	/** One PATCH of `flowId` is accepted, without a read first (the etag came with the input). */
	acceptPatch(flowId: string, newEtag?: string): nock.Scope;
	/**
	 * The first PATCH meets a 412 with `conflict`; the flow is read again as `reread` and the second
	 * PATCH is accepted. `firstRead` is the read before the first PATCH, undefined when there is none.
	 */
	conflictOnce(flowId: string, firstRead: unknown, conflict: unknown, reread: unknown): nock.Scope;
}

/** `recordRequests` for the enclosing block, with `answer`, `readFlow`, `listing` and `readThenPatch` recording into it. */
export function recordAdobe(): MockedAdobe {
	const requests = recordRequests();
	return {
		requests,
		answer: (status, body, headers) => answer(requests, status, body, headers),
		readFlow: (flowId, readAnswer) => readFlow(requests, flowId, readAnswer),
		listing: (path, body) =>
			nock(PLATFORM)
				.get(path)
				.query(true)
				.reply(answer(requests, 200, body)),
		readThenPatch: (flowId, readAnswer, newEtag) =>
			readThenPatch(requests, flowId, readAnswer, newEtag),
		acceptPatch: (flowId, newEtag = NEW_ETAG) =>
			nock(PLATFORM)
				.patch(`${FLOWS_PATH}/${flowId}`)
				.reply(answer(requests, 200, { id: flowId, etag: newEtag })),
		conflictOnce: (flowId, firstRead, conflict, reread) =>
			(firstRead === undefined ? nock(PLATFORM) : readFlow(requests, flowId, firstRead))
				.patch(`${FLOWS_PATH}/${flowId}`)
				.reply(answer(requests, 412, conflict))
				.get(`${FLOWS_PATH}/${flowId}`)
				.reply(answer(requests, 200, reread))
				.patch(`${FLOWS_PATH}/${flowId}`)
				.reply(answer(requests, 200, { id: flowId, etag: NEW_ETAG })),
	};
}

/** Adobe answers the read of `flowId` with `readAnswer`. Chain more on the scope. */
export function readFlow(
	requests: RecordedRequest[],
	flowId: string,
	readAnswer: unknown,
): nock.Scope {
	return nock(PLATFORM)
		.get(`${FLOWS_PATH}/${flowId}`)
		.reply(answer(requests, 200, readAnswer));
}

/** The usual update: the flow is read (`readAnswer`), then one PATCH is accepted. Chain more on the scope. */
export function readThenPatch(
	requests: RecordedRequest[],
	flowId: string,
	readAnswer: unknown,
	newEtag = NEW_ETAG,
): nock.Scope {
	return readFlow(requests, flowId, readAnswer)
		.patch(`${FLOWS_PATH}/${flowId}`)
		.reply(answer(requests, 200, { id: flowId, etag: newEtag }));
}
