/**
 * Planner micro-benchmark: what planning costs per item against a flow at Adobe's 250-audience
 * guardrail, alone and stacked per flow as the node batches items. Prints figures; asserts nothing.
 */
import { performance } from 'node:perf_hooks';

import tutorialFlow from '../emulator/fixtures/tutorial-flow.json';
import { buildAudienceSelector } from '../nodes/FlowServiceDestination/rules/audiences';
import type { FlowDocument, Planner } from '../nodes/FlowServiceDestination/model/types';
import {
	planAddAudiences,
	planRemoveAudiences,
} from '../nodes/FlowServiceDestination/planner/audiences';
import { composePlanners } from '../nodes/FlowServiceDestination/update/compose';

const AUDIENCES = 250;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function bigFlow(): FlowDocument {
	const flow = structuredClone(tutorialFlow) as unknown as FlowDocument;
	const selectors = Array.from({ length: AUDIENCES }, (_, n) => ({
		type: 'PLATFORM_SEGMENT',
		value: {
			id: uuid(n),
			name: `Audience ${n}`,
			filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%',
			exportMode: 'DAILY_FULL_EXPORT',
			schedule: { frequency: 'DAILY', startDate: '2026-12-01', startTime: '20:00' },
		},
	}));
	(flow.transformations![0].params as { segmentSelectors: unknown }).segmentSelectors = {
		selectors,
	};
	return flow;
}

function measure(label: string, items: number, run: () => void): number {
	// Warm the JIT first: the node plans many items per run, so steady state is what matters.
	for (let i = 0; i < 300; i++) run();
	const rounds = 500;
	const start = performance.now();
	for (let i = 0; i < rounds; i++) run();
	const perItemMs = (performance.now() - start) / rounds / items;
	console.log(`${label.padEnd(58)} ${(perItemMs * 1000).toFixed(1).padStart(8)} µs per item`);
	return perItemMs;
}

const flow = bigFlow();
const adds: Planner[] = Array.from({ length: 10 }, (_, n) =>
	planAddAudiences([buildAudienceSelector({ id: uuid(10_000 + n) }, 'audiences')]),
);
const removes: Planner[] = Array.from({ length: 10 }, (_, n) =>
	planRemoveAudiences({ keys: [uuid(n * 20)], matchBy: 'id', ifMissing: 'skip' }),
);

console.log(`planner against a ${AUDIENCES}-audience flow (node ${process.version})`);
const figures = [
	measure('add one audience, alone', 1, () => adds[0](flow)),
	measure('remove one audience, alone', 1, () => removes[0](flow)),
	measure('10 adds stacked on one read (as batched per flow)', 10, () =>
		composePlanners(adds).planner(flow),
	),
	measure('10 removals stacked on one read (as batched per flow)', 10, () =>
		composePlanners(removes).planner(flow),
	),
];
console.log(
	`worst: ${(Math.max(...figures) * 1000).toFixed(1)} µs per item (${Math.max(...figures).toFixed(4)} ms)`,
);
