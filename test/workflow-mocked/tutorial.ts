import tutorialFlow from '../../emulator/fixtures/tutorial-flow.json';
import {
	FLOWS_PATH,
	NEW_ETAG,
	byId,
	runNode,
	type RecordedRequest,
	type RunOptions,
} from './setup';

// The tutorial dataflow most suites read and update, under the names they all use for it.
export const FLOW_ID = tutorialFlow.id;
export const FLOW_PATH = `${FLOWS_PATH}/${FLOW_ID}`;
export const ETAG = tutorialFlow.etag;
export const SELECTORS = '/transformations/0/params/segmentSelectors/selectors';
/** Its four audience selectors, as read. */
export const CURRENT = tutorialFlow.transformations[0].params.segmentSelectors!.selectors;
export const [A0, A1, A2, A3] = CURRENT.map((s) => s.value.id);
/** An audience the tutorial flow does not export. */
export const NEW_AUDIENCE = '2d79d0d8-724f-49fc-a09d-d1dec338c93c';
/** A second destination flow, for runs that touch two. */
export const OTHER_ID = '4143ab67-8b6b-42e2-b5aa-b52e69484723';

/** An audience chosen in the picker (resource locator). */
export const picked = (value: string, mode = 'list') => ({ __rl: true, mode, value });

/** Adobe's GET answer for the tutorial flow at `etag`, after `mutate` when given. */
export function tutorialFlowWith(etag: string, mutate?: (flow: typeof tutorialFlow) => void) {
	const flow = structuredClone(tutorialFlow);
	flow.etag = etag;
	flow.version = etag;
	mutate?.(flow);
	return { items: [flow] };
}

/** The tutorial flow at `etag` after another writer removed its first audience, A0. */
export function tutorialFlowWithoutA0(etag: string) {
	return tutorialFlowWith(etag, (flow) =>
		flow.transformations[0].params.segmentSelectors!.selectors.shift(),
	);
}

/** Runs `operation` on the tutorial flow with the rest of its parameters. */
export function runOnTutorial(
	operation: string,
	parameters: Record<string, unknown> = {},
	options?: RunOptions,
) {
	return runNode({ operation, flowId: byId(FLOW_ID), ...parameters }, options);
}

/** The JSON Patch operation that removes audience `id` from selector `index`. */
export function removeAt(index: number, id: string) {
	return {
		op: 'remove',
		path: `${SELECTORS}/${index}`,
		value: { type: 'PLATFORM_SEGMENT', value: { id } },
	};
}

/** The JSON Patch operation that replaces selector `index` with an audience selector holding `value`. */
export function replaceAt(index: number, value: object) {
	return {
		op: 'replace',
		path: `${SELECTORS}/${index}`,
		value: { type: 'PLATFORM_SEGMENT', value },
	};
}

/** Each request's method and If-Match, in order, for following a conflict retry. */
export function ifMatchTrail(requests: RecordedRequest[]): string[] {
	return requests.map((r) => `${r.method} ${r.headers['if-match'] ?? ''}`);
}

/** What the node outputs for an update of the tutorial flow accepted on the first PATCH. */
export const UPDATED_FIRST_TRY = {
	flowId: FLOW_ID,
	etag: NEW_ETAG,
	previousEtag: ETAG,
	changed: true,
	conflictRetries: 0,
	transientRetries: 0,
};
