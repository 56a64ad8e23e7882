import {
	DEV_ONLY_AUDIENCE_ID,
	PROD_AUDIENCE_COUNT,
	PROFILE_MAPPING_AUDIENCE_ID,
	TUTORIAL_FLOW_ID,
	TUTORIAL_NEW_AUDIENCE_ID,
	TUTORIAL_NEW_AUDIENCE_NAME,
} from '../../emulator/fixtures/ids';
import { FlowServiceDestination } from '@node/FlowServiceDestination.node';
import { runNodeMethod } from '../harness';
import { NODE_TYPE, byId, adobeCredential } from '../workflow-mocked/setup';
import { A0, A1, A2, A3, storedAudienceIds, tokenCredential, useEmulator } from './setup';

const emulator = useEmulator({ slowWorkflows: true });
const picked = (value: string) => ({ __rl: true, mode: 'list', value });

function search(filter?: string, paginationToken?: string, sandbox = 'prod') {
	return runNodeMethod({
		nodeTypes: { [NODE_TYPE]: FlowServiceDestination },
		...adobeCredential(tokenCredential(emulator.current, sandbox)),
		nodeType: NODE_TYPE,
		kind: 'listSearch',
		method: 'searchAudiences',
		filter,
		paginationToken,
		parameters: { operation: 'syncAudiences' },
	});
}

const audiences = (flowId: string) => storedAudienceIds(emulator.current, flowId);

describe('the audience picker against the emulator', () => {
	it('finds audiences by part of their name, any case; two of one name are told apart by their IDs', async () => {
		const mountain = await search('mountain BIKING');
		expect(mountain.results.map((r) => r.value).sort()).toEqual(
			[A0, PROFILE_MAPPING_AUDIENCE_ID].sort(),
		);
		expect(mountain.results.map((r) => r.name).sort()).toEqual(
			[A0, PROFILE_MAPPING_AUDIENCE_ID].map((id) => `Interested in Mountain Biking (${id})`).sort(),
		);
		const winter = await search('winter 2021');
		expect(winter.results).toEqual([
			{
				name: `${TUTORIAL_NEW_AUDIENCE_NAME} (${TUTORIAL_NEW_AUDIENCE_ID})`,
				value: TUTORIAL_NEW_AUDIENCE_ID,
				description: expect.stringContaining(TUTORIAL_NEW_AUDIENCE_ID),
			},
		]);
		expect(winter.paginationToken).toBeUndefined();
	});

	it('pages through every audience of the sandbox by following the token, sorted by name', async () => {
		const seen: string[] = [];
		const names: string[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const page = await search(undefined, token);
			seen.push(...page.results.map((r) => r.value as string));
			// Sorted by the name alone: the ID after it only tells equal names apart.
			names.push(...page.results.map((r) => r.name.slice(0, -` (${r.value})`.length)));
			token = page.paginationToken;
			pages++;
		} while (token);
		expect(pages).toBe(Math.ceil(PROD_AUDIENCE_COUNT / 50));
		expect(new Set(seen).size).toBe(PROD_AUDIENCE_COUNT);
		expect(names).toEqual(
			[...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
		);
		const requests = emulator.current.requests();
		expect(
			requests.every((r) => r.path.startsWith('/data/core/ups/audiences?limit=50&sort=name%3Aasc')),
		).toBe(true);
		expect(requests.every((r) => r.headers['x-sandbox-name'] === 'prod')).toBe(true);
	});

	it("lists the credential's sandbox only", async () => {
		const dev = await search(undefined, undefined, 'dev');
		expect(dev.results.map((r) => r.value).sort()).toEqual([DEV_ONLY_AUDIENCE_ID, A0].sort());
	});

	it('a picked audience is added and picked ones are removed, as stored by the emulator', async () => {
		const added = await emulator.run({
			operation: 'addAudiences',
			flowId: byId(TUTORIAL_FLOW_ID),
			audiences: { audience: [{ id: picked(TUTORIAL_NEW_AUDIENCE_ID) }] },
		});
		expect(added.status).toBe('success');
		expect(audiences(TUTORIAL_FLOW_ID)).toEqual([A0, A1, A2, A3, TUTORIAL_NEW_AUDIENCE_ID]);

		const removed = await emulator.run({
			operation: 'removeAudiences',
			flowId: byId(TUTORIAL_FLOW_ID),
			audienceKeys: A1,
			pickedAudiences: {
				audience: [{ id: picked(TUTORIAL_NEW_AUDIENCE_ID) }, { id: picked(A3) }],
			},
		});
		expect(removed.status).toBe('success');
		expect(audiences(TUTORIAL_FLOW_ID)).toEqual([A0, A2]);
	});
});
