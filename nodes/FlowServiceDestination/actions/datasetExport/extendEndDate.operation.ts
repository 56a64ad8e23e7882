import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { conflictRetriesOption, dryRunOption, optionsWith } from '../../descriptions/options';
import { InputError } from '../../model/inputError';
import type { FlowDocument } from '../../model/types';
import { planExtendEndDate, type EndChange } from '../../planner/extendEndDate';
import { parseDatasetExportFilters } from '../../rules/datasetExportFilters';
import { MAX_MONTHS, parseExtendScope, parseNewEnd, type NewEnd } from '../../rules/extendEndDate';
import { DEFAULT_CONFLICT_RETRIES } from '../../rules/options';
import type { FlowServiceClient } from '../../transport';
import { applyUpdate, type UpdateOptions } from '../../update/applyUpdate';
import { mapConcurrent } from '../../update/mapConcurrent';
import { getClient, getFlowId, getUpdateOptions } from '../parameters';
import { findDatasetExports } from './listing';

const OPERATION = 'extendEndDate';
/** Dataflows extended at the same time in one item. */
const FLOWS_IN_PARALLEL = 5;
const show = (extra: IDataObject = {}) => ({ show: { operation: [OPERATION], ...extra } });

export const description: INodeProperties[] = [
	{
		displayName: 'Extend',
		name: 'extendScope',
		type: 'options',
		noDataExpression: true,
		default: 'one',
		displayOptions: show(),
		options: [
			{
				name: 'One Dataflow',
				value: 'one',
				description: 'The dataset export chosen under Dataflow',
			},
			{
				name: 'Every Dataset Export Ending Before',
				value: 'endingBefore',
				description: 'Every dataset export of the sandbox whose schedule ends before a date',
			},
		],
	},
	// Ending Before and New End Date are checked by the rules, not marked required: with Extend or
	// New End set by an expression, n8n would demand them even when the item does not use them.
	{
		displayName: 'Ending Before',
		name: 'endingBefore',
		type: 'dateTime',
		default: '',
		description:
			'Extend every dataset export whose schedule ends before this date (UTC), ended ones included',
		displayOptions: show({ extendScope: ['endingBefore'] }),
	},
	{
		displayName: 'New End',
		name: 'extendBy',
		type: 'options',
		default: 'months',
		displayOptions: show(),
		options: [
			{
				name: 'By a Number of Months',
				value: 'months',
				description: 'Calendar months after each dataflow’s current end',
			},
			{ name: 'To a Date', value: 'date', description: 'The same end date for every dataflow' },
		],
	},
	{
		displayName: 'Months',
		name: 'months',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_MONTHS },
		default: 6,
		description:
			'How many calendar months to add to the current end (Adobe’s default lifetime of a dataset export is six months)',
		displayOptions: show({ extendBy: ['months'] }),
	},
	{
		displayName: 'New End Date',
		name: 'newEndDate',
		type: 'dateTime',
		default: '',
		description: 'When the dataflows stop exporting (UTC); an end already later is kept',
		displayOptions: show({ extendBy: ['date'] }),
	},
	optionsWith(
		[OPERATION],
		[
			dryRunOption(
				'Whether to only report each dataflow’s current and planned end, without changing anything',
			),
			conflictRetriesOption(DEFAULT_CONFLICT_RETRIES),
		],
	),
];

const iso = (seconds: number | undefined) =>
	seconds === undefined ? null : new Date(seconds * 1000).toISOString();

interface Target {
	id: string;
	/** As listed: planned against first, without another read (a stale copy costs a 412 and a re-read). */
	flow?: FlowDocument;
}

interface Extended {
	id: string;
	name: string | null;
	change: EndChange;
	result?: IDataObject;
	error?: unknown;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const scope = parseExtendScope(
		this.getNodeParameter('extendScope', itemIndex, 'one'),
		this.getNodeParameter('endingBefore', itemIndex, ''),
	);
	const newEnd = parseNewEnd(
		this.getNodeParameter('extendBy', itemIndex, 'months'),
		this.getNodeParameter('newEndDate', itemIndex, ''),
		this.getNodeParameter('months', itemIndex, 6),
	);
	const options = getUpdateOptions.call(this, itemIndex);
	const flowId = scope.scope === 'one' ? getFlowId.call(this, itemIndex) : undefined;
	const client = getClient.call(this, itemIndex);
	// The run's clock: a new end must lie after it.
	const nowSeconds = Math.floor(Date.now() / 1000);

