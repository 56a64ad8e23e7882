import { isDeepStrictEqual } from 'node:util';

import fc from 'fast-check';
import { applyPatch, type Operation } from 'fast-json-patch';

import { InputError } from '@node/model/inputError';
import type { FlowDocument, PatchOperation, Plan } from '@node/model/types';
import { composePlanners } from '@node/update/compose';
import { runProperty } from '../../../generated/tally';
import { flowDocument } from './flows';
import { anyItem, ITEM_ARBITRARIES, plannerOf, type Item } from './items';
import { FAILS, normalized, referenceApply } from './reference';

/** Applies with fast-json-patch, validating every operation against the document as it goes. */
function applyChecked(flow: FlowDocument, operations: PatchOperation[]): FlowDocument {
	// fast-json-patch inserts "add" values by reference: copy them so no later apply changes a plan.
	const copies = structuredClone(operations) as Operation[];
	return applyPatch(structuredClone(flow), copies, true, false).newDocument;
}

function plan(flow: FlowDocument, items: Item[]) {
	const composed = composePlanners(items.map(plannerOf));
	const result: Plan = composed.planner(flow);
	return { result, outcomes: composed.outcomesOf(result.operations)! };
}

function audienceCounts(flow: FlowDocument): Map<string, number> {
	const general = flow.transformations?.find((t) => t.name === 'GeneralTransform');
	const container = general?.params?.segmentSelectors as {
		selectors?: Array<{ value: { id: string } }>;
	};
	return countBy((container?.selectors ?? []).map((s) => s.value.id.toLowerCase()));
}

function attributeCounts(flow: FlowDocument): Map<string, number> {
	const general = flow.transformations?.find((t) => t.name === 'GeneralTransform');
	const block = general?.params?.profileSelectors as {
		selectors?: Array<{ value: { path: string } }>;
	};
	return countBy((block?.selectors ?? []).map((s) => s.value.path));
}

function countBy(keys: string[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
	return counts;
}

/** Nothing the items did made a copy: a key is there at most as often as before, or once. */
function expectNoNewDuplicates(before: Map<string, number>, after: Map<string, number>): void {
	for (const [key, count] of after)
		expect(count).toBeLessThanOrEqual(Math.max(1, before.get(key) ?? 0));
}

/** Every property the stacked plan of `items` on `flow` must have. */
function checkStacked(flow: FlowDocument, items: Item[]): void {
	const { result, outcomes } = plan(flow, items);

	// Every item that failed failed with a field-naming input error, never a crash.
	for (const outcome of outcomes)
		if (outcome.error) expect(outcome.error).toBeInstanceOf(InputError);

	// The reference model: same items fail, same flow at the end.
	let expected = flow;
	items.forEach((item, index) => {
		const next = referenceApply(expected, item);
		expect({ item: index, fails: next === FAILS }).toEqual({
			item: index,
			fails: outcomes[index].error !== undefined,
		});
		if (next !== FAILS) expected = next;
	});

	const applied = applyChecked(flow, result.operations);
	// Jest's diff only when they differ: its deep equality is slow on flows of 250 audiences.
	const [got, want] = [normalized(applied), normalized(expected)];
	if (!isDeepStrictEqual(got, want)) expect(got).toEqual(want);

	for (const operation of result.operations)
		if (operation.op === 'remove') expect(operation.path.endsWith('/-')).toBe(false);
	expectNoNewDuplicates(audienceCounts(flow), audienceCounts(applied));
	expectNoNewDuplicates(attributeCounts(flow), attributeCounts(applied));

	for (const entry of result.skipped) {
		expect(typeof entry.target === 'string' && entry.target.length > 0).toBe(true);
		expect(typeof entry.reason === 'string' && entry.reason.length > 0).toBe(true);
	}

	// Planning each item again on the flow it left finds nothing left to do.
	let state = flow;
	outcomes.forEach((outcome, index) => {
		if (!outcome.plan) return;
		state = applyChecked(state, outcome.plan.operations);
		expect({ item: index, again: replan(items[index], state) }).toEqual({ item: index, again: [] });
	});
}

/** The operations an item plans on `flow`; an item that fails when what it removes is gone plans none. */
function replan(item: Item, flow: FlowDocument): PatchOperation[] {
	try {
		return plannerOf(item)(flow).operations;
	} catch (error) {
		if (error instanceof InputError && 'ifMissing' in item && item.ifMissing === 'error') return [];
		throw error;
	}
}

describe('generated planner cases', () => {
	test('items of every update operation stacked on one read', () => {
		runProperty(
			fc.property(flowDocument, fc.array(anyItem, { minLength: 1, maxLength: 6 }), checkStacked),
			6000,
		);
	});

	for (const [kind, item] of Object.entries(ITEM_ARBITRARIES)) {
		test(`${kind}: one item, alone and twice on one read`, () => {
			runProperty(
				fc.property(flowDocument, item, fc.boolean(), (flow, one, twice) =>
					checkStacked(flow, twice ? [one, one] : [one]),
				),
				500,
			);
		});
	}
});
