// Dataflow runs: GET /runs (same filters and paging as /flows), GET /runs/{id},
// and the run factory used by the seed and the control surface.
import { randomUUID } from 'node:crypto';
import { entityNotFound } from './errors';
import { listResources, type ListSpec } from './listing';
import type { ServiceCall } from './routes/scope';
import { recordSummary, resolveCounts, type CountsInput, type RunCounts } from './run-metrics';
import type { ApiResponse, Flow, Run } from './types';

export const RUN_STATUSES = ['Success', 'Failed', 'Processing', 'Waiting'] as const;

export const RUNS_LIST: ListSpec = {
	basePath: '/runs',
	sortable: new Set([
		'id',
		'flowId',
		'createdAt',
		'updatedAt',
		'metrics.durationSummary.startedAtUTC',
		'metrics.statusSummary.status',
	]),
	defaultOrder: [{ path: ['updatedAt'], desc: true }],
};

export interface RunInput extends CountsInput {
	id?: string;
	/** Success, Failed, Processing or Waiting (any spelling is stored as given). */
	status?: string;
	/** When the run was created (epoch ms); default `scheduledFor`, else now. */
	createdAt?: number;
	/**
	 * When the run was due (epoch ms). Adobe's runs carry no due time: the run is created when it
	 * was due, so this sets `createdAt` (unless that is given too).
	 */
	scheduledFor?: number;
	/** When the run started (epoch ms; `metrics.durationSummary.startedAtUTC`); default 1.5 s after creation. */
	startedAt?: number;
	/** Audience the run exported (becomes segment:<id> in the record summary). */
	audienceId?: string;
	errors?: { code: string; message: string }[];
}

/** What a dataset export run exports: the datasets of its source connection. */
export interface DatasetSubject {
	datasetIds: string[];
	sourceConnectionId: string;
}

type RunOwner = Pick<Flow, 'id' | 'sandboxName'> & {
	sandboxId?: unknown;
	imsOrgId?: unknown;
	flowSpec?: unknown;
	targetConnectionIds?: unknown;
};

const AUDIENCE_DEFAULTS: RunCounts = { received: 2500, skipped: 20, activated: 2480, failed: 0 };
const DATASET_DEFAULTS: RunCounts = {
	received: 125_000,
	skipped: 0,
	activated: 125_000,
	failed: 0,
};
const SKIP_INFO = {
	audience: {
		code: 'ACTIVATION_BATCH-0000-SKIP',
		message: "Records didn't match attribute filter.",
	},
	dataset: {
		code: 'DATASET_EXPORT-0000-SKIP',
		message: 'Records older than 365 days were excluded.',
	},
};

/** Why the counts of a run input are refused, or undefined. */
export function runInputProblem(input: RunInput): string | undefined {
	const counts = resolveCounts(input, AUDIENCE_DEFAULTS);
	return typeof counts === 'string' ? counts : undefined;
}

function finishedMetrics(
	flow: RunOwner,
	input: RunInput,
	dataset: DatasetSubject | undefined,
): Record<string, unknown> {
	const counts = resolveCounts(input, dataset ? DATASET_DEFAULTS : AUDIENCE_DEFAULTS);
	if (typeof counts === 'string') throw new Error(`run counts: ${counts}`);
	const entities = dataset
		? dataset.datasetIds.map((id) => `dataset:${id}`)
		: [`segment:${input.audienceId ?? '00000000-0000-4000-8000-000000000000'}`];
	const target = Array.isArray(flow.targetConnectionIds)
		? (flow.targetConnectionIds[0] as string | undefined)
		: undefined;
	return {
		sizeSummary: { inputBytes: counts.received * 420, outputBytes: counts.activated * 420 },
		recordSummary: recordSummary(
			counts,
			entities,
			{ source: dataset?.sourceConnectionId, target },
			dataset ? SKIP_INFO.dataset : SKIP_INFO.audience,
		),
		fileSummary: { inputFileCount: 1, outputFileCount: dataset ? entities.length : 1 },
	};
}

