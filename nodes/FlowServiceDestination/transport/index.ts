import { sleep } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { FlowServiceHttpError, toFlowServiceError } from './httpError';
import { readPages, type Page, type PagingLimits } from './pager';
import type {
	ConnectionSpec,
	Created,
	DestinationAccount,
	FlowConnection,
	FlowSpec,
} from '../model/destination';
import type { FlowDocument, PatchOperation } from '../model/types';
import { DEFAULT_RETRY_POLICY, isTransient, retryDelayMs, type RetryPolicy } from './retryPolicy';

export { FlowServiceHttpError } from './httpError';

export const CREDENTIAL_TYPE = 'adobeExperiencePlatformApi';
export const FLOW_SERVICE_PATH = '/data/foundation/flowservice';
/** Segmentation Service (audiences): same host, gateway and headers as the Flow Service. */
export const SEGMENTATION_PATH = '/data/core/ups';
/** Ad-hoc activation (Export Now): `POST {host}/data/core/activation/disflowprovider/adhocrun`. */
export const ACTIVATION_PATH = '/data/core/activation/disflowprovider';
/** Version 2 of the ad-hoc activation API, which needs no export job ID. */
export const ADHOC_ACCEPT = 'application/vnd.adobe.adhoc.activation+json; version=2';

type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface FlowServiceResponse<T> {
	statusCode: number;
	body: T;
	headers: Record<string, unknown>;
}

interface RequestOptions {
	qs?: IDataObject;
	body?: unknown;
	headers?: Record<string, string>;
	/** Reads and enable/disable may be repeated safely; a PATCH is retried by the update engine instead. */
	retry?: boolean;
}

/**
 * One decrypted credential per node run, shared by its clients: n8n otherwise loads and decrypts
 * it for every request. A token refreshed by pre-authentication is written into this same object,
 * so every later request of the run uses it. Keyed by the run's context, which n8n makes anew for
 * each execution, list search or tool call; a polling trigger's context lives as long as the
 * trigger is active, so the trigger hands each poll's credential to its client instead.
 */
const credentialsOfRun = new WeakMap<RequestContext, Promise<ICredentialsDecrypted>>();

/** The only module that talks to Adobe: every request, its auth, timeout and transient retries. */
export class FlowServiceClient {
	constructor(
		private readonly context: RequestContext,
		readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
		/** The credential as this run already loaded it; when absent, loaded once per run context. */
		private readonly runCredentials?: ICredentialDataDecryptedObject,
	) {}

	async request<T>(
		method: IHttpRequestMethods,
		endpoint: string,
		options: RequestOptions = {},
	): Promise<FlowServiceResponse<T>> {
		return await this.requestAt<T>(FLOW_SERVICE_PATH, method, endpoint, options);
	}

	/** A request to any Platform service on the credential's host, with transient retries when allowed. */
	private async requestAt<T>(
		basePath: string,
		method: IHttpRequestMethods,
		endpoint: string,
		options: RequestOptions,
	): Promise<FlowServiceResponse<T>> {
		for (let attempt = 0; ; attempt++) {
			let failure: FlowServiceHttpError;
			try {
				return await this.send<T>(basePath, method, endpoint, options);
			} catch (error) {
				failure = toFlowServiceError(error, attempt);
			}
			const delay =
				options.retry && attempt < this.policy.maxRetries && isTransient(failure.facts)
					? retryDelayMs(failure.facts, attempt, this.policy)
					: undefined;
			if (delay === undefined) throw failure;
			await sleep(delay);
		}
	}

	private async send<T>(
		basePath: string,
		method: IHttpRequestMethods,
		endpoint: string,
		options: RequestOptions,
	): Promise<FlowServiceResponse<T>> {
		const credentialsDecrypted = await this.credentials();
		const host = String(credentialsDecrypted.data?.platformHost ?? '').replace(/\/+$/, '');
		const request: IHttpRequestOptions = {
			method,
			url: `${host}${basePath}${endpoint}`,
			qs: options.qs,
			headers: { Accept: 'application/json', ...options.headers },
			json: true,
			returnFullResponse: true,
			timeout: this.policy.timeoutMs,
			// Adobe ANDs repeated `property` parameters.
			arrayFormat: 'repeat',
		};
		if (options.body !== undefined) {
			request.body = options.body as IDataObject;
			request.headers!['Content-Type'] = 'application/json';
		}
		const response = await this.context.helpers.httpRequestWithAuthentication.call(
			this.context,
			CREDENTIAL_TYPE,
			request,
			{ credentialsDecrypted },
		);
		return {
			statusCode: response.statusCode,
			body: response.body as T,
			headers: response.headers ?? {},
		};
	}

