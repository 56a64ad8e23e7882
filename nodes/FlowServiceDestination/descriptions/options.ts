import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CONFLICT_RETRIES } from '../rules/options';

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

/** An operation's Options: its own fields and the transient-failure handling every operation has, by name. */
export function optionsWith(operations: string[], fields: INodeProperties[]): INodeProperties {
	return {
		...requestOptions(operations),
		options: [...fields, ...requestOptionFields].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

/** Dry Run, for operations that read first and can stop before changing anything. */
/** Dry Run is on as soon as it is added: adding it means wanting it. Not adding it still sends. */
export function dryRunOption(description: string): INodeProperties {
	return { displayName: 'Dry Run', name: 'dryRun', type: 'boolean', default: true, description };
}

/** The Filters collection of a listing. */
export function filtersCollection(
	operations: string[],
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { operation: operations } },
		options,
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

/** Max Conflict Retries, with the default of the operation that offers it. */
export function conflictRetriesOption(defaultConflictRetries: number): INodeProperties {
	return {
		displayName: 'Max Conflict Retries',
		name: 'maxConflictRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: defaultConflictRetries,
		description:
			'How many times to read the dataflow again and re-plan when another writer changed it first (HTTP 412)',
	};
}

export const flowConcurrencyOption: INodeProperties = {
	displayName: 'Dataflows in Parallel',
	name: 'flowConcurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 20 },
	default: 5,
	description:
		'How many different dataflows to update at the same time; output order always follows the input',
};

/** Options that spread one run's items over PATCHes; not for operations that run per item. */
const BATCHING_OPTIONS = new Set(['combinePerFlow', 'flowConcurrency']);

/**
 * The options every update shares. Raw patches are not re-planned, so they retry only when asked
 * to (`conflictRetries` 0); operations that run per item leave out the batching options and may
 * add their own (`extra`).
 */
export function updateOptions(
	operations: string[],
	{
		conflictRetries = DEFAULT_CONFLICT_RETRIES,
		batching = true,
		extra = [],
	}: { conflictRetries?: number; batching?: boolean; extra?: INodeProperties[] } = {},
): INodeProperties {
	const defaultConflictRetries = conflictRetries;
	const updateFields: INodeProperties[] = [
		dryRunOption(
			'Whether to only output the planned JSON Patch operations and the etag they would be sent with, without changing the dataflow',
		),
		conflictRetriesOption(defaultConflictRetries),
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
		flowConcurrencyOption,
	];
	return {
		...requestOptions(operations),
		options: [
			...updateFields.filter((field) => batching || !BATCHING_OPTIONS.has(field.name)),
			...requestOptionFields,
			...extra,
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/**
 * Simplify, as n8n's own nodes offer it: on by default from version 2; version 1 workflows were
 * saved before it existed and keep Adobe's objects unless it is turned on.
 */
export function simplifyFields(operations: string[]): INodeProperties[] {
	const simplify = (defaultValue: boolean, versions: INodeProperties['displayOptions']) => ({
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean' as const,
		default: defaultValue,
		description:
			'Whether to return a simplified version of the response instead of the raw data: dates as ISO 8601, audiences and attributes as short lists, a run’s status and record counts at the top',
		displayOptions: { show: { operation: operations, ...versions?.show } },
	});
	return [
		simplify(false, { show: { '@version': [1] } }),
		simplify(true, { show: { '@version': [{ _cnd: { gte: 2 } }] } }),
	];
}
