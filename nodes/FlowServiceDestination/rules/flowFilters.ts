import { inputError } from '../model/inputError';
import { locatorValue, requireString, requireUuid } from './scalars';

/** Every listing of this package is of destination dataflows. */
export const DESTINATION_FLOWS_FILTER = 'inheritedAttributes.properties.isDestinationFlow==true';

/** Builds Adobe's `property` filters; always restricted to destination dataflows. */
export function buildFlowFilters(filters: Record<string, unknown>): string[] {
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
	// The Audience picker's {__rl, value}, or a saved workflow's plain ID; empty means no filter.
	const audience = locatorValue(filters.audienceId);
	if (audience !== undefined && audience !== '') {
		const id = requireUuid(audience, 'filters.audienceId', 'Audience');
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

/**
 * The Flow Service has no "contains" operator (it answers "Operator '~' not implemented"),
 * so names are matched here, case-insensitively.
 */
export function nameMatcher(raw: unknown): (flow: { name?: string }) => boolean {
	if (raw === undefined || raw === '') return () => true;
	const text = requireString(raw, 'filters.nameContains', 'Name Contains').toLowerCase();
	return (flow) => (flow.name ?? '').toLowerCase().includes(text);
}
