import type { FlowDocument } from '@node/model/types';
import {
	audienceExport,
	indexesOf,
	isLive,
	planReplaceAudience,
} from '@node/planner/audienceDataflows';
import {
	CONNECTION_SPECS,
	TUTORIAL_FLOW_ID,
	TUTORIAL_FLOW_NAME,
} from '../../../emulator/fixtures/ids';
import {
	applyOperations,
	audienceIds,
	audienceSelectors,
	expectInputError,
	inlineFlow,
	INLINE_FLOW_ID,
	tutorialFlow,
} from '../fixtures';
import { A0, A1, A2, A3, NEW_1, SELECTORS, storedDailyAudience } from './audienceFixtures';

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

describe('planReplaceAudience: one audience swapped for another, keeping the export settings', () => {
	const selectors = (flow: FlowDocument) => audienceSelectors(flow);

	it('removes the audience and appends the replacement with its settings, without Adobe’s own fields', () => {
		const flow = tutorialFlow();
		const before = selectors(flow)[1];

		const plan = planReplaceAudience(A1, { id: NEW_1, name: 'Winter' }, 'audienceId')(flow);

		const { createTime, updateTime, id, name, ...settings } = before.value;
		expect([createTime, updateTime, id, name].every((v) => v !== undefined)).toBe(true);
		expect(plan).toEqual({
			operations: [
				{
					op: 'remove',
					path: `${SELECTORS}/1`,
					value: { type: 'PLATFORM_SEGMENT', value: { id: A1 } },
				},
				{
					op: 'add',
					path: `${SELECTORS}/-`,
					value: { type: before.type, value: { id: NEW_1, name: 'Winter', ...settings } },
				},
			],
			skipped: [],
		});
		expect(audienceIds(applyOperations(flow, plan.operations))).toEqual([A0, A2, A3, NEW_1]);
	});

	it('a dataflow already exporting the replacement keeps its settings for it and only loses the audience', () => {
		const flow = tutorialFlow();
		const kept = selectors(flow)[2];

		const plan = planReplaceAudience(
			A1.toUpperCase(),
			{ id: A2.toUpperCase() },
			'audienceId',
		)(flow);

		expect(plan.skipped).toEqual([
			{ target: `audience ${A2.toUpperCase()}`, reason: 'already on the dataflow' },
		]);
		const after = applyOperations(flow, plan.operations);
		expect(audienceIds(after)).toEqual([A0, A2, A3]);
		expect(audienceSelectors(after)[1]).toEqual(kept);
	});

	it('every copy of the audience goes, the replacement comes once with the first copy’s settings', () => {
		const flow = inlineFlow({
			segmentSelectors: {
				selectors: [
					storedDailyAudience(A3, { filenameTemplate: 'first' }),
					storedDailyAudience(A0),
					storedDailyAudience(A3, { filenameTemplate: 'second' }),
				],
			},
		});

		const after = applyOperations(
			flow,
			planReplaceAudience(A3, { id: NEW_1 }, 'audienceId')(flow).operations,
		);

		expect(audienceSelectors(after).map((s) => [s.value.id, s.value.filenameTemplate])).toEqual([
			[A0, undefined],
			[NEW_1, 'first'],
		]);
	});

	it('leaves a dataflow without the audience as it is, and refuses one that is no destination dataflow', () => {
		expect(planReplaceAudience(NEW_1, { id: A0 }, 'audienceId')(tutorialFlow())).toEqual({
			operations: [],
			skipped: [{ target: `audience ${NEW_1}`, reason: 'not on the dataflow' }],
		});
		expectInputError(
			() => planReplaceAudience(A0, { id: NEW_1 }, 'audienceId')({ id: 'x', etag: '"e"' }),
			'audienceId',
			/no GeneralTransform/,
		);
	});
});
