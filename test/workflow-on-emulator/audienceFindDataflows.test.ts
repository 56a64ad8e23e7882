import {
	BULK_DISABLED_EVERY,
	BULK_SOURCES_EVERY,
	CONNECTION_SPECS,
	DISABLED_FLOW_ID,
	SHARED_AUDIENCE_BULK_COUNT,
	SHARED_AUDIENCE_FLOW_COUNT,
	SHARED_AUDIENCE_ID,
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_FLOW_ID,
	TUTORIAL_FLOW_NAME,
	bulkFlowId,
} from '../../emulator/fixtures/ids';
import { NODE_NAME, byId, outputJson, runNode } from '../workflow-mocked/setup';
import { calls, tokenCredential, useEmulator } from './setup';

const emulator = useEmulator({ slowWorkflows: true });

const AUDIENCE_FILTER = 'transformations[].params.segmentSelectors.selectors[].value.id';

function find(audienceId: string, more: Record<string, unknown> = {}) {
	return runNode(
		{ resource: 'audience', operation: 'findDataflows', audienceId: byId(audienceId), ...more },
		{ credential: tokenCredential(emulator.current), node: { typeVersion: 2 } },
	);
}

/** The Flow Service listing the operation sent, its query decoded. */
function listing(): { path: string; property: string[]; limit: string | null } {
	const [first] = emulator.current.requests();
	const url = new URL(first.path, 'http://emulator');
	return {
		path: url.pathname,
		property: url.searchParams.getAll('property'),
		limit: url.searchParams.get('limit'),
	};
}

describe('Audience › Find Dataflows on the emulator', () => {
	it('lists every dataflow exporting the audience with one filtered listing, one item each', async () => {
		const result = await find(SHARED_AUDIENCE_ID);

		expect(result.status).toBe('success');
		const rows = outputJson(result);
		// The disabled flow and the bulk destination flows 1..12 but 10 (a sources flow).
		const bulk = Array.from({ length: SHARED_AUDIENCE_BULK_COUNT }, (_, i) => i + 1).filter(
			(n) => n % BULK_SOURCES_EVERY !== 0,
		);
		expect(rows).toHaveLength(SHARED_AUDIENCE_FLOW_COUNT);
		expect(new Set(rows.map((row) => row.dataflowId))).toEqual(
			new Set([DISABLED_FLOW_ID, ...bulk.map(bulkFlowId)]),
		);
		expect(listing()).toEqual({
			path: '/data/foundation/flowservice/flows',
			property: [
				'inheritedAttributes.properties.isDestinationFlow==true',
				`${AUDIENCE_FILTER}==${SHARED_AUDIENCE_ID}`,
			],
			limit: '100',
		});
		// One listing page, then one lookup naming the destinations of all the rows.
		expect(calls(emulator.current).map((call) => call.split('?')[0])).toEqual([
			'GET /flows',
			'GET /connectionSpecs',
		]);
		expect(result.output(NODE_NAME).map((item) => item.pairedItem)).toEqual(
			rows.map(() => ({ item: 0 })),
		);
	});

	it('tells each export: its settings, destination, and whether it is live', async () => {
		const rows = outputJson(await find(SHARED_AUDIENCE_ID));
		const byFlow = new Map(rows.map((row) => [row.dataflowId, row]));

		// Bulk flow 2: enabled, a daily full export without end (n + 0 even).
		expect(byFlow.get(bulkFlowId(2))).toEqual({
			audienceId: SHARED_AUDIENCE_ID,
			audienceName: 'Bulk audience 002-0',
			dataflowId: bulkFlowId(2),
			dataflowName: 'Bulk Azure Blob export 002',
			state: 'enabled',
			destinationId: CONNECTION_SPECS.azureBlob,
			destinationName: 'Azure Blob Storage',
			exportMode: 'DAILY_FULL_EXPORT',
			frequency: 'DAILY',
			startDate: '2023-07-22',
			startTime: '02:00',
			endDate: null,
			live: true,
		});
		// Bulk flow 1: enabled, but its incremental export ended on 2024-07-22.
		expect(byFlow.get(bulkFlowId(1))).toMatchObject({
			state: 'enabled',
			frequency: 'EVERY_6_HOURS',
			endDate: '2024-07-22',
			live: false,
		});
		// Bulk flow 4: a daily export without end, but the dataflow is disabled.
		expect(BULK_DISABLED_EVERY).toBe(4);
		expect(byFlow.get(bulkFlowId(4))).toMatchObject({
			state: 'disabled',
			endDate: null,
			live: false,
		});
	});

	it('gives no item for an audience no dataflow exports, after the one listing', async () => {
		const result = await find('00000000-0000-4000-8000-000000000000');

		expect(result.status).toBe('success');
		expect(outputJson(result)).toEqual([]);
		expect(calls(emulator.current).map((call) => call.split('?')[0])).toEqual(['GET /flows']);
	});

	it('without Simplify, each item also carries the whole dataflow', async () => {
		const [row] = outputJson(await find(TUTORIAL_AUDIENCE_IDS[0], { simplify: false }));

		expect(row).toMatchObject({ dataflowId: TUTORIAL_FLOW_ID, dataflowName: TUTORIAL_FLOW_NAME });
		expect((row.dataflow as { id: string; etag: string }).id).toBe(TUTORIAL_FLOW_ID);
		expect(row.dataflow).toEqual(
			expect.objectContaining({ transformations: expect.any(Array), etag: expect.any(String) }),
		);
	});

	it('refuses an audience that is no ID, naming the field and the item, before any request', async () => {
		const result = await runNode(
			{
				resource: 'audience',
				operation: 'findDataflows',
				audienceId: { __rl: true, mode: 'list', value: 'Lapsed buyers' },
			},
			{ credential: tokenCredential(emulator.current), node: { typeVersion: 2 } },
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Audience: .*Lapsed buyers.* \(item 1\)$/);
		expect(emulator.current.requests()).toEqual([]);
	});
});
