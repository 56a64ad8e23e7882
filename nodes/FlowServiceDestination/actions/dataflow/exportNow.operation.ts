import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';

import { inputError } from '../../model/inputError';
import {
	describeAudiences,
	exportAudienceIds,
	planExport,
	type ExportAudience,
} from '../../rules/exportNow';
import { pickedAudienceIds } from '../../rules/pickedAudiences';
import { readBoolean, requireWholeNumber } from '../../rules/scalars';
import {
	ACTIVATION_PATH,
	FlowServiceHttpError,
	type AdhocRunAnswer,
	type FlowRun,
} from '../../transport';
import { describeAdobeError } from '../../transport/adobeError';
import { audienceLocator } from '../../descriptions/audienceLocator';
import { dryRunOption, optionsWith } from '../../descriptions/options';
import { getClient, getFlowId } from '../parameters';
import { readableHead } from '../../update/summary';

const OPERATION = 'exportNow';
const show = (extra: IDataObject = {}) => ({ show: { operation: [OPERATION], ...extra } });
const FINAL_STATUSES = new Set(['success', 'failed']);

export const description: INodeProperties[] = [
	{
		displayName: 'Audiences to Export',
		name: 'exportScope',
		type: 'options',
		default: 'listed',
		displayOptions: show(),
		options: [
			{ name: 'Listed Audiences', value: 'listed', description: 'The audiences named below' },
			{
				name: 'All Audiences on the Dataflow',
				value: 'all',
				description: 'Every audience the dataflow exports (at most 80)',
			},
		],
	},
	{
		displayName: 'Audience IDs',
		name: 'exportAudienceIds',
		type: 'string',
		default: '',
		placeholder: '9f7d37fd-7039-4454-94ef-2b0cd6c3206a, f52a3785-2e7c-40a7-8137-9be99af7794e',
		description:
			'IDs of audiences the dataflow already exports: comma-separated, one per line, or a list from an expression; at most 80 per job, together with the ones picked below',
		displayOptions: show({ exportScope: ['listed'] }),
	},
	{
		displayName: 'Audiences (Pick From Dataflow)',
		name: 'exportPickedAudiences',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Pick Audience',
		default: {},
		description: 'Audiences chosen by name from the ones the dataflow exports',
		displayOptions: show({ exportScope: ['listed'] }),
		options: [
			{
				displayName: 'Audience',
				name: 'audience',
				values: [
					audienceLocator('id', 'Audience', 'An audience to export now', 'searchFlowAudiences'),
				],
			},
		],
	},
	optionsWith(
		[OPERATION],
		[
			dryRunOption(
				'Whether to only check the export and output the request it would send, without starting it',
			),
			{
				displayName: 'Max Status Checks',
				name: 'maxStatusChecks',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: 60,
				description:
					'With Wait for Completion: how many times to read each run before giving up waiting (the export goes on at Adobe)',
			},
			{
				displayName: 'Status Check Interval (Seconds)',
				name: 'statusCheckInterval',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 3600 },
				default: 30,
				description: 'With Wait for Completion: how long to wait between two reads of the runs',
			},
			{
				displayName: 'Wait for Completion',
				name: 'waitForCompletion',
				type: 'boolean',
				default: false,
				description:
					"Whether to read the job's runs until they end, and output their final status and record counts",
			},
		],
	),
];

interface Job extends IDataObject {
	audienceId: string;
	audienceName?: string;
	order?: string;
	statusURL?: string;
	runId?: string;
	status?: string;
}