	private async credentials(): Promise<ICredentialsDecrypted> {
		// Built once per run (or client): n8n copies the whole node on every getNode().
		const decrypted = (data: ICredentialDataDecryptedObject): ICredentialsDecrypted => {
			const ref = this.context.getNode().credentials?.[CREDENTIAL_TYPE];
			return { id: ref?.id ?? '', name: ref?.name ?? '', type: CREDENTIAL_TYPE, data };
		};
		if (this.runCredentials) {
			this.given ??= decrypted(this.runCredentials);
			return this.given;
		}
		let credentials = credentialsOfRun.get(this.context);
		if (!credentials) {
			credentials = this.context.getCredentials(CREDENTIAL_TYPE).then(decrypted);
			credentialsOfRun.set(this.context, credentials);
			// A failed load is this request's error, not the rest of the run's.
			credentials.catch(() => credentialsOfRun.delete(this.context));
		}
		return await credentials;
	}

	private given: ICredentialsDecrypted | undefined;

	async getFlow(flowId: string): Promise<FlowDocument> {
		return await this.getOne<FlowDocument>('flows', flowId, 'Dataflow');
	}

	/** A flow or a run: `GET /<collection>/{id}` answers `{items: [one]}`; none is a 404. */
	private async getOne<T>(collection: string, id: string, what: string): Promise<T> {
		const { body } = await this.request<{ items?: T[] }>(
			'GET',
			`/${collection}/${encodeURIComponent(id)}`,
			{ retry: true },
		);
		const one = body?.items?.[0];
		if (!one) throw new FlowServiceHttpError(404, body, {}, `${what} ${id} was not found`);
		return one;
	}

	async patchFlow(
		flowId: string,
		etag: string,
		operations: PatchOperation[],
	): Promise<PatchResult> {
		const { body } = await this.request<PatchResult | string | undefined>(
			'PATCH',
			`/flows/${encodeURIComponent(flowId)}`,
			{
				body: operations,
				// Adobe compares If-Match byte for byte: the etag goes out exactly as the flow holds it, quotes included.
				headers: { 'If-Match': etag },
			},
		);
		return typeof body === 'object' && body !== null ? body : {};
	}

	/**
	 * Edits a destination account (`/connections`) or a target connection with JSON Patch, guarded
	 * by the connection's own etag exactly as a dataflow's PATCH. Never repeated here: the caller
	 * reads again and re-plans.
	 */
	async patchConnection(
		collection: EditedCollection,
		connectionId: string,
		etag: string,
		operations: PatchOperation[],
	): Promise<PatchResult> {
		const { body } = await this.request<PatchResult | string | undefined>(
			'PATCH',
			`/${collection}/${encodeURIComponent(connectionId)}`,
			{ body: operations, headers: { 'If-Match': etag } },
		);
		return typeof body === 'object' && body !== null ? body : {};
	}

	async flowAction(flowId: string, op: 'enable' | 'disable'): Promise<PatchResult> {
		const { body } = await this.request<PatchResult | undefined>(
			'POST',
			`/flows/${encodeURIComponent(flowId)}/action`,
			{
				qs: { op },
				retry: true,
			},
		);
		return typeof body === 'object' && body !== null ? body : {};
	}

	/** `DELETE /flows/{id}`: Adobe answers 202 without a body. Deleting twice changes nothing, so it may be repeated. */
	async deleteFlow(flowId: string): Promise<void> {
		await this.request('DELETE', `/flows/${encodeURIComponent(flowId)}`, { retry: true });
	}

	/** A destination account (`GET /connections/{id}`, `{items: [one]}` like a flow). */
	async getAccount(accountId: string): Promise<DestinationAccount> {
		return await this.getOne<DestinationAccount>('connections', accountId, 'Destination account');
	}

	async getConnectionSpec(specId: string): Promise<ConnectionSpec> {
		return await this.getOne<ConnectionSpec>('connectionSpecs', specId, 'Connection spec');
	}

	async getFlowSpec(specId: string): Promise<FlowSpec> {
		return await this.getOne<FlowSpec>('flowSpecs', specId, 'Flow spec');
	}

