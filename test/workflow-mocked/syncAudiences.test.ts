import { FlowServiceDestination } from '@node/FlowServiceDestination.node';
import {
	NEW_ETAG,
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
	CURRENT,
	A0,
	A1,
	A2,
	A3,
	NEW_AUDIENCE,
	picked,
	tutorialFlowWith,
	tutorialFlowWithoutA0,
	runOnTutorial,
	removeAt,
	ifMatchTrail,
	UPDATED_FIRST_TRY,
} from './tutorial';

const OTHER_ETAG = '"0400117f-0000-0200-0000-62d9bca50000"';

/** The list most tests sync to: A2 now every 12 hours, a new audience, A0 as it is; A1 and A3 unlisted. */
const LIST = [
	{
		id: picked(A2),
		exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
		frequency: 'EVERY_12_HOURS',
		startDate: '2021-12-23',
		endDate: '2021-12-31',
		startTime: '20:00',
	},
	{ id: picked(NEW_AUDIENCE), name: 'Winter 2021/2022 campaign' },
	{
		id: A0,
		exportMode: 'DAILY_FULL_EXPORT',
		frequency: 'ONCE',
		startDate: '2021-12-25',
		startTime: '20:00',
	},
];
const UPDATED_A2 = {
	type: 'PLATFORM_SEGMENT',
	value: {
		...CURRENT[2].value,
		schedule: {
			startDate: '2021-12-23',
			frequency: 'EVERY_12_HOURS',
			endDate: '2021-12-31',
			startTime: '20:00',
		},
	},
};
const PLAN = [
	{ op: 'replace', path: `${SELECTORS}/2`, value: UPDATED_A2 },
	{ op: 'remove', path: `${SELECTORS}/3`, value: { type: 'PLATFORM_SEGMENT', value: { id: A3 } } },
	{ op: 'remove', path: `${SELECTORS}/1`, value: { type: 'PLATFORM_SEGMENT', value: { id: A1 } } },
	{
		op: 'add',
		path: `${SELECTORS}/-`,
		value: {
			type: 'PLATFORM_SEGMENT',
			value: { id: NEW_AUDIENCE, name: 'Winter 2021/2022 campaign' },
		},
	},
];

/** What a run syncing to LIST outputs about the plan, besides the etags. */
const SYNC_CLAUSES =
	'1 audience (Winter 2021/2022 campaign), removed 2 audiences (GCM_NewBatch_Segment, Birth year 1970), updated 1 audience (GCM_E2E_PersonId_Test); skipped 1: already on the dataflow with these settings';

// Version 1 keeps Sync's lists of IDs; the readable summary and named skips come on top.
const PLANNED_SYNC = {
	summary: `Added ${SYNC_CLAUSES}`,
	operations: PLAN,
	skipped: [
		{
			id: A0,
			name: 'Interested in Mountain Biking',
			target: `audience ${A0}`,
			reason: 'already on the dataflow with these settings',
		},
	],
	added: [NEW_AUDIENCE],
	removed: [A3, A1],
	updated: [A2],
	unchanged: [A0],
};

