import { accountIdsOf, destinationIdOf } from '../model/destination';
import { findGeneralTransform, profileSelectors, segmentSelectors } from '../model/flowDocument';
import { inputError } from '../model/inputError';
import type { FlowDocument, PrimaryField, SegmentSelector } from '../model/types';
import type { ProfileAttributeInput } from './profileAttributes';

/** Where a dataflow keeps the attributes it exports. */
export type AttributeHolder = 'profileSelectors' | 'profileMapping';

/** A mapping set a dataflow points at. */
export interface MappingRef {
	mappingId: string;
	mappingVersion: number;
}

/**
 * What a new dataflow can take over from an existing one (a template, or a dataflow as Get returns
 * it from another sandbox): everything but what Adobe manages (IDs, etags, times, state).
 */
export interface SourceFlow {
	name?: string;
	description?: string;
	account: { id?: string; name?: string };
	destinationId?: string;
	exportSettings?: Record<string, unknown>;
	audiences: SegmentSelector[];
	attributes: ProfileAttributeInput[];
	mapping?: MappingRef;
	holder: AttributeHolder;
}

/**
 * What Get's Include Destination Details adds to a dataflow: what it names only by ID in its own
 * sandbox, so another sandbox can find the same things by name.
 */
export interface DestinationDetails {
	destination?: { id?: string; name?: string | null };
	account?: { id?: string; name?: string | null };
	targetConnection?: { id?: string; name?: string; params?: Record<string, unknown> };
}

const record = (value: unknown): Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};
const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** Adobe's own bookkeeping on a selector, never copied. */
const MANAGED_KEYS = ['createTime', 'updateTime'];

function copyOf(selector: SegmentSelector): SegmentSelector {
	const value = { ...selector.value };
	for (const key of MANAGED_KEYS) delete value[key];
	return { type: selector.type ?? 'PLATFORM_SEGMENT', value };
}

function attributesOf(transform: ReturnType<typeof findGeneralTransform>): ProfileAttributeInput[] {
	if (!transform) return [];
	const block = profileSelectors(transform);
	// Mapping-set flows keep their keys beside the mapping; legacy flows inside profileSelectors.
	const mandatory = new Set(
		block?.mandatoryFields ?? (transform.params.mandatoryFields as string[] | undefined) ?? [],
	);
	const primary = (block?.primaryFields ??
		(transform.params.primaryFields as PrimaryField[] | undefined) ??
		[]) as PrimaryField[];
	return (block?.selectors ?? [])
		.filter((selector) => typeof selector?.value?.path === 'string')
		.map((selector) => {
			const path = selector.value.path;
			const identityNamespace = selector.value.identity?.namespace;
			const deduplicationKey = primary.some((field) =>
				field.fieldType === 'IDENTITY'
					? identityNamespace !== undefined && field.identityNamespace === identityNamespace
					: field.attributePath === path,
			);
			return { path, identityNamespace, mandatory: mandatory.has(path), deduplicationKey };
		});
}

function mappingOf(params: Record<string, unknown>): MappingRef | undefined {
	const mapping = record(params.profileMapping);
	if (typeof mapping.mappingId !== 'string') return undefined;
	return { mappingId: mapping.mappingId, mappingVersion: Number(mapping.mappingVersion ?? 0) };
}

/**
 * Reads a dataflow as Get returns it (Simplify off; with Include Destination Details when it comes
 * from another sandbox), and the target connection when the caller read it (a template in the same
 * sandbox). A simplified dataflow lacks the audiences' schedules, so it is refused, naming `field`.
 */
export function describeSourceFlow(
	raw: unknown,
	field: string,
	targetConnection?: { baseConnectionId?: string; params?: Record<string, unknown> },
): SourceFlow {
	const flow = record(raw) as unknown as FlowDocument;
	if (!Array.isArray(flow.transformations)) {
		const simplified = Array.isArray(record(raw).audiences);
		inputError(
			field,
			simplified
				? 'The dataflow is simplified, which leaves out its audiences’ export schedules: turn Simplify off in the Get that reads it'
				: 'Not a dataflow as Get returns it: it has no transformations',
		);
	}
	const details = record(record(raw).destinationDetails) as DestinationDetails;
	const transform = findGeneralTransform(flow);
	const params = transform?.params ?? {};
	return {
		name: text(flow.name),
		description: text(flow.description),
		account: {
			id:
				text(targetConnection?.baseConnectionId) ??
				text(details.account?.id) ??
				accountIdsOf(flow)[0],
			name: text(details.account?.name),
		},
		destinationId: text(details.destination?.id) ?? destinationIdOf(flow),
		exportSettings: targetConnection?.params ?? details.targetConnection?.params,
		audiences: ((transform && segmentSelectors(transform)) ?? [])
			.filter((selector) => typeof selector?.value?.id === 'string')
			.map(copyOf),
		attributes: attributesOf(transform),
		mapping: mappingOf(params),
		holder:
			params.profileMapping !== undefined && params.profileSelectors === undefined
				? 'profileMapping'
				: 'profileSelectors',
	};
}
