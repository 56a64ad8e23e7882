import { applyPatch, applyPatchInPlace } from '../model/applyPatch';
import type { PatchOperation, Plan, Planner } from '../model/types';

/** What one item's planner made of the flow: its plan, or the error that rejects only that item. */
export interface EntryOutcome {
	plan?: Plan;
	error?: unknown;
}

export interface ComposedPlanner {
	planner: Planner;
	/** The per-item breakdown of a plan this planner returned, found by its operations array. */
	outcomesOf(operations: unknown): EntryOutcome[] | undefined;
}

/**
 * Stacks several items' planners on one read of a flow: each plans against the flow as the
 * earlier items' operations leave it, so one PATCH carries all of them in a valid order.
 * An item whose planning fails is left out; the others still go.
 */
export class EntryPlanningError extends Error {
	constructor(
		readonly entry: number,
		readonly reason: unknown,
	) {
		super(reason instanceof Error ? reason.message : String(reason));
		this.name = 'EntryPlanningError';
	}
}

/** `strict`: the first item that cannot be planned stops the whole plan (nothing is sent). */
export function composePlanners(planners: Planner[], strict = false): ComposedPlanner {
	const history = new WeakMap<PatchOperation[], EntryOutcome[]>();
	const planner: Planner = (flow) => {
		// One copy, changed in place item after item; rebuilt from the good plans if one fails midway.
		let working = structuredClone(flow);
		const outcomes: EntryOutcome[] = [];
		for (const plan of planners) {
			try {
				const result = plan(working);
				applyPatchInPlace(working, result.operations);
				outcomes.push({ plan: result });
			} catch (error) {
				outcomes.push({ error });
				working = applyPatch(
					flow,
					outcomes.flatMap((outcome) => outcome.plan?.operations ?? []),
				);
			}
		}
		const failed = outcomes.findIndex((outcome) => outcome.plan === undefined);
		if (strict && failed >= 0) throw new EntryPlanningError(failed, outcomes[failed].error);
		const operations = outcomes.flatMap((outcome) => outcome.plan?.operations ?? []);
		history.set(operations, outcomes);
		return { operations, skipped: outcomes.flatMap((outcome) => outcome.plan?.skipped ?? []) };
	};
	return { planner, outcomesOf: (operations) => history.get(operations as PatchOperation[]) };
}
