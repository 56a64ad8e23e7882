import {
	DISABLED_FLOW_ID,
	LAPSED_BUYERS_AUDIENCE_ID,
	SHARED_AUDIENCE_ID,
	STREAMING_AUDIENCE_IDS,
	STREAMING_FLOW_ID,
	TUTORIAL_FLOW_ETAG,
	TUTORIAL_FLOW_ID,
	TUTORIAL_NEW_AUDIENCE_ID,
} from '../../emulator/fixtures/ids';
import { byId, outputJson } from '../workflow-mocked/setup';
import { A0, A1, A2, A3, calls, storedSelectors, useEmulator, NEW_AUDIENCE_ENTRY } from './setup';

const emulator = useEmulator({ slowWorkflows: true });

const selectors = (flowId: string) => storedSelectors(emulator.current, flowId);

function sync(flowId: string, parameters: Record<string, unknown>) {
	return emulator.run({ operation: 'syncAudiences', flowId: byId(flowId), ...parameters });
}

const LIST = [
	{
		id: A2,
		exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
		frequency: 'EVERY_12_HOURS',
		startDate: '2021-12-23',
		endDate: '2021-12-31',
		startTime: '20:00',
	},
	NEW_AUDIENCE_ENTRY,
	{ id: A0 },
];

describe('Sync Audiences against the emulator', () => {
	it('leaves the flow exporting exactly the list, replaced selectors keeping Adobe-managed times; a second run writes nothing', async () => {
		const before = selectors(TUTORIAL_FLOW_ID);

		const first = await sync(TUTORIAL_FLOW_ID, { audiences: { audience: LIST } });

		expect(first.status).toBe('success');
		expect(selectors(TUTORIAL_FLOW_ID).map((s) => s.value.id)).toEqual([
			A0,
			A2,
			TUTORIAL_NEW_AUDIENCE_ID,
		]);
		const [a0, a2, added] = selectors(TUTORIAL_FLOW_ID);
		expect(a0).toEqual(before[0]);
		expect(a2.value).toMatchObject({
			name: 'GCM_E2E_PersonId_Test',
			schedule: { frequency: 'EVERY_12_HOURS' },
			createTime: before[2].value.createTime,
		});
		expect(a2.value.updateTime).not.toBe(before[2].value.updateTime);
		expect(added.value).toMatchObject({
			name: 'Winter 2021/2022 campaign',
			exportMode: 'DAILY_FULL_EXPORT',
			schedule: { frequency: 'ONCE', startDate: '2022-01-05', startTime: '16:00' },
		});
		expect(outputJson(first)[0]).toMatchObject({
			added: [TUTORIAL_NEW_AUDIENCE_ID],
			removed: [A3, A1],
			updated: [A2],
			unchanged: [A0],
		});
		expect(calls(emulator.current)).toEqual([
			`GET /flows/${TUTORIAL_FLOW_ID}`,
			`PATCH /flows/${TUTORIAL_FLOW_ID}`,
		]);
		expect(emulator.current.requests()[1].headers['if-match']).toBe(TUTORIAL_FLOW_ETAG);

		emulator.current.clearRequests();
		const etag = emulator.current.getFlow(TUTORIAL_FLOW_ID)!.etag;
		const second = await sync(TUTORIAL_FLOW_ID, { audiences: { audience: LIST } });

		expect(outputJson(second)[0]).toMatchObject({
			changed: false,
			operations: [],
			added: [],
			removed: [],
			updated: [],
			unchanged: [A2, TUTORIAL_NEW_AUDIENCE_ID, A0],
		});
		expect(calls(emulator.current)).toEqual([`GET /flows/${TUTORIAL_FLOW_ID}`]);
		expect(emulator.current.getFlow(TUTORIAL_FLOW_ID)!.etag).toBe(etag);
	});

	it('with Remove Audiences Not Listed off, adds and updates only', async () => {
		await sync(TUTORIAL_FLOW_ID, { audiences: { audience: LIST }, removeUnlisted: false });

		expect(selectors(TUTORIAL_FLOW_ID).map((s) => s.value.id)).toEqual([
			A0,
			A1,
			A2,
			A3,
			TUTORIAL_NEW_AUDIENCE_ID,
		]);
		expect(selectors(TUTORIAL_FLOW_ID)[2].value.schedule?.frequency).toBe('EVERY_12_HOURS');
	});

	it('empties a flow only on request, and dry run leaves it as it was', async () => {
		const refused = await sync(TUTORIAL_FLOW_ID, { audienceInput: 'json', audiencesJson: '[]' });
		expect(refused.status).toBe('error');
		expect(emulator.current.requests()).toEqual([]);

		const dry = await sync(TUTORIAL_FLOW_ID, {
			audienceInput: 'json',
			audiencesJson: '[]',
			options: { allowEmptyList: true, dryRun: true },
		});
		expect(outputJson(dry)[0]).toMatchObject({ dryRun: true, removed: [A3, A2, A1, A0] });
		expect(selectors(TUTORIAL_FLOW_ID)).toHaveLength(4);

		await sync(TUTORIAL_FLOW_ID, {
			audienceInput: 'json',
			audiencesJson: '[]',
			options: { allowEmptyList: true },
		});
		expect(selectors(TUTORIAL_FLOW_ID)).toEqual([]);
	});

	it('syncs a streaming flow (IDs only) and a batch flow whose AFTER_SEGMENT_EVAL audience stays as it is', async () => {
		const [S0, S1] = STREAMING_AUDIENCE_IDS;
		await sync(STREAMING_FLOW_ID, {
			audienceInput: 'json',
			audiencesJson: JSON.stringify([{ id: S1 }, { id: TUTORIAL_NEW_AUDIENCE_ID }]),
		});
		expect(selectors(STREAMING_FLOW_ID).map((s) => s.value)).toEqual([
			expect.objectContaining({ id: S1 }),
			expect.objectContaining({ id: TUTORIAL_NEW_AUDIENCE_ID }),
		]);
		expect(selectors(STREAMING_FLOW_ID).map((s) => s.value.id)).not.toContain(S0);

		const before = selectors(DISABLED_FLOW_ID);
		const result = await sync(DISABLED_FLOW_ID, {
			audiences: {
				audience: [
					{ id: SHARED_AUDIENCE_ID },
					{ id: LAPSED_BUYERS_AUDIENCE_ID, name: 'Lapsed buyers (12 months)' },
				],
			},
		});
		expect(outputJson(result)[0]).toMatchObject({
			unchanged: [SHARED_AUDIENCE_ID],
			updated: [LAPSED_BUYERS_AUDIENCE_ID],
		});
		expect(selectors(DISABLED_FLOW_ID)[0]).toEqual(before[0]);
		expect(selectors(DISABLED_FLOW_ID)[1].value).toEqual({
			...before[1].value,
			name: 'Lapsed buyers (12 months)',
			updateTime: expect.any(String),
		});
	});

	it('re-plans after another writer changed the flow, reaching the list all the same', async () => {
		emulator.current.injectFault({
			type: 'concurrentWrite',
			method: 'PATCH',
			path: `/data/foundation/flowservice/flows/${TUTORIAL_FLOW_ID}`,
		});

		const result = await sync(TUTORIAL_FLOW_ID, { audiences: { audience: LIST } });

		expect(outputJson(result)[0]).toMatchObject({ changed: true, conflictRetries: 1 });
		expect(selectors(TUTORIAL_FLOW_ID).map((s) => s.value.id)).toEqual([
			A0,
			A2,
			TUTORIAL_NEW_AUDIENCE_ID,
		]);
		expect(emulator.current.requests().map((r) => r.status)).toEqual([200, 412, 200, 200]);
	});

	it('bad input sends nothing at all', async () => {
		const result = await sync(TUTORIAL_FLOW_ID, {
			audiences: { audience: [{ id: A0 }, { id: A0.toUpperCase() }] },
		});

		expect(result.error?.message).toMatch(/^Audiences › Audience 2 › Audience: .* \(item 1\)$/);
		expect(emulator.current.requests()).toEqual([]);
	});
});
