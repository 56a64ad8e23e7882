import type { FlowDocument } from './types';

/**
 * The flow an input item carries, if it is a full copy of `flowId` (the output of Get, Get Many,
 * or an update with Return Updated Flow): with it the node can plan without reading first.
 */
export function flowFromInput(json: unknown, flowId: string): FlowDocument | undefined {
	for (const candidate of [json, (json as { flow?: unknown } | undefined)?.flow]) {
		const flow = candidate as Partial<FlowDocument> | undefined;
		if (
			typeof flow === 'object' &&
			flow !== null &&
			typeof flow.id === 'string' &&
			flow.id.toLowerCase() === flowId &&
			typeof flow.etag === 'string' &&
			Array.isArray(flow.transformations)
		) {
			return flow as FlowDocument;
		}
	}
	return undefined;
}
