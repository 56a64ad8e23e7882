import { inputError } from '../model/inputError';
import {
	requireGeneralTransform,
	segmentSelectors,
	type GeneralTransform,
} from '../model/flowDocument';
import { stableJson } from '../model/stableJson';
import type {
	PatchOperation,
	Plan,
	Planner,
	SegmentSelector,
	SegmentSelectorValue,
	SkippedChange,
} from '../model/types';
import { checkLegacyFileNameTemplate } from '../rules/audiences';
import type { DesiredAudience, SyncAudiencesInput } from '../rules/syncAudiences';
import { planAddAudiences } from './audiences';

export const SYNC_REASONS = {
	unchanged: 'already on the dataflow with these settings',
	kept: 'not in the list; kept because Remove Audiences Not Listed is off',
	duplicateKept:
		'on the dataflow more than once; the extra copies are kept because Remove Audiences Not Listed is off',
} as const;

/**
 * Desired state for a flow's audiences, as the smallest patch that reaches it. The operations keep
 * every index valid under RFC 6902's in-order application:
 *   1. `replace` of whole selectors whose settings differ (no index moves),
 *   2. `remove` of unlisted audiences (and extra copies), highest index first,
 *   3. `add` of missing audiences at `/-` (or creating the container), in list order.
 */
export function planSyncAudiences(input: SyncAudiencesInput): Planner {
	const seen = new Map<string, string>();
	for (const desired of input.desired) {
		const id = desired.selector.value.id.toLowerCase();
		const first = seen.get(id);
		if (first)
			inputError(
				`${desired.field}.id`,
				`Audience ${desired.selector.value.id} is listed twice (also at ${first}); list each audience once`,
			);
		seen.set(id, desired.field);
	}
	return (flow) => {
		const transform = requireGeneralTransform(flow, input.field);
		if (transform.params.profileMapping === undefined) {
			for (const desired of input.desired)
				checkLegacyFileNameTemplate(desired.selector, desired.field);
		}
		const current = segmentSelectors(transform) ?? [];
		const indexesById = new Map<string, number[]>();
		current.forEach((selector, index) => {
			const id = typeof selector?.value?.id === 'string' ? selector.value.id.toLowerCase() : '';
			indexesById.set(id, [...(indexesById.get(id) ?? []), index]);
		});

		const replaces: PatchOperation[] = [];
		const removals = new Set<number>();
		const skipped: SkippedChange[] = [];
		const missing: DesiredAudience[] = [];
		for (const desired of input.desired) {
			const indexes = indexesById.get(desired.selector.value.id.toLowerCase());
			if (!indexes) {
				missing.push(desired);
				continue;
			}
			const [index, ...copies] = indexes;
			const merged = mergeSelector(current[index], desired);
			const target = { transform, current: current[index], index };
			replaceOrSkip(target, merged, SYNC_REASONS.unchanged, { operations: replaces, skipped });
			if (copies.length === 0) continue;
			if (input.removeUnlisted) copies.forEach((copy) => removals.add(copy));
			else
				skipped.push({
					target: `audience ${current[index].value.id}`,
					reason: SYNC_REASONS.duplicateKept,
				});
		}
		current.forEach((selector, index) => {
			const id = typeof selector?.value?.id === 'string' ? selector.value.id.toLowerCase() : '';
			if (seen.has(id)) return;
			if (input.removeUnlisted) removals.add(index);
			else
				skipped.push({
					target: `audience ${selector?.value?.id ?? `at index ${index}`}`,
					reason: SYNC_REASONS.kept,
				});
		});

		const removes: PatchOperation[] = [...removals]
			.sort((a, b) => b - a)
			.map((index) => ({
				op: 'remove',
				path: transform.path('segmentSelectors', 'selectors', index),
				// Adobe's schema wants a value even on remove; RFC 6902 ignores it.
				value: { type: 'PLATFORM_SEGMENT', value: { id: current[index]?.value?.id } },
			}));
		// Adds go last: "-" appends to whatever the removals left, and a missing container is created.
		const adds =
			missing.length === 0
				? []
				: planAddAudiences(
						missing.map((d) => d.selector),
						missing.map((d) => d.field),
					)(flow).operations;
		return { operations: [...replaces, ...removes, ...adds], skipped };
	};
}

/** The selector fields a user controls (the template in either spelling). */
const MANAGED = ['name', 'exportMode', 'filenameTemplate', 'schedule'] as const;

