import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../model/inputError';
import { requireString, requireUuid } from '../../rules/scalars';
import { getClient, getLimit, limitFields, requestOptions } from '../../descriptions/common';

const PAGE_SIZE = 100;
export const DESTINATION_FLOWS_FILTER = 'inheritedAttributes.properties.isDestinationFlow==true';
const show = { show: { operation: ['getMany'] } };

export const description: INodeProperties[] = [
	...limitFields(['getMany']),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Audience ID',
				name: 'audienceId',
				type: 'string',
				default: '',
				description: 'Only dataflows that export this audience',
			},
			{
				displayName: 'Name Contains',
				name: 'nameContains',
				type: 'string',
				default: '',
				description: 'Only dataflows whose name contains this text',
			},
			{
				displayName: 'Property Filters',
				name: 'property',
				type: 'string',
				default: '',
				placeholder: 'state==enabled',
				description:
					'Raw Flow Service "property" filters, one per line (all must match; commas inside one filter mean OR)',
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				default: 'enabled',
				options: [
					{ name: 'Enabled', value: 'enabled' },
					{ name: 'Disabled', value: 'disabled' },
				],
			},
		],
	},
	requestOptions(['getMany']),
];

/** Builds Adobe's `property` filters; always restricted to destination dataflows. */
export function buildFlowFilters(filters: IDataObject): string[] {
	const properties = [DESTINATION_FLOWS_FILTER];
	if (filters.state !== undefined && filters.state !== '') {
		if (filters.state !== 'enabled' && filters.state !== 'disabled') {
			inputError(
				'filters.state',
				`State must be enabled or disabled, got ${JSON.stringify(filters.state)}`,
			);
		}
		properties.push(`state==${filters.state}`);
	}
	if (filters.audienceId !== undefined && filters.audienceId !== '') {
		const id = requireUuid(filters.audienceId, 'filters.audienceId', 'Audience ID');
		properties.push(`transformations[].params.segmentSelectors.selectors[].value.id==${id}`);
	}
	for (const property of propertyLines(filters.property)) {
		if (!/^[\w.[\]]+(==|!=|~|<=|>=|<|>).*$/.test(property)) {
			inputError(
				'filters.property',
				`Property filter "${property}" is not of the form path==value`,
			);
		}
		properties.push(property);
	}
	return properties;
}

// One filter per line: commas inside a filter are Adobe's OR and must survive.
function propertyLines(raw: unknown): string[] {
	if (raw === undefined || raw === '') return [];
	if (Array.isArray(raw))
		return raw.map((entry, index) =>
			requireString(entry, 'filters.property', `Property filter ${index + 1}`),
		);
	return requireString(raw, 'filters.property', 'Property filters')
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '');
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = getLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const property = buildFlowFilters(filters);
	const matchesName = nameMatcher(filters.nameContains);
	const client = getClient.call(this, itemIndex);

	const flows: IDataObject[] = [];
	let next: string | undefined;
	do {
		// A name filter is applied here, so pages are full-size: some of each page may be dropped.
		const pageSize = filters.nameContains ? PAGE_SIZE : Math.min(PAGE_SIZE, limit - flows.length);
		const page = await client.listFlows({ property, limit: pageSize }, next);
		flows.push(...(page.items ?? []).filter(matchesName).map((flow) => flow as IDataObject));
		next = page._links?.next?.href;
	} while (next && flows.length < limit);
	return flows.slice(0, limit);
}

/**
 * The Flow Service has no "contains" operator (it answers "Operator '~' not implemented"),
 * so names are matched here, case-insensitively.
 */
export function nameMatcher(raw: unknown): (flow: { name?: string }) => boolean {
	if (raw === undefined || raw === '') return () => true;
	const text = requireString(raw, 'filters.nameContains', 'Name Contains').toLowerCase();
	return (flow) => (flow.name ?? '').toLowerCase().includes(text);
}
