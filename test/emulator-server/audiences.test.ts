import type { AxiosInstance, AxiosResponse } from 'axios';
import axios from 'axios';
import {
	DEV_AUDIENCE_COUNT,
	DEV_ONLY_AUDIENCE_ID,
	EXTERNAL_AUDIENCE_ID,
	EXTERNAL_AUDIENCE_SOURCE_ID,
	INACTIVE_AUDIENCE_ID,
	LAPSED_BUYERS_AUDIENCE_ID,
	PROD_AUDIENCE_COUNT,
	PROFILE_MAPPING_AUDIENCE_ID,
	SANDBOX_DEV,
	SEGMENTATION_BASE_PATH,
	SHARED_AUDIENCE_ID,
	STREAMING_AUDIENCE_IDS,
	STREAMING_AUDIENCE_NAMES,
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_AUDIENCE_NAMES,
	TUTORIAL_NEW_AUDIENCE_ID,
	TUTORIAL_NEW_AUDIENCE_NAME,
} from '../../emulator';
import { segmentationClient, useApi } from './support';

interface Audience {
	id: string;
	audienceId: string;
	name: string;
	lifecycleState: string;
	creationTime: number;
	sandbox: { sandboxName: string };
}

interface Page {
	children: Audience[];
	_page: { totalCount: number; pageSize: number; next?: string };
	_links: { next?: { href: string } };
}

/** The Segmentation service's error: this status and title, with `mention` in the detail. */
function expectUpsError(response: AxiosResponse, status: number, title: string, mention: string) {
	expect(response.status).toBe(status);
	expect(response.data).toMatchObject({ status, title, detail: expect.stringContaining(mention) });
}

