// The emulator's core: state, the request pipeline (latency, faults around a route's handler) and the
// operations the control surface and the in-process API share.
import { AdhocActivation } from './adhoc';
import { buildAudienceCatalogue, type AudienceCatalogue } from './audiences';
import { AuthService, type ClientConfig } from './auth';
import { fsError, gatewayError } from './errors';
import { recordWrite } from './entity';
import { FaultInjector, type Fault } from './faults';
import { completeOperation, type FlowServiceDeps } from './flows';
import {
	DEFAULT_CLIENT_ID,
	DEFAULT_CLIENT_SECRET,
	DEFAULT_IMS_ORG,
	DEFAULT_TOKEN_TTL_SECONDS,
	FLOW_SERVICE_BASE_PATH,
	SANDBOX_DEV,
	SANDBOX_PROD,
	STATIC_ACCESS_TOKEN,
} from './identity';
import { DATA_FORMAT, readState, StateWriter, type PersistedState } from './persistence';
import { RequestLog } from './request-log';
import { lastRunDetails, makeRun, runInputProblem, type RunInput } from './runs';
import { buildSeed } from './seed';
import { datasetSubject } from './source-datasets';
import type { Handler } from './routes/scope';
import { Store } from './store';
import type {
	ApiResponse,
	EmulatorConfig,
	Flow,
	RequestContext,
	Run,
	SandboxEntity,
} from './types';

export interface EmulatorOptions {
	/** 0 (the default for startEmulator) picks a free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Persist state to this JSON file (loaded at start when present, else seeded). */
	dataFile?: string;
	/** Lifetime of tokens from /ims/token/v3 (default 86399 s, like IMS). */
	tokenTtlSeconds?: number;
	/** Added to every API request (default 0). */
	latencyMs?: number;
	/** When above 0, PATCHed flows stay "inProgress" this long (default 0: synchronous). */
	asyncUpdateMs?: number;
	/** Refuse requests without x-sandbox-name (2105-400) instead of using prod (default false). */
	requireSandboxHeader?: boolean;
	/** Extra OAuth clients besides the default one. */
	clients?: ClientConfig[];
	/** Capacity of the request log ring buffer (default 10,000). */
	requestLogSize?: number;
	/** Generated bulk flows in prod (default BULK_FLOW_COUNT); the benchmark's scale step seeds more. */
	bulkFlows?: number;
}

export const SANDBOXES = [SANDBOX_PROD, SANDBOX_DEV] as const;

/** What the pipeline produced: a response, or "reset" when the socket must be destroyed. */
export type Outcome = { response: ApiResponse; faults: Fault[] } | { reset: true; faults: Fault[] };

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const FLOW_PATH = new RegExp(`^${FLOW_SERVICE_BASE_PATH}/flows/([^/]+)`);
const CONNECTION_PATH = new RegExp(
	`^${FLOW_SERVICE_BASE_PATH}/(?:connections|sourceConnections|targetConnections)/([^/]+)`,
);

const RETRYABLE: Record<
	number,
	{ kind: 'internal' | 'unavailable' | 'gatewayTimeout'; message: string }
> = {
	500: {
		kind: 'internal',
		message:
			'An internal error has occurred. Please try again. If the problem persists, please contact customer support.',
	},
	503: {
		kind: 'unavailable',
		message:
			'The service is temporarily unavailable. Please try again. If the problem persists, please contact customer support.',
	},
	504: {
		kind: 'gatewayTimeout',
		message:
			'A gateway timeout has occurred. Please try again. If the problem persists, please contact customer support.',
	},
};

/** A copy of the entity as another writer (someone in the UI) left it: a new etag, now. */
function anotherWriter<T extends SandboxEntity>(entity: T): T {
	const doc = structuredClone(entity);
	const now = Date.now();
	recordWrite(doc, 'exc_app', now);
	(doc as SandboxEntity).updatedBy = 'another.user@AdobeID';
	return doc;
}

export class EmulatorApp {
	readonly auth: AuthService;
	readonly store = new Store(SANDBOXES);
	readonly log: RequestLog;
	readonly faults = new FaultInjector();
	/** Segmentation Service audiences, built from the seed; read-only. */
	readonly audiences: AudienceCatalogue = buildAudienceCatalogue(
		buildSeed(DEFAULT_IMS_ORG),
		DEFAULT_IMS_ORG,
	);
	readonly config: EmulatorConfig;
	/** What the service handlers read and change. */
	readonly deps: FlowServiceDeps;
	/** Export now: ad-hoc activation jobs and their runs. */
	readonly adhoc = new AdhocActivation();
	private readonly initialConfig: EmulatorConfig;
	private readonly initialTokenTtl: number;
	private readonly writer?: StateWriter;

