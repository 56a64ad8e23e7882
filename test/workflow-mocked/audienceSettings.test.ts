import tutorialFlow from '../../emulator/fixtures/tutorial-flow.json';
import { adobeHeaders, outputJson, recordAdobe } from './setup';
import {
	FLOW_ID,
	FLOW_PATH,
	ETAG,
	SELECTORS,
	CURRENT,
	A0,
	A1,
	A2,
	picked,
	runOnTutorial,
	UPDATED_FIRST_TRY,
	replaceAt,
} from './tutorial';

const ABSENT = '0b0b0b0b-1111-4222-8333-444444444444';

const OPERATION = 'updateAudienceExportSettings';

describe('Update Audience Export Settings through the engine', () => {
	const { requests, readFlow, readThenPatch } = recordAdobe();

	function flowThenPatch() {
		readThenPatch(FLOW_ID, { items: [tutorialFlow] });
	}

	it('replaces each changed selector whole, current fields kept, with If-Match as read', async () => {
		flowThenPatch();

		const result = await runOnTutorial(OPERATION, {
			audienceSettings: {
				audience: [
					{ id: picked(A1), frequency: 'ONCE', removeFields: ['endDate'], startTime: '06:00' },
					{ id: A2, filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%_%SEGMENT_NAME%', name: '' },
				],
			},
		});

		expect(result.status).toBe('success');
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET ${FLOW_PATH}`,
			`PATCH ${FLOW_PATH}`,
		]);
		expect(requests[1].headers).toMatchObject({ ...adobeHeaders(), 'if-match': ETAG });
		const operations = [
			replaceAt(1, {
				...CURRENT[1].value,
				schedule: { startDate: '2021-12-23', frequency: 'ONCE', startTime: '06:00' },
			}),
			replaceAt(2, {
				...CURRENT[2].value,
				filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%_%SEGMENT_NAME%',
			}),
		];
		expect(requests[1].body).toEqual(operations);
		expect(outputJson(result)).toEqual([
			{
				summary: 'Updated 2 audiences (Birth year 1970, GCM_E2E_PersonId_Test)',
				added: [],
				removed: [],
				updated: [
					{ id: CURRENT[1].value.id, name: 'Birth year 1970' },
					{ id: CURRENT[2].value.id, name: 'GCM_E2E_PersonId_Test' },
				],
				...UPDATED_FIRST_TRY,
				operations,
				skipped: [],
			},
		]);
	});

	it('sends nothing when the audiences already have the settings', async () => {
		readFlow(FLOW_ID, { items: [tutorialFlow] });

		const result = await runOnTutorial(OPERATION, {
			audienceSettings: { audience: [{ id: A0, frequency: 'ONCE', startTime: '20:00' }] },
		});

		expect(requests.map((r) => r.method)).toEqual(['GET']);
		expect(outputJson(result)[0]).toMatchObject({
			changed: false,
			operations: [],
			skipped: [{ target: `audience ${A0}`, reason: 'already has these settings' }],
		});
	});

	it('takes JSON from an expression, null removing a setting; a missing audience is skipped by default', async () => {
		flowThenPatch();

		const result = await runOnTutorial(
			OPERATION,
			{
				settingsInput: 'json',
				audienceSettingsJson: '={{ $json.changes }}',
			},
			{
				triggerItems: [
					{
						json: {
							changes: [
								{ id: A1, frequency: 'ONCE', endDate: null },
								{ id: ABSENT, name: 'x' },
							],
						},
					},
				],
			},
		);

		expect(requests[1].body).toEqual([
			replaceAt(1, {
				...CURRENT[1].value,
				schedule: { startDate: '2021-12-23', frequency: 'ONCE', startTime: '20:00' },
			}),
		]);
		expect(outputJson(result)[0].skipped).toEqual([
			{ id: ABSENT, name: ABSENT, target: `audience ${ABSENT}`, reason: 'not on the dataflow' },
		]);
	});

	it('fails on a missing audience when asked to, after the read and before any write', async () => {
		readFlow(FLOW_ID, { items: [tutorialFlow] });

		const result = await runOnTutorial(OPERATION, {
			ifMissing: 'error',
			audienceSettings: {
				audience: [
					{ id: A0, name: 'x' },
					{ id: ABSENT, name: 'y' },
				],
			},
		});

		expect(requests.map((r) => r.method)).toEqual(['GET']);
		expect(result.error?.message).toBe(
			`Audiences › Audience 2 › Audience: Audience ${ABSENT} is not on dataflow ${FLOW_ID} (item 1)`,
		);
	});

	it('explains a current setting that no longer fits the change, naming the entry field, and writes nothing', async () => {
		readFlow(FLOW_ID, { items: [tutorialFlow] });

		const result = await runOnTutorial(OPERATION, {
			audienceSettings: { audience: [{ id: A1, frequency: 'ONCE' }] },
		});

		expect(requests.map((r) => r.method)).toEqual(['GET']);
		expect(result.error?.message).toBe(
			"Audiences › Audience 1 › End Date: End date does not apply to a one-time export (DAILY_FULL_EXPORT with frequency ONCE); leave it empty (the dataflow's current endDate: set another value or remove it) (item 1)",
		);
	});

	it.each([
		[
			'no audience',
			{ audienceSettings: {} },
			'audienceSettings.audience',
			/Add at least one audience to change/,
		],
		[
			'nothing to change',
			{ audienceSettings: { audience: [{ id: A0, name: '' }] } },
			'audienceSettings.audience[0]',
			/Nothing to change/,
		],
		[
			'a bad start time',
			{ audienceSettings: { audience: [{ id: A0, startTime: '8:00' }] } },
			'audienceSettings.audience[0].startTime',
			/whole hour/,
		],
		[
			'an empty pick',
			{ audienceSettings: { audience: [{ id: picked(''), name: 'x' }] } },
			'audienceSettings.audience[0].id',
			/required/,
		],
		[
			'the same audience twice',
			{
				audienceSettings: {
					audience: [
						{ id: A0, name: 'x' },
						{ id: picked(A0), startTime: '06:00' },
					],
				},
			},
			'audienceSettings.audience[1].id',
			/listed twice/,
		],
		[
			'broken JSON',
			{ settingsInput: 'json', audienceSettingsJson: '[{' },
			'audienceSettingsJson',
			/Not valid JSON/,
		],
	])('refuses %s before any request, naming the field', async (_, parameters, field, pattern) => {
		const result = await runOnTutorial(OPERATION, { ...parameters });

		expect(requests).toEqual([]);
		expect(result.error?.message).toMatch(pattern);
		expect(result.error?.message).toMatch(/^.+: .+ \(item 1\)$/);
		expect(result.error?.description).toContain(`Parameter "${field}", item index 0.`);
	});

	it('dry run shows the replacements and writes nothing', async () => {
		readFlow(FLOW_ID, { items: [tutorialFlow] });

		const result = await runOnTutorial(OPERATION, {
			audienceSettings: { audience: [{ id: A0, name: 'Bikers' }] },
			options: { dryRun: true },
		});

		expect(requests.map((r) => r.method)).toEqual(['GET']);
		expect(outputJson(result)[0]).toMatchObject({
			dryRun: true,
			etag: ETAG,
			operations: [{ op: 'replace', path: `${SELECTORS}/0` }],
		});
	});

	it('combines items that change the same dataflow into one read and one PATCH', async () => {
		flowThenPatch();

		const result = await runOnTutorial(
			OPERATION,
			{
				audienceSettings: { audience: [{ id: '={{ $json.id }}', startTime: '={{ $json.time }}' }] },
			},
			{ triggerItems: [{ json: { id: A0, time: '05:00' } }, { json: { id: A2, time: '07:00' } }] },
		);

		expect(requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
		expect((requests[1].body as Array<{ path: string }>).map((o) => o.path)).toEqual([
			`${SELECTORS}/0`,
			`${SELECTORS}/2`,
		]);
		expect(outputJson(result).map((o) => [o.changed, (o.operations as unknown[]).length])).toEqual([
			[true, 1],
			[true, 1],
		]);
	});
});
