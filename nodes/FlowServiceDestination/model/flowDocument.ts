import { flowKind, isDatasetExport } from './flowKind';
import { inputError } from './inputError';
import { pointer } from './jsonPointer';
import type { FlowDocument, PrimaryField, ProfileSelector, SegmentSelector } from './types';

const GENERAL_TRANSFORM = 'GeneralTransform';

/** Where a destination flow keeps audiences and attributes: the GeneralTransform's params. */
export interface GeneralTransform {
	index: number;
	params: Record<string, unknown>;
	path: (...tokens: Array<string | number>) => string;
}

export function findGeneralTransform(flow: FlowDocument): GeneralTransform | undefined {
	const index = (flow.transformations ?? []).findIndex((t) => t?.name === GENERAL_TRANSFORM);
	if (index < 0) return undefined;
	const params = (flow.transformations![index].params ?? {}) as Record<string, unknown>;
	return {
		index,
		params,
		path: (...tokens) => pointer('transformations', index, 'params', ...tokens),
	};
}

export function requireGeneralTransform(flow: FlowDocument, field: string): GeneralTransform {
	const transform = findGeneralTransform(flow);
	if (!transform && isDatasetExport(flow)) {
		inputError(
			field,
			`"${flow.name ?? flow.id}" (${flow.id}) is ${flowKind(flow)}: it exports datasets, not audiences or profile attributes; use the Dataset Export resource for it`,
		);
	}
	if (!transform) {
		inputError(
			field,
			`Dataflow ${flow.id} has no GeneralTransform transformation, so it is not a destination dataflow that exports audiences`,
		);
	}
	if (flow.transformations![transform.index].params === undefined) {
		inputError(field, `Dataflow ${flow.id} has a GeneralTransform without params`);
	}
	return transform;
}

export function segmentSelectors(transform: GeneralTransform): SegmentSelector[] | undefined {
	const container = transform.params.segmentSelectors as
		{ selectors?: SegmentSelector[] } | undefined;
	return container?.selectors;
}

export interface ProfileSelectorsBlock {
	selectors?: ProfileSelector[];
	mandatoryFields?: string[];
	primaryFields?: PrimaryField[];
}

export function profileSelectors(transform: GeneralTransform): ProfileSelectorsBlock | undefined {
	return transform.params.profileSelectors as ProfileSelectorsBlock | undefined;
}

export function indexOfTransformation(flow: FlowDocument, name: string): number {
	return (flow.transformations ?? []).findIndex((t) => t?.name === name);
}
