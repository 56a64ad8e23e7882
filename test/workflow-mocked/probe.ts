import fc from 'fast-check';
import type { INodeType } from 'n8n-workflow';

import { runAsyncProperty } from '../generated/tally';
import { NODE_NAME, runNode } from './setup';

/** What a probe node put out for one generated run, with the parameters it ran with. */
type Check<P> = (output: Array<Record<string, unknown>>, parameters: P) => void;

/**
 * Runs a probe node (the node's description, its own execute) through n8n's engine for generated
 * parameters and `itemCount` generated items, `runs` times; each run must succeed and pass `check`.
 */
export async function probeGeneratedRuns<P extends object, I extends object>(
	probe: new () => INodeType,
	generated: {
		parameters: fc.Arbitrary<P>;
		item: fc.Arbitrary<I>;
		itemCount: number;
		runs: number;
	},
	check: Check<P>,
): Promise<void> {
	const { parameters, item, itemCount, runs } = generated;
	await runAsyncProperty(
		fc.asyncProperty(
			parameters,
			fc.array(item, { minLength: itemCount, maxLength: itemCount }),
			async (params, items) => {
				const result = await runNode(params as Record<string, unknown>, {
					triggerItems: items.map((json) => ({ json: json as never })),
					nodeType: probe,
				});
				expect(result.status).toBe('success');
				check(
					result.output(NODE_NAME).map((out) => out.json as Record<string, unknown>),
					params,
				);
			},
		),
		runs,
	);
}
