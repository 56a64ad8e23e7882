import {
	DISABLED_FLOW_ID,
	LAPSED_BUYERS_AUDIENCE_ID,
	SHARED_AUDIENCE_ID,
	TUTORIAL_NEW_AUDIENCE_ID,
	TUTORIAL_NEW_AUDIENCE_NAME,
	bulkFlowId,
} from '../../emulator/fixtures/ids';
import { NODE_NAME, outputJson } from '../workflow-mocked/setup';
import {
	SHARED_FLOW_IDS,
	audienceListing,
	queryOf,
	runAudience,
	sentPatches,
} from './audienceResource';
import { storedSelectors, useEmulator, type StoredSelector } from './setup';

const emulator = useEmulator({ slowWorkflows: true });

const BULK_GET = 'POST /data/core/ups/segment/definitions/bulk-get';
const UNKNOWN_AUDIENCE = '00000000-0000-4000-8000-0000000000ff';

const replaceOnAll = (replacementId: string, more: Record<string, unknown> = {}) =>
	runAudience(emulator.current, 'replaceOnAll', SHARED_AUDIENCE_ID, {
		replacementAudienceId: { __rl: true, mode: 'id', value: replacementId },
		...more,
	});

const selectorsOf = (flowId: string) => storedSelectors(emulator.current, flowId);
const find = (flowId: string, audienceId: string) =>
	selectorsOf(flowId).find((s) => s.value.id === audienceId);
/** What a selector exports, without what belongs to the audience or what Adobe writes. */
const settingsOf = ({ value }: StoredSelector) => {
	const { id, name, createTime, updateTime, ...settings } = value;
	void [id, name, createTime, updateTime];
	return settings;
};
const methodsAndPaths = () =>
	emulator.current.requests().map((r) => `${r.method} ${r.path.split('?')[0]}`);

