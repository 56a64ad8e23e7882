import nock from 'nock';

import tutorialFlow from '../../emulator/fixtures/tutorial-flow.json';
import {
	FLOWS_PATH,
	NEW_ETAG,
	PLATFORM,
	adobeHeaders,
	outputJson,
	runNode,
	recordAdobe,
} from './setup';
import { FLOW_ID, SELECTORS, OTHER_ID, removeAt } from './tutorial';

const ids = ['0b0b0b0b-1111-4222-8333-444444444441', '0b0b0b0b-1111-4222-8333-444444444442'];
const batch = {
	exportMode: 'DAILY_FULL_EXPORT',
	frequency: 'DAILY',
	startDate: '2026-12-01',
	startTime: '06:00',
};
const mapped = (operation: string) => ({ operation, dataMode: 'autoMapInputData' });

function tutorialAudience(index: number): string {
	return tutorialFlow.transformations[0].params.segmentSelectors!.selectors[index].value.id;
}

describe('Map Input Fields Automatically: each item names its dataflow and audience', () => {
	const { requests, answer, readFlow, readThenPatch } = recordAdobe();

	it("adds: items of two flows become one read and one PATCH per flow, with each item's own settings", async () => {
		const other = { ...structuredClone(tutorialFlow), id: OTHER_ID, etag: '"other-etag"' };
		readThenPatch(FLOW_ID, { items: [tutorialFlow] })
			.get(`${FLOWS_PATH}/${OTHER_ID}`)
			.reply(answer(200, { items: [other] }))
			.patch(`${FLOWS_PATH}/${OTHER_ID}`)
			.reply(answer(200, { id: OTHER_ID, etag: '"other-2"' }));

		const result = await runNode(mapped('addAudiences'), {
			triggerItems: [
				{
					json: { flowId: FLOW_ID, audienceId: ids[0], name: 'Loyal', ...batch, owner: 'ignored' },
				},
				{
					json: {
						flowId: `https://experience.adobe.com/#/@acme/sname:prod/platform/destination/browse/dataflow/${OTHER_ID}`,
						audienceId: ids[1],
					},
				},
				{
					json: {
						flowId: FLOW_ID,
						audienceId: ids[1],
						...batch,
						frequency: 'ONCE',
						startTime: '08:00',
					},
				},
			],
		});

		const patches = requests.filter((r) => r.method === 'PATCH');
		expect(patches.map((r) => [r.path, r.headers['if-match']])).toEqual([
			[`${FLOWS_PATH}/${FLOW_ID}`, tutorialFlow.etag],
			[`${FLOWS_PATH}/${OTHER_ID}`, '"other-etag"'],
		]);
		expect(patches[0].headers).toMatchObject(adobeHeaders());
		const schedule = (frequency: string, startTime: string) => ({
			frequency,
			startDate: '2026-12-01',
			startTime,
		});
		expect(patches[0].body).toEqual([
			{
				op: 'add',
				path: `${SELECTORS}/-`,
				value: {
					type: 'PLATFORM_SEGMENT',
					value: {
						id: ids[0],
						name: 'Loyal',
						exportMode: 'DAILY_FULL_EXPORT',
						filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
						schedule: schedule('DAILY', '06:00'),
					},
				},
			},
			{
				op: 'add',
				path: `${SELECTORS}/-`,
				value: {
					type: 'PLATFORM_SEGMENT',
					value: {
						id: ids[1],
						exportMode: 'DAILY_FULL_EXPORT',
						filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
						schedule: schedule('ONCE', '08:00'),
					},
				},
			},
		]);
		expect(patches[1].body).toEqual([
			{
				op: 'add',
				path: `${SELECTORS}/-`,
				value: { type: 'PLATFORM_SEGMENT', value: { id: ids[1] } },
			},
		]);
		expect(requests).toHaveLength(4);
		expect(
			result
				.output('Flow Service Destination')
				.map((item) => [item.pairedItem, item.json.flowId, item.json.changed]),
		).toEqual([
			[{ item: 0 }, FLOW_ID, true],
			[{ item: 1 }, OTHER_ID, true],
			[{ item: 2 }, FLOW_ID, true],
		]);
	});

	it('removes: the audiences the items name, in one PATCH, each planned on the flow the earlier ones leave', async () => {
		readThenPatch(FLOW_ID, { items: [tutorialFlow] });

		await runNode(mapped('removeAudiences'), {
			triggerItems: [0, 2].map((index) => ({
				json: { flowId: FLOW_ID, audienceId: tutorialAudience(index) },
			})),
		});

		expect(requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
		expect(requests[1].body).toEqual([
			removeAt(0, tutorialAudience(0)),
			removeAt(1, tutorialAudience(2)),
		]);
	});

	it.each([
		['addAudiences', { audienceId: ids[0] }, 'Input field "flowId"', /has no flowId field/],
		[
			'addAudiences',
			{ flowId: '../x', audienceId: ids[0] },
			'Input field "flowId"',
			/not a dataflow ID/,
		],
		[
			'addAudiences',
			{ flowId: FLOW_ID, audienceId: 'not-a-uuid' },
			'Input field "audienceId"',
			/is not an audience ID/,
		],
		[
			'addAudiences',
			{ flowId: FLOW_ID, audienceId: ids[1], exportMode: 'DAILY_FULL_EXPORT' },
			'Input field "frequency"',
			/Frequency is required/,
		],
		[
			'addAudiences',
			{ flowId: FLOW_ID, audienceId: ids[1], ...batch, startDate: '2026-02-30' },
			'Input field "startDate"',
			/2026-02-30/,
		],
		['removeAudiences', { flowId: FLOW_ID }, 'Input field "audienceId"', /has no audienceId field/],
	])(
		'%s: a bad item %j stops the run before any request, naming the field and item',
		async (operation, json, where, message) => {
			const result = await runNode(mapped(operation), {
				triggerItems: [{ json: { flowId: FLOW_ID, audienceId: ids[0] } }, { json }],
			});

			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(new RegExp(`^${where}: .* \\(item 2\\)$`));
			expect(result.error?.message).toMatch(message);
			expect(requests).toEqual([]);
		},
	);

	it('remove with the Fail policy names the input field when the audience is not on the flow', async () => {
		readFlow(FLOW_ID, { items: [tutorialFlow] });

		const result = await runNode(
			{ ...mapped('removeAudiences'), ifMissing: 'error' },
			{ triggerItems: [{ json: { flowId: FLOW_ID, audienceId: ids[0] } }] },
		);

		expect(result.error?.message).toBe(
			`Input field "audienceId": Audience ${ids[0]} is not on dataflow ${FLOW_ID} (item 1)`,
		);
		expect(requests.map((r) => r.method)).toEqual(['GET']);
	});

	it.each(['addAudiences', 'removeAudiences'])(
		'%s: a dataflow that exports no audiences is blamed on the input field flowId',
		async (operation) => {
			nock(PLATFORM)
				.get(`${FLOWS_PATH}/${FLOW_ID}`)
				.reply(
					answer(200, {
						items: [{ ...structuredClone(tutorialFlow), transformations: [] }],
					}),
				);

			const result = await runNode(mapped(operation), {
				triggerItems: [{ json: { flowId: FLOW_ID, audienceId: ids[0] } }],
			});

			expect(result.error?.message).toMatch(
				/^Input field "flowId": .*has no GeneralTransform.*\(item 1\)$/,
			);
			expect(requests.map((r) => r.method)).toEqual(['GET']);
		},
	);

	it('continue on fail: the bad item becomes an error item and the good ones are sent', async () => {
		readThenPatch(FLOW_ID, { items: [tutorialFlow] });

		const result = await runNode(mapped('addAudiences'), {
			triggerItems: [
				{ json: { flowId: FLOW_ID, audienceId: ids[0] } },
				{ json: { flowId: 'a/b', audienceId: ids[1] } },
			],
			node: { onError: 'continueRegularOutput' },
		});

		expect(requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
		expect((requests[1].body as unknown[]).length).toBe(1);
		const [good, bad] = outputJson(result);
		expect(good).toMatchObject({ changed: true, etag: NEW_ETAG });
		expect(bad.error).toMatch(/^Input field "flowId": .* \(item 2\)$/);
	});
});