/**
 * One ad-hoc activation job per item: the item's audiences (up to 80) on its dataflow. Items are
 * not merged into one job, so each item's output, errors and Adobe refusals stay its own.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const flowId = getFlowId.call(this, itemIndex);
	const scope = this.getNodeParameter('exportScope', itemIndex, 'listed') as string;
	if (scope !== 'listed' && scope !== 'all')
		inputError(
			'exportScope',
			`Audiences to Export must be listed or all, got ${JSON.stringify(scope)}`,
		);
	const ids =
		scope === 'all'
			? []
			: exportAudienceIds(
					this.getNodeParameter('exportAudienceIds', itemIndex, ''),
					pickedAudienceIds(
						this.getNodeParameter('exportPickedAudiences', itemIndex, {}),
						'exportPickedAudiences',
					),
					'exportAudienceIds',
				);
	if (scope === 'listed' && ids.length === 0)
		inputError(
			'exportAudienceIds',
			'Name at least one audience to export: send audience IDs the dataflow exports, or choose All Audiences on the Dataflow',
		);
	const settings = readSettings(this.getNodeParameter('options', itemIndex, {}) as IDataObject);

	const client = getClient.call(this, itemIndex);
	const flow = await client.getFlow(flowId);
	const audiences = planExport(flow, ids, 'exportAudienceIds');
	const activationInfo = { [flowId]: audiences.map((audience) => audience.id) };
	const base = { flowId, etag: flow.etag };
	if (settings.dryRun) {
		return readableHead(
			{ ...base, summary: `Would export ${describeAudiences(audiences)}`, changed: false },
			{
				exported: audiences.map(named),
				dryRun: true,
				request: { method: 'POST', path: `${ACTIVATION_PATH}/adhocrun`, body: { activationInfo } },
			},
		);
	}

	let answer: AdhocRunAnswer;
	try {
		answer = await client.adhocRun(activationInfo);
	} catch (error) {
		throw refusal(this, error, itemIndex, flowId);
	}
	const jobs = audiences.map((audience) => jobOf(audience, answer));
	const started = `Started an export of ${describeAudiences(audiences)}`;
	if (!settings.wait) {
		return readableHead(
			{ ...base, summary: started, changed: true },
			{ exported: audiences.map(named), jobs },
		);
	}

	const checks = await waitForRuns(jobs, settings, (runId) => client.getRun(runId));
	const failed = jobs.filter((job) => job.status?.toLowerCase() === 'failed');
	if (failed.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Adobe reports the export failed for ${failed.map(runErrors).join('; ')}`,
			{
				itemIndex,
				description: `Runs: ${failed.map((job) => job.runId).join(', ')}. Read them with Get Runs for details; Export Now can be started again once they ended.`,
			},
		);
	}
	const completed = jobs.every((job) => FINAL_STATUSES.has(job.status?.toLowerCase() ?? ''));
	const records = jobs.reduce((sum, job) => sum + Number(job.outputRecordCount ?? 0), 0);
	const summary = completed
		? `Exported ${describeAudiences(audiences)}: ${records} records`
		: `${started}; still running after ${checks} status checks`;
	return readableHead(
		{ ...base, summary, changed: true },
		{ exported: audiences.map(named), jobs, completed, statusChecks: checks },
	);
}

function named(audience: ExportAudience): IDataObject {
	return { id: audience.id, name: audience.name };
}

function readSettings(options: IDataObject) {
	return {
		dryRun: readBoolean(options.dryRun, 'options.dryRun'),
		wait: readBoolean(options.waitForCompletion, 'options.waitForCompletion'),
		maxChecks: requireWholeNumber(
			options.maxStatusChecks ?? 60,
			'options.maxStatusChecks',
			'Max Status Checks',
			{
				min: 1,
				max: 1000,
			},
		),
		intervalMs:
			requireWholeNumber(
				options.statusCheckInterval ?? 30,
				'options.statusCheckInterval',
				'Status Check Interval (Seconds)',
				{ min: 0, max: 3600 },
			) * 1000,
	};
}

/**
 * Adobe's guide answers `{"order": [{segment, order, statusURL}, ...]}`; the entry is found by its
 * `segment` in whichever list holds it, so an answer keyed by audience ID reads the same. The run
 * ID is the last segment of the status URL.
 */
function jobOf(audience: ExportAudience, answer: AdhocRunAnswer): Job {
	const entries = Object.values(answer ?? {}).flatMap((list) => (Array.isArray(list) ? list : []));
	const entry = entries.find((e) => e?.segment === audience.id) ?? {};
	const runId = entry.statusURL?.split('?')[0].split('/').filter(Boolean).pop();
	return {
		audienceId: audience.id,
		audienceName: audience.name,
		order: entry.order,
		statusURL: entry.statusURL,
		runId,
	};
}

/**
 * Reads every run not yet ended, at most `maxChecks` times each, waiting the interval between
 * rounds; returns how many rounds it took. A bounded wait: the export goes on at Adobe after it.
 */
async function waitForRuns(
	jobs: Job[],
	settings: { maxChecks: number; intervalMs: number },
	getRun: (runId: string) => Promise<FlowRun>,
): Promise<number> {
	const open = () =>
		jobs.filter((job) => job.runId && !FINAL_STATUSES.has(job.status?.toLowerCase() ?? ''));
	let round = 0;
	while (round < settings.maxChecks && open().length > 0) {
		if (round > 0 && settings.intervalMs > 0) await sleep(settings.intervalMs);
		round++;
		for (const job of open()) Object.assign(job, runFacts(await getRun(job.runId!)));
	}
	return round;
}

function runFacts(run: FlowRun): IDataObject {
	const metrics = (run.metrics ?? {}) as {
		statusSummary?: { status?: string; errors?: unknown[] };
		recordSummary?: {
			inputRecordCount?: number;
			outputRecordCount?: number;
			skippedRecordCount?: number;
		};
	};
	const records = metrics.recordSummary ?? {};
	return {
		status: metrics.statusSummary?.status,
		inputRecordCount: records.inputRecordCount,
		outputRecordCount: records.outputRecordCount,
		skippedRecordCount: records.skippedRecordCount,
		errors: metrics.statusSummary?.errors as IDataObject[] | undefined,
	};
}

function runErrors(job: Job): string {
	const errors = (job.errors ?? []) as Array<{ code?: string; message?: string }>;
	const text = errors.map((e) => [e.message, e.code && `[${e.code}]`].filter(Boolean).join(' '));
	return `${job.audienceName ?? job.audienceId}: ${text.join(', ') || 'no error given'}`;
}

/**
 * Adobe's refusals (a job already running for an audience, a scheduled export in progress, an
 * audience out of its schedule or first activated less than an hour ago, …) in one sentence with Adobe's code; never retried, since
 * sending again would be refused the same way or start a second job.
 */
function refusal(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	flowId: string,
): unknown {
	if (!(error instanceof FlowServiceHttpError) || error.statusCode === undefined) return error;
	const details = describeAdobeError(error.statusCode, error.body, error.headers);
	const reason = details.detail ?? details.message;
	const body = (
		typeof error.body === 'object' && error.body !== null ? error.body : { message: reason }
	) as JsonObject;
	return new NodeApiError(context.getNode(), body, {
		itemIndex,
		httpCode: String(error.statusCode),
		message: `${error.statusCode < 500 ? 'Adobe refused to export now' : 'Export Now failed'} on dataflow ${flowId}: ${reason}${details.code ? ` [${details.code}]` : ''}`,
		description: [
			'Nothing was exported, and the request is not repeated.',
			details.requestId && `Adobe request ID: ${details.requestId}`,
		]
			.filter(Boolean)
			.join(' '),
	});
}
