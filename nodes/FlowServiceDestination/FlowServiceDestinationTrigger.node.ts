import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { flowLocator } from './descriptions/flowLocator';
import { optionNames } from './descriptions/optionNames';
import { requestOptionFields } from './descriptions/options';
import { SERVICE_DESCRIPTION } from './descriptions/serviceDescription';
import { toNodeError } from './errors';
import { InputError } from './model/inputError';
import { stableJson } from './model/stableJson';
import { requireWholeNumber } from './rules/scalars';
import { flowIdFromLocator } from './rules/flowLocator';
import { searchDataflows } from './methods/listSearch';
import { CREDENTIAL_TYPE, FlowServiceClient, FlowServiceHttpError } from './transport';
import { retryPolicyFrom, type RetryPolicy } from './transport/retryPolicy';
import {
	detectEvents,
	MEMORY_KEYS,
	observeFlow,
	readMemory,
	sampleEvents,
	TRIGGER_EVENTS,
	type Observation,
	type TriggerEventName,
	type TriggerMemory,
} from './trigger/detection';
import { fetchWatchedFlows, observeRuns } from './trigger/observe';
import { eventSettingsFrom, SETTING_LIMITS } from './trigger/settings';

/** Default late-run window: a day, longer than a batch export runs before Adobe marks it failed. */
export const DEFAULT_LATE_RUN_WINDOW_MINUTES = 1440;
const MAX_LATE_RUN_WINDOW_MINUTES = 10080;

const eventsProperty: INodeProperties = {
	displayName: 'Trigger On',
	name: 'events',
	type: 'multiOptions',
	required: true,
	default: ['runFailed'],
	description: 'The changes that start the workflow; each one found becomes one item',
	options: [
		{
			name: 'Configuration Changed',
			value: 'configurationChanged',
			description: 'The dataflow was edited: audiences, attributes, mapping, schedule, name…',
		},
		{ name: 'Disabled', value: 'disabled', description: 'The dataflow was disabled' },
		{ name: 'Enabled', value: 'enabled', description: 'The dataflow was enabled' },
		{
			name: 'Export Ending Soon',
			value: 'exportEndingSoon',
			description: 'A dataset export, or an audience of a dataflow, stops exporting within days',
		},
		{
			name: 'Run Delayed',
			value: 'runDelayed',
			description: 'No run of a scheduled dataflow started within a delay after it was due',
		},
		{
			name: 'Run Failed',
			value: 'runFailed',
			description: 'A run of the dataflow ended with status Failed',
		},
		{
			name: 'Skipped Rate Exceeded',
			value: 'skippedRateExceeded',
			description: 'A finished run skipped more than a share of the profiles it received',
		},
	],
};

/**
 * The fields of the schedule and run-metric events, each shown only for its event (n8n's lint reads
 * the literals; trigger/settings.ts reads and checks the values).
 */
const eventFields: INodeProperties[] = [
	{
		displayName: 'Days Before End',
		name: 'endingWithinDays',
		type: 'number',
		typeOptions: {
			minValue: SETTING_LIMITS.endingWithinDays.min,
			maxValue: SETTING_LIMITS.endingWithinDays.max,
		},
		default: 14,
		displayOptions: { show: { events: ['exportEndingSoon'] } },
		description:
			'Report a dataset export or an audience whose schedule ends within this many days (UTC)',
		hint: 'Reported once per dataflow (and audience) and end date; an end moved to another date is reported again',
	},
	{
		displayName: 'Delay (Minutes)',
		name: 'runDelayMinutes',
		type: 'number',
		typeOptions: {
			minValue: SETTING_LIMITS.delayMinutes.min,
			maxValue: SETTING_LIMITS.delayMinutes.max,
		},
		default: 150,
		displayOptions: { show: { events: ['runDelayed'] } },
		description:
			'Report a time the schedule was due when no run of the dataflow started within this many minutes after it',
		hint: 'Adobe’s own run delay alert uses 150 minutes. Keep it shorter than the schedule’s interval.',
	},
	{
		displayName: 'Skipped Share (%)',
		name: 'skippedPercent',
		type: 'number',
		typeOptions: {
			minValue: SETTING_LIMITS.skippedPercent.min,
			maxValue: SETTING_LIMITS.skippedPercent.max,
			numberPrecision: 2,
		},
		default: 1,
		displayOptions: { show: { events: ['skippedRateExceeded'] } },
		description:
			'Report a finished run that skipped more than this percentage of the profiles it received',
		hint: 'Adobe’s own skipped rate alert uses 1 %',
	},
];

/** The canvas subtitle: the events as the Trigger On list names them ("On Run Failed"). */
const EVENT_NAMES = optionNames(eventsProperty);

const properties: INodeProperties[] = [
	eventsProperty,
	...eventFields,
	{
		displayName: 'Watch',
		name: 'watch',
		type: 'options',
		default: 'allFlows',
		options: [
			{
				name: 'All Destination Dataflows',
				value: 'allFlows',
				description: 'Every destination dataflow of the credential’s sandbox',
			},
			{ name: 'One Dataflow', value: 'flow', description: 'A single dataflow' },
		],
	},
	{
		...flowLocator([]),
		description: 'The destination dataflow to watch',
		displayOptions: { show: { watch: ['flow'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Late Run Window (Minutes)',
				name: 'lateRunWindow',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_LATE_RUN_WINDOW_MINUTES },
				default: DEFAULT_LATE_RUN_WINDOW_MINUTES,
				description:
					'How far behind the newest failed (or finished) run seen to look for runs that fail or finish late, or are listed late. A run is dated when it starts, so this must be longer than a run can take.',
			},
			...requestOptionFields,
		],
	},
];

