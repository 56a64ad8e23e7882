import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../model/inputError';
import { FLOW_ID_REGEX, FLOW_URL_REGEX, flowIdFromLocator } from '../rules/flowLocator';
import { FlowServiceClient } from '../transport';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../transport/retryPolicy';
import type { UpdateOptions } from '../update/applyUpdate';

export function flowLocator(operations: string[]): INodeProperties {
	return {
		displayName: 'Dataflow',
		name: 'flowId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The destination dataflow to work on',
		// Operations with Map Input Fields Automatically read the dataflow from each item instead.
		displayOptions: { show: { operation: operations }, hide: { dataMode: ['autoMapInputData'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchDataflows', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '226fb2e1-db69-4760-b67e-9e671e05abfc',
				validation: [
					{
						type: 'regex',
						properties: { regex: FLOW_ID_REGEX, errorMessage: 'Not a dataflow ID (UUID)' },
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder:
					'https://experience.adobe.com/#/@acme/sname:prod/platform/destination/browse/dataflow/226fb2e1-db69-4760-b67e-9e671e05abfc',
				extractValue: { type: 'regex', regex: FLOW_URL_REGEX },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: FLOW_URL_REGEX,
							errorMessage: 'Not an Experience Platform dataflow URL',
						},
					},
				],
			},
		],
	};
}

export function getFlowId(this: IExecuteFunctions, itemIndex: number): string {
	return flowIdFromLocator(this.getNodeParameter('flowId', itemIndex));
}

const RETRY_FIELDS: Array<[keyof RetryPolicy, string, number, number]> = [
	['maxRetries', 'maxRetries', 0, 10],
	['initialDelayMs', 'retryInitialDelay', 0, 60_000],
	['maxDelayMs', 'retryMaxDelay', 0, 600_000],
	['timeoutMs', 'requestTimeout', 1, 600_000],
];

/** Transient-failure handling, offered on every operation; defaults are DEFAULT_RETRY_POLICY's. */
export const requestOptionFields: INodeProperties[] = [
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 3,
		description:
			'How often to retry after a transient failure (429, 5xx, reset, timeout, dataflow busy updating). Writes are re-planned from a fresh read, never resent blindly.',
	},
	{
		displayName: 'Request Timeout (Ms)',
		name: 'requestTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30000,
		description: 'How long to wait for each answer from Adobe',
	},
	{
		displayName: 'Retry Initial Delay (Ms)',
		name: 'retryInitialDelay',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 500,
		description:
			'First backoff delay; it doubles per retry, with random jitter, up to the max delay',
	},
	{
		displayName: 'Retry Max Delay (Ms)',
		name: 'retryMaxDelay',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 30000,
		description:
			'Longest wait between retries; if Adobe asks (Retry-After) for longer, the item fails instead',
	},
];

export function requestOptions(operations: string[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { operation: operations } },
		options: requestOptionFields,
	};
}

/** Return All and Limit, as n8n's list operations offer them. */
export function limitFields(operations: string[]): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show: { operation: operations } },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { operation: operations, returnAll: [false] } },
		},
	];
}

/** How many results the item asks for; Infinity with Return All. */
export function getLimit(this: IExecuteFunctions, itemIndex: number): number {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
	if (!returnAll && (!Number.isInteger(limit) || limit < 1))
		inputError('limit', `Limit must be a whole number of at least 1, got ${limit}`);
	return limit;
}

