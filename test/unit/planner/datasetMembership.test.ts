import fc from 'fast-check';

import { InputError } from '@node/model/inputError';
import {
	datasetsOfSource,
	planDatasets,
	sameDatasets,
	type DatasetEntry,
} from '@node/planner/datasetMembership';

const id = (n: number) => `65f1a0c2e4b0a1d2c3e4${n.toString(16).padStart(4, '0')}`;
const LOYALTY = { dataSetId: id(1), name: 'Loyalty Members' };
const WEB = { dataSetId: id(2), name: 'Web Events' };

describe('planDatasets', () => {
	it('adds a new dataset at the end, keeping the current ones with their names', () => {
		expect(planDatasets([LOYALTY, WEB], 'add', [id(3)])).toEqual({
			datasets: [LOYALTY, WEB, { dataSetId: id(3) }],
			added: [{ dataSetId: id(3) }],
			removed: [],
			skipped: [],
			changed: true,
		});
	});

	it('skips datasets already exported (any letter case) and repeats, changing nothing when that is all', () => {
		expect(planDatasets([LOYALTY], 'add', [id(1).toUpperCase(), id(1)])).toEqual({
			datasets: [LOYALTY],
			added: [],
			removed: [],
			skipped: [
				{ target: `dataset ${id(1).toUpperCase()}`, reason: 'already exported by this dataflow' },
				{ target: `dataset ${id(1)}`, reason: 'listed more than once' },
			],
			changed: false,
		});
	});

	it('removes a dataset and skips one the dataflow does not export', () => {
		expect(planDatasets([LOYALTY, WEB], 'remove', [id(1), id(9)])).toEqual({
			datasets: [WEB],
			added: [],
			removed: [LOYALTY],
			skipped: [{ target: `dataset ${id(9)}`, reason: 'not exported by this dataflow' }],
			changed: true,
		});
	});

	it('refuses to remove the last dataset, pointing at Delete Dataflow', () => {
		const refuse = () => planDatasets([LOYALTY], 'remove', [id(1)]);
		expect(refuse).toThrow(InputError);
		expect(refuse).toThrow(
			'Removing Loyalty Members would leave the dataflow without datasets, and a dataset export exports at least one. To stop exporting altogether, delete the dataflow (Dataflow › Delete Dataflow)',
		);
		try {
			refuse();
		} catch (error) {
			expect((error as InputError).field).toBe('datasetIds');
		}
	});
});

describe('datasetsOfSource and sameDatasets', () => {
	it('reads params.datasets, dropping entries without an ID', () => {
		expect(
			datasetsOfSource({
				params: { datasets: [LOYALTY, { name: 'x' }, null, { dataSetId: id(2) }] },
			}),
		).toEqual([LOYALTY, { dataSetId: id(2) }]);
		expect(datasetsOfSource({})).toEqual([]);
	});

	it('compares the IDs only, order and names aside', () => {
		expect(sameDatasets([LOYALTY, WEB], [{ dataSetId: id(2) }, { dataSetId: id(1) }])).toBe(true);
		expect(sameDatasets([LOYALTY], [LOYALTY, WEB])).toBe(false);
	});
});

/** Generated: current lists of distinct pool datasets, requests drawn from the same pool. */
const POOL = 12;
const current = fc
	.uniqueArray(fc.nat(POOL - 1), { minLength: 1, maxLength: 8 })
	.map((ns) => ns.map((n): DatasetEntry => ({ dataSetId: id(n), name: `Dataset ${n}` })));
const requested = fc.array(fc.nat(POOL - 1).map(id), { minLength: 1, maxLength: 10 });
const idSet = (datasets: DatasetEntry[]) => new Set(datasets.map((d) => d.dataSetId));

describe('planDatasets, generated', () => {
	it('add: the new list is the union, nothing is lost or doubled, every request is added or skipped', () => {
		fc.assert(
			fc.property(current, requested, (before, ids) => {
				const plan = planDatasets(before, 'add', ids);
				const expected = new Set([...idSet(before), ...ids]);
				expect(idSet(plan.datasets)).toEqual(expected);
				expect(plan.datasets).toHaveLength(expected.size);
				expect(plan.datasets.slice(0, before.length)).toEqual(before);
				expect(plan.added.length + plan.skipped.length).toBe(ids.length);
				expect(plan.changed).toBe(plan.added.length > 0);
				// Adding the same again changes nothing.
				expect(planDatasets(plan.datasets, 'add', ids).changed).toBe(false);
			}),
			{ numRuns: 500 },
		);
	});

	it('remove: the new list is the difference, or the request is refused when it would be empty', () => {
		fc.assert(
			fc.property(current, requested, (before, ids) => {
				const left = before.filter((d) => !ids.includes(d.dataSetId));
				if (left.length === 0) {
					expect(() => planDatasets(before, 'remove', ids)).toThrow(InputError);
					return;
				}
				const plan = planDatasets(before, 'remove', ids);
				expect(plan.datasets).toEqual(left);
				expect(plan.removed.length + plan.skipped.length).toBe(ids.length);
				expect(sameDatasets(plan.datasets, left)).toBe(true);
				expect(planDatasets(plan.datasets, 'remove', ids).changed).toBe(false);
			}),
			{ numRuns: 500 },
		);
	});

	it('two adds re-planned one after the other end with both, whichever goes first', () => {
		fc.assert(
			fc.property(current, requested, requested, (before, a, b) => {
				const ab = planDatasets(planDatasets(before, 'add', a).datasets, 'add', b).datasets;
				const ba = planDatasets(planDatasets(before, 'add', b).datasets, 'add', a).datasets;
				expect(sameDatasets(ab, ba)).toBe(true);
				expect(idSet(ab)).toEqual(new Set([...idSet(before), ...a, ...b]));
			}),
			{ numRuns: 300 },
		);
	});
});
