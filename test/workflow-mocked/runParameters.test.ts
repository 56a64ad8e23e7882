import { isDeepStrictEqual } from 'node:util';

import fc from 'fast-check';
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { FlowServiceDestination } from '@node/FlowServiceDestination.node';
import { readRunParameter } from '@node/actions/runParameters';
import { probeGeneratedRuns } from './probe';

const NAMES = ['options', 'dataMode', 'ifMissing'] as const;
const FALLBACKS = { options: {}, dataMode: 'defineBelow', ifMissing: 'skip' };

/**
 * Reads the parameters per item through n8n and through the run's reader, and counts how often
 * the reader asked n8n.
 */
class Probe implements INodeType {
	description = new FlowServiceDestination().description;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const asked: Record<string, number> = {};
		const counting = Object.create(this) as IExecuteFunctions;
		counting.getNodeParameter = ((name: string, ...rest: unknown[]) => {
			asked[name] = (asked[name] ?? 0) + 1;
			return (this.getNodeParameter as (...args: unknown[]) => unknown)(name, ...rest);
		}) as IExecuteFunctions['getNodeParameter'];
		const differences = this.getInputData().map((_, index) =>
			NAMES.flatMap((name) => {
				const n8n = this.getNodeParameter(name, index, FALLBACKS[name]);
				const run = readRunParameter.call(counting, name, index, FALLBACKS[name]);
				return isDeepStrictEqual(n8n, run) ? [] : [{ name, n8n, run }];
			}),
		);
		return [differences.map((found) => ({ json: { differences: found, asked } as never }))];
	}
}

const FLOW_ID = '226fb2e1-db69-4760-b67e-9e671e05abfc';
const fromItem = fc.constantFrom('={{ $json.flag }}', '={{ $json.count }}', '={{ $json.text }}');
const options = fc.record(
	{
		dryRun: fc.oneof(fc.boolean(), fc.constant('={{ $json.flag }}')),
		maxConflictRetries: fc.oneof(
			fc.integer({ min: 0, max: 10 }),
			fc.constant('={{ $json.count }}'),
		),
		flowConcurrency: fc.integer({ min: 1, max: 10 }),
		returnUpdatedFlow: fc.oneof(fc.boolean(), fromItem),
		requestTimeout: fc.oneof(fc.integer({ min: 1000, max: 9000 }), fromItem),
	},
	{ requiredKeys: [] },
);
const parameters = fc.record({
	operation: fc.constant('addAudiences'),
	flowId: fc.constant({ __rl: true, mode: 'id', value: FLOW_ID }),
	audiences: fc.constant({ audience: [{ id: FLOW_ID }] }),
	options,
	dataMode: fc.constantFrom('defineBelow', 'autoMapInputData', '={{ $json.text }}'),
});
const item = fc.record({
	flag: fc.boolean(),
	count: fc.integer({ min: 0, max: 10 }),
	text: fc.constantFrom('defineBelow', 'autoMapInputData', 'x'),
});

const ITEMS = 6;
const holdsExpression = (value: unknown) => JSON.stringify(value).includes('"=');

describe('parameters without an expression are resolved once per run', () => {
	it('give each item what n8n gives it, and ask n8n once per run unless they hold an expression', async () => {
		await probeGeneratedRuns(
			Probe,
			{ parameters, item, itemCount: ITEMS, runs: 60 },
			(output, params) => {
				expect(output.flatMap((json) => json.differences as unknown[])).toEqual([]);
				const asked = output[0].asked as Record<string, number>;
				expect(asked.options).toBe(holdsExpression(params.options) ? ITEMS : 1);
				expect(asked.dataMode).toBe(holdsExpression(params.dataMode) ? ITEMS : 1);
			},
		);
	});
});