	if (flowId !== undefined) {
		const [one] = await extendAll(client, [{ id: flowId }], newEnd, nowSeconds, options);
		if (one.error !== undefined) throw one.error;
		return output([one], options.dryRun);
	}
	const filters = parseDatasetExportFilters({});
	const { flows } = await findDatasetExports(
		client,
		{ ...filters, endsBefore: scope.scope === 'endingBefore' ? scope.endingBefore : undefined },
		Infinity,
	);
	// Every dataflow is planned before any is sent: a new end one of them refuses stops the item.
	for (const flow of flows) planExtendEndDate(newEnd, nowSeconds, {})(flow);
	const targets = flows.map((flow) => ({ id: flow.id, flow }));
	const extended = await extendAll(client, targets, newEnd, nowSeconds, options);
	const failed = extended.filter((one) => one.error !== undefined);
	if (failed.length > 0) throw partialFailure.call(this, itemIndex, extended, failed);
	return output(extended, options.dryRun);
}

/** Each dataflow through the update engine: read (unless listed), plan, PATCH with If-Match. */
async function extendAll(
	client: FlowServiceClient,
	targets: Target[],
	newEnd: NewEnd,
	nowSeconds: number,
	options: UpdateOptions,
): Promise<Extended[]> {
	return await mapConcurrent(targets, FLOWS_IN_PARALLEL, async ({ id, flow }) => {
		const change: EndChange = {};
		let name: string | null = typeof flow?.name === 'string' ? flow.name : null;
		const planner = planExtendEndDate(newEnd, nowSeconds, change);
		const naming = (read: FlowDocument) => {
			name = typeof read.name === 'string' ? read.name : name;
			return planner(read);
		};
		try {
			const result = await applyUpdate(
				client,
				id,
				{ planner: naming },
				{ ...options, baseFlow: flow },
			);
			return { id, name, change, result };
		} catch (error) {
			return { id, name, change, error };
		}
	});
}

/** One line per dataflow: its end before and after, and whether it changed. */
function report(one: Extended, dryRun: boolean): IDataObject {
	const operations = (one.result?.operations ?? []) as unknown[];
	return {
		id: one.id,
		name: one.name,
		oldEnd: iso(one.change.oldEnd),
		newEnd: iso(one.change.newEnd),
		changed: one.result?.changed === true,
		...(dryRun ? { wouldChange: operations.length > 0 } : {}),
		...(one.error !== undefined ? { error: errorText(one.error) } : {}),
		...(one.result?.etag ? { etag: one.result.etag } : {}),
	};
}

function output(extended: Extended[], dryRun: boolean): IDataObject {
	const dataflows = extended.map((one) => report(one, dryRun));
	const moving = dataflows.filter((one) => (dryRun ? one.wouldChange : one.changed)).length;
	const noun = (n: number) => (n === 1 ? 'dataset export' : 'dataset exports');
	const summary =
		dataflows.length === 0
			? 'No dataset export ends before the date: nothing to extend'
			: dryRun
				? `Dry run: would extend ${moving} ${noun(moving)}, ${dataflows.length - moving} already end on or after the new end`
				: `Extended ${moving} ${noun(moving)}; ${dataflows.length - moving} unchanged`;
	return {
		summary,
		dryRun,
		extended: dryRun ? 0 : moving,
		dataflows,
	};
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Some dataflows failed: the item fails naming them, and says which ones did change. */
function partialFailure(
	this: IExecuteFunctions,
	itemIndex: number,
	extended: Extended[],
	failed: Extended[],
): Error {
	const first = failed[0].error;
	if (failed.length === extended.length && first instanceof InputError) return first;
	const names = failed.map((one) => `"${one.name ?? one.id}" (${one.id}): ${errorText(one.error)}`);
	const changed = extended.filter((one) => one.result?.changed === true);
	return new NodeOperationError(
		this.getNode(),
		`${failed.length} of ${extended.length} dataset exports were not extended: ${names.join('; ')}`,
		{
			itemIndex,
			description: changed.length
				? `Extended: ${changed.map((one) => `"${one.name ?? one.id}" to ${iso(one.change.newEnd)}`).join(', ')}. Run the item again to retry the others; extended ones are kept.`
				: 'No dataflow was changed.',
		},
	);
}