describe('Sync Audiences through the engine', () => {
	const { requests, conflictOnce, readFlow, readThenPatch, acceptPatch } = recordAdobe();

	it('reads the flow and sends the minimal patch: replace, removals highest first, then adds; reports each list', async () => {
		readThenPatch(FLOW_ID, tutorialFlowWith(ETAG));

		const result = await runOnTutorial('syncAudiences', {
			audiences: { audience: LIST },
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
		});
		expect(requests[1].body).toEqual(PLAN);
		expect(outputJson(result)).toEqual([
			{
				...UPDATED_FIRST_TRY,
				...PLANNED_SYNC,
			},
		]);
	});

	it('a second run against the synced flow reads and sends nothing', async () => {
		const synced = {
			...tutorialFlowWith(NEW_ETAG, (flow) => {
				const selectors = flow.transformations[0].params.segmentSelectors!.selectors as unknown[];
				selectors.splice(0, 4, CURRENT[0], UPDATED_A2, {
					type: 'PLATFORM_SEGMENT',
					value: {
						id: NEW_AUDIENCE,
						name: 'Winter 2021/2022 campaign',
						createTime: '1',
						updateTime: '1',
					},
				});
			}),
		};
		readFlow(FLOW_ID, synced);

		const result = await runOnTutorial('syncAudiences', {
			audiences: { audience: LIST },
		});

		expect(requests.map((r) => r.method)).toEqual(['GET']);
		expect(outputJson(result)[0]).toMatchObject({
			changed: false,
			operations: [],
			added: [],
			removed: [],
			updated: [],
			unchanged: [A2, NEW_AUDIENCE, A0],
		});
	});

	it('dry run outputs the plan, its lists and the etag it would send, and writes nothing', async () => {
		readFlow(FLOW_ID, tutorialFlowWith(ETAG));

		const result = await runOnTutorial('syncAudiences', {
			audiences: { audience: LIST },
			options: { dryRun: true },
		});

		expect(requests.map((r) => r.method)).toEqual(['GET']);
		expect(outputJson(result)[0]).toEqual({
			flowId: FLOW_ID,
			etag: ETAG,
			dryRun: true,
			changed: false,
			...PLANNED_SYNC,
			summary: `Would add ${SYNC_CLAUSES.replace('removed', 'remove').replace('updated', 'update')}`,
		});
	});

	it('with Remove Audiences Not Listed off, only adds and updates', async () => {
		readThenPatch(FLOW_ID, tutorialFlowWith(ETAG));

		const result = await runOnTutorial('syncAudiences', {
			audiences: { audience: LIST },
			removeUnlisted: false,
		});

		expect(requests[1].body).toEqual([PLAN[0], PLAN[3]]);
		expect(outputJson(result)[0]).toMatchObject({
			removed: [],
			added: [NEW_AUDIENCE],
			updated: [A2],
		});
		expect(outputJson(result)[0].skipped).toContainEqual({
			id: A1,
			name: 'Birth year 1970',
			target: `audience ${A1}`,
			reason: 'not in the list; kept because Remove Audiences Not Listed is off',
		});
	});

	it('refuses an empty list before any request; with Allow Empty List an explicit [] removes every audience', async () => {
		const fields = await runOnTutorial('syncAudiences', {
			audiences: {},
		});
		const json = await runOnTutorial('syncAudiences', {
			audienceInput: 'json',
			audiencesJson: '[]',
		});
		expect(requests).toEqual([]);
		expect(fields.error?.message).toBe(
			'Audiences › Audience: The audience list is empty: syncing it would remove every audience from the dataflow. To do that on purpose, turn on Options > Allow Empty List (item 1)',
		);
		expect(fields.error?.description).toBe(
			'Nothing was sent to Adobe. Parameter "audiences.audience", item index 0.',
		);
		expect(json.error?.message).toMatch(/^Audiences \(JSON\): .* \(item 1\)$/);

		readThenPatch(FLOW_ID, tutorialFlowWith(ETAG));
		const allowed = await runOnTutorial('syncAudiences', {
			audienceInput: 'json',
			audiencesJson: '[]',
			options: { allowEmptyList: true },
		});
		expect(requests[1].body).toEqual(
			[3, 2, 1, 0].map((i) => ({
				op: 'remove',
				path: `${SELECTORS}/${i}`,
				value: { type: 'PLATFORM_SEGMENT', value: { id: CURRENT[i].value.id } },
			})),
		);
		expect(outputJson(allowed)[0].removed).toEqual([A3, A2, A1, A0]);
	});

	it('never takes an expression that yields nothing for an empty list, even with Allow Empty List', async () => {
		const result = await runOnTutorial(
			'syncAudiences',
			{
				audienceInput: 'json',
				audiencesJson: '={{ $json.audiences }}',
				options: { allowEmptyList: true },
			},
			{ triggerItems: [{ json: { somethingElse: [] } }] },
		);

		expect(requests).toEqual([]);
		expect(result.error?.message).toMatch(
			/^Audiences \(JSON\): Audiences \(JSON\) is empty; give an array of audiences .* \(item 1\)$/,
		);
	});

	it('takes the list from an expression in JSON mode, Get-style selectors included', async () => {
		readThenPatch(FLOW_ID, tutorialFlowWith(ETAG));

		const result = await runOnTutorial(
			'syncAudiences',
			{
				audienceInput: 'json',
				audiencesJson: '={{ $json.audiences }}',
			},
			{
				triggerItems: [
					{ json: { audiences: [CURRENT[0], CURRENT[1], CURRENT[2], { id: NEW_AUDIENCE }] } },
				],
			},
		);

		expect(requests[1].body).toEqual([
			removeAt(3, A3),
			{
				op: 'add',
				path: `${SELECTORS}/-`,
				value: { type: 'PLATFORM_SEGMENT', value: { id: NEW_AUDIENCE } },
			},
		]);
		expect(outputJson(result)[0]).toMatchObject({
			unchanged: [A0, A1, A2],
			removed: [A3],
			added: [NEW_AUDIENCE],
		});
	});

	it.each([
		[
			'an audience listed twice',
			{
				audiences: { audience: [{ id: NEW_AUDIENCE }, { id: picked(NEW_AUDIENCE.toUpperCase()) }] },
			},
			'audiences.audience[1].id',
			/listed twice/,
		],
		[
			'a bad start time',
			{
				audiences: {
					audience: [
						{
							id: NEW_AUDIENCE,
							exportMode: 'DAILY_FULL_EXPORT',
							frequency: 'DAILY',
							startDate: '2026-12-01',
							startTime: '16:30',
						},
					],
				},
			},
			'audiences.audience[0].startTime',
			/whole hour/,
		],
		[
			'an empty pick',
			{ audiences: { audience: [{ id: picked('') }] } },
			'audiences.audience[0].id',
			/required/,
		],
		[
			'Remove Audiences Not Listed as text',
			{ audiences: { audience: [{ id: NEW_AUDIENCE }] }, removeUnlisted: '={{ "yes" }}' },
			'removeUnlisted',
			/true or false/,
		],
		[
			'Allow Empty List as text',
			{
				audiences: { audience: [{ id: NEW_AUDIENCE }] },
				options: { allowEmptyList: '={{ "yes" }}' },
			},
			'options.allowEmptyList',
			/true or false/,
		],
	])('refuses %s before any request, naming the field', async (_, parameters, field, pattern) => {
		const result = await runOnTutorial('syncAudiences', {
			...parameters,
		});

		expect(requests).toEqual([]);
		expect(result.error?.message).toMatch(pattern);
		expect(result.error?.message).toMatch(/^.+: .+ \(item 1\)$/);
		expect(result.error?.description).toContain(`Parameter "${field}", item index 0.`);
	});

	it('on 412 reads again and re-plans against the changed flow, indexes included', async () => {
		// Another writer removed A0 in between: A2 moved from index 2 to 1, A1 from 1 to 0.
		conflictOnce(
			FLOW_ID,
			tutorialFlowWith(ETAG),
			flowServiceError('1404-412', 412, 'Supplied version does not match'),
			tutorialFlowWithoutA0(OTHER_ETAG),
		);

		const result = await runOnTutorial('syncAudiences', {
			audiences: { audience: LIST },
		});

		expect(ifMatchTrail(requests)).toEqual([
			'GET ',
			`PATCH ${ETAG}`,
			'GET ',
			`PATCH ${OTHER_ETAG}`,
		]);
		expect(requests[3].body).toEqual([
			{ op: 'replace', path: `${SELECTORS}/1`, value: UPDATED_A2 },
			removeAt(2, A3),
			removeAt(0, A1),
			PLAN[3],
			// A0 was removed by the other writer; it is listed, so it comes back as the entry gives it.
			{
				op: 'add',
				path: `${SELECTORS}/-`,
				value: {
					type: 'PLATFORM_SEGMENT',
					value: {
						id: A0,
						filenameTemplate: CURRENT[0].value.filenameTemplate,
						exportMode: 'DAILY_FULL_EXPORT',
						schedule: { startDate: '2021-12-25', frequency: 'ONCE', startTime: '20:00' },
					},
				},
			},
		]);
		expect(outputJson(result)[0]).toMatchObject({
			conflictRetries: 1,
			added: [NEW_AUDIENCE, A0],
			removed: [A3, A1],
			updated: [A2],
		});
	});

	it('plans against the flow the input item carries (the output of Get), skipping the read', async () => {
		acceptPatch(FLOW_ID);

		const result = await runNode(
			{
				operation: 'syncAudiences',
				flowId: byId('={{ $json.id }}'),
				audiences: { audience: LIST },
			},
			{ triggerItems: [{ json: tutorialFlowWith(ETAG).items[0] }] },
		);

		expect(requests.map((r) => `${r.method} ${r.headers['if-match']}`)).toEqual([`PATCH ${ETAG}`]);
		expect(requests[0].body).toEqual(PLAN);
		expect(outputJson(result)[0].changed).toBe(true);
	});

	it('offers only the options it honours', () => {
		const options = new FlowServiceDestination().description.properties.find(
			(p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes('syncAudiences'),
		)!.options as Array<{ name: string }>;
		expect(options.map((o) => o.name).sort()).toEqual(
			[
				'allowEmptyList',
				'checkAudiencesExist',
				'dryRun',
				'maxConflictRetries',
				'maxRetries',
				'requestTimeout',
				'retryInitialDelay',
				'retryMaxDelay',
				'returnUpdatedFlow',
				'useInputFlow',
			].sort(),
		);
	});
});
