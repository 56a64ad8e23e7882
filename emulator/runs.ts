// Dataflow runs: GET /runs (same filters and paging as /flows), GET /runs/{id},
// and the run factory used by the seed and the control surface.
import { randomUUID } from 'node:crypto';
import { entityNotFound } from './errors';
import { listResources, type ListSpec } from './listing';
import type { ServiceCall } from './routes/scope';
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

export interface RunInput {
	id?: string;
	/** Success, Failed, Processing or Waiting (any spelling is stored as given). */
	status?: string;
	createdAt?: number;
	/** Audience the run exported (becomes segment:<id> in the record summary). */
	audienceId?: string;
	errors?: { code: string; message: string }[];
}

/** A run shaped like the spec's Batch_Flow_Run_Success / _Failure examples, trimmed. */
export function makeRun(
	flow: Pick<Flow, 'id' | 'sandboxName'> & {
		sandboxId?: unknown;
		imsOrgId?: unknown;
		flowSpec?: unknown;
	},
	input: RunInput = {},
): Run {
	const id = input.id ?? randomUUID();
	const status = input.status ?? 'Success';
	const createdAt = input.createdAt ?? Date.now();
	const started = createdAt + 1500;
	const lower = status.toLowerCase();
	const done = lower === 'success' || lower === 'failed';
	const completed = started + 400_000;
	const segment = `segment:${input.audienceId ?? '00000000-0000-4000-8000-000000000000'}`;
	const metrics: Record<string, unknown> = {
		durationSummary: done
			? { startedAtUTC: started, completedAtUTC: completed }
			: { startedAtUTC: started },
		statusSummary: { status },
	};
	if (lower === 'success') {
		metrics.sizeSummary = { inputBytes: 1048576, outputBytes: 1048576 };
		metrics.recordSummary = {
			inputRecordCount: 2500,
			outputRecordCount: 2480,
			skippedRecordCount: 20,
			sourceSummaries: [
				{
					id: '1d6b7dc0-6d54-464e-abb3-54fb9701cb29',
					inputRecordCount: 2500,
					skippedRecordCount: 20,
					entitySummaries: [{ id: segment, inputRecordCount: 2500, skippedRecordCount: 20 }],
				},
			],
			skippedInfo: [
				{
					code: 'ACTIVATION_BATCH-0000-SKIP',
					message: "Records didn't match attribute filter.",
					count: 20,
				},
			],
		};
		metrics.fileSummary = { inputFileCount: 1, outputFileCount: 1 };
	} else if (lower === 'failed') {
		const errors = input.errors ?? [
			{ code: 'ACTIVATION_BATCH-0000-FAILED', message: 'Job aborted.' },
		];
		metrics.recordSummary = {
			sourceSummaries: [
				{
					id: '1d6b7dc0-6d54-464e-abb3-54fb9701cb29',
					inputRecordCount: 0,
					skippedRecordCount: 0,
					entitySummaries: [{ id: segment, inputRecordCount: 0, skippedRecordCount: 0 }],
				},
			],
			failedInfo: errors,
		};
		(metrics.statusSummary as Record<string, unknown>).errors = errors;
	}
	const seconds = Math.floor(createdAt / 1000)
		.toString(16)
		.padStart(8, '0');
	return {
		id,
		createdAt,
		updatedAt: done ? completed : started,
		createdBy: 'acp_foundation_connectors@AdobeID',
		updatedBy: 'acp_foundation_connectors@AdobeID',
		createdClient: 'acp_foundation_connectors',
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
