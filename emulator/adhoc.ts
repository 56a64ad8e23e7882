// Ad-hoc activation ("Export now"): POST /data/core/activation/disflowprovider/adhocrun with
// Accept: application/vnd.adobe.adhoc.activation+json; version=2 and
// {"activationInfo": {"<dataflow ID>": ["<audience ID>", ...]}}. Each audience gets a run that is
// Processing until config.adhocRunMs has passed, then Success (or config.adhocRunStatus).
// The answer is the guide's: {"order": [{segment, order, statusURL}, ...]}, `order` being the
// dataflow ID (the guide's response table and its "for order <dataflow ID>" message).
// The refusals are the ones Adobe's ad-hoc activation guide documents (its guardrails, its
// one-hour constraint and its error messages, worded as it gives them); the guide gives no status
// codes, so the statuses and ADHOC-… codes are the emulator's own.
import { flowError, flowNotFound } from './errors';
import { resolveSandbox, type FlowServiceDeps } from './flows';
import { makeRun } from './runs';
import { isFileBasedFlowSpec } from './specs/catalogue';
import type { ApiResponse, Flow, RequestContext } from './types';

export const ADHOC_PATH = '/data/core/activation/disflowprovider/adhocrun';
export const ADHOC_MEDIA_TYPE = 'application/vnd.adobe.adhoc.activation+json';
export const MAX_AUDIENCES_PER_JOB = 80;
const FILE_BASED_FLOW_SPEC = '71471eba-b620-49e4-90fd-23f1fa0174d8';

interface AdhocRun {
	flowId: string;
	audienceId: string;
	order: string;
	createdAt: number;
	status: string;
}

interface Selector {
	value?: {
		id?: string;
		name?: string;
		exportMode?: string;
		schedule?: { startDate?: string; startTime?: string; endDate?: string };
	};
}

/** The activation service's errors: Flow Service's body shape under its own type URL. */
function refuse(ctx: RequestContext, code: string, title: string, message: string): ApiResponse {
	const response = flowError({ code, title, message, requestId: ctx.requestId });
	const body = response.body as { type: string };
	body.type = body.type.replace('/FLOW-', '/ADHOC-');
	return response;
}

function selectorsOf(flow: Flow): Selector[] {
	const transformations = (flow.transformations ?? []) as Array<{
		params?: { segmentSelectors?: { selectors?: Selector[] } };
	}>;
	return transformations.flatMap((t) => t?.params?.segmentSelectors?.selectors ?? []);
}

function isFileBased(flow: Flow): boolean {
	const spec = (flow.flowSpec as { id?: string } | undefined)?.id;
	return (
		spec === FILE_BASED_FLOW_SPEC ||
		(typeof spec === 'string' && isFileBasedFlowSpec(spec)) ||
		selectorsOf(flow).some((s) => s.value?.exportMode !== undefined)
	);
}

/** Today's date (UTC) within the audience's start and end date. */
function inScheduleRange(selector: Selector, now: number): boolean {
	const today = new Date(now).toISOString().slice(0, 10);
	const schedule = selector.value?.schedule ?? {};
	if (schedule.startDate && schedule.startDate > today) return false;
	return !(schedule.endDate && schedule.endDate < today);
}

/** The guide's one-time constraint: an hour must pass after the audience's first scheduled export. */
const FIRST_ACTIVATION_WAIT_MS = 3_600_000;

/** The moment the schedule first exports the audience: its start date at its start time (UTC). */
function firstActivation(selector: Selector): number | undefined {
	const { startDate, startTime } = selector.value?.schedule ?? {};
	if (!startDate) return undefined;
	const at = Date.parse(`${startDate}T${startTime ?? '00:00'}:00Z`);
	return Number.isNaN(at) ? undefined : at;
}

export class AdhocActivation {
	private readonly runs = new Map<string, AdhocRun>();

	clear(): void {
		this.runs.clear();
	}

	/** Ad-hoc runs whose time has come end now (Success, or the configured status). */
	settle(deps: FlowServiceDeps, now: number): void {
		for (const [id, run] of this.runs) {
			// Read against the current setting, so a test can end a long run by lowering it.
			if (run.status !== 'Processing' || run.createdAt + deps.config.adhocRunMs > now) continue;
			run.status = deps.config.adhocRunStatus;
			const stored = deps.store.findRun(id);
			if (!stored) continue;
			// The run keeps the flow's sandbox and spec, so it ends even after the flow was deleted.
			const final = makeRun(
				{ ...stored, id: run.flowId },
				{
					id,
					status: run.status,
					createdAt: run.createdAt,
					audienceId: run.audienceId,
					errors:
						run.status === 'Failed'
							? [{ code: 'ACTIVATION_BATCH-0000-FAILED', message: 'Ad-hoc activation job failed.' }]
							: undefined,
				},
			);
			deps.store.putRun(final);
		}
	}

