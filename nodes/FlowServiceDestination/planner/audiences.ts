import { checkLegacyFileNameTemplate } from '../rules/audiences';
import { inputError } from '../model/inputError';
import { requireGeneralTransform, segmentSelectors } from '../model/flowDocument';
import type { MissingPolicy } from '../rules/missingPolicy';
import type { PatchOperation, Planner, SegmentSelector, SkippedChange } from '../model/types';

/**
 * Adds audiences not yet on the flow; ones already there (or listed twice) are skipped, never duplicated.
 * `fields` name each entry's parameter for errors that depend on the flow; `flowField` where the
 * dataflow came from, for a flow that exports no audiences.
 */
export function planAddAudiences(
	selectors: SegmentSelector[],
	fields = selectors.map((_, index) => `audiences[${index}]`),
	flowField = 'flowId',
): Planner {
	return (flow) => {
		const transform = requireGeneralTransform(flow, flowField);
		if (transform.params.profileMapping === undefined) {
			selectors.forEach((selector, index) => checkLegacyFileNameTemplate(selector, fields[index]));
		}
		const existing = segmentSelectors(transform);
		const present = new Set((existing ?? []).map((s) => s.value?.id?.toLowerCase()));
		const skipped: SkippedChange[] = [];
		const toAdd: SegmentSelector[] = [];
		for (const selector of selectors) {
			const id = selector.value.id.toLowerCase();
			if (present.has(id)) {
				const listedTwice = toAdd.some((s) => s.value.id.toLowerCase() === id);
				skipped.push({
					target: `audience ${selector.value.id}`,
					reason: listedTwice ? 'listed more than once in this update' : 'already on the dataflow',
				});
				continue;
			}
			present.add(id);
			toAdd.push(selector);
		}
		return {
			operations: appendAll(
				transform.path,
				existing,
				toAdd,
				transform.params.segmentSelectors !== undefined,
			),
			skipped,
		};
	};
}

function appendAll(
	path: (...tokens: Array<string | number>) => string,
	existing: SegmentSelector[] | undefined,
	toAdd: SegmentSelector[],
	containerExists: boolean,
): PatchOperation[] {
	if (toAdd.length === 0) return [];
	if (existing)
		return toAdd.map((value) => ({
			op: 'add',
			path: path('segmentSelectors', 'selectors', '-'),
			value,
		}));
	// A flow with no audiences yet may lack the container; "-" cannot create it.
	if (containerExists)
		return [{ op: 'add', path: path('segmentSelectors', 'selectors'), value: toAdd }];
	return [{ op: 'add', path: path('segmentSelectors'), value: { selectors: toAdd } }];
}

export interface RemoveAudiencesInput {
	keys: string[];
	matchBy: 'id' | 'name';
	ifMissing: MissingPolicy;
	/** The parameter or input field the keys came from, for errors; audienceKeys by default. */
	field?: string;
	/** Where the dataflow came from, for a flow that exports no audiences; flowId by default. */
	flowField?: string;
}

/**
 * Resolves audiences to their current indexes and removes them highest index first:
 * RFC 6902 applies operations in order, so ascending removals would shift later indexes.
 */
export function planRemoveAudiences(input: RemoveAudiencesInput): Planner {
	return (flow) => {
		const transform = requireGeneralTransform(flow, input.flowField ?? 'flowId');
		const selectors = segmentSelectors(transform) ?? [];
		const skipped: SkippedChange[] = [];
		const indexes = new Set<number>();
		const field = input.field ?? 'audienceKeys';
		for (const key of new Set(input.keys)) {
			const matches = selectors
				.map((selector, index) => ({ selector, index }))
				.filter(({ selector }) =>
					input.matchBy === 'id'
						? selector.value?.id?.toLowerCase() === key.toLowerCase()
						: selector.value?.name === key,
				);
			if (matches.length === 0) {
				if (input.ifMissing === 'error') {
					inputError(
						field,
						`Audience ${describeKey(input.matchBy, key)} is not on dataflow ${flow.id}`,
					);
				}
				skipped.push({ target: `audience ${key}`, reason: 'not on the dataflow' });
				continue;
			}
			if (matches.length > 1 && input.matchBy === 'name') {
				inputError(
					field,
					`Audience name "${key}" matches ${matches.length} audiences on dataflow ${flow.id}; remove them by ID instead`,
				);
			}
			// A raw patch can leave one ID twice; removing it means removing every copy.
			for (const { index } of matches) indexes.add(index);
		}
		const operations: PatchOperation[] = [...indexes]
			.sort((a, b) => b - a)
			.map((index) => ({
				op: 'remove',
				path: transform.path('segmentSelectors', 'selectors', index),
				// Adobe's schema wants a value even on remove; RFC 6902 ignores it.
				value: { type: 'PLATFORM_SEGMENT', value: { id: selectors[index].value.id } },
			}));
		return { operations, skipped };
	};
}

function describeKey(matchBy: 'id' | 'name', key: string): string {
	return matchBy === 'id' ? key : `named "${key}"`;
}
