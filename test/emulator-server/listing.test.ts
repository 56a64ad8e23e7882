import type { AxiosResponse } from 'axios';
import * as emulator from '../../emulator';
import { expectFlowError, useApi } from './support';

describe('GET /flows: filters, order, count and pages', () => {
	const api = useApi();

	const list = (query: string) => api.fs.get(`/flows${query}`);

	/** Follows _links.next from the first page; returns every item in order. */
	async function walk(
		first: string,
	): Promise<{ ids: string[]; items: { id: string; name: string }[]; pages: number }> {
		const items: { id: string; name: string }[] = [];
		let pages = 0;
		let next: string | undefined = first;
		while (next) {
			const r: AxiosResponse = await api.fs.get(next);
			expect(r.status).toBe(200);
			pages++;
			items.push(...r.data.items);
			next = r.data._links.next?.href;
			if (next) expect(next.startsWith('/flows?continuationToken=')).toBe(true);
		}
		return { ids: items.map((f) => f.id), items, pages };
	}

	it('answers items and _links, most recently updated first', async () => {
		const r = await list('');
		expect(r.status).toBe(200);
		expect(r.data.items).toHaveLength(100);
		const updated = r.data.items.map((f: { updatedAt: number }) => f.updatedAt);
		expect([...updated].sort((a, b) => b - a)).toEqual(updated);
		expect(r.data._links.next.href).toMatch(/^\/flows\?continuationToken=/);
	});

	it('follows _links.next across every prod flow without duplicates or gaps', async () => {
		const { ids, pages } = await walk('/flows?limit=7');
		expect(pages).toBe(Math.ceil(emulator.PROD_FLOW_COUNT / 7));
		expect(ids).toHaveLength(emulator.PROD_FLOW_COUNT);
		expect(new Set(ids).size).toBe(emulator.PROD_FLOW_COUNT);
		for (let n = 1; n <= emulator.BULK_FLOW_COUNT; n++)
			expect(ids).toContain(emulator.bulkFlowId(n));
		for (const dev of emulator.DEV_FLOW_IDS) expect(ids).not.toContain(dev);
	});

	it('keeps filters and order in the next link, and the last page has no next', async () => {
		const r = await list('?property=state==enabled&orderby=name&limit=50');
		const href: string = r.data._links.next.href;
		expect(href).toContain('property=state%3D%3Denabled');
		expect(href).toContain('orderby=name');
		expect(href).toContain('limit=50');
		const { ids } = await walk('/flows?property=state==enabled&orderby=name&limit=50');
		const all = (await list('?property=state==enabled&count=true')).data.count;
		expect(ids).toHaveLength(all);
		const last = await api.fs.get(`/flows?property=id==${emulator.TUTORIAL_FLOW_ID}`);
		expect(last.data._links.next).toBeUndefined();
	});

	it('filters with ==, comma OR and repeated-property AND', async () => {
		const one = await list(`?property=id==${emulator.TUTORIAL_FLOW_ID}`);
		expect(one.data.items.map((f: { id: string }) => f.id)).toEqual([emulator.TUTORIAL_FLOW_ID]);

		const two = await list(`?property=id==${emulator.TUTORIAL_FLOW_ID},${emulator.bulkFlowId(1)}`);
		expect(two.data.items.map((f: { id: string }) => f.id).sort()).toEqual(
			[emulator.TUTORIAL_FLOW_ID, emulator.bulkFlowId(1)].sort(),
		);

		const and = await list(
			`?property=id==${emulator.TUTORIAL_FLOW_ID},${emulator.bulkFlowId(4)}&property=state==enabled`,
		);
		// Bulk flow 4 is disabled (every 4th).
		expect(and.data.items.map((f: { id: string }) => f.id)).toEqual([emulator.TUTORIAL_FLOW_ID]);

		const byName = await list(`?property=name==${encodeURIComponent(emulator.TUTORIAL_FLOW_NAME)}`);
		expect(byName.data.items.map((f: { id: string }) => f.id)).toEqual([emulator.TUTORIAL_FLOW_ID]);
	});

	it('pages the dataflows that export an audience, keeping the filter in every next link', async () => {
		const filter = `transformations[].params.segmentSelectors.selectors[].value.id==${emulator.SHARED_AUDIENCE_ID}`;
		const { items, pages } = await walk(`/flows?property=${filter}&limit=5&orderby=name`);
		expect(items).toHaveLength(emulator.SHARED_AUDIENCE_FLOW_COUNT);
		expect(pages).toBe(Math.ceil(emulator.SHARED_AUDIENCE_FLOW_COUNT / 5));
		expect(new Set(items.map((f) => f.id)).size).toBe(items.length);
		const names = items.map((f) => f.name);
		expect(names).toEqual([...names].sort());
		expect(items.map((f) => f.id)).toContain(emulator.DISABLED_FLOW_ID);
		const first = await list(`?property=${filter}&limit=5`);
		expect(first.data._links.next.href).toContain(`property=${encodeURIComponent(filter)}`);
		// The token alone carries the filter.
		const token = new URLSearchParams(first.data._links.next.href.split('?')[1]).get(
			'continuationToken',
		);
		const second = await list(`?continuationToken=${token}`);
		for (const flow of second.data.items)
			expect(JSON.stringify(flow.transformations)).toContain(emulator.SHARED_AUDIENCE_ID);
		// Dataset exports have no audiences, so no audience filter finds them.
		const datasets = await list(
			`?property=transformations[].params.segmentSelectors.selectors[].value.id==${emulator.DATASET_IDS.prod.webEvents}&count=true`,
		);
		expect(datasets.data.count).toBe(0);
	});

	it('filters inside arrays with [] paths', async () => {
		const bySegment = await list(
			`?property=transformations[].params.segmentSelectors.selectors[].value.id==${emulator.TUTORIAL_AUDIENCE_IDS[2]}`,
		);
		expect(bySegment.data.items.map((f: { id: string }) => f.id)).toEqual([
			emulator.TUTORIAL_FLOW_ID,
		]);

		const shared = await list(
			`?property=transformations[].params.segmentSelectors.selectors[].value.id==${emulator.SHARED_AUDIENCE_ID}&count=true`,
		);
		expect(shared.data.count).toBe(emulator.SHARED_AUDIENCE_FLOW_COUNT);

		const sourceConnection = await list(
			'?property=sourceConnectionIds[]==5e45582a-5336-4ea1-9ec9-d0004a9f344a,nothing',
		);
		expect(sourceConnection.data.items.map((f: { id: string }) => f.id)).toEqual([
			emulator.TUTORIAL_FLOW_ID,
		]);

		const s3 = await list(
			`?property=inheritedAttributes.targetConnections[].connectionSpec.id==${emulator.CONNECTION_SPECS.amazonS3}&count=true`,
		);
		expect(s3.data.count).toBeGreaterThan(30);

		// Without [] the path does not enter the array, as Adobe requires.
		const noBrackets = await list(
			`?property=transformations.params.segmentSelectors.selectors.value.id==${emulator.TUTORIAL_AUDIENCE_IDS[2]}&count=true`,
		);
		expect(noBrackets.data.count).toBe(0);
	});

	it('selects destination flows with isDestinationFlow==true, and the rest with !=', async () => {
		const dest = (
			await list('?property=inheritedAttributes.properties.isDestinationFlow==true&count=true')
		).data.count;
		const other = (
			await list('?property=inheritedAttributes.properties.isDestinationFlow!=true&count=true')
		).data.count;
		const sourcesInBulk = Math.floor(emulator.BULK_FLOW_COUNT / emulator.BULK_SOURCES_EVERY);
		// Two hand-written sources flows (database dataflow, CRM ingestion) plus every 10th bulk flow.
		expect(other).toBe(2 + sourcesInBulk);
		expect(dest + other).toBe(emulator.PROD_FLOW_COUNT);
	});

	it('compares numbers with > >= < <=', async () => {
		const all = (await list('?count=true')).data.count;
		const newer = (await list('?property=createdAt>1690000000000&count=true')).data.count;
		const older = (await list('?property=createdAt<=1690000000000&count=true')).data.count;
		// The generated flows (2023) and the dataset exports (2024 and later) are newer.
		expect(newer).toBe(emulator.BULK_FLOW_COUNT + emulator.PROD_DATASET_FLOW_COUNT);
		expect(newer + older).toBe(all);
		expect(
			(await list('?property=createdAt>=1690003600000&property=createdAt<1690007200001&count=true'))
				.data.count,
		).toBe(2);
	});

	it('refuses malformed filters with the catalogue codes', async () => {
		expectFlowError(await list('?property=name~winter'), '1440-400');
		expectFlowError(await list('?property=name=winter'), '1450-400');
		expectFlowError(await list('?property=name!>winter'), '1450-400');
		expectFlowError(await list('?property=createdAt=='), '1453-400');
		expectFlowError(await list('?property=createdAt'), '1453-400');
		expectFlowError(await list('?property=createdAt<=1,2'), '1443-400');
		expectFlowError(await list('?property=createdAt>=yesterday'), '1452-400');
		expectFlowError(await list('?property=id>=5'), '1448-400');
		expectFlowError(await list('?property===x'), '1449-400');
		expectFlowError(await list('?property=a..b==x'), '1449-400');
	});

	it('refuses unknown query parameters', async () => {
		const r = await list('?start=10');
		expect(expectFlowError(r, '1451-400').errorMessage).toBe(
			'Invalid params start provided in query params.',
		);
	});

	it('sorts by orderby: name, -name, createdAt, and several keys', async () => {
		const names = (r: { data: { items: { name: string }[] } }) => r.data.items.map((f) => f.name);
		const asc = names(await list('?orderby=name&limit=100'));
		expect([...asc].sort()).toEqual(asc);
		const desc = names(await list('?orderby=-name&limit=100'));
		expect([...desc].sort().reverse()).toEqual(desc);
		const plus = names(await list('?orderby=%2Bname&limit=100'));
		expect(plus).toEqual(asc);

		const created = (await list('?orderby=createdAt&limit=100')).data.items.map(
			(f: { createdAt: number }) => f.createdAt,
		);
		expect([...created].sort((a, b) => a - b)).toEqual(created);

		const multi = (await list('?orderby=state,-createdAt&limit=100')).data.items as {
			state: string;
			createdAt: number;
		}[];
		for (let i = 1; i < multi.length; i++) {
			const [a, b] = [multi[i - 1], multi[i]];
			expect(a.state <= b.state).toBe(true);
			if (a.state === b.state) expect(a.createdAt >= b.createdAt).toBe(true);
		}
	});

	it('pages through a sorted listing in the same order as one big page would be', async () => {
		const { items } = await walk('/flows?orderby=-name&limit=13');
		expect(items).toHaveLength(emulator.PROD_FLOW_COUNT);
		const names = items.map((f) => f.name);
		expect([...names].sort().reverse()).toEqual(names);
		const firstPage = (await list('?orderby=-name&limit=100')).data.items.map(
			(f: { id: string }) => f.id,
		);
		expect(items.slice(0, 100).map((f) => f.id)).toEqual(firstPage);
	});

	it('refuses bad orderby values', async () => {
		expectFlowError(await list('?orderby=*name'), '1432-400');
		expectFlowError(await list('?orderby=transformations'), '1433-400');
	});

	it('answers only the count with count=true, and refuses count with limit', async () => {
		const r = await list('?count=true');
		expect(r.data).toEqual({ count: emulator.PROD_FLOW_COUNT });
		const dev = await api.fs.get('/flows?count=true', { headers: { 'x-sandbox-name': 'dev' } });
		expect(dev.data).toEqual({ count: emulator.DEV_FLOW_COUNT });
		expect((await list('?count=false&limit=1')).data.items).toHaveLength(1);
		expectFlowError(await list('?count=true&limit=10'), '1401-400');
		expectFlowError(await list('?count=maybe'), '1451-400');
	});

	it('refuses limit outside 1..100 rather than clamping it', async () => {
		expect((await list('?limit=100')).data.items).toHaveLength(100);
		expect((await list('?limit=1')).data.items).toHaveLength(1);
		for (const bad of ['0', '101', '500', '-1', 'ten', '2.5'])
			expectFlowError(await list(`?limit=${bad}`), '1451-400');
	});

	it('refuses a forged continuation token', async () => {
		expectFlowError(await list('?continuationToken=not-a-token'), '1451-400');
	});

	it('does not show a flow changed during paging twice', async () => {
		const first = await list('?limit=20');
		const seen: string[] = first.data.items.map((f: { id: string }) => f.id);
		// Touch a flow on the first page: it moves to the top, behind the cursor.
		await api.http.post(`/__emulator/flows/${seen[5]}/rotate-etag`);
		const rest = await walk(first.data._links.next.href);
		expect(rest.ids).not.toContain(seen[5]);
		expect(new Set([...seen, ...rest.ids]).size).toBe(seen.length + rest.ids.length);
		api.emu.reset();
	});
});
