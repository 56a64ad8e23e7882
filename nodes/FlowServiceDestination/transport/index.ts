import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import type { FlowDocument, PatchOperation } from '../helpers/types';

export const CREDENTIAL_TYPE = 'adobeExperiencePlatformApi';
export const FLOW_SERVICE_PATH = '/data/foundation/flowservice';

type RequestContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface FlowServiceResponse<T> {
	statusCode: number;
	body: T;
	headers: Record<string, unknown>;
}

/** An HTTP failure with Adobe's answer kept intact (and nothing of the request, so no secret leaks). */
export class FlowServiceHttpError extends Error {
	constructor(
		readonly statusCode: number | undefined,
		readonly body: unknown,
		readonly headers: Record<string, unknown>,
		message: string,
	) {
		super(message);
		this.name = 'FlowServiceHttpError';
	}
}

interface RequestOptions {
	qs?: IDataObject;
	body?: unknown;
	headers?: Record<string, string>;
}

export async function flowServiceRequest<T>(
	this: RequestContext,
	method: IHttpRequestMethods,
	endpoint: string,
	options: RequestOptions = {},
): Promise<FlowServiceResponse<T>> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const host = String(credentials.platformHost ?? '').replace(/\/+$/, '');
	const request: IHttpRequestOptions = {
		method,
		url: `${host}${FLOW_SERVICE_PATH}${endpoint}`,
		qs: options.qs,
		headers: { Accept: 'application/json', ...options.headers },
		json: true,
		returnFullResponse: true,
		// Adobe ANDs repeated `property` parameters.
		arrayFormat: 'repeat',
	};
	if (options.body !== undefined) {
		request.body = options.body as IDataObject;
		request.headers!['Content-Type'] = 'application/json';
	}
	try {
		const response = await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, request);
		return { statusCode: response.statusCode, body: response.body as T, headers: response.headers ?? {} };
	} catch (error) {
		throw toFlowServiceError(error);
	}
}

/** n8n wraps the HTTP client's error; dig out the response Adobe sent, if any. */
function toFlowServiceError(error: unknown): FlowServiceHttpError {
	const candidate = error as { cause?: { response?: HttpResponseLike; code?: string; message?: string }; response?: HttpResponseLike; message?: string };
	const response = candidate.cause?.response ?? candidate.response;
	if (response) {
		return new FlowServiceHttpError(response.status, response.data, response.headers ?? {}, `HTTP ${response.status}`);
	}
	const networkCode = candidate.cause?.code;
	if (networkCode) return new FlowServiceHttpError(undefined, undefined, {}, `The Flow Service could not be reached: ${networkCode}`);
	// No answer and no network code: the request never left, e.g. the IMS token request failed first.
	return new FlowServiceHttpError(undefined, undefined, {}, candidate.cause?.message ?? candidate.message ?? 'The request failed');
}

interface HttpResponseLike {
	status: number;
	data: unknown;
	headers?: Record<string, unknown>;
}

export async function getFlow(this: RequestContext, flowId: string): Promise<FlowDocument> {
	const { body } = (await flowServiceRequest.call(
		this,
		'GET',
		`/flows/${encodeURIComponent(flowId)}`,
	)) as FlowServiceResponse<{ items?: FlowDocument[] }>;
	const flow = body?.items?.[0];
	if (!flow) throw new FlowServiceHttpError(404, body, {}, `Dataflow ${flowId} was not found`);
	return flow;
}

export interface PatchResult {
	etag?: string;
}

export async function patchFlow(
	this: RequestContext,
	flowId: string,
	etag: string,
	operations: PatchOperation[],
): Promise<PatchResult> {
	const { body } = (await flowServiceRequest.call(
		this,
		'PATCH',
		`/flows/${encodeURIComponent(flowId)}`,
		// Adobe compares If-Match byte for byte: the etag goes out exactly as the flow holds it, quotes included.
		{ body: operations, headers: { 'If-Match': etag } },
	)) as FlowServiceResponse<PatchResult | string | undefined>;
	return typeof body === 'object' && body !== null ? body : {};
}

export async function flowAction(this: RequestContext, flowId: string, op: 'enable' | 'disable'): Promise<PatchResult> {
	const { body } = (await flowServiceRequest.call(
		this,
		'POST',
		`/flows/${encodeURIComponent(flowId)}/action`,
		{ qs: { op } },
	)) as FlowServiceResponse<PatchResult | undefined>;
	return typeof body === 'object' && body !== null ? body : {};
}

export interface FlowListPage {
	items?: FlowDocument[];
	_links?: { next?: { href?: string } };
}

/** One page of `GET /flows`; `next` is Adobe's `_links.next.href`, relative to the Flow Service. */
export async function listFlows(this: RequestContext, qs: IDataObject, next?: string): Promise<FlowListPage> {
	const endpoint = next ? relativeNext(next) : '/flows';
	const { body } = (await flowServiceRequest.call(
		this,
		'GET',
		endpoint,
		{ qs: next ? undefined : qs },
	)) as FlowServiceResponse<FlowListPage>;
	return body ?? {};
}

function relativeNext(href: string): string {
	const path = href.replace(/^https?:\/\/[^/]+/, '');
	return path.startsWith(FLOW_SERVICE_PATH) ? path.slice(FLOW_SERVICE_PATH.length) : path;
}