export class FlowServiceDestinationTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Flow Service Destination Trigger',
		name: 'flowServiceDestinationTrigger',
		icon: {
			light: 'file:flowServiceDestinationTrigger.svg',
			dark: 'file:flowServiceDestinationTrigger.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: `={{"On " + [].concat($parameter["events"] || []).map((event) => (${JSON.stringify(EVENT_NAMES)})[event] ?? event).join(", ")}}`,
		// n8n shows this text for the action node too (see SERVICE_DESCRIPTION); the events of the
		// Trigger On list say what starts the workflow.
		description: SERVICE_DESCRIPTION,
		defaults: { name: 'Flow Service Destination Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'adobeExperiencePlatformApi', required: true }],
		properties,
	};

	methods = { listSearch: { searchDataflows } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const selected = selectedEvents(this.getNodeParameter('events', []), node);
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const windowMs = lateRunWindowMinutes(options.lateRunWindow, node) * 60_000;
		const settings = optionChecked(node, () =>
			eventSettingsFrom((name, fallback) => this.getNodeParameter(name, fallback), selected),
		);
		let flowId: string | undefined;
		try {
			flowId =
				this.getNodeParameter('watch', 'allFlows') === 'flow'
					? flowIdFromLocator(this.getNodeParameter('flowId', ''))
					: undefined;
		} catch (error) {
			throw toNodeError(node, error, 0, properties);
		}
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const scope = `${String(credentials.imsOrgId ?? '')}/${String(credentials.sandboxName ?? '')}/${flowId ?? '*'}`;
		const staticData = this.getWorkflowStaticData('node');
		const memory = readMemory(staticData, scope);
		const manual = this.getMode() === 'manual';
		// This poll's credential: the trigger's context outlives one poll, a pasted token does not.
		const client = new FlowServiceClient(this, retryPolicy(options, node), credentials);
		const now = Date.now();
		const detectedAt = new Date(now).toISOString();

		let observation: Observation;
		try {
			const flows = (
				await fetchWatchedFlows(client, flowId, manual ? [] : Object.keys(memory.flows ?? {}))
			).map(observeFlow);
			observation = await observeRuns(client, {
				flowId,
				flows,
				memory,
				selected,
				settings,
				windowMs,
				now,
				manual,
			});
		} catch (error) {
			throw readError(node, error, flowId);
		}

		if (manual) {
			// "Fetch Test Event": the newest matching events, and what was remembered stays as it was.
			const samples = sampleEvents(memory, observation, selected, detectedAt, settings);
			return samples.length > 0
				? [this.helpers.returnJsonArray(samples as unknown as IDataObject[])]
				: null;
		}

		const result = detectEvents(memory, observation, selected, windowMs, detectedAt, settings);
		saveMemory(staticData, result.memory);
		return result.events.length > 0
			? [this.helpers.returnJsonArray(result.events as unknown as IDataObject[])]
			: null;
	}
}

function selectedEvents(
	raw: unknown,
	node: ReturnType<IPollFunctions['getNode']>,
): Set<TriggerEventName> {
	const values = Array.isArray(raw) ? raw : [];
	const unknown = values.filter((value) => !(TRIGGER_EVENTS as readonly unknown[]).includes(value));
	if (values.length === 0 || unknown.length > 0) {
		throw new NodeOperationError(
			node,
			`Choose at least one event to trigger on (${TRIGGER_EVENTS.join(', ')})`,
			{
				description:
					unknown.length > 0
						? `Unknown: ${unknown.map((value) => JSON.stringify(value)).join(', ')}`
						: undefined,
			},
		);
	}
	return new Set(values as TriggerEventName[]);
}

function lateRunWindowMinutes(raw: unknown, node: INode): number {
	if (raw === undefined) return DEFAULT_LATE_RUN_WINDOW_MINUTES;
	return optionChecked(node, () =>
		requireWholeNumber(raw, 'options.lateRunWindow', 'Late Run Window', {
			min: 1,
			max: MAX_LATE_RUN_WINDOW_MINUTES,
			unit: 'minutes',
		}),
	);
}

function retryPolicy(options: IDataObject, node: INode): RetryPolicy {
	return optionChecked(node, () => retryPolicyFrom(options));
}

/** An option the trigger cannot use fails the poll with the rule's own words. */
function optionChecked<T>(node: INode, read: () => T): T {
	try {
		return read();
	} catch (error) {
		// The rules throw InputError only; its message names the option and its range.
		throw new NodeOperationError(node, (error as InputError).message);
	}
}

/**
 * A watched dataflow that answers 404 was deleted or is out of the credential's reach: the poll
 * fails with that said plainly (so it is not mistaken for a quiet dataflow) and the memory is kept.
 */
function readError(
	node: ReturnType<IPollFunctions['getNode']>,
	error: unknown,
	flowId: string | undefined,
): Error {
	if (flowId !== undefined && error instanceof FlowServiceHttpError && error.statusCode === 404) {
		const body = (
			typeof error.body === 'object' && error.body !== null ? error.body : {}
		) as JsonObject;
		return new NodeApiError(node, body, {
			httpCode: '404',
			message: `Dataflow ${flowId} was not found`,
			description:
				'It was deleted, or the credential’s sandbox or access labels do not reach it. Nothing was reported and what the trigger remembers is kept; choose another dataflow or watch all of them.',
		});
	}
	return toNodeError(node, error, 0, properties);
}

/** Writes only when something changed, so a quiet poll does not make n8n save the workflow. */
function saveMemory(staticData: IDataObject, memory: TriggerMemory): void {
	const current = Object.fromEntries(MEMORY_KEYS.map((key) => [key, staticData[key]]));
	if (stableJson(current) === stableJson(memory)) return;
	for (const key of Object.keys(staticData)) if (!(key in memory)) delete staticData[key];
	Object.assign(staticData, memory);
}
