import type { IDataObject } from 'n8n-workflow';

export interface NamedEntry extends IDataObject {
	id: string;
	name?: string;
}

export interface ReadableParts {
	summary: string;
	changed: boolean;
	added?: NamedEntry[];
	removed?: NamedEntry[];
	updated?: NamedEntry[];
	skipped?: NamedEntry[];
	flowId: string;
	etag?: string;
}

/**
 * The readable output every update shares: summary, changed, the four lists, flowId, etag and
 * operations first, in this order, then the operation's own fields.
 */
export function readableOutput(parts: ReadableParts, rest: IDataObject = {}): IDataObject {
	return {
		summary: parts.summary,
		changed: parts.changed,
		added: parts.added ?? [],
		removed: parts.removed ?? [],
		updated: parts.updated ?? [],
		skipped: parts.skipped ?? [],
		flowId: parts.flowId,
		etag: parts.etag,
		operations: [],
		...rest,
	};
}
