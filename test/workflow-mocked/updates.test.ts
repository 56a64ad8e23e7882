import nock from 'nock';

import { HEAD_KEYS } from '@node/update/summary';
import { TUTORIAL_NEW_AUDIENCE_INPUT, TUTORIAL_NEW_AUDIENCE_SELECTOR } from '../unit/fixtures';
import {
	NEW_ETAG,
	PLATFORM,
	adobeHeaders,
	byId,
	flowServiceError,
	outputJson,
	runNode,
	recordAdobe,
} from './setup';
import {
	FLOW_ID,
	FLOW_PATH,
	ETAG,
	SELECTORS,
	A0,
	A1,
	A3,
	tutorialFlowWith,
	tutorialFlowWithoutA0,
	runOnTutorial,
	removeAt,
	ifMatchTrail,
	UPDATED_FIRST_TRY,
} from './tutorial';

describe('updates through the engine', () => {
	const { requests, conflictOnce, answer, readFlow, readThenPatch } = recordAdobe();

	it('adds the tutorial audience: GET, then PATCH with If-Match exactly as returned, quotes included; its start date (2022) is told as past', async () => {
		readThenPatch(FLOW_ID, tutorialFlowWith(ETAG));

		const result = await runOnTutorial('addAudiences', {
			audiences: { audience: [TUTORIAL_NEW_AUDIENCE_INPUT] },
		});

		expect(result.status).toBe('success');
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET ${FLOW_PATH}`,
			`PATCH ${FLOW_PATH}`,
		]);
		expect(requests[1].headers).toMatchObject({
			...adobeHeaders(),
			'if-match': ETAG,
			'content-type': 'application/json',
			accept: 'application/json',
		});
		expect(requests[1].body).toEqual([
			{ op: 'add', path: `${SELECTORS}/-`, value: TUTORIAL_NEW_AUDIENCE_SELECTOR },
		]);
		expect(outputJson(result)).toEqual([
			{
				summary:
					'Added 1 audience (Winter 2021/2022 campaign); warning: 1 start date is before today in UTC (Winter 2021/2022 campaign: 2022-01-05)',
				added: [{ id: TUTORIAL_NEW_AUDIENCE_SELECTOR.value.id, name: 'Winter 2021/2022 campaign' }],
				removed: [],
				updated: [],
				warnings: [
					`Start date 2022-01-05 of audience Winter 2021/2022 campaign (${TUTORIAL_NEW_AUDIENCE_SELECTOR.value.id}) is before today (UTC)`,
				],
				...UPDATED_FIRST_TRY,
				operations: [{ op: 'add', path: `${SELECTORS}/-`, value: TUTORIAL_NEW_AUDIENCE_SELECTOR }],
				skipped: [],
			},
		]);
		expect(Object.keys(outputJson(result)[0]).slice(0, 10)).toEqual(HEAD_KEYS);
		expect(result.output('Flow Service Destination')[0].pairedItem).toEqual({ item: 0 });
	});

	it('skips an audience already on the flow and sends nothing when nothing is left', async () => {
		readFlow(FLOW_ID, tutorialFlowWith(ETAG));

		const result = await runOnTutorial('addAudiences', {
			audiences: { audience: [{ id: A0 }] },
		});

		expect(requests.map((r) => r.method)).toEqual(['GET']);
		expect(outputJson(result)[0]).toMatchObject({
			changed: false,
			operations: [],
			skipped: [
				{
					id: A0,
					name: 'Interested in Mountain Biking',
					target: `audience ${A0}`,
					reason: 'already on the dataflow',
				},
			],
		});
	});

	it('removes several audiences in one PATCH, highest index first', async () => {
		readThenPatch(FLOW_ID, tutorialFlowWith(ETAG));

		await runOnTutorial('removeAudiences', {
			audienceKeys: `${A0}, ${A3}, ${A1}`,
		});

		expect(requests[1].body).toEqual([removeAt(3, A3), removeAt(1, A1), removeAt(0, A0)]);
	});

	it('on 412 reads again, re-plans against the changed flow and retries with the new etag', async () => {
		const otherEtag = '"0400117f-0000-0200-0000-62d9bca50000"';
		// Between our read and write, another writer removed audience 0: our target moved from index 3 to 2.
		conflictOnce(
			FLOW_ID,
			tutorialFlowWith(ETAG),
			flowServiceError(
				'1404-412',
				412,
				`Supplied version=[${ETAG}] does not match the current version on entity=[${otherEtag}]`,
			),
			tutorialFlowWithoutA0(otherEtag),
		);

		const result = await runOnTutorial('removeAudiences', {
			audienceKeys: A3,
		});

		expect(ifMatchTrail(requests)).toEqual(['GET ', `PATCH ${ETAG}`, 'GET ', `PATCH ${otherEtag}`]);
		expect(requests[1].body).toEqual([removeAt(3, A3)]);
		expect(requests[3].body).toEqual([removeAt(2, A3)]);
		expect(outputJson(result)[0]).toMatchObject({
			etag: NEW_ETAG,
			previousEtag: otherEtag,
			conflictRetries: 1,
			changed: true,
		});
	});

	it('gives up after Max Conflict Retries with a conflict error saying nothing was applied', async () => {
		const conflict = flowServiceError(
			'1404-412',
			412,
			'Supplied version=["x"] does not match the current version on entity=["y"]',
		);
		nock(PLATFORM)
			.get(FLOW_PATH)
			.times(2)
			.reply(answer(200, tutorialFlowWith(ETAG)))
			.patch(FLOW_PATH)
			.times(2)
			.reply(answer(412, conflict));

		const result = await runOnTutorial('updateInfo', {
			updateFields: { name: 'New name' },
			options: { maxConflictRetries: 1 },
		});

		expect(requests.map((r) => r.method)).toEqual(['GET', 'PATCH', 'GET', 'PATCH']);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			`Dataflow ${FLOW_ID} changed while it was being updated: 2 attempt(s) met 412 Precondition Failed`,
		);
		expect(result.error?.description).toContain('Nothing was applied');
		expect(result.error?.description).toContain('req-abc-123');
		expect((result.error as { httpCode?: string }).httpCode).toBe('412');
	});

	it('dry run reads, plans and outputs the etag it would send, and writes nothing', async () => {
		readFlow(FLOW_ID, tutorialFlowWith(ETAG));

		const result = await runOnTutorial('removeProfileAttributes', {
			attributePaths: 'person.name.lastName',
			options: { dryRun: true },
		});

		expect(requests.map((r) => r.method)).toEqual(['GET']);
		expect(outputJson(result)).toEqual([
			{
				summary: 'Would remove 1 profile attribute (person.name.lastName)',
				added: [],
				removed: [{ id: 'person.name.lastName', name: 'person.name.lastName' }],
				updated: [],
				flowId: FLOW_ID,
				etag: ETAG,
				dryRun: true,
				changed: false,
				skipped: [],
				operations: [
					{
						op: 'remove',
						path: '/transformations/0/params/profileSelectors/selectors/2',
						value: {
							type: 'JSON_PATH',
							value: { path: 'person.name.lastName', operator: 'EXISTS' },
						},
					},
					{
						op: 'remove',
						path: '/transformations/0/params/profileSelectors/mandatoryFields/2',
						value: 'person.name.lastName',
					},
				],
			},
		]);
	});

	it('reads the new etag back when Adobe answers 202 without a body, and returns the updated flow on request', async () => {
		readFlow(FLOW_ID, tutorialFlowWith(ETAG))
			.patch(FLOW_PATH)
			.reply(answer(202))
			.get(FLOW_PATH)
			.reply(
				answer(
					200,
					tutorialFlowWith(NEW_ETAG, (flow) => (flow.name = 'Renamed')),
				),
			);

		const result = await runOnTutorial('updateInfo', {
			updateFields: { name: 'Renamed' },
			options: { returnUpdatedFlow: true },
		});

		expect(requests.map((r) => r.method)).toEqual(['GET', 'PATCH', 'GET']);
		expect(requests[1].body).toEqual([{ op: 'replace', path: '/name', value: 'Renamed' }]);
		const [output] = outputJson(result);
		expect(output.etag).toBe(NEW_ETAG);
		expect((output.flow as { name: string }).name).toBe('Renamed');
	});

	it('surfaces Adobe errors with code, message and request ID', async () => {
		nock(PLATFORM)
			.get(FLOW_PATH)
			.reply(
				answer(404, flowServiceError('1439-404', 404, `flows not found with id = [${FLOW_ID}]`), {
					'x-request-id': 'req-abc-123',
				}),
			);

		const result = await runOnTutorial('get');

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`flows not found with id = [${FLOW_ID}] [FLOW-1439-404]`);
		expect(result.error?.description).toContain('Adobe request ID: req-abc-123');
		expect((result.error as { httpCode?: string }).httpCode).toBe('404');
	});

	it('refuses bad input before any request, naming the field and the item', async () => {
		const result = await runOnTutorial('addAudiences', {
			audiences: { audience: [{ ...TUTORIAL_NEW_AUDIENCE_INPUT, startTime: '16:30' }] },
		});

		expect(requests).toEqual([]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Audiences › Audience 1 › Start Time: Start time "16:30" must be a whole hour in 24-hour HH:00 form, UTC (for example 20:00) (item 1)',
		);
		expect(result.error?.description).toBe(
			'Nothing was sent to Adobe. Parameter "audiences.audience[0].startTime", item index 0.',
		);
	});

	it('continues on fail per item: a bad item becomes an error item, the good one is applied, both paired', async () => {
		readThenPatch(FLOW_ID, tutorialFlowWith(ETAG));

		const result = await runNode(
			{
				operation: 'updateInfo',
				flowId: byId('={{ $json.flowId }}'),
				updateFields: { description: '={{ $json.description }}' },
			},
			{
				triggerItems: [
					{ json: { flowId: '../x', description: 'a' } },
					{ json: { flowId: FLOW_ID, description: 'b' } },
				],
				node: { continueOnFail: true },
			},
		);

		expect(result.status).toBe('success');
		const items = result.output('Flow Service Destination');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json.error).toContain('"../x" is not a dataflow ID');
		expect(items[0].json.error).toMatch(/^Dataflow: .* \(item 1\)$/);
		expect(items[1].json).toMatchObject({ changed: true, etag: NEW_ETAG });
		expect(requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
		expect(requests[1].body).toEqual([{ op: 'replace', path: '/description', value: 'b' }]);
	});
});