describe('Audience › Replace On All Dataflows on the emulator', () => {
	it('checks the replacement exists, lists once, and swaps it in on every dataflow with the same settings', async () => {
		const before = new Map(
			SHARED_FLOW_IDS.map((id) => [
				id,
				{ etag: emulator.current.getFlow(id)!.etag, selectors: selectorsOf(id) },
			]),
		);

		const result = await replaceOnAll(TUTORIAL_NEW_AUDIENCE_ID);

		expect(result.status).toBe('success');
		const requests = emulator.current.requests();
		expect(methodsAndPaths().slice(0, 2)).toEqual([
			BULK_GET,
			'GET /data/foundation/flowservice/flows',
		]);
		expect(requests[0].body).toEqual({ ids: [{ id: TUTORIAL_NEW_AUDIENCE_ID }] });
		expect(queryOf(requests[1].path)).toEqual(audienceListing(SHARED_AUDIENCE_ID));
		const patches = sentPatches(emulator.current);
		expect(patches).toHaveLength(SHARED_FLOW_IDS.length);
		expect(requests).toHaveLength(2 + SHARED_FLOW_IDS.length);
		for (const patch of patches) {
			const { etag, selectors } = before.get(patch.flowId)!;
			const index = selectors.findIndex((s) => s.value.id === SHARED_AUDIENCE_ID);
			const old = selectors[index];
			expect(patch).toEqual({
				flowId: patch.flowId,
				ifMatch: etag,
				body: [
					{
						op: 'remove',
						path: `/transformations/0/params/segmentSelectors/selectors/${index}`,
						value: { type: 'PLATFORM_SEGMENT', value: { id: SHARED_AUDIENCE_ID } },
					},
					{
						op: 'add',
						path: '/transformations/0/params/segmentSelectors/selectors/-',
						value: {
							type: old.type,
							value: {
								id: TUTORIAL_NEW_AUDIENCE_ID,
								name: TUTORIAL_NEW_AUDIENCE_NAME,
								...settingsOf(old),
							},
						},
					},
				],
				status: 200,
			});
			// The other audiences are untouched; the replacement exports as the audience did.
			expect(selectorsOf(patch.flowId).slice(0, -1)).toEqual(
				selectors.filter((s) => s.value.id !== SHARED_AUDIENCE_ID),
			);
			const added = find(patch.flowId, TUTORIAL_NEW_AUDIENCE_ID)!;
			expect(settingsOf(added)).toEqual(settingsOf(old));
			expect(added.value.name).toBe(TUTORIAL_NEW_AUDIENCE_NAME);
		}

		const reports = outputJson(result);
		expect(reports).toHaveLength(SHARED_FLOW_IDS.length);
		expect(result.output(NODE_NAME).map((item) => item.pairedItem)).toEqual(
			reports.map(() => ({ item: 0 })),
		);
		expect(reports.find((r) => r.flowId === bulkFlowId(2))).toMatchObject({
			summary: `Bulk Azure Blob export 002: Added 1 audience (${TUTORIAL_NEW_AUDIENCE_NAME}), removed 1 audience (Bulk audience 002-0)`,
			changed: true,
			audienceId: SHARED_AUDIENCE_ID,
			replacementAudienceId: TUTORIAL_NEW_AUDIENCE_ID,
			replacementAudienceName: TUTORIAL_NEW_AUDIENCE_NAME,
			dataflowName: 'Bulk Azure Blob export 002',
		});
	});

	it('a dataflow already exporting the replacement keeps its own settings for it and only loses the audience', async () => {
		const disabledBefore = selectorsOf(DISABLED_FLOW_ID);
		const lapsed = find(DISABLED_FLOW_ID, LAPSED_BUYERS_AUDIENCE_ID)!;

		const result = await replaceOnAll(LAPSED_BUYERS_AUDIENCE_ID);

		const patch = sentPatches(emulator.current).find((p) => p.flowId === DISABLED_FLOW_ID)!;
		expect(patch.body).toEqual([
			{
				op: 'remove',
				path: `/transformations/0/params/segmentSelectors/selectors/${disabledBefore.indexOf(
					disabledBefore.find((s) => s.value.id === SHARED_AUDIENCE_ID)!,
				)}`,
				value: { type: 'PLATFORM_SEGMENT', value: { id: SHARED_AUDIENCE_ID } },
			},
		]);
		expect(selectorsOf(DISABLED_FLOW_ID)).toEqual(
			disabledBefore.filter((s) => s.value.id !== SHARED_AUDIENCE_ID),
		);
		expect(find(DISABLED_FLOW_ID, LAPSED_BUYERS_AUDIENCE_ID)).toEqual(lapsed);
		expect(outputJson(result).find((r) => r.flowId === DISABLED_FLOW_ID)).toMatchObject({
			changed: true,
			removed: [{ id: SHARED_AUDIENCE_ID }],
			added: [],
			skipped: [
				expect.objectContaining({
					id: LAPSED_BUYERS_AUDIENCE_ID,
					reason: 'already on the dataflow',
				}),
			],
		});
		// The bulk dataflows did not export it: they get it with their settings of the audience.
		expect(find(bulkFlowId(1), LAPSED_BUYERS_AUDIENCE_ID)).toBeDefined();
		expect(find(bulkFlowId(1), SHARED_AUDIENCE_ID)).toBeUndefined();
	});

	it('refuses a replacement the sandbox does not have, after the lookup and before anything else', async () => {
		const result = await replaceOnAll(UNKNOWN_AUDIENCE);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			`Replace With: ${UNKNOWN_AUDIENCE} does not exist in the sandbox (item 1)`,
		);
		expect(methodsAndPaths()).toEqual([BULK_GET]);
		expect(find(bulkFlowId(1), SHARED_AUDIENCE_ID)).toBeDefined();
	});

	it('refuses the audience itself as its replacement, before any request', async () => {
		const result = await replaceOnAll(SHARED_AUDIENCE_ID.toUpperCase());

		expect(result.error?.message).toMatch(/^Replace With: .*choose another audience \(item 1\)$/);
		expect(emulator.current.requests()).toEqual([]);
	});

	it('Dry Run checks the replacement and lists, and changes nothing', async () => {
		const result = await replaceOnAll(TUTORIAL_NEW_AUDIENCE_ID, { options: { dryRun: true } });

		expect(methodsAndPaths()).toEqual([BULK_GET, 'GET /data/foundation/flowservice/flows']);
		const reports = outputJson(result);
		expect(reports).toHaveLength(SHARED_FLOW_IDS.length);
		for (const report of reports) {
			expect(report.summary).toMatch(
				/^.+: Would add 1 audience \(Winter 2021\/2022 campaign\), remove 1 audience \(.+\)$/,
			);
		}
		expect(find(bulkFlowId(1), SHARED_AUDIENCE_ID)).toBeDefined();
		expect(find(bulkFlowId(1), TUTORIAL_NEW_AUDIENCE_ID)).toBeUndefined();
	});
});
