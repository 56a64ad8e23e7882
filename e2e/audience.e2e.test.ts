/**
 * The Audience resource in real n8n 2.x: one workflow run headless against the emulator. Find the
 * dataflows of an audience, replace it by another on all of them, remove that one from the enabled
 * dataflows only, and find what is left. Checked: the exact requests in the emulator's log, the
 * outputs, and the emulator's state.
 */
import {
	BULK_DISABLED_EVERY,
	BULK_SOURCES_EVERY,
	DISABLED_FLOW_ID,
	SHARED_AUDIENCE_BULK_COUNT,
	SHARED_AUDIENCE_ID,
	TUTORIAL_NEW_AUDIENCE_ID,
	TUTORIAL_NEW_AUDIENCE_NAME,
	bulkFlowId,
	type RunningEmulator,
} from '../emulator';
import { chainOf, manualTriggerNode, nodeItems } from '../local-n8n';
import { describeWithRuntime } from './runtimeSuite';
import { byId, nodesOf, useEmulatorRun } from './oneRun';

const WORKFLOW_ID = 'e2eAudienceResource';
const FS = '/data/foundation/flowservice';
const BULK_GET = '/data/core/ups/segment/definitions/bulk-get';

type Json = Record<string, any>;

const BULK = Array.from({ length: SHARED_AUDIENCE_BULK_COUNT }, (_, i) => i + 1).filter(
	(n) => n % BULK_SOURCES_EVERY !== 0,
);
/** Every dataflow the seed has export SHARED_AUDIENCE_ID, and the disabled ones among them. */
const SHARED_FLOWS = [DISABLED_FLOW_ID, ...BULK.map(bulkFlowId)];
const DISABLED_FLOWS = [
	DISABLED_FLOW_ID,
	...BULK.filter((n) => n % BULK_DISABLED_EVERY === 0).map(bulkFlowId),
];
const ENABLED_FLOWS = SHARED_FLOWS.filter((id) => !DISABLED_FLOWS.includes(id));

/** A node of the Audience resource; the ones after the first run once, not once per dataflow found. */
const node = nodesOf({ resource: 'audience' });

const workflow = {
	id: WORKFLOW_ID,
	name: 'Audience across dataflows (e2e)',
	active: false,
	nodes: [
		manualTriggerNode('t'),
		node('f', 'Find dataflows', 200, {
			operation: 'findDataflows',
			audienceId: byId(SHARED_AUDIENCE_ID),
		}),
		node(
			'r',
			'Replace everywhere',
			400,
			{
				operation: 'replaceOnAll',
				audienceId: byId(SHARED_AUDIENCE_ID),
				replacementAudienceId: byId(TUTORIAL_NEW_AUDIENCE_ID),
			},
			{ executeOnce: true },
		),
		node(
			'd',
			'Remove from enabled',
			600,
			{
				operation: 'removeFromAll',
				audienceId: byId(TUTORIAL_NEW_AUDIENCE_ID),
				dataflowFilter: { enabledOnly: true },
			},
			{ executeOnce: true },
		),
		node(
			'a',
			'Find again',
			800,
			{ operation: 'findDataflows', audienceId: byId(TUTORIAL_NEW_AUDIENCE_ID) },
			{ executeOnce: true },
		),
	],
	connections: chainOf(
		'Start',
		'Find dataflows',
		'Replace everywhere',
		'Remove from enabled',
		'Find again',
	),
	settings: { executionOrder: 'v1' },
};

/** The audience IDs the emulator now stores on a flow. */
function audiencesOn(emulator: RunningEmulator, flowId: string): string[] {
	const flow = emulator.getFlow(flowId) as unknown as {
		transformations: Array<{ params?: { segmentSelectors?: { selectors: Json[] } } }>;
	};
	return flow.transformations[0].params!.segmentSelectors!.selectors.map((s) => s.value.id);
}

describeWithRuntime(
	'v2',
	(n8n) => `Audience resource in n8n ${n8n} (v2)`,
	() => {
		let etags: Map<string, string>;

		const ctx = useEmulatorRun((emulator) => {
			etags = new Map(SHARED_FLOWS.map((id) => [id, emulator.getFlow(id)!.etag as string]));
			return workflow;
		});

		it('sends exactly these requests: a listing per operation, a lookup, one PATCH per dataflow', () => {
			const seen = ctx.emulator
				.requests()
				.map((r) => `${r.method} ${r.path.split('?')[0].replace(FS, '')} ${r.status}`);
			const patches = (ids: string[]) => ids.map((id) => `PATCH /flows/${id} 200`).sort();
			const listing = 'GET /flows 200';
			const specs = 'GET /connectionSpecs 200';
			expect(seen.slice(0, 4)).toEqual([listing, specs, `POST ${BULK_GET} 207`, listing]);
			expect(seen.slice(4, 4 + SHARED_FLOWS.length).sort()).toEqual(patches(SHARED_FLOWS));
			const rest = seen.slice(4 + SHARED_FLOWS.length);
			expect(rest[0]).toBe(listing);
			expect(rest.slice(1, 1 + ENABLED_FLOWS.length).sort()).toEqual(patches(ENABLED_FLOWS));
			expect(rest.slice(1 + ENABLED_FLOWS.length)).toEqual([listing, specs]);
			// The replacing PATCH of each dataflow went with the etag it was listed with.
			const replacing = ctx.emulator
				.requests()
				.filter((r) => r.method === 'PATCH')
				.slice(0, SHARED_FLOWS.length);
			for (const sent of replacing) {
				expect(sent.headers['if-match']).toBe(etags.get(sent.path.split('/').pop()!));
			}
		});

		it('finds every dataflow of the audience, with whether it still exports it', () => {
			const found = nodeItems(ctx.run, 'Find dataflows') as Json[];
			expect(found.map((row) => row.dataflowId).sort()).toEqual([...SHARED_FLOWS].sort());
			// Every end date the seed gives these exports is in 2024: only open-ended ones of enabled dataflows are live.
			for (const row of found) {
				expect(row.live).toBe(row.state === 'enabled' && row.endDate === null);
			}
			expect(found.filter((row) => row.live).length).toBeGreaterThan(0);
		});

		it('replaces the audience on all, and removes the replacement from the enabled ones only', () => {
			const replaced = nodeItems(ctx.run, 'Replace everywhere') as Json[];
			expect(replaced).toHaveLength(SHARED_FLOWS.length);
			for (const report of replaced) {
				expect(report).toMatchObject({
					changed: true,
					added: [{ id: TUTORIAL_NEW_AUDIENCE_ID, name: TUTORIAL_NEW_AUDIENCE_NAME }],
					removed: [{ id: SHARED_AUDIENCE_ID }],
				});
			}
			const removed = nodeItems(ctx.run, 'Remove from enabled') as Json[];
			expect(removed.map((r) => r.flowId).sort()).toEqual([...ENABLED_FLOWS].sort());
			for (const id of SHARED_FLOWS) {
				expect(audiencesOn(ctx.emulator, id)).not.toContain(SHARED_AUDIENCE_ID);
				expect(audiencesOn(ctx.emulator, id).includes(TUTORIAL_NEW_AUDIENCE_ID)).toBe(
					DISABLED_FLOWS.includes(id),
				);
			}
			const left = nodeItems(ctx.run, 'Find again') as Json[];
			expect(left.map((row) => row.dataflowId).sort()).toEqual([...DISABLED_FLOWS].sort());
			expect(left.every((row) => row.state === 'disabled' && row.live === false)).toBe(true);
		});
	},
);