	constructor(readonly options: EmulatorOptions = {}) {
		const clients: ClientConfig[] = [
			{ clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET },
			...(options.clients ?? []),
		];
		this.initialTokenTtl = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
		this.auth = new AuthService(clients, DEFAULT_IMS_ORG, this.initialTokenTtl, {
			token: STATIC_ACCESS_TOKEN,
			clientId: DEFAULT_CLIENT_ID,
		});
		this.log = new RequestLog(options.requestLogSize ?? 10_000);
		this.initialConfig = {
			latencyMs: options.latencyMs ?? 0,
			asyncUpdateMs: options.asyncUpdateMs ?? 0,
			requireSandboxHeader: options.requireSandboxHeader ?? false,
			adhocRunMs: 0,
			adhocRunStatus: 'Success',
		};
		this.config = { ...this.initialConfig };
		this.deps = { store: this.store, config: this.config };

		const saved = options.dataFile
			? readState(options.dataFile, () => buildSeed(DEFAULT_IMS_ORG, options.bulkFlows))
			: undefined;
		if (saved) {
			this.store.load(saved);
			this.auth.restore(saved.auth);
		} else {
			this.store.load(buildSeed(DEFAULT_IMS_ORG, options.bulkFlows));
		}
		if (options.dataFile) {
			const writer = new StateWriter(options.dataFile, () => this.snapshot());
			this.writer = writer;
			this.store.onChange = () => writer.markDirty();
			this.auth.onChange = () => writer.markDirty();
			// A new file gets the seed; a file of an older format is rewritten in the current one.
			if (saved?.format !== DATA_FORMAT) writer.markDirty();
		}
	}

	snapshot(): PersistedState {
		return { format: DATA_FORMAT, ...this.store.dump(), auth: this.auth.snapshot() };
	}

	/** Writes pending state now (no-op without a data file). */
	flush(): void {
		this.writer?.flush();
	}

	/** Back to the seed: flows, runs, faults, settings and the request log. Issued tokens stay valid. */
	reset(): void {
		this.store.load(buildSeed(DEFAULT_IMS_ORG, this.options.bulkFlows));
		this.store.onChange();
		this.faults.clear();
		this.adhoc.clear();
		this.log.clear();
		Object.assign(this.config, this.initialConfig);
		this.auth.tokenTtlSeconds = this.initialTokenTtl;
	}

	/** Latency and faults around one handler; `after` faults replace its answer once it has run. */
	async process(ctx: RequestContext, handler: Handler): Promise<Outcome> {
		const faults = this.faults.take(ctx.method, ctx.path);
		let delay = this.config.latencyMs;
		for (const f of faults) if (f.type === 'latency') delay += f.latencyMs ?? 0;
		if (delay > 0) await sleep(delay);
		for (const f of faults) {
			if (f.type === 'expireTokens') this.auth.expireAll();
			if (f.type === 'concurrentWrite') {
				const flow = FLOW_PATH.exec(ctx.path);
				if (flow) this.rotateEtag(safeDecode(flow[1]));
				const connection = CONNECTION_PATH.exec(ctx.path);
				if (connection) this.rotateConnectionEtag(safeDecode(connection[1]));
			}
		}
		const failing = (after: boolean) =>
			faults.find((f) => (f.type === 'error' || f.type === 'reset') && Boolean(f.after) === after);
		const before = failing(false);
		if (before)
			return before.type === 'reset'
				? { reset: true, faults }
				: { response: this.faultResponse(before, ctx), faults };
		const response = handler(ctx);
		const after = failing(true);
		if (after)
			return after.type === 'reset'
				? { reset: true, faults }
				: { response: this.faultResponse(after, ctx), faults };
		return { response, faults };
	}

	private faultResponse(f: Fault, ctx: RequestContext): ApiResponse {
		if (f.status === 429) {
			// Adobe documents no rate limit; this is the gateway's shape with a Retry-After.
			const response = gatewayError(429, '429050', 'Too many requests');
			response.headers = { 'retry-after': String(f.retryAfter ?? 1) };
			return response;
		}
		const e = RETRYABLE[f.status ?? 500];
		return fsError(e.kind, ctx.requestId, e.message);
	}

	/** Another writer changed the flow: new etag, nothing else the caller could rely on. */
	rotateEtag(id: string): string | undefined {
		const flow = this.store.findFlow(id);
		if (!flow) return undefined;
		const doc = anotherWriter(flow);
		this.store.putFlow(doc);
		return doc.etag;
	}

	/** Another writer changed the base, source or target connection: new etag. */
	rotateConnectionEtag(id: string): string | undefined {
		const found = this.store.findConnection(id);
		if (!found) return undefined;
		const doc = anotherWriter(found.connection);
		this.store[found.kind].put(doc);
		return doc.etag;
	}

	/** Completes every asynchronous update now; returns how many were pending. */
	completePendingUpdates(): number {
		const ids = [...this.store.pending.keys()];
		const now = Date.now();
		for (const id of ids) {
			const flow = this.store.findFlow(id);
			if (flow) completeOperation(this.store, flow, now);
			else this.store.pending.delete(id);
		}
		return ids.length;
	}

	/**
	 * Records a run for the flow (in the flow's sandbox) and updates its lastRunDetails; a dataset
	 * export's run reports its source connection's datasets. Throws on counts that cannot be.
	 */
	addRun(flowId: string, input: RunInput = {}): Run | undefined {
		const flow = this.store.findFlow(flowId);
		if (!flow) return undefined;
		const problem = runInputProblem(input);
		if (problem) throw new Error(`run counts: ${problem}`);
		const run = makeRun(flow, input, datasetSubject(this.store, flow));
		this.store.putRun(run);
		flow.lastRunDetails = lastRunDetails(run);
		this.store.onChange();
		return run;
	}

	/** Stores a flow as given (no validation), e.g. a custom fixture for one test. */
	putRawFlow(flow: Flow): void {
		this.store.putFlow(flow);
	}
}