describe('GET /data/core/ups/audiences', () => {
	const api = useApi();
	let ups: AxiosInstance;
	beforeAll(() => {
		ups = segmentationClient(api);
	});

	const list = async (
		query = '',
		headers: Record<string, string> = {},
	): Promise<AxiosResponse<Page>> => await ups.get(`/audiences${query}`, { headers });

	async function all(query: string, headers: Record<string, string> = {}): Promise<Audience[]> {
		const found: Audience[] = [];
		let start: string | undefined = '0';
		while (start !== undefined) {
			const r: AxiosResponse<Page> = await list(`?${query}&start=${start}`, headers);
			expect(r.status).toBe(200);
			found.push(...r.data.children);
			start = r.data._page.next;
		}
		return found;
	}

	it("answers Adobe's shape: children, _page {totalCount, pageSize, next} and _links.next", async () => {
		const r = await list('?limit=2');
		expect(r.status).toBe(200);
		expect(r.data.children).toHaveLength(2);
		expect(r.data._page).toEqual({ totalCount: PROD_AUDIENCE_COUNT, pageSize: 2, next: '2' });
		expect(r.data._links.next?.href).toBe(
			`@/audiences?start=2&limit=2&totalCount=${PROD_AUDIENCE_COUNT}`,
		);
		// Newest first: the external audience, then the tutorial's new one (the inactive one is left out).
		expect(r.data.children.map((a) => a.id)).toEqual([
			EXTERNAL_AUDIENCE_ID,
			TUTORIAL_NEW_AUDIENCE_ID,
		]);
		expect(r.data.children[1]).toMatchObject({
			type: 'SegmentDefinition',
			namespace: 'AEPSegments',
			lifecycleState: 'published',
			sandbox: { sandboxName: 'prod' },
			imsOrgId: expect.stringMatching(/@AdobeOrg$/),
		});
	});

	it('serves the audiences of the seeded flows under the names the flows give them', async () => {
		const byId = new Map((await all('limit=100')).map((a) => [a.id, a.name]));
		TUTORIAL_AUDIENCE_IDS.forEach((id, i) => expect(byId.get(id)).toBe(TUTORIAL_AUDIENCE_NAMES[i]));
		STREAMING_AUDIENCE_IDS.forEach((id, i) =>
			expect(byId.get(id)).toBe(STREAMING_AUDIENCE_NAMES[i]),
		);
		expect(byId.get(TUTORIAL_NEW_AUDIENCE_ID)).toBe(TUTORIAL_NEW_AUDIENCE_NAME);
		expect(byId.get(SHARED_AUDIENCE_ID)).toBe('Loyalty members');
		expect(byId.get(LAPSED_BUYERS_AUDIENCE_ID)).toBe('Lapsed buyers');
		expect(byId.get(PROFILE_MAPPING_AUDIENCE_ID)).toBe('Interested in Mountain Biking');
		expect(byId.size).toBe(PROD_AUDIENCE_COUNT);
	});

	it('pages with start and limit through every audience exactly once, newest first by default', async () => {
		const found = await all('limit=37');
		expect(found).toHaveLength(PROD_AUDIENCE_COUNT);
		expect(new Set(found.map((a) => a.id)).size).toBe(PROD_AUDIENCE_COUNT);
		const times = found.map((a) => a.creationTime);
		expect(times).toEqual([...times].sort((a, b) => b - a));
		const last = await list(`?limit=37&start=${PROD_AUDIENCE_COUNT - 1}`);
		expect(last.data._page).toEqual({ totalCount: PROD_AUDIENCE_COUNT, pageSize: 1 });
		expect(last.data._links).toEqual({});
	});

	it('searches names with name= (contains, any case) and sorts with sort=field:asc|desc', async () => {
		const mountain = await list('?name=MOUNTAIN&sort=name:asc');
		expect(mountain.data.children.map((a) => a.id).sort()).toEqual(
			[PROFILE_MAPPING_AUDIENCE_ID, TUTORIAL_AUDIENCE_IDS[0]].sort(),
		);
		const bulk = await list('?name=bulk%20audience%20001&sort=name:desc&limit=5');
		expect(bulk.data.children.map((a) => a.name)).toEqual(['Bulk audience 001-1']);
		const sorted = await all('sort=name:asc&limit=100');
		const names = sorted.map((a) => a.name);
		expect(names).toEqual(
			[...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
		);
		const described = await list('?description=last%2030');
		expect(described.data.children.map((a) => a.id)).toEqual([EXTERNAL_AUDIENCE_ID]);
	});

	it('matches property=audienceId== exactly, and only then lists inactive audiences', async () => {
		const listed = await all('limit=100');
		expect(listed.map((a) => a.id)).not.toContain(INACTIVE_AUDIENCE_ID);
		const inactive = await list(`?property=audienceId==${INACTIVE_AUDIENCE_ID}`);
		expect(inactive.data.children).toEqual([
			expect.objectContaining({ id: INACTIVE_AUDIENCE_ID, lifecycleState: 'inactive' }),
		]);
		const external = await list(`?property=audienceId==${EXTERNAL_AUDIENCE_SOURCE_ID}`);
		expect(external.data.children).toEqual([
			expect.objectContaining({
				id: EXTERNAL_AUDIENCE_ID,
				type: 'ExternalSegment',
				audienceId: EXTERNAL_AUDIENCE_SOURCE_ID,
			}),
		]);
		const notStreaming = await list('?property=type!=SegmentDefinition');
		expect(notStreaming.data.children.map((a) => a.id)).toEqual([EXTERNAL_AUDIENCE_ID]);
	});

	it('answers one audience by id, and 404 for an unknown id or one of another sandbox', async () => {
		const one = await ups.get(`/audiences/${TUTORIAL_NEW_AUDIENCE_ID}`);
		expect(one.status).toBe(200);
		expect(one.data).toMatchObject({
			id: TUTORIAL_NEW_AUDIENCE_ID,
			name: TUTORIAL_NEW_AUDIENCE_NAME,
		});
		const inactive = await ups.get(`/audiences/${INACTIVE_AUDIENCE_ID}`);
		expect(inactive.data.lifecycleState).toBe('inactive');
		for (const id of ['00000000-0000-4000-8000-000000000000', DEV_ONLY_AUDIENCE_ID]) {
			const missing = await ups.get(`/audiences/${id}`);
			expectUpsError(missing, 404, 'NotFoundError', id);
		}
	});

	it('keeps audiences in their sandbox', async () => {
		const dev = await all('limit=100', { 'x-sandbox-name': SANDBOX_DEV });
		expect(dev.map((a) => a.id).sort()).toEqual(
			[DEV_ONLY_AUDIENCE_ID, TUTORIAL_AUDIENCE_IDS[0]].sort(),
		);
		expect(dev).toHaveLength(DEV_AUDIENCE_COUNT);
		expect(dev.every((a) => a.sandbox.sandboxName === SANDBOX_DEV)).toBe(true);
		expect(
			(
				await ups.get(`/audiences/${DEV_ONLY_AUDIENCE_ID}`, {
					headers: { 'x-sandbox-name': SANDBOX_DEV },
				})
			).status,
		).toBe(200);
		expect((await list('', { 'x-sandbox-name': 'nope' })).status).toBe(404);
	});

	it('goes through the gateway like every /data path', async () => {
		const noToken = await axios.get(`${api.emu.url}${SEGMENTATION_BASE_PATH}/audiences`, {
			validateStatus: () => true,
		});
		expect(noToken.status).toBe(403);
		expect(noToken.data).toEqual({ error_code: '403010', message: 'Oauth token is missing.' });
		const badKey = await list('', { 'x-api-key': 'someone-else' });
		expect(badKey.status).toBe(403);
		expect(badKey.data).toEqual({ error_code: '403003', message: 'Api Key is invalid' });
	});

	it.each([
		['limit=0', 'limit'],
		['limit=101', 'limit'],
		['limit=ten', 'limit'],
		['start=-1', 'start'],
		['sort=name', 'sort'],
		['sort=color:asc', 'sort'],
		['property=name~Bulk', 'property'],
		['orderby=name', 'orderby'],
	])('refuses %s with 400 naming %s', async (query, parameter) => {
		const r = await list(`?${query}`);
		expectUpsError(r, 400, 'BadRequestError', parameter);
	});

	it('refuses other methods and paths with 404', async () => {
		expect((await ups.post('/audiences', {})).status).toBe(404);
		expect((await ups.get('/segment/definitions')).status).toBe(404);
	});
});
