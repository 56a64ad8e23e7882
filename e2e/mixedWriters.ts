/**
 * What the concurrency and queue-mode suites share about "mixed writers" (renames, audience adds
 * and attribute removals on one dataflow at once): the attributes seeded first, and the flow the
 * accepted PATCHes must have produced.
 */
import type { Flow, LoggedRequest } from '../emulator';
import { flowAudiences } from '../local-n8n/project';

type Json = Record<string, any>;

const PROFILE_SELECTORS = '/transformations/0/params/profileSelectors';

/** JSON Patch that adds these profile attributes, every other one mandatory too. */
export function seedAttributeOperations(paths: string[]): Json[] {
	return [
		...paths.map((path) => ({
			op: 'add',
			path: `${PROFILE_SELECTORS}/selectors/-`,
			value: { type: 'JSON_PATH', value: { path, operator: 'EXISTS' } },
		})),
		...paths
			.filter((_, n) => n % 2 === 0)
			.map((path) => ({ op: 'add', path: `${PROFILE_SELECTORS}/mandatoryFields/-`, value: path })),
	];
}

/** The flow without what every write changes (etag, version, update time and author, last operation). */
export function flowContent(flow: Flow): Json {
	const {
		etag: _etag,
		version: _version,
		updatedAt: _updatedAt,
		updatedBy: _updatedBy,
		updatedClient: _updatedClient,
		lastOperation: _lastOperation,
		...rest
	} = structuredClone(flow) as Json;
	return rest;
}

export interface MixedWritersOutcome {
	/** The flow as seeded plus every change once, nothing else. */
	expected: Json;
	/** The accepted PATCHes that renamed the flow, in the order the emulator applied them. */
	renames: LoggedRequest[];
	/** The name the last accepted rename wrote. */
	lastName: string | undefined;
	/** Audience IDs appended after the seeded ones. */
	addedIds: string[];
}

/**
 * What the flow must look like after the mixed writers: `accepted` are the PATCHes the emulator
 * answered 200 for this flow (it applies and logs them one at a time), `removed` the seeded
 * attribute paths the writers removed.
 */
export function mixedWritersOutcome(
	before: Flow,
	after: Flow,
	accepted: LoggedRequest[],
	removed: string[],
): MixedWritersOutcome {
	const renames = accepted.filter((r) => JSON.stringify(r.body).includes('"/name"'));
	const lastName = (
		renames[renames.length - 1]?.body as Array<{ path: string; value: string }> | undefined
	)?.find((op) => op.path === '/name')?.value;
	const expected = flowContent(before);
	expected.name = lastName;
	const params = expected.transformations[0].params;
	params.profileSelectors.selectors = params.profileSelectors.selectors.filter(
		(s: Json) => !removed.includes(s.value.path),
	);
	params.profileSelectors.mandatoryFields = params.profileSelectors.mandatoryFields.filter(
		(path: string) => !removed.includes(path),
	);
	const audiencesBefore = flowAudiences(before).length;
	const added =
		flowContent(after).transformations[0].params.segmentSelectors.selectors.slice(audiencesBefore);
	params.segmentSelectors.selectors = [...params.segmentSelectors.selectors, ...added];
	return { expected, renames, lastName, addedIds: flowAudiences(after).slice(audiencesBefore) };
}
