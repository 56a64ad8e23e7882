import { AUDIENCES_PER_LOOKUP, checkAudiences } from '@node/actions/audienceCheck';
import type { FlowServiceClient } from '@node/transport';
import type { UpdateEntry } from '@node/update/runUpdates';

const id = (n: number) => `${String(n).padStart(8, '0')}-2222-4333-8444-555555555555`;

function entries(idsPerItem: string[][], known: Set<string>) {
	const asked: string[][] = [];
	const client = {
		bulkGetAudiences: async (ids: string[]) => {
			asked.push(ids);
			return new Map(ids.filter((x) => known.has(x)).map((x) => [x, { id: x, name: `name ${x}` }]));
		},
	} as unknown as FlowServiceClient;
	const list = idsPerItem.map((ids, itemIndex): UpdateEntry => ({
		itemIndex,
		request: {
			flowId: 'f',
			change: { patch: { operations: [], skipped: [] } },
			options: { dryRun: true, returnUpdatedFlow: false, maxConflictRetries: 0 },
			client,
			audiences: ids.map((x, i) => ({
				id: x,
				field: `audiences.audience[${i}].id`,
				value: { id: x },
			})),
		},
	}));
	return { list, asked };
}

describe('checkAudiences: one lookup per run', () => {
	it('asks each distinct ID once, in requests of at most AUDIENCES_PER_LOOKUP', async () => {
		const ids = Array.from({ length: 150 }, (_, n) => id(n));
		const { list, asked } = entries([ids.slice(0, 100), ids.slice(50)], new Set(ids));

		expect(await checkAudiences(list)).toEqual([]);
		expect(asked.map((request) => request.length)).toEqual([AUDIENCES_PER_LOOKUP, 50]);
		expect(new Set(asked.flat()).size).toBe(150);
	});

	it('fails only the items naming an unknown audience, and fills the others’ empty names', async () => {
		const { list } = entries([[id(1)], [id(1), id(2)]], new Set([id(1)]));

		const failures = await checkAudiences(list);

		expect(failures.map((failure) => failure.itemIndex)).toEqual([1]);
		expect((failures[0].error as Error).message).toBe(`${id(2)} does not exist in the sandbox`);
		expect(list[0].request.audiences![0].value).toEqual({ id: id(1), name: `name ${id(1)}` });
	});

	it('sends nothing when no item checks audiences', async () => {
		const { list, asked } = entries([], new Set());
		expect(await checkAudiences(list)).toEqual([]);
		expect(asked).toEqual([]);
	});
});