function failedMetrics(input: RunInput, dataset: DatasetSubject | undefined) {
	const errors = input.errors ?? [
		{ code: 'ACTIVATION_BATCH-0000-FAILED', message: 'Job aborted.' },
	];
	const entities = dataset
		? dataset.datasetIds.map((id) => `dataset:${id}`)
		: [`segment:${input.audienceId ?? '00000000-0000-4000-8000-000000000000'}`];
	return {
		errors,
		recordSummary: {
			sourceSummaries: [
				{
					id: dataset?.sourceConnectionId ?? '1d6b7dc0-6d54-464e-abb3-54fb9701cb29',
					inputRecordCount: 0,
					skippedRecordCount: 0,
					entitySummaries: entities.map((id) => ({
						id,
						inputRecordCount: 0,
						skippedRecordCount: 0,
					})),
				},
			],
			failedInfo: errors,
		},
	};
}

/**
 * A run shaped like the spec's Batch_Flow_Run_Success / _Failure examples, trimmed; for a dataset
 * export (`dataset` given) like the export-datasets tutorial's run, per dataset.
 */
export function makeRun(flow: RunOwner, input: RunInput = {}, dataset?: DatasetSubject): Run {
	const id = input.id ?? randomUUID();
	const status = input.status ?? 'Success';
	const createdAt = input.createdAt ?? input.scheduledFor ?? Date.now();
	const started = input.startedAt ?? createdAt + 1500;
	const lower = status.toLowerCase();
	const done = lower === 'success' || lower === 'failed';
	const completed = started + 400_000;
	const metrics: Record<string, unknown> = {
		durationSummary: done
			? { startedAtUTC: started, completedAtUTC: completed }
			: { startedAtUTC: started },
	};
	const statusSummary: Record<string, unknown> = { status };
	if (lower === 'success') Object.assign(metrics, finishedMetrics(flow, input, dataset));
	else if (lower === 'failed') {
		const failed = failedMetrics(input, dataset);
		metrics.recordSummary = failed.recordSummary;
		statusSummary.errors = failed.errors;
	}
	metrics.statusSummary = statusSummary;
	const seconds = Math.floor(createdAt / 1000)
		.toString(16)
		.padStart(8, '0');
	// The export-datasets tutorial's run is created by the activation service.
	const creator = dataset ? 'aep_activation_batch' : 'acp_foundation_connectors';
	return {
		id,
		createdAt,
		updatedAt: done ? completed : started,
		createdBy: `${creator}@AdobeID`,
		updatedBy: 'acp_foundation_connectors@AdobeID',
		createdClient: creator,
		updatedClient: 'acp_foundation_connectors',
		sandboxId: flow.sandboxId,
		sandboxName: flow.sandboxName,
		imsOrgId: flow.imsOrgId,
		flowId: flow.id,
		flowSpec: flow.flowSpec,
		providerRefId: id.replace(/-/g, '').slice(0, 32),
		etag: `"${id.slice(0, 8)}-0000-0200-0000-${seconds}0000"`,
		metrics,
	};
}

/** The flow's `lastRunDetails` for a run: its ID, state in lower case, start and end times. */
export function lastRunDetails(run: Run): Record<string, unknown> {
	const metrics = run.metrics as {
		durationSummary: { startedAtUTC: number; completedAtUTC?: number };
		statusSummary: { status: string };
	};
	return {
		id: run.id,
		state: metrics.statusSummary.status.toLowerCase(),
		startedAtUTC: metrics.durationSummary.startedAtUTC,
		...(metrics.durationSummary.completedAtUTC
			? { completedAtUTC: metrics.durationSummary.completedAtUTC }
			: {}),
	};
}

export function listRuns({ ctx, deps, sandbox }: ServiceCall): ApiResponse {
	return listResources(ctx, deps.store.runsIn(sandbox), RUNS_LIST);
}

export function getRun({ ctx, deps, sandbox }: ServiceCall): ApiResponse {
	const id = ctx.params.id;
	const run = deps.store.getRun(sandbox, id);
	if (!run) return entityNotFound(ctx.requestId, 'runs', id);
	return { status: 200, body: { items: [run] } };
}