	async getTargetConnection(connectionId: string): Promise<FlowConnection> {
		return await this.getOne<FlowConnection>(
			'targetConnections',
			connectionId,
			'Target connection',
		);
	}

	/** A source connection: a Data Lake one carries the datasets it exports (`params.datasets`). */
	async getSourceConnection(connectionId: string): Promise<FlowConnection> {
		return await this.getOne<FlowConnection>(
			'sourceConnections',
			connectionId,
			'Source connection',
		);
	}

	/**
	 * Creates a source or target connection, or a dataflow. Never repeated here: a lost answer may
	 * have created it, so the caller looks for it before trying again.
	 */
	async create(collection: CreatedCollection, body: IDataObject): Promise<Created> {
		const { body: answer } = await this.request<Created | undefined>('POST', `/${collection}`, {
			body,
		});
		if (typeof answer?.id !== 'string') {
			throw new FlowServiceHttpError(undefined, answer, {}, `Adobe created no ${collection} ID`);
		}
		return answer;
	}

	/** Deletes a source or target connection; deleting twice changes nothing, so it may be repeated. */
	async deleteConnection(
		collection: 'sourceConnections' | 'targetConnections',
		connectionId: string,
	): Promise<void> {
		await this.request('DELETE', `/${collection}/${encodeURIComponent(connectionId)}`, {
			retry: true,
		});
	}

	/** One run (`GET /runs/{id}`, `{items: [run]}` like a flow). */
	async getRun(runId: string): Promise<FlowRun> {
		return await this.getOne<FlowRun>('runs', runId, 'Run');
	}

	/**
	 * Starts an ad-hoc activation job: `{activationInfo: {<dataflow ID>: [<audience ID>, …]}}`.
	 * Never repeated: a lost answer may have started the job, and Adobe refuses a second one for
	 * the same audience while the first runs.
	 */
	async adhocRun(activationInfo: Record<string, string[]>): Promise<AdhocRunAnswer> {
		const { body } = await this.requestAt<AdhocRunAnswer>(ACTIVATION_PATH, 'POST', '/adhocrun', {
			body: { activationInfo },
			headers: { Accept: ADHOC_ACCEPT },
		});
		return typeof body === 'object' && body !== null ? body : {};
	}

	/** One page of `GET /flows`; `next` is Adobe's `_links.next.href`, relative to the Flow Service. */
	async listFlows(qs: IDataObject, next?: string): Promise<FlowListPage> {
		return await this.listPage<FlowListPage>('/flows', qs, next);
	}

	/** One page of `GET /runs` (run history, filtered with `property`); `next` as for listFlows. */
	async listRuns(qs: IDataObject, next?: string): Promise<RunListPage> {
		return await this.listPage<RunListPage>('/runs', qs, next);
	}

	/** One page of any other Flow Service listing (accounts, specs, connections). */
	async listPageOf<T>(collection: ListedCollection, qs: IDataObject, next?: string) {
		return await this.listPage<ListPage<T>>(`/${collection}`, qs, next);
	}

	/** The first page takes the query; Adobe's next link carries it on. */
	private async listPage<T>(endpoint: string, qs: IDataObject, next?: string): Promise<T> {
		const { body } = await this.request<T>('GET', next ? relativeNext(next) : endpoint, {
			qs: next ? undefined : qs,
			retry: true,
		});
		return body ?? ({} as T);
	}

	/**
	 * Looks several segment definitions up in one request (the Segmentation Service's
	 * `POST /segment/definitions/bulk-get`, answered 207 with `results` keyed by ID): the ones
	 * found, by ID. Adobe does not document what an unknown ID gives: one left out, or an entry
	 * carrying a `status` (which no definition has), counts as not found.
	 */
	async bulkGetAudiences(ids: string[]): Promise<Map<string, { id: string; name?: string }>> {
		const { body } = await this.requestAt<BulkGetAnswer>(
			SEGMENTATION_PATH,
			'POST',
			'/segment/definitions/bulk-get',
			{ body: { ids: ids.map((id) => ({ id })) }, retry: true },
		);
		const found = new Map<string, { id: string; name?: string }>();
		const results = body?.results ?? {};
		for (const definition of Array.isArray(results) ? results : Object.values(results)) {
			if (typeof definition?.id === 'string' && definition.status === undefined) {
				found.set(definition.id.toLowerCase(), { id: definition.id, name: definition.name });
			}
		}
		return found;
	}

