import { audienceExport, indexesOf, isLive } from '@node/planner/audienceDataflows';
import {
	CONNECTION_SPECS,
	TUTORIAL_FLOW_ID,
	TUTORIAL_FLOW_NAME,
} from '../../../emulator/fixtures/ids';
import { inlineFlow, INLINE_FLOW_ID, tutorialFlow } from '../fixtures';
import { A0, A1, A3, NEW_1, storedDailyAudience } from './audienceFixtures';

const TODAY = '2026-03-10';

describe('isLive: enabled and its end date not reached', () => {
	it.each([
		['enabled', null, true],
		['enabled', '2026-03-11', true],
		// The end date is the first day no longer exported.
		['enabled', '2026-03-10', false],
		['enabled', '2025-12-31', false],
		['disabled', null, false],
		['disabled', '2027-01-01', false],
		[null, null, false],
		// An end date that is no date cannot end anything.
		['enabled', 'soon', true],
	])('state %s, end %s: %s', (state, endDate, live) => {
		expect(isLive(state, endDate, TODAY)).toBe(live);
	});
});

describe('audienceExport: how one dataflow exports the audience', () => {
	it('reads the settings of the audience on the tutorial flow, its ID compared without case', () => {
		expect(audienceExport(tutorialFlow(), A1.toUpperCase(), TODAY, 'Adobe Campaign')).toEqual({
			audienceId: A1,
			audienceName: 'Birth year 1970',
			dataflowId: TUTORIAL_FLOW_ID,
			dataflowName: TUTORIAL_FLOW_NAME,
			state: 'enabled',
			destinationId: CONNECTION_SPECS.adobeCampaign,
			destinationName: 'Adobe Campaign',
			exportMode: 'DAILY_FULL_EXPORT',
			frequency: 'DAILY',
			startDate: '2021-12-23',
			startTime: '20:00',
			endDate: '2021-12-31',
			// Enabled, but its export ended at the end of 2021.
			live: false,
		});
	});

	it('is undefined for a flow that does not export the audience', () => {
		expect(audienceExport(tutorialFlow(), NEW_1, TODAY)).toBeUndefined();
		expect(audienceExport(inlineFlow(undefined), A0, TODAY)).toBeUndefined();
		expect(audienceExport({ id: 'x', etag: '"e"' }, A0, TODAY)).toBeUndefined();
	});

	it('reads the first copy of an audience a raw patch left twice, and tells an ended export', () => {
		const flow = inlineFlow(
			{
				segmentSelectors: {
					selectors: [
						storedDailyAudience(A3, {
							name: 'First',
							schedule: { frequency: 'DAILY', endDate: '2026-03-01' },
						}),
						storedDailyAudience(A3, { name: 'Second' }),
					],
				},
			},
			{ state: 'enabled', name: 'Inline' },
		);
		expect(indexesOf(flow, A3)).toEqual([0, 1]);
		expect(audienceExport(flow, A3, TODAY)).toEqual({
			audienceId: A3,
			audienceName: 'First',
			dataflowId: INLINE_FLOW_ID,
			dataflowName: 'Inline',
			state: 'enabled',
			destinationId: null,
			destinationName: null,
			exportMode: 'DAILY_FULL_EXPORT',
			frequency: 'DAILY',
			startDate: null,
			startTime: null,
			endDate: '2026-03-01',
			live: false,
		});
	});
});
