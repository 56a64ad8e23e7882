import { destinationIdOf } from '../model/destination';
import {
	findGeneralTransform,
	requireGeneralTransform,
	segmentSelectors,
} from '../model/flowDocument';
import type {
	FlowDocument,
	PatchOperation,
	Planner,
	SegmentSelector,
	SegmentSelectorValue,
} from '../model/types';
import { planRemoveAudiences } from './audiences';

/** Where one audience is exported: one dataflow and the settings it exports the audience with. */
export interface AudienceExport {
	audienceId: string;
	audienceName: string | null;
	dataflowId: string;
	dataflowName: string | null;
	state: string | null;
	destinationId: string | null;
	destinationName: string | null;
	exportMode: string | null;
	frequency: string | null;
	startDate: string | null;
	startTime: string | null;
	endDate: string | null;
	/** Enabled, and its end date (the first day no longer exported) not reached. */
	live: boolean;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The indexes of the audience's selectors on the flow (IDs compare without case); none if it has none. */
export function indexesOf(flow: FlowDocument, audienceId: string): number[] {
	const transform = findGeneralTransform(flow);
	const selectors = (transform && segmentSelectors(transform)) ?? [];
	const id = audienceId.toLowerCase();
	return (Array.isArray(selectors) ? selectors : []).flatMap((selector, index) =>
		typeof selector?.value?.id === 'string' && selector.value.id.toLowerCase() === id
			? [index]
			: [],
	);
}

function selectorAt(flow: FlowDocument, index: number): SegmentSelector {
	return segmentSelectors(findGeneralTransform(flow)!)![index];
}

/**
 * `endDate` is the first day Adobe no longer exports (see the trigger's Export Ending Soon), so an
 * export is past from that day on; `today` is the run's UTC day (YYYY-MM-DD).
 */
export function isLive(state: string | null, endDate: string | null, today: string): boolean {
	const ended = endDate !== null && /^\d{4}-\d{2}-\d{2}$/.test(endDate) && endDate <= today;
	return state === 'enabled' && !ended;
}

/**
 * How the flow exports the audience (its first selector of it: a raw patch can leave two), or
 * undefined when it does not export it.
 */
export function audienceExport(
	flow: FlowDocument,
	audienceId: string,
	today: string,
	destinationName: string | null = null,
): AudienceExport | undefined {
	const [index] = indexesOf(flow, audienceId);
	if (index === undefined) return undefined;
	const value: Partial<SegmentSelectorValue> = selectorAt(flow, index).value ?? {};
	const schedule = value.schedule ?? {};
	const state = text(flow.state);
	const endDate = text(schedule.endDate);
	return {
		audienceId: value.id ?? audienceId,
		audienceName: text(value.name) || null,
		dataflowId: flow.id,
		dataflowName: text(flow.name),
		state,
		destinationId: destinationIdOf(flow) ?? null,
		destinationName,
		exportMode: text(value.exportMode),
		frequency: text(schedule.frequency),
		startDate: text(schedule.startDate),
		startTime: text(schedule.startTime),
		endDate,
		live: isLive(state, endDate, today),
	};
}

/** The replacement audience: its ID and, when the sandbox names it, its name. */
export interface Replacement {
	id: string;
	name?: string;
}

/** Fields of a selector that belong to the audience or that Adobe keeps, not export settings. */
const AUDIENCE_OWN = new Set(['id', 'name', 'description', 'createTime', 'updateTime']);

/** The selector for `to` with the export settings (mode, schedule, file name, …) of `from`. */
export function selectorWithSettingsOf(from: SegmentSelector, to: Replacement): SegmentSelector {
	const settings = Object.fromEntries(
		Object.entries(from.value ?? {}).filter(([key]) => !AUDIENCE_OWN.has(key)),
	);
	return {
		type: from.type,
		value: { id: to.id, ...(to.name ? { name: to.name } : {}), ...settings },
	};
}

/**
 * Replaces audience `fromId` by `to` on a flow: its selectors are removed (highest index first)
 * and `to` is appended with the settings of the first of them, all in one PATCH. A flow that
 * already exports `to` keeps its own settings for it and only loses `fromId`; a flow without
 * `fromId` is left as it is.
 */
export function planReplaceAudience(fromId: string, to: Replacement, field: string): Planner {
	const removal = planRemoveAudiences({ keys: [fromId], matchBy: 'id', ifMissing: 'skip', field });
	return (flow) => {
		const transform = requireGeneralTransform(flow, field);
		const removed = removal(flow);
		const [first] = indexesOf(flow, fromId);
		if (first === undefined) return removed;
		if (indexesOf(flow, to.id).length > 0) {
			return {
				operations: removed.operations,
				skipped: [{ target: `audience ${to.id}`, reason: 'already on the dataflow' }],
			};
		}
		const added: PatchOperation = {
			op: 'add',
			path: transform.path('segmentSelectors', 'selectors', '-'),
			value: selectorWithSettingsOf(selectorAt(flow, first), to),
		};
		return { operations: [...removed.operations, added], skipped: [] };
	};
}
