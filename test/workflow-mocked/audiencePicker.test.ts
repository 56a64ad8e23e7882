import tutorialFlow from '../../emulator/fixtures/tutorial-flow.json';
import { FLOWS_PATH, adobeHeaders, byId, outputJson, recordAdobe, listSearch } from './setup';
import {
	FLOW_ID,
	SELECTORS,
	A0,
	A1,
	A3,
	NEW_AUDIENCE,
	picked,
	runOnTutorial,
	removeAt,
} from './tutorial';

const AUDIENCES_PATH = '/data/core/ups/audiences';

const search = (filter?: string, paginationToken?: string) =>
	listSearch('searchAudiences', 'addAudiences', filter, paginationToken);

describe('audience picker', () => {
	const { requests, listing, readThenPatch } = recordAdobe();

	it("searches Adobe's audience listing by name, sorted by name, 50 at a time, with the Platform headers; two audiences of one name are told apart by ID", async () => {
		listing(AUDIENCES_PATH, {
			children: [
				{ id: A0, name: 'Interested in Mountain Biking', description: '' },
				{ id: A3, name: 'Interested in Mountain Biking', description: 'Copy' },
				{ id: NEW_AUDIENCE, name: 'Winter 2021/2022 campaign', description: 'Winter' },
			],
			_page: { totalCount: 51, pageSize: 50, next: '50' },
			_links: { next: { href: '@/audiences?start=50&limit=50&totalCount=51' } },
		});

		const result = await search('  in ');

		expect(requests).toHaveLength(1);
		expect(requests[0].method).toBe('GET');
		expect(requests[0].path).toBe(`${AUDIENCES_PATH}?limit=50&sort=name%3Aasc&name=in`);
		expect(requests[0].headers).toMatchObject({ ...adobeHeaders(), accept: 'application/json' });
		expect(result).toEqual({
			results: [
				{ name: `Interested in Mountain Biking (${A0})`, value: A0, description: A0 },
				{ name: `Interested in Mountain Biking (${A3})`, value: A3, description: `Copy · ${A3}` },
				{
					name: `Winter 2021/2022 campaign (${NEW_AUDIENCE})`,
					value: NEW_AUDIENCE,
					description: `Winter · ${NEW_AUDIENCE}`,
				},
			],
			paginationToken: '50',
		});
	});

	it('asks for the next page with start = the token, and without a name when nothing is typed', async () => {
		listing(AUDIENCES_PATH, { children: [], _page: { totalCount: 51, pageSize: 1 } });

		const result = await search(undefined, '50');

		expect(requests[0].path).toBe(`${AUDIENCES_PATH}?limit=50&sort=name%3Aasc&start=50`);
		expect(result).toEqual({ results: [], paginationToken: undefined });
	});

	it('Add Audiences takes an audience picked from the list', async () => {
		readThenPatch(FLOW_ID, { items: [tutorialFlow] });

		const result = await runOnTutorial('addAudiences', {
			audiences: {
				audience: [
					{ id: picked(NEW_AUDIENCE), name: 'Winter 2021/2022 campaign' },
					{ id: picked(A0, 'id') },
				],
			},
		});

		expect(result.status).toBe('success');
		expect(requests[1].body).toEqual([
			{
				op: 'add',
				path: `${SELECTORS}/-`,
				value: {
					type: 'PLATFORM_SEGMENT',
					value: { id: NEW_AUDIENCE, name: 'Winter 2021/2022 campaign' },
				},
			},
		]);
		expect(outputJson(result)[0].skipped).toEqual([
			{
				id: A0,
				name: 'Interested in Mountain Biking',
				target: `audience ${A0}`,
				reason: 'already on the dataflow',
			},
		]);
		expect(outputJson(result)[0].summary).toBe(
			'Added 1 audience (Winter 2021/2022 campaign); skipped 1: already on the dataflow',
		);
	});

	it('Add Audiences still takes a plain ID or an expression, as older workflows store it', async () => {
		readThenPatch(FLOW_ID, { items: [tutorialFlow] });

		await runOnTutorial(
			'addAudiences',
			{
				audiences: { audience: [{ id: '={{ $json.audienceId }}' }] },
			},
			{ triggerItems: [{ json: { audienceId: NEW_AUDIENCE } }] },
		);

		expect(requests[1].body).toEqual([
			{
				op: 'add',
				path: `${SELECTORS}/-`,
				value: { type: 'PLATFORM_SEGMENT', value: { id: NEW_AUDIENCE } },
			},
		]);
	});

	it('Add Audiences refuses an empty pick before any request, naming the entry', async () => {
		const result = await runOnTutorial('addAudiences', {
			audiences: { audience: [{ id: picked('') }] },
		});

		expect(requests).toEqual([]);
		expect(result.error?.message).toBe(
			'Audiences › Audience 1 › Audience: Audience ID is required (item 1)',
		);
	});

	it('Remove Audiences removes the typed and the picked audiences in one PATCH, highest index first', async () => {
		readThenPatch(FLOW_ID, { items: [tutorialFlow] });

		await runOnTutorial('removeAudiences', {
			audienceKeys: A0,
			pickedAudiences: {
				audience: [{ id: picked(A3) }, { id: picked(A1.toUpperCase(), 'id') }, { id: picked(A0) }],
			},
		});

		expect(requests[1].body).toEqual([removeAt(3, A3), removeAt(1, A1), removeAt(0, A0)]);
	});

	it('Remove Audiences works with picks alone, and refuses when neither list names an audience', async () => {
		readThenPatch(FLOW_ID, { items: [tutorialFlow] });

		const alone = await runOnTutorial('removeAudiences', {
			pickedAudiences: { audience: [{ id: picked(A1) }] },
		});
		expect(requests[1].body).toEqual([removeAt(1, A1)]);
		expect(alone.status).toBe('success');

		requests.length = 0;
		const none = await runOnTutorial('removeAudiences', {
			audienceKeys: '',
			pickedAudiences: {},
		});
		const emptyPick = await runOnTutorial('removeAudiences', {
			pickedAudiences: { audience: [{ id: picked('') }] },
		});
		expect(requests).toEqual([]);
		expect(none.error?.message).toBe(
			'Audiences: Name at least one audience to remove, here or in Audiences (Pick From List) (item 1)',
		);
		expect(emptyPick.error?.message).toBe(
			'Audiences (Pick From List) › Audience 1 › Audience: Picked audience is required (item 1)',
		);
	});

	it('Remove Audiences by name ignores picks (they are IDs) and keeps its own message', async () => {
		const result = await runOnTutorial('removeAudiences', {
			matchBy: 'name',
			audienceKeys: '',
			pickedAudiences: { audience: [{ id: picked(A1) }] },
		});

		expect(requests).toEqual([]);
		expect(result.error?.message).toBe('Audiences: Name at least one audience to remove (item 1)');
	});
});

describe("Export Now's audience picker", () => {
	const { requests, readFlow } = recordAdobe();

	it('reads the chosen dataflow and offers its own audiences whose names contain the search text, each with its ID', async () => {
		readFlow(FLOW_ID, { items: [tutorialFlow] });

		const result = await listSearch('searchFlowAudiences', 'exportNow', 'gcm_', undefined, {
			flowId: byId(FLOW_ID),
		});

		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${FLOWS_PATH}/${FLOW_ID}`]);
		expect(result.results).toEqual([
			{
				name: 'GCM_E2E_PersonId_Test (6caa79b9-39e0-4c37-892b-5061cdca2377)',
				value: '6caa79b9-39e0-4c37-892b-5061cdca2377',
				description: '6caa79b9-39e0-4c37-892b-5061cdca2377',
			},
			{
				name: 'GCM_NewBatch_Segment (4c41c318-9e8c-4a4f-b880-877cdd629fc7)',
				value: '4c41c318-9e8c-4a4f-b880-877cdd629fc7',
				description: '4c41c318-9e8c-4a4f-b880-877cdd629fc7',
			},
		]);
	});
});