/**
 * The selector to write for a listed audience already on the flow: the current one, so Adobe's own
 * fields (createTime, updateTime, description, anything unknown) survive the replace, with the
 * fields the entry controls set from it. Export mode and schedule are one unit: an entry with an
 * export mode replaces both; an entry without one (a streaming entry) leaves them alone. An empty
 * name or file name template keeps the flow's; a batch audience without any template gets the default.
 */
export function mergeSelector(current: SegmentSelector, desired: DesiredAudience): SegmentSelector {
	const wanted = desired.selector.value;
	const value: SegmentSelectorValue = { ...current.value };
	if (desired.givesName) value.name = wanted.name;
	if (wanted.exportMode !== undefined) {
		value.exportMode = wanted.exportMode;
		value.schedule = wanted.schedule;
		const template = desired.givesFilenameTemplate
			? wanted.filenameTemplate
			: (current.value.filenameTemplate ??
				current.value.fileNameTemplate ??
				wanted.filenameTemplate);
		// One spelling on the way out: the one every Adobe example and response uses.
		delete value.fileNameTemplate;
		value.filenameTemplate = template as string;
	}
	return { type: current.type ?? 'PLATFORM_SEGMENT', value };
}

/**
 * A listed audience's selector: replaced whole in place (no index moves) when its settings
 * differ, otherwise reported as skipped for `reason`.
 */
export function replaceOrSkip(
	target: { transform: GeneralTransform; current: SegmentSelector; index: number },
	updated: SegmentSelector,
	reason: string,
	plan: Plan,
): void {
	const { transform, current, index } = target;
	if (sameSettings(current.value, updated.value)) {
		plan.skipped.push({ target: `audience ${current.value.id}`, reason });
		return;
	}
	const path = transform.path('segmentSelectors', 'selectors', index);
	plan.operations.push({ op: 'replace', path, value: updated });
}

/** Whether two selector values export the same way: compares only the fields a user controls. */
export function sameSettings(a: SegmentSelectorValue, b: SegmentSelectorValue): boolean {
	return stableJson(settingsOf(a)) === stableJson(settingsOf(b));
}

function settingsOf(value: SegmentSelectorValue): Record<string, unknown> {
	const settings: Record<string, unknown> = {};
	for (const key of MANAGED) {
		const raw =
			key === 'filenameTemplate' ? (value.filenameTemplate ?? value.fileNameTemplate) : value[key];
		if (key === 'schedule') settings.schedule = normalizeSchedule(raw);
		else if (raw !== undefined && raw !== null && raw !== '') settings[key] = raw;
	}
	return settings;
}

/** Absent, null and empty mean the same; SCHEDULED is the trigger Adobe assumes when none is stored. */
function normalizeSchedule(raw: unknown): Record<string, unknown> | undefined {
	if (typeof raw !== 'object' || raw === null) return undefined;
	const schedule: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(raw)) {
		if (value === undefined || value === null || value === '') continue;
		if (key === 'triggerType' && value === 'SCHEDULED') continue;
		schedule[key] = value;
	}
	return schedule;
}

export interface SyncSummary {
	added: string[];
	removed: string[];
	updated: string[];
	unchanged: string[];
}

/**
 * What a sync did, or would do, read back from the operations and skipped entries it reports
 * (so it describes exactly the plan that was sent, also after a re-plan or a confirmed lost write).
 */
export function summarizeSync(operations: unknown, skipped: unknown): SyncSummary {
	const summary: SyncSummary = { added: [], removed: [], updated: [], unchanged: [] };
	for (const operation of Array.isArray(operations) ? (operations as PatchOperation[]) : []) {
		if (operation.op === 'add') summary.added.push(...addedIds(operation.value));
		else if (operation.op === 'remove') summary.removed.push(idOf(operation.value) ?? '');
		else if (operation.op === 'replace') summary.updated.push(idOf(operation.value) ?? '');
	}
	for (const entry of Array.isArray(skipped) ? (skipped as SkippedChange[]) : []) {
		if (entry?.reason === SYNC_REASONS.unchanged)
			summary.unchanged.push(entry.target.replace(/^audience /, ''));
	}
	return summary;
}

function idOf(selector: unknown): string | undefined {
	const id = (selector as { value?: { id?: unknown } } | undefined)?.value?.id;
	return typeof id === 'string' ? id : undefined;
}

/** An add carries one selector ("-"), a list of them (new selectors array) or {selectors} (new container). */
function addedIds(value: unknown): string[] {
	const list = Array.isArray(value)
		? value
		: Array.isArray((value as { selectors?: unknown })?.selectors)
			? (value as { selectors: unknown[] }).selectors
			: [value];
	return list.map(idOf).filter((id): id is string => id !== undefined);
}
