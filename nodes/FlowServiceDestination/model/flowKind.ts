/**
 * Which kind of destination dataflow a document is: a dataset export or an audience activation
 * dataflow. Imports nothing, so every model module may ask.
 */
import type { FlowDocument } from './types';

/** The Data Lake's source connection spec: the source of every dataset export dataflow. */
export const DATA_LAKE_SOURCE_SPEC = '23598e46-f560-407b-88d5-ea6207e49db0';

type Json = Record<string, unknown>;
/** An object member of Adobe's JSON, or undefined. */
export const record = (value: unknown): Json | undefined =>
	typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Json)
		: undefined;
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * A dataset export: its source is the Data Lake (the source connection's spec), or its target says
 * so (`targetConnections[].data.outputType`, which Adobe's export-datasets tutorial filters on).
 */
export function isDatasetExport(flow: FlowDocument): boolean {
	const inherited = record(flow.inheritedAttributes);
	return (
		list(inherited?.sourceConnections).some(
			(source) => record(record(source)?.connectionSpec)?.id === DATA_LAKE_SOURCE_SPEC,
		) ||
		list(inherited?.targetConnections).some(
			(target) => record(record(target)?.data)?.outputType === 'DATASET_EXPORT',
		)
	);
}

/** What a dataflow is, in words, for errors that refuse the wrong kind. */
export function flowKind(flow: FlowDocument): string {
	return isDatasetExport(flow) ? 'a dataset export dataflow' : 'an audience activation dataflow';
}
