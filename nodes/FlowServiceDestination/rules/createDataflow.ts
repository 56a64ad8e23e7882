import type { ConnectionSpec, FlowSpec } from '../model/destination';
import { inputError } from '../model/inputError';
import type { SegmentSelector } from '../model/types';
import {
	checkSettings,
	fileStorageParams,
	withSpecDefaults,
	type FileStorageFields,
} from './exportSettings';
import type { ProfileAttributeInput } from './profileAttributes';
import type { AttributeHolder, MappingRef, SourceFlow } from './sourceFlow';
import type { DesiredAudience } from './syncAudiences';

export const NAME_REQUIRED = 'Name is required: the new dataflow’s name';

export type CreateFrom = 'fields' | 'template' | 'input';
export const CREATE_FROM: CreateFrom[] = ['fields', 'template', 'input'];
export const IF_EXISTS = ['fail', 'skip', 'useIt'] as const;

/** Where an item's dataflow comes from in errors: the template picker, or the input item. */
export const SOURCE_FIELD: Record<Exclude<CreateFrom, 'fields'>, string> = {
	template: 'templateFlowId',
	input: '$json',
};

/** What an item asks for, checked, before anything is read. */
export interface CreateInput {
	from: CreateFrom;
	name?: string;
	description?: string;
	accountId?: string;
	templateFlowId?: string;
	/** The dataflow the input item carries (Dataflow From Input). */
	source?: SourceFlow;
	fileFields: FileStorageFields;
	/** Settings given as JSON, for destinations beyond the file storage fields. */
	otherSettings: Record<string, unknown>;
	audiences: DesiredAudience[];
	attributes: ProfileAttributeInput[];
	mapping?: MappingRef;
	copyAudiences: boolean;
	copyAttributes: boolean;
	enable: boolean;
	ifExists: (typeof IF_EXISTS)[number];
}

/** Checks one choice parameter against its values; a bad one names the field. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
	if (!allowed.includes(value as T)) {
		inputError(field, `Must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
	}
	return value as T;
}

/** The copied selectors of a template or input dataflow as a desired list (they set name and template when they have them). */
function copied(selectors: SegmentSelector[], field: string): DesiredAudience[] {
	return selectors.map((selector) => ({
		selector,
		field,
		givesName: !!selector.value.name,
		givesFilenameTemplate: !!selector.value.filenameTemplate,
	}));
}

/** A list keyed by `key`: later entries (what the item gives) replace earlier ones (what it copies). */
function overlay<T>(base: T[], given: T[], key: (entry: T) => string): T[] {
	const keys = new Set(given.map(key));
	return [...base.filter((entry) => !keys.has(key(entry))), ...given];
}

/** The dataflow an item asks for: its own values over what it copies, settings checked against the destination's spec. */
export interface MergedDataflow {
	name: string;
	description?: string;
	params: Record<string, unknown>;
	audiences: DesiredAudience[];
	attributes: ProfileAttributeInput[];
	mapping?: MappingRef;
	holder: AttributeHolder;
}

/**
 * Merges an item's parameters over the dataflow it copies (none for Fields): the name and anything
 * given override; export settings are the copy's, then the fields, then the JSON, then what the
 * destination's spec fixes, and are checked against the spec. Pure.
 */
export function mergeDataflow(
	input: CreateInput,
	source: SourceFlow | undefined,
	spec: ConnectionSpec,
	flowSpec: FlowSpec = { id: '' },
): MergedDataflow {
	const sourceField = input.from === 'fields' ? 'dataflowName' : SOURCE_FIELD[input.from];
	// A template's own name is taken: copying it would only meet the template itself.
	const name = input.name ?? (input.from === 'input' ? source?.name : undefined);
	if (!name) inputError('dataflowName', NAME_REQUIRED);
	const schema = spec.targetSpec?.spec;
	const context = { flowSpec };
	const params = withSpecDefaults(
		{
			...(source?.exportSettings ?? {}),
			...fileStorageParams(input.fileFields, schema),
			...input.otherSettings,
		},
		schema,
	);
	checkSettings(params, schema, spec.name ?? `destination ${spec.id}`, context);

	const copyAudiences = source !== undefined && input.copyAudiences;
	const copyAttributes = source !== undefined && input.copyAttributes;
	const audiences = overlay(
		copyAudiences ? copied(source.audiences, sourceField) : [],
		input.audiences,
		(audience) => audience.selector.value.id.toLowerCase(),
	);
	const attributes = overlay(
		copyAttributes ? source.attributes : [],
		input.attributes,
		(attribute) => attribute.path,
	);
	const mapping = input.mapping ?? (copyAttributes ? source.mapping : undefined);
	if (mapping && attributes.length > 0) {
		inputError(
			input.mapping ? 'mappingId' : sourceField,
			'A dataflow exports attributes either through a mapping set or as profile attributes, not both',
		);
	}
	if (mapping && !input.mapping && input.from === 'input') {
		inputError(
			sourceField,
			`The dataflow maps its attributes with mapping set ${mapping.mappingId}, which exists only in its own sandbox: give this sandbox’s mapping set (Profile Attributes From › Mapping Set)`,
		);
	}
	return {
		name,
		description: input.description ?? source?.description,
		params,
		audiences,
		attributes,
		mapping,
		holder: mapping ? 'profileMapping' : 'profileSelectors',
	};
}
