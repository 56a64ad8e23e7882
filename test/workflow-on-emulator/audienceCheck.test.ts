import type { INodeExecutionData } from 'n8n-workflow';

import {
	TUTORIAL_FLOW_ID,
	TUTORIAL_NEW_AUDIENCE_ID,
	TUTORIAL_NEW_AUDIENCE_NAME,
} from '../../emulator/fixtures/ids';
import { byId, runNode } from '../workflow-mocked/setup';
import { A0, A1, A2, A3, calls, storedAudienceIds, tokenCredential, useEmulator } from './setup';

const emulator = useEmulator({ slowWorkflows: true });
const UNKNOWN = '11111111-2222-4333-8444-555555555555';
const BULK_GET = 'POST /data/core/ups/segment/definitions/bulk-get';
const FLOW = `/flows/${TUTORIAL_FLOW_ID}`;
const picked = (value: string) => ({ __rl: true, mode: 'list', value });

function add(
	audience: Array<Record<string, unknown>>,
	{ typeVersion = 2, options = {} }: { typeVersion?: number; options?: object } = {},
	triggerItems?: INodeExecutionData[],
) {
	return runNode(
		{
			operation: 'addAudiences',
			flowId: byId(TUTORIAL_FLOW_ID),
			audiences: { audience },
			options,
		},
		{ credential: tokenCredential(emulator.current), node: { typeVersion }, triggerItems },
	);
}

const bulkGetBodies = () =>
	emulator.current
		.requests()
		.filter((request) => `${request.method} ${request.path}` === BULK_GET)
		.map((request) => request.body);

describe('Check Audiences Exist against the emulator', () => {
	it('version 2: looks the audience up first, fills its empty name, then reads and patches', async () => {
		const result = await add([{ id: picked(TUTORIAL_NEW_AUDIENCE_ID) }]);

		expect(result.status).toBe('success');
		expect(calls(emulator.current)).toEqual([BULK_GET, `GET ${FLOW}`, `PATCH ${FLOW}`]);
		expect(bulkGetBodies()).toEqual([{ ids: [{ id: TUTORIAL_NEW_AUDIENCE_ID }] }]);
		const stored = emulator.current.getFlow(TUTORIAL_FLOW_ID) as unknown as {
			transformations: Array<{
				params: {
					segmentSelectors: { selectors: Array<{ value: { id: string; name?: string } }> };
				};
			}>;
		};
		const added = stored.transformations[0].params.segmentSelectors.selectors.at(-1)!.value;
		expect(added).toMatchObject({ id: TUTORIAL_NEW_AUDIENCE_ID, name: TUTORIAL_NEW_AUDIENCE_NAME });
		const [json] = result.output('Flow Service Destination').map((item) => item.json);
		expect(json.summary).toBe(`Added 1 audience (${TUTORIAL_NEW_AUDIENCE_NAME})`);
	});

	it('an unknown audience fails the item before anything else is sent, naming the field and item', async () => {
		const before = emulator.current.getFlow(TUTORIAL_FLOW_ID);

		const result = await add([{ id: picked(TUTORIAL_NEW_AUDIENCE_ID) }, { id: byId(UNKNOWN) }]);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			`Audiences › Audience 2 › Audience: ${UNKNOWN} does not exist in the sandbox (item 1)`,
		);
		expect(result.error?.description).toContain(
			'Parameter "audiences.audience[1].id", item index 0.',
		);
		expect(calls(emulator.current)).toEqual([BULK_GET]);
		expect(emulator.current.getFlow(TUTORIAL_FLOW_ID)).toEqual(before);
	});

	it('a wrong-format ID is refused before the lookup (typed, n8n flags it in the editor already)', async () => {
		const result = await add([{ id: byId('={{ "not-an-id" }}') }]);

		expect(result.error?.message).toContain('is not an audience ID');
		expect(emulator.current.requests()).toEqual([]);
	});

	it('one lookup per run for every item and each ID once, however many items name it', async () => {
		const items = [A0, TUTORIAL_NEW_AUDIENCE_ID, A0].map((id) => ({ json: { id } }));

		const result = await add([{ id: byId('={{ $json.id }}') }], {}, items);

		expect(result.status).toBe('success');
		expect(bulkGetBodies()).toEqual([{ ids: [{ id: A0 }, { id: TUTORIAL_NEW_AUDIENCE_ID }] }]);
		expect(calls(emulator.current).filter((call) => call === BULK_GET)).toHaveLength(1);
	});

	it('is off when the option is off, and in version 1 unless the user adds it', async () => {
		await add([{ id: byId(UNKNOWN) }], { options: { checkAudiencesExist: false } });
		await add([{ id: byId(A1) }], { typeVersion: 1 });
		expect(calls(emulator.current).filter((call) => call === BULK_GET)).toEqual([]);

		emulator.current.reset();
		const v1 = await add([{ id: byId(UNKNOWN) }], {
			typeVersion: 1,
			options: { checkAudiencesExist: true },
		});
		expect(v1.error?.message).toContain('does not exist in the sandbox');
		expect(calls(emulator.current)).toEqual([BULK_GET]);
	});

	it('Sync Audiences and Update Audience Export Settings check the audiences they name', async () => {
		const sync = await runNode(
			{
				operation: 'syncAudiences',
				flowId: byId(TUTORIAL_FLOW_ID),
				audiences: { audience: [A0, A1, A2, A3, UNKNOWN].map((id) => ({ id: byId(id) })) },
			},
			{ credential: tokenCredential(emulator.current), node: { typeVersion: 2 } },
		);
		const settings = await runNode(
			{
				operation: 'updateAudienceExportSettings',
				flowId: byId(TUTORIAL_FLOW_ID),
				audienceSettings: { audience: [{ id: byId(UNKNOWN), name: 'x' }] },
			},
			{ credential: tokenCredential(emulator.current), node: { typeVersion: 2 } },
		);

		expect(sync.error?.message).toBe(
			`Audiences › Audience 5 › Audience: ${UNKNOWN} does not exist in the sandbox (item 1)`,
		);
		expect(settings.error?.message).toMatch(
			new RegExp(`^Audiences › Audience 1 › Audience: ${UNKNOWN} does not exist in the sandbox`),
		);
		expect(calls(emulator.current)).toEqual([BULK_GET, BULK_GET]);
		expect(storedAudienceIds(emulator.current, TUTORIAL_FLOW_ID)).toEqual([A0, A1, A2, A3]);
	});
});
