import { isDeepStrictEqual } from 'node:util';

import fc from 'fast-check';
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { FlowServiceDestination } from '@node/FlowServiceDestination.node';
import { readItemParameter } from '@node/actions/jsonFieldParameter';
import { probeGeneratedRuns } from './probe';

const FIELDS = ['flowId', 'audienceId', 'a', 'b'] as const;

/** The node's own parameters, read per item both through n8n and through the fast path. */
class Probe implements INodeType {
	description = new FlowServiceDestination().description;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const names =
			this.getNodeParameter('operation', 0) === 'addAudiences' ? ['audiences'] : ['audienceKeys'];
		const read = (how: () => unknown) => {
			try {
				return { value: how() };
			} catch (error) {
				return { threw: (error as Error).message };
			}
		};
		return [
			this.getInputData().map((_, index) => {
				const differences = ['flowId', ...names].flatMap((name) => {
					const n8n = read(() => this.getNodeParameter(name, index));
					const fast = read(() => readItemParameter.call(this, name, index));
					return isDeepStrictEqual(n8n, fast) ? [] : [{ name, n8n, fast }];
				});
				return { json: { differences } as never };
			}),
		];
	}
}

const fieldValue = fc.oneof(
	fc.string(),
	fc.string({ unit: 'grapheme' }).map((s) => `=${s}`),
	fc.constantFrom('={{ 1 }}', '{{ $json.a }}', ''),
	fc.integer(),
	fc.double(),
	fc.constantFrom(-0, 2 ** 60, Number.MAX_SAFE_INTEGER + 2),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.integer(), { maxLength: 3 }),
	fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);
const item = fc.record(
	Object.fromEntries(FIELDS.map((field) => [field, fieldValue])) as Record<
		string,
		typeof fieldValue
	>,
	{ requiredKeys: [] },
);
/** Plain references in several spellings, expressions that only look like them, and fixed values. */
const valueParameter = fc.oneof(
	fc
		.tuple(fc.constantFrom(...FIELDS, 'missing'), fc.constantFrom('', ' ', '  '))
		.map(([field, space]) => `={{${space}$json.${field}${space}}}`),
	fc
		.constantFrom(...FIELDS)
		.chain((field) =>
			fc.constantFrom(
				`={{ $json["${field}"] }}`,
				`={{ $json.${field} + '' }}`,
				`=id {{ $json.${field} }}`,
				`={{ $json.${field} }} `,
				`={{ $json.${field}.length }}`,
				`={{ $json.${field}?.x }}`,
			),
		),
	// Fixed values n8n's own parameter checks accept (it refuses to run a node with issues).
	fc.constantFrom('226fb2e1-db69-4760-b67e-9e671e05abfc', '=plain text'),
);
const parameters = fc.oneof(
	fc.record({
		operation: fc.constant('addAudiences'),
		flowId: fc.record({
			__rl: fc.constant(true),
			mode: fc.constantFrom('id', 'list'),
			value: valueParameter,
		}),
		audiences: fc.record({
			audience: fc.array(
				fc.record(
					{
						id: valueParameter,
						name: valueParameter,
						exportMode: fc.constantFrom('', 'DAILY_FULL_EXPORT'),
					},
					{ requiredKeys: ['id'] },
				),
				{ minLength: 1, maxLength: 3 },
			),
		}),
	}),
	fc.record({
		operation: fc.constant('removeAudiences'),
		flowId: fc.record({ __rl: fc.constant(true), mode: fc.constant('id'), value: valueParameter }),
		audienceKeys: valueParameter,
	}),
);

const RUNS = 150;
const ITEMS = 8;

describe('plain $json field references read without the expression engine', () => {
	it('give exactly what n8n evaluates, for generated parameters and items', async () => {
		await probeGeneratedRuns(Probe, { parameters, item, itemCount: ITEMS, runs: RUNS }, (output) =>
			expect(output.flatMap((json) => json.differences as unknown[])).toEqual([]),
		);
	});
});