	handle(ctx: RequestContext, deps: FlowServiceDeps): ApiResponse {
		if (ctx.method !== 'POST') {
			return refuse(
				ctx,
				'1000-405',
				'Method not allowed',
				`${ctx.method} is not supported on ${ADHOC_PATH}.`,
			);
		}
		const accept = String(ctx.headers.accept ?? '');
		if (!accept.includes(ADHOC_MEDIA_TYPE) || !/version\s*=\s*2/.test(accept)) {
			return refuse(
				ctx,
				'1001-406',
				'Not acceptable',
				`The Accept header must be '${ADHOC_MEDIA_TYPE}; version=2', got '${accept}'.`,
			);
		}
		const sandbox = resolveSandbox(ctx, deps);
		if (typeof sandbox !== 'string') return sandbox;
		const info = parseActivationInfo(ctx);
		if (typeof info === 'string') return refuse(ctx, '1002-400', 'Invalid request', info);
		const total = Object.values(info).reduce((n, ids) => n + ids.length, 0);
		if (total > MAX_AUDIENCES_PER_JOB) {
			return refuse(
				ctx,
				'1003-400',
				'Invalid request',
				`An ad-hoc activation job can activate at most ${MAX_AUDIENCES_PER_JOB} audiences; the request has ${total}.`,
			);
		}
		this.settle(deps, ctx.receivedAt);
		const accepted: Array<{ flow: Flow; audienceId: string }> = [];
		for (const [flowId, audienceIds] of Object.entries(info)) {
			const flow = deps.store.getFlow(sandbox, flowId);
			if (!flow) return flowNotFound(ctx.requestId, flowId);
			const problem = this.check(ctx, deps, flow, audienceIds);
			if (problem) return problem;
			for (const audienceId of audienceIds) accepted.push({ flow, audienceId });
		}
		const entries: unknown[] = [];
		for (const { flow, audienceId } of accepted) {
			const run = makeRun(flow, { status: 'Processing', createdAt: ctx.receivedAt, audienceId });
			deps.store.putRun(run);
			this.runs.set(run.id, {
				flowId: flow.id,
				audienceId,
				order: flow.id,
				createdAt: ctx.receivedAt,
				status: 'Processing',
			});
			const host = String(ctx.headers.host ?? 'platform.adobe.io');
			entries.push({
				segment: audienceId,
				order: flow.id,
				statusURL: `http://${host}/data/foundation/flowservice/runs/${run.id}`,
			});
		}
		return { status: 200, body: { order: entries } };
	}

	private check(
		ctx: RequestContext,
		deps: FlowServiceDeps,
		flow: Flow,
		audienceIds: string[],
	): ApiResponse | undefined {
		if (!isFileBased(flow)) {
			return refuse(
				ctx,
				'1004-400',
				'Invalid request',
				`Ad-hoc activation is supported only for batch file-based destinations; dataflow ${flow.id} is not one.`,
			);
		}
		const scheduled = [...deps.store.runsIn(flow.sandboxName)].find(
			(run) =>
				run.flowId === flow.id &&
				!this.runs.has(run.id) &&
				(run.metrics as { statusSummary?: { status?: string } } | undefined)?.statusSummary
					?.status === 'Processing',
		);
		if (scheduled) {
			return refuse(
				ctx,
				'1005-409',
				'Conflict',
				`A scheduled export of dataflow ${flow.id} is in progress (run ${scheduled.id}); ad-hoc activation jobs cannot run in parallel with scheduled exports. Wait for it to finish.`,
			);
		}
		const selectors = selectorsOf(flow);
		const outOfRange = audienceIds.flatMap((audienceId) => {
			const selector = selectors.find((s) => s.value?.id === audienceId);
			return selector && inScheduleRange(selector, ctx.receivedAt)
				? []
				: [selector?.value?.name ?? audienceId];
		});
		if (outOfRange.length > 0) {
			return refuse(
				ctx,
				'1006-400',
				'Invalid request',
				`Segments ${outOfRange.join(', ')} are not part of this dataflow or out of schedule range!`,
			);
		}
		for (const audienceId of audienceIds) {
			const selector = selectors.find((s) => s.value?.id === audienceId)!;
			const first = firstActivation(selector);
			if (first !== undefined && ctx.receivedAt < first + FIRST_ACTIVATION_WAIT_MS) {
				return refuse(
					ctx,
					'1008-400',
					'Invalid request',
					`Segment ${selector.value?.name ?? audienceId} was first activated by its schedule at ${new Date(first).toISOString()} (or will be); an ad-hoc activation job can run only once an hour has passed since then.`,
				);
			}
			const running = [...this.runs.entries()].find(
				([, run]) =>
					run.flowId === flow.id && run.audienceId === audienceId && run.status === 'Processing',
			);
			if (running) {
				return refuse(
					ctx,
					'1007-409',
					'Conflict',
					`Run already going on for audience ${audienceId} for order ${running[1].order} with run id ${running[0]}`,
				);
			}
		}
		return undefined;
	}
}

function parseActivationInfo(ctx: RequestContext): Record<string, string[]> | string {
	let parsed: unknown;
	try {
		parsed = JSON.parse(ctx.body.toString('utf8') || 'null');
	} catch {
		return 'The request body is not valid JSON.';
	}
	const info = (parsed as { activationInfo?: unknown } | null)?.activationInfo;
	if (typeof info !== 'object' || info === null || Array.isArray(info) || !Object.keys(info).length)
		return 'The request body needs activationInfo: {"<dataflow ID>": ["<audience ID>", ...]}.';
	for (const [flowId, ids] of Object.entries(info)) {
		if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string'))
			return `activationInfo.${flowId} must be a non-empty list of audience IDs.`;
	}
	return info as Record<string, string[]>;
}