/** The options every update shares. Raw patches are not re-planned, so they retry only when asked to. */
export function updateOptions(
	operations: string[],
	defaultConflictRetries = DEFAULT_CONFLICT_RETRIES,
): INodeProperties {
	const updateFields: INodeProperties[] = [
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description:
				'Whether to only output the planned JSON Patch operations and the etag they would be sent with, without changing the dataflow',
		},
		{
			displayName: 'Max Conflict Retries',
			name: 'maxConflictRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: defaultConflictRetries,
			description:
				'How many times to read the dataflow again and re-plan when another writer changed it first (HTTP 412)',
		},
		{
			displayName: 'Return Updated Flow',
			name: 'returnUpdatedFlow',
			type: 'boolean',
			default: false,
			description:
				'Whether to read the dataflow again after the change and include it in the output',
		},
		{
			displayName: 'Combine Items Per Dataflow',
			name: 'combinePerFlow',
			type: 'boolean',
			default: true,
			description:
				'Whether all items that change the same dataflow share one read and one PATCH; each item still gets its own output and its own error',
		},
		{
			displayName: 'Use Dataflow From Input',
			name: 'useInputFlow',
			type: 'boolean',
			default: true,
			description:
				'Whether to plan against a dataflow the input item already carries (for example the output of Get), skipping the read; if it is stale, Adobe answers 412 and the node reads and re-plans',
		},
		{
			displayName: 'Dataflows in Parallel',
			name: 'flowConcurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 20 },
			default: 5,
			description:
				'How many different dataflows to update at the same time; output order always follows the input',
		},
	];
	return {
		...requestOptions(operations),
		options: [...updateFields, ...requestOptionFields].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

/**
 * Enough for twenty writers racing on one flow on a busy host: each conflict waits a random,
 * growing while (see conflictDelayMs), so the writers spread out instead of colliding in lockstep.
 */
export const DEFAULT_CONFLICT_RETRIES = 8;

/** A client for this item, with the retry limits its options set. */
export function getClient(this: IExecuteFunctions, itemIndex: number): FlowServiceClient {
	const options = this.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	return new FlowServiceClient(
		this,
		retryPolicyFrom(options, (param, message) => inputError(`options.${param}`, message)),
	);
}

/** The retry limits set in `options` (requestOptionFields) over the defaults; `invalid` fails the caller's way. */
export function retryPolicyFrom(
	options: Record<string, unknown>,
	invalid: (param: string, message: string) => never,
): RetryPolicy {
	const policy = { ...DEFAULT_RETRY_POLICY };
	for (const [key, param, min, max] of RETRY_FIELDS) {
		const value = options[param];
		if (value === undefined) continue;
		if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
			invalid(
				param,
				`${param} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`,
			);
		}
		policy[key] = value;
	}
	return policy;
}

export function getUpdateOptions(
	this: IExecuteFunctions,
	itemIndex: number,
	defaultConflictRetries = DEFAULT_CONFLICT_RETRIES,
): UpdateOptions {
	const options = this.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	const retries = options.maxConflictRetries ?? defaultConflictRetries;
	if (typeof retries !== 'number' || !Number.isInteger(retries) || retries < 0 || retries > 10) {
		inputError(
			'options.maxConflictRetries',
			`Max Conflict Retries must be a whole number from 0 to 10, got ${JSON.stringify(retries)}`,
		);
	}
	return {
		dryRun: bool(options.dryRun, 'options.dryRun'),
		returnUpdatedFlow: bool(options.returnUpdatedFlow, 'options.returnUpdatedFlow'),
		maxConflictRetries: retries,
	};
}

export interface BatchSettings {
	combinePerFlow: boolean;
	useInputFlow: boolean;
	flowConcurrency: number;
}

/** How the items of one run are grouped and spread; read once, from the first item. */
export function getBatchSettings(this: IExecuteFunctions): BatchSettings {
	const options = this.getNodeParameter('options', 0, {}) as Record<string, unknown>;
	const concurrency = options.flowConcurrency ?? 5;
	if (
		typeof concurrency !== 'number' ||
		!Number.isInteger(concurrency) ||
		concurrency < 1 ||
		concurrency > 20
	) {
		inputError(
			'options.flowConcurrency',
			`Dataflows in Parallel must be a whole number from 1 to 20, got ${JSON.stringify(concurrency)}`,
		);
	}
	return {
		combinePerFlow:
			options.combinePerFlow === undefined
				? true
				: bool(options.combinePerFlow, 'options.combinePerFlow'),
		useInputFlow:
			options.useInputFlow === undefined
				? true
				: bool(options.useInputFlow, 'options.useInputFlow'),
		flowConcurrency: concurrency,
	};
}

function bool(value: unknown, field: string): boolean {
	if (value === undefined) return false;
	if (typeof value !== 'boolean')
		inputError(field, `${field} must be true or false, got ${JSON.stringify(value)}`);
	return value;
}
