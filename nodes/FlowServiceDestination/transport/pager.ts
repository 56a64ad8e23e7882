/** One page of a listing, and Adobe's link to the next one. */
export interface Page<T> {
	items: T[];
	next?: string;
}

export interface PagingLimits {
	/** The page to start from: a token an earlier call handed back (a picker scrolling on). */
	start?: string;
	/** Read at most this many pages; the last page's `next` tells where to go on. */
	maxPages?: number;
}

/**
 * The one pager: reads a listing page after page, following each page's `next`, until the
 * listing ends, the page limit is reached, or the caller stops iterating.
 */
export async function* readPages<T>(
	read: (next: string | undefined) => Promise<Page<T>>,
	{ start, maxPages = Infinity }: PagingLimits = {},
): AsyncGenerator<Page<T>> {
	let next = start;
	for (let pages = 0; pages < maxPages; pages++) {
		const page = await read(next);
		yield page;
		next = page.next;
		if (!next) return;
	}
}

/** The first `limit` items of a listing that pass `keep`; reads no page beyond them. */
export async function collect<T>(
	pages: AsyncIterable<Page<T>>,
	limit: number,
	keep: (item: T) => boolean = () => true,
): Promise<T[]> {
	const items: T[] = [];
	for await (const page of pages) {
		items.push(...page.items.filter(keep));
		if (items.length >= limit) break;
	}
	return items.slice(0, limit);
}