	/** One page of the Segmentation Service's `GET /audiences`; page on with `start` = `_page.next`. */
	async listAudiences(qs: IDataObject): Promise<AudienceListPage> {
		const { body } = await this.requestAt<AudienceListPage>(
			SEGMENTATION_PATH,
			'GET',
			'/audiences',
			{ qs, retry: true },
		);
		return body ?? {};
	}
}

/** What the node creates: the two connections of a dataflow, and the dataflow. */
export type CreatedCollection = 'sourceConnections' | 'targetConnections' | 'flows';

/** The connections the node edits: destination accounts and target connections. */
export type EditedCollection = 'connections' | 'targetConnections';

/** The Flow Service listings beyond dataflows and runs. */
export type ListedCollection =
	'connections' | 'connectionSpecs' | 'flowSpecs' | 'sourceConnections' | 'targetConnections';

/** Adobe's bulk-get answer: definitions keyed by ID (a list, undocumented, is read the same way). */
interface BulkGetAnswer {
	results?:
		| Record<string, { id?: string; name?: string; status?: unknown }>
		| Array<{ id?: string; name?: string; status?: unknown }>;
}

/**
 * Adobe's answer to an ad-hoc run: `{"order": [{segment, order, statusURL}]}`, one entry per
 * audience with the dataflow (`order`) and its run's status URL.
 */
export type AdhocRunAnswer = Record<
	string,
	Array<{ segment?: string; order?: string; statusURL?: string }> | undefined
>;

export interface PatchResult {
	etag?: string;
}

/** One page of a Flow Service listing, as Adobe answers it. */
export interface ListPage<T> {
	items?: T[];
	_links?: { next?: { href?: string } };
}

export type FlowListPage = ListPage<FlowDocument>;

/** A dataflow run as Adobe lists it; the trigger reads these fields and passes the rest through. */
export interface FlowRun {
	id: string;
	flowId?: string;
	createdAt?: number;
	metrics?: { statusSummary?: { status?: string; errors?: unknown[] }; [key: string]: unknown };
	[key: string]: unknown;
}

export type RunListPage = ListPage<FlowRun>;

/** An audience as the Segmentation Service lists it; only what the node reads is typed. */
export interface AudienceSummary {
	id: string;
	name?: string;
	description?: string;
	[key: string]: unknown;
}

/** `{children, _page: {totalCount, pageSize, next?}}`: `next` is the `start` of the next page. */
export interface AudienceListPage {
	children?: AudienceSummary[];
	_page?: { totalCount?: number; pageSize?: number; next?: string | number };
}

type Listing<T> = (qs: IDataObject, next?: string) => Promise<ListPage<T>>;

/** Any `_links.next` listing of the Flow Service, page after page, through the one pager. */
function listingPages<T>(list: Listing<T>, qs: IDataObject, limits?: PagingLimits) {
	return readPages(async (next) => toPage(await list(qs, next)), limits);
}

/** Destination dataflows page after page (`GET /flows`). */
export const flowPages = (
	client: Pick<FlowServiceClient, 'listFlows'>,
	qs: IDataObject,
	limits?: PagingLimits,
) => listingPages<FlowDocument>((query, next) => client.listFlows(query, next), qs, limits);

/** A dataflow's runs page after page (`GET /runs`). */
export const runPages = (
	client: Pick<FlowServiceClient, 'listRuns'>,
	qs: IDataObject,
	limits?: PagingLimits,
) => listingPages<FlowRun>((query, next) => client.listRuns(query, next), qs, limits);

/** Any other Flow Service listing page after page (`GET /connections`, `/connectionSpecs`, …). */
export const pagesOf = <T>(
	client: Pick<FlowServiceClient, 'listPageOf'>,
	collection: ListedCollection,
	qs: IDataObject,
	limits?: PagingLimits,
) => listingPages<T>((query, next) => client.listPageOf<T>(collection, query, next), qs, limits);

function toPage<T>(body: ListPage<T>): Page<T> {
	return { items: body.items ?? [], next: body._links?.next?.href };
}

function relativeNext(href: string): string {
	const path = href.replace(/^https?:\/\/[^/]+/, '');
	return path.startsWith(FLOW_SERVICE_PATH) ? path.slice(FLOW_SERVICE_PATH.length) : path;
}
