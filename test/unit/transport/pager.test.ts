import { collect, readPages, type Page } from '@node/transport/pager';

/** A listing of `count` pages of two items each, recording which pages were asked for. */
function listing(count: number) {
	const asked: Array<string | undefined> = [];
	const read = async (next: string | undefined): Promise<Page<string>> => {
		asked.push(next);
		const page = next === undefined ? 0 : Number(next);
		return {
			items: [`${page}a`, `${page}b`],
			next: page + 1 < count ? String(page + 1) : undefined,
		};
	};
	return { read, asked };
}

async function all<T>(pages: AsyncIterable<Page<T>>): Promise<Array<Page<T>>> {
	const seen: Array<Page<T>> = [];
	for await (const page of pages) seen.push(page);
	return seen;
}

describe('readPages', () => {
	it('follows next until the listing ends', async () => {
		const { read, asked } = listing(3);
		const pages = await all(readPages(read));
		expect(pages.map((page) => page.items)).toEqual([
			['0a', '0b'],
			['1a', '1b'],
			['2a', '2b'],
		]);
		expect(asked).toEqual([undefined, '1', '2']);
	});

	it('starts from a token and stops after maxPages, handing back where to go on', async () => {
		const { read, asked } = listing(10);
		const pages = await all(readPages(read, { start: '4', maxPages: 2 }));
		expect(asked).toEqual(['4', '5']);
		expect(pages[pages.length - 1].next).toBe('6');
	});

	it('reads no page past the one where the caller stops', async () => {
		const { read, asked } = listing(10);
		for await (const page of readPages(read)) if (page.items[0] === '1a') break;
		expect(asked).toEqual([undefined, '1']);
	});
});

describe('collect', () => {
	it('returns the first items that pass, reading only the pages it needs', async () => {
		const { read, asked } = listing(10);
		const kept = await collect(readPages(read), 3, (item) => item.endsWith('a'));
		expect(kept).toEqual(['0a', '1a', '2a']);
		expect(asked).toEqual([undefined, '1', '2']);
	});

	it('stops at the limit in the middle of a page', async () => {
		const { read } = listing(10);
		expect(await collect(readPages(read), 3)).toEqual(['0a', '0b', '1a']);
	});
});
