import {
	DISABLED_FLOW_ID,
	PROFILE_MAPPING_AUDIENCE_ID,
	PROFILE_MAPPING_FLOW_ID,
	SHARED_AUDIENCE_ID,
	TUTORIAL_FLOW_ID,
} from '../../emulator/fixtures/ids';
import { byId, outputJson } from '../workflow-mocked/setup';
import { A0, A1, A2, A3, calls, storedSelectors, useEmulator } from './setup';

const emulator = useEmulator({ slowWorkflows: true });

function values(flowId: string) {
	return storedSelectors(emulator.current, flowId).map((s) => s.value);
}

function update(flowId: string, parameters: Record<string, unknown>) {
	return emulator.run({
		operation: 'updateAudienceExportSettings',
		flowId: byId(flowId),
		...parameters,
	});
}

describe('Update Audience Export Settings against the emulator', () => {
	it('stores the merged selectors: changed settings new, the rest and createTime as they were, order unchanged', async () => {
		const before = values(TUTORIAL_FLOW_ID);

		const result = await update(TUTORIAL_FLOW_ID, {
			audienceSettings: {
				audience: [
					{ id: A1, frequency: 'ONCE', removeFields: ['endDate'] },
					{ id: A3, frequency: 'EVERY_3_HOURS', startTime: '02:00', name: 'GCM batch (3h)' },
				],
			},
		});

		expect(result.status).toBe('success');
		const after = values(TUTORIAL_FLOW_ID);
		expect(after.map((v) => v.id)).toEqual([A0, A1, A2, A3]);
		expect(after[0]).toEqual(before[0]);
		expect(after[2]).toEqual(before[2]);
		expect(after[1]).toEqual({
			...before[1],
			schedule: { startDate: '2021-12-23', frequency: 'ONCE', startTime: '20:00' },
			updateTime: expect.any(String),
		});
		expect(after[3]).toEqual({
			...before[3],
			name: 'GCM batch (3h)',
			schedule: {
				startDate: '2021-12-23',
				frequency: 'EVERY_3_HOURS',
				endDate: '2021-12-30',
				startTime: '02:00',
			},
			updateTime: expect.any(String),
		});
		expect(after[1].updateTime).not.toBe(before[1].updateTime);
		expect(calls(emulator.current)).toEqual([
			`GET /flows/${TUTORIAL_FLOW_ID}`,
			`PATCH /flows/${TUTORIAL_FLOW_ID}`,
		]);
	});

	it('running the same change again sends no PATCH', async () => {
		const change = { audienceSettings: { audience: [{ id: A2, frequency: 'EVERY_8_HOURS' }] } };
		await update(TUTORIAL_FLOW_ID, change);
		emulator.current.clearRequests();

		const again = await update(TUTORIAL_FLOW_ID, change);

		expect(outputJson(again)[0]).toMatchObject({
			changed: false,
			skipped: [{ target: `audience ${A2}`, reason: 'already has these settings' }],
		});
		expect(calls(emulator.current)).toEqual([`GET /flows/${TUTORIAL_FLOW_ID}`]);
	});

	it('switches an AFTER_SEGMENT_EVAL export to a scheduled one, and keeps the SCHEDULED trigger Adobe stores on an incremental one', async () => {
		await update(DISABLED_FLOW_ID, {
			audienceSettings: {
				audience: [{ id: SHARED_AUDIENCE_ID, triggerType: 'SCHEDULED', startTime: '08:00' }],
			},
		});
		expect(values(DISABLED_FLOW_ID)[0].schedule).toEqual({
			startDate: '2022-08-20',
			frequency: 'DAILY',
			triggerType: 'SCHEDULED',
			endDate: '2022-12-31',
			startTime: '08:00',
		});

		const before = values(PROFILE_MAPPING_FLOW_ID)[0];
		await update(PROFILE_MAPPING_FLOW_ID, {
			audienceSettings: {
				audience: [
					{ id: PROFILE_MAPPING_AUDIENCE_ID, filenameTemplate: '%DESTINATION%_%SEGMENT_ID%' },
				],
			},
		});
		expect(values(PROFILE_MAPPING_FLOW_ID)[0]).toEqual({
			...before,
			filenameTemplate: '%DESTINATION%_%SEGMENT_ID%',
			updateTime: expect.any(String),
		});
	});

	it('leaves the flow untouched when a change does not fit, and says which current value is in the way', async () => {
		const before = emulator.current.getFlow(TUTORIAL_FLOW_ID);

		const result = await update(TUTORIAL_FLOW_ID, {
			audienceSettings: {
				audience: [{ id: A2, exportMode: 'DAILY_FULL_EXPORT', frequency: 'ONCE' }],
			},
		});

		expect(result.error?.message).toContain(
			"(the dataflow's current endDate: set another value or remove it) (item 1)",
		);
		expect(result.error?.message).toMatch(/^Audiences › Audience 1 › End Date: /);
		expect(emulator.current.getFlow(TUTORIAL_FLOW_ID)).toEqual(before);
		expect(calls(emulator.current)).toEqual([`GET /flows/${TUTORIAL_FLOW_ID}`]);
	});
});
