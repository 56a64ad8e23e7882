import { inputError } from '../model/inputError';
import { findGeneralTransform, indexOfTransformation } from '../model/flowDocument';
import { pointer } from '../model/jsonPointer';
import type { FlowDocument, Plan, Planner } from '../model/types';
import type { MappingInput, MappingLocation } from '../rules/mapping';

/**
 * Two places hold a mapping set: a sources-style `{name: "Mapping"}` transformation (the tutorial's
 * example) and the newer `params.profileMapping` of file-based destinations. Auto picks whichever the flow has.
 */
export function planUpdateMapping(input: MappingInput): Planner {
	return (flow) => {
		const mapping = { mappingId: input.mappingId, mappingVersion: input.mappingVersion };
		const location = input.location === 'auto' ? detectLocation(flow) : input.location;
		return location === 'transformation'
			? planTransformation(flow, mapping)
			: planProfileMapping(flow, mapping);
	};
}

function detectLocation(flow: FlowDocument): Exclude<MappingLocation, 'auto'> {
	if (indexOfTransformation(flow, 'Mapping') >= 0) return 'transformation';
	const transform = findGeneralTransform(flow);
	if (!transform) return 'transformation';
	if (transform.params.profileMapping !== undefined) return 'profileMapping';
	return inputError(
		'mappingLocation',
		`Dataflow ${flow.id} has neither a Mapping transformation nor a profileMapping; choose the mapping location explicitly`,
	);
}

type MappingRef = { mappingId: string; mappingVersion: number };

function planTransformation(flow: FlowDocument, mapping: MappingRef): Plan {
	const index = indexOfTransformation(flow, 'Mapping');
	const value = { name: 'Mapping', params: mapping };
	if (index < 0)
		return {
			operations: [{ op: 'add', path: pointer('transformations', '-'), value }],
			skipped: [],
		};
	if (sameMapping(flow.transformations![index].params, mapping)) return unchanged(mapping);
	return {
		operations: [{ op: 'replace', path: pointer('transformations', index), value }],
		skipped: [],
	};
}

function planProfileMapping(flow: FlowDocument, mapping: MappingRef): Plan {
	const transform = findGeneralTransform(flow);
	if (!transform) {
		inputError(
			'mappingLocation',
			`Dataflow ${flow.id} has no GeneralTransform transformation to hold a profileMapping`,
		);
	}
	const current = transform.params.profileMapping;
	if (sameMapping(current, mapping)) return unchanged(mapping);
	const op = current === undefined ? 'add' : 'replace';
	return {
		operations: [{ op, path: transform.path('profileMapping'), value: mapping }],
		skipped: [],
	};
}

function sameMapping(current: unknown, mapping: MappingRef): boolean {
	const params = current as Partial<MappingRef> | undefined;
	return (
		params?.mappingId === mapping.mappingId &&
		Number(params?.mappingVersion) === mapping.mappingVersion
	);
}

function unchanged(mapping: MappingRef): Plan {
	return {
		operations: [],
		skipped: [
			{
				target: `mapping ${mapping.mappingId}`,
				reason: `version ${mapping.mappingVersion} is already in use`,
			},
		],
	};
}
