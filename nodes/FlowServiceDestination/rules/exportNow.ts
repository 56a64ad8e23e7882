import { findGeneralTransform, segmentSelectors } from '../model/flowDocument';
import { inputError } from '../model/inputError';
import type { FlowDocument } from '../model/types';
import { requireUuid, toList } from './scalars';

/** Adobe's ad-hoc activation guardrail: one job activates at most 80 audiences. */
export const MAX_AUDIENCES_PER_EXPORT = 80;

/**
 * Flow specs of Adobe's file-based (batch) destinations, from the Flow Service reference: cloud
 * storage (Amazon S3, SFTP, Azure Blob, …) and Oracle Eloqua share the first; Oracle Responsys and
 * Salesforce Marketing Cloud have their own.
 */
export const FILE_BASED_FLOW_SPECS = new Set([
	'71471eba-b620-49e4-90fd-23f1fa0174d8',
	'51d675ce-e270-408d-91fc-22717bdf2148',
	'493b2bd6-26e4-4167-ab3b-5e910bba44f0',
]);

/** Connection specs the reference lists as batch destinations (the target connection's spec). */
export const BATCH_CONNECTION_SPECS = new Set([
	'0b23e41a-cb4a-4321-a78f-3b654f5d7d97', // Adobe Campaign
	'4fce964d-3f37-408f-9778-e597338a21ee', // Amazon S3
	'6d6b59bf-fb58-4107-9064-4d246c0e5bb2', // Azure Blob Storage
	'be2c3209-53bc-47e7-ab25-145db8b873e1', // ADLS Gen2
	'10440537-2a7b-4583-ac39-ed38d4b848e8', // Data Landing Zone
	'c5d93acb-ea8b-4b14-8f53-02138444ae99', // Google Cloud Storage
	'c1e44b6b-e7c8-404b-9031-58f0ef760604', // Oracle Eloqua
	'a5e28ddf-e265-426e-83a1-9d03a3a6822b', // Oracle Responsys
	'f599a5b3-60a7-4951-950a-cc4115c7ea27', // Salesforce Marketing Cloud
	'36965a81-b1c6-401b-99f8-22508f1e6a26', // SFTP
]);

export interface ExportAudience {
	id: string;
	name?: string;
}

/** The audience IDs an item names (typed or picked), checked as UUIDs, without repeats. */
export function exportAudienceIds(typed: unknown, picked: string[], field: string): string[] {
	const ids = toList(typed, field, 'Audience ID').map((id, index) =>
		requireUuid(id, field, `Audience ID ${index + 1}`),
	);
	return [...new Set([...ids, ...picked])];
}

function connectionSpecIds(flow: FlowDocument): string[] {
	const attributes = (flow.inheritedAttributes ?? {}) as {
		targetConnections?: Array<{ connectionSpec?: { id?: unknown } }>;
	};
	return (attributes.targetConnections ?? [])
		.map((connection) => connection?.connectionSpec?.id)
		.filter((id): id is string => typeof id === 'string');
}

/**
 * A file-based (batch) destination: its flow spec or its target connection spec is one of Adobe's
 * batch destinations, or its audiences carry batch export settings (streaming audiences hold only
 * an ID), so a destination this list does not know is still recognised by what it stores.
 */
export function isFileBasedFlow(flow: FlowDocument): boolean {
	const spec = (flow.flowSpec as { id?: unknown } | undefined)?.id;
	if (typeof spec === 'string' && FILE_BASED_FLOW_SPECS.has(spec)) return true;
	if (connectionSpecIds(flow).some((id) => BATCH_CONNECTION_SPECS.has(id))) return true;
	return flowAudiences(flow).some((selector) => selector.exportMode || selector.schedule);
}

function flowAudiences(flow: FlowDocument) {
	const transform = findGeneralTransform(flow);
	return (transform ? (segmentSelectors(transform) ?? []) : [])
		.map((selector) => selector?.value)
		.filter((value) => typeof value?.id === 'string');
}

/**
 * Checks an export before anything is sent: a batch dataflow, audiences it exports, at most 80.
 * An empty list means every audience on the dataflow. Messages say what to send instead.
 */
export function planExport(flow: FlowDocument, ids: string[], field: string): ExportAudience[] {
	if (!isFileBasedFlow(flow)) {
		inputError(
			'flowId',
			`Dataflow ${flow.id} is not a batch (file-based) destination dataflow: Export Now works only for file-based destinations such as Amazon S3 or SFTP. Send the ID of a file-based destination dataflow.`,
		);
	}
	const onFlow = new Map(flowAudiences(flow).map((value) => [value.id, value.name]));
	if (onFlow.size === 0) {
		inputError('flowId', `Dataflow ${flow.id} exports no audiences, so there is nothing to export`);
	}
	const wanted = ids.length > 0 ? ids : [...onFlow.keys()];
	const missing = wanted.filter((id) => !onFlow.has(id));
	if (missing.length > 0) {
		inputError(
			field,
			`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not on dataflow ${flow.id}: Export Now exports only audiences the dataflow already exports. Send audience IDs from this list: ${[...onFlow.keys()].join(', ')}`,
		);
	}
	if (wanted.length > MAX_AUDIENCES_PER_EXPORT) {
		inputError(
			field,
			`Export Now takes at most ${MAX_AUDIENCES_PER_EXPORT} audiences per job (Adobe's limit), got ${wanted.length}: send them in several items of at most ${MAX_AUDIENCES_PER_EXPORT}`,
		);
	}
	return wanted.map((id) => ({ id, ...(onFlow.get(id) ? { name: onFlow.get(id) } : {}) }));
}

/** "2 audiences (A, B)": names where the dataflow has them, IDs otherwise. */
export function describeAudiences(audiences: ExportAudience[]): string {
	const noun = audiences.length === 1 ? 'audience' : 'audiences';
	return `${audiences.length} ${noun} (${audiences.map((a) => a.name ?? a.id).join(', ')})`;
}
