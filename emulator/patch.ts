// A dataflow PATCH: the generic JSON Patch (json-patch.ts) with the fields a dataflow's service
// manages, the destination rules on the result, and the audiences' system-generated times.
import { applyJsonPatch, fail, type PatchOutcome } from './json-patch';
import type { Flow, JsonObject } from './types';
import { validateFlow } from './validation';

/** Top-level fields the service manages itself; a PATCH may not touch them. */
export const READ_ONLY_FIELDS = new Set([
	'id',
	'etag',
	'version',
	'createdAt',
	'updatedAt',
	'createdBy',
	'updatedBy',
	'createdClient',
	'updatedClient',
	'sandboxId',
	'sandboxName',
	'imsOrgId',
	'state',
	'flowSpec',
	'inheritedAttributes',
	'lastOperation',
	'lastRunDetails',
	'runs',
]);

/** Applies the operations to a copy of the flow, then checks the destination rules on the result. */
export function applyFlowPatch(flow: Flow, body: unknown): PatchOutcome<Flow> {
	const outcome = applyJsonPatch(flow, body, READ_ONLY_FIELDS);
	if (!outcome.ok) return outcome;
	const { doc } = outcome;
	const problem = validateFlow(doc);
	if (problem)
		return fail(
			'providerError',
			`The request could not be processed. Error from flow provider: ${problem.message}`,
		);
	return outcome;
}

function selectorsOf(flow: JsonObject): JsonObject[] {
	const out: JsonObject[] = [];
	const transformations = flow.transformations;
	if (!Array.isArray(transformations)) return out;
	for (const t of transformations) {
		const selectors = (t as { params?: { segmentSelectors?: { selectors?: unknown } } })?.params
			?.segmentSelectors?.selectors;
		if (Array.isArray(selectors))
			for (const s of selectors)
				if (s && typeof s === 'object' && (s as JsonObject).value)
					out.push((s as JsonObject).value as JsonObject);
	}
	return out;
}

function withoutTimes(v: JsonObject): string {
	const { createTime: _c, updateTime: _u, ...rest } = v;
	return JSON.stringify(rest);
}

/**
 * createTime/updateTime are system-generated (epoch seconds, as strings): new
 * audiences get both, changed ones a new updateTime, and a replaced selector keeps
 * its original createTime.
 */
export function stampAudiences(before: Flow, after: Flow, nowMs: number): void {
	const now = String(Math.floor(nowMs / 1000));
	const old = new Map<string, JsonObject>();
	for (const v of selectorsOf(before)) if (typeof v.id === 'string') old.set(v.id, v);
	for (const v of selectorsOf(after)) {
		if (typeof v.id !== 'string') continue;
		const prior = old.get(v.id);
		if (!prior) {
			v.createTime ??= now;
			v.updateTime ??= now;
			continue;
		}
		if (prior.createTime !== undefined) v.createTime = prior.createTime;
		if (withoutTimes(prior) !== withoutTimes(v)) v.updateTime = now;
		else if (prior.updateTime !== undefined) v.updateTime = prior.updateTime;
	}
}
