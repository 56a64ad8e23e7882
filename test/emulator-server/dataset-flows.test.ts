import {
	CONNECTION_SPECS,
	DATASET_IDS,
	DATASET_NAMES,
	DESTINATION_FLOW_SPECS,
	TUTORIAL_NEW_AUDIENCE_ID,
} from '../../emulator';
import {
	DLZ_DATASET_TARGET_BODY,
	HOURLY_SCHEDULE,
	PROFILE_SOURCE_BODY,
	createDatasetFlow,
	created,
	dataLakeSourceBody,
	datasetFlowBody,
	post,
} from './destinations';
import { problems, schema } from './openapi';
import { ETAG_FORMAT, expectFlowError, getFlow, patch, useApi } from './support';

const DAY_S = 86_400;
const DATASET_EXPORTS =
	'/flows?property=inheritedAttributes.targetConnections[].data.outputType==DATASET_EXPORT';

/** Six calendar months on, as days: 181 to 184. */
function expectSixMonthsAfter(endTime: number, fromMs: number) {
	const from = Math.floor(fromMs / 1000);
	expect(endTime - from).toBeGreaterThanOrEqual(181 * DAY_S);
	expect(endTime - from).toBeLessThanOrEqual(184 * DAY_S);
	expect((endTime - from) % DAY_S).toBe(0);
	expect(new Date(endTime * 1000).getUTCMonth()).toBe((new Date(fromMs).getUTCMonth() + 6) % 12);
}

describe('dataset export dataflows: POST /flows', () => {
	const api = useApi();
	beforeEach(async () => {
		api.emu.reset();
		await api.refreshToken();
	});

	it('creates one from the export-datasets tutorial’s chain: transformations [], the schedule as sent', async () => {
		const { flowId, sourceId, targetId } = await createDatasetFlow(api);
		const flow = await getFlow(api, flowId);
		expect(problems(schema('BatchFlowItem'), flow)).toEqual([]);
		expect(flow).toMatchObject({
			flowSpec: { id: DESTINATION_FLOW_SPECS.dataLandingZone.dataset, version: '1.0' },
			state: 'enabled',
			transformations: [],
			scheduleParams: HOURLY_SCHEDULE,
			sourceConnectionIds: [sourceId],
			inheritedAttributes: {
				properties: { isDestinationFlow: true },
				sourceConnections: [
					{ id: sourceId, connectionSpec: { id: CONNECTION_SPECS.dataLakeSource, version: '1.0' } },
				],
				targetConnections: [{ id: targetId, data: { outputType: 'DATASET_EXPORT' } }],
			},
		});
		// The tutorial lists dataset exports by their target's outputType.
		const listed = (await api.fs.get(DATASET_EXPORTS)).data.items.map((f: { id: string }) => f.id);
		expect(listed).toContain(flowId);
		for (const id of listed)
			expect((await getFlow(api, id)).flowSpec.id).toMatch(
				new RegExp(
					Object.values(DESTINATION_FLOW_SPECS)
						.map((s) => s.dataset)
						.join('|'),
				),
			);
	});

	it('ends a schedule sent without endTime six months after creation; a one-time export never', async () => {
		const { endTime: _e, ...withoutEnd } = HOURLY_SCHEDULE;
		const { flowId } = await createDatasetFlow(api, { scheduleParams: withoutEnd });
		const flow = await getFlow(api, flowId);
		expect(flow.scheduleParams).toEqual({ ...withoutEnd, endTime: expect.any(Number) });
		expectSixMonthsAfter(flow.scheduleParams.endTime, flow.createdAt);

		const later = { ...withoutEnd, startTime: 1_900_000_000 };
		const starting = await getFlow(
			api,
			(await createDatasetFlow(api, { scheduleParams: later })).flowId,
		);
		expectSixMonthsAfter(starting.scheduleParams.endTime, 1_900_000_000_000);

		const once = {
			exportMode: 'DAILY_FULL_EXPORT',
			timeUnit: 'day',
			interval: 0,
			startTime: 1_675_901_210,
		};
		const oneTime = await getFlow(
			api,
			(await createDatasetFlow(api, { scheduleParams: once })).flowId,
		);
		expect(oneTime.scheduleParams).toEqual(once);
		expect(problems(schema('BatchFlowItem'), oneTime)).toEqual([]);
	});

	it.each([
		['every 3 hours', { timeUnit: 'hour', interval: 3 }],
		['every 6 hours', { timeUnit: 'hour', interval: 6 }],
		['every 8 hours (the UI guide)', { timeUnit: 'hour', interval: 8 }],
		['every 9 hours (the OpenAPI document)', { timeUnit: 'hour', interval: 9 }],
		['every 12 hours', { timeUnit: 'hour', interval: 12 }],
		['daily', { timeUnit: 'day', interval: 1 }],
		['without exportMode, as Adobe’s examples', { exportMode: undefined }],
		[
			'the OpenAPI document’s folderNameTemplate spelling',
			{
				foldernameTemplate: undefined,
				folderNameTemplate:
					'%DESTINATION_NAME%_%DATASET_ID%_%DATASET_NAME%_%DATETIME(YYYYMMdd_HHmmss)%',
			},
		],
		[
			'every documented macro',
			{
				foldernameTemplate:
					'%DESTINATION%/%DESTINATION_INSTANCE_ID%/%DESTINATION_INSTANCE_NAME%/%SANDBOX_NAME%/%ORGANIZATION_NAME%/%DATASET_NAME%/%EXPORT_TIME%',
			},
		],
	])('accepts a schedule %s', async (_case, change) => {
		const scheduleParams = JSON.parse(JSON.stringify({ ...HOURLY_SCHEDULE, ...change }));
		const flow = await getFlow(api, (await createDatasetFlow(api, { scheduleParams })).flowId);
		expect(flow.scheduleParams).toEqual(scheduleParams);
		expect(problems(schema('BatchFlowItem'), flow)).toEqual([]);
	});

	describe('refusals', () => {
		let ids: { sourceId: string; targetId: string };
		beforeEach(async () => {
			ids = {
				sourceId: await created(post(api, '/sourceConnections', dataLakeSourceBody())),
				targetId: await created(post(api, '/targetConnections', DLZ_DATASET_TARGET_BODY)),
			};
		});
		const schedule = (change: Record<string, unknown>) => ({
			scheduleParams: { ...HOURLY_SCHEDULE, ...change },
		});

		it.each([
			['no scheduleParams', { scheduleParams: undefined }, /scheduleParams: is required/],
			['an unknown exportMode', schedule({ exportMode: 'DAILY' }), /exportMode: must be one of/],
			[
				'a daily full export',
				schedule({ exportMode: 'DAILY_FULL_EXPORT', timeUnit: 'day', interval: 1 }),
				/DAILY_FULL_EXPORT is a one-time full export and needs timeUnit day and interval 0/,
			],
			[
				'a full export every 3 hours',
				schedule({ exportMode: 'DAILY_FULL_EXPORT' }),
				/needs timeUnit day and interval 0/,
			],
			[
				'interval 0 of an incremental export',
				schedule({ timeUnit: 'day', interval: 0 }),
				/interval: 0 \(a one-time export\) needs exportMode DAILY_FULL_EXPORT/,
			],
			[
				'every 5 hours',
				schedule({ interval: 5 }),
				/interval: must be one of 3, 6, 8, 9, 12 with timeUnit hour/,
			],
			['every hour', schedule({ interval: 1 }), /one of 3, 6, 8, 9, 12/],
			[
				'every 2 days',
				schedule({ timeUnit: 'day', interval: 2 }),
				/interval: must be 1 with timeUnit day/,
			],
			['minutes', schedule({ timeUnit: 'minute', interval: 15 }), /timeUnit: must be hour or day/],
			[
				'a string interval (as aepp sends it)',
				schedule({ interval: '3' }),
				/interval: must be a whole number/,
			],
			['no startTime', schedule({ startTime: undefined }), /startTime: is required/],
			[
				'a startTime in milliseconds',
				schedule({ startTime: 1_675_901_210_000 }),
				/startTime: 1675901210000 looks like epoch milliseconds; the schedule takes epoch seconds \(1675901210\)/,
			],
			[
				'an endTime in milliseconds',
				schedule({ endTime: 1_975_901_210_000 }),
				/endTime: .* looks like epoch milliseconds/,
			],
			[
				'a date string',
				schedule({ startTime: '2023-02-09' }),
				/startTime: must be a time in epoch seconds/,
			],
			[
				'an end before the start',
				schedule({ endTime: 1_675_901_210 }),
				/endTime: must be after startTime/,
			],
			[
				'an unknown macro',
				schedule({ foldernameTemplate: '%DESTINATION%/%SEGMENT_ID%' }),
				/unknown macro %SEGMENT_ID%/,
			],
			[
				'a stray %',
				schedule({ foldernameTemplate: 'exports%/%DATASET_ID%' }),
				/"%" may only open and close a macro/,
			],
			[
				'audiences',
				{
					transformations: [
						{ name: 'GeneralTransform', params: { segmentSelectors: { selectors: [] } } },
					],
				},
				/transformations: a dataset export dataflow takes none/,
			],
		])('refuses %s', async (_case, extra, message) => {
			const before = (await api.fs.get('/flows?count=true')).data.count;
			const body = JSON.parse(JSON.stringify(datasetFlowBody(ids.sourceId, ids.targetId, extra)));
			expect(expectFlowError(await post(api, '/flows', body), '1100-400').errorMessage).toMatch(
				message,
			);
			expect((await api.fs.get('/flows?count=true')).data.count).toBe(before);
		});

		it('refuses a Profile store source for a dataset flow spec', async () => {
			const profile = await created(post(api, '/sourceConnections', PROFILE_SOURCE_BODY));
			const r = await post(api, '/flows', datasetFlowBody(profile, ids.targetId));
			expect(expectFlowError(r, '1413-400').errorMessage).toMatch(/does not go with connection/);
		});
	});
});

describe('dataset export dataflows: PATCH /flows/{id}', () => {
	const api = useApi();
	let flowId: string;
	let sourceId: string;
	beforeEach(async () => {
		api.emu.reset();
		await api.refreshToken();
		({ flowId, sourceId } = await createDatasetFlow(api));
	});
	const newSource = (
		datasets = [
			{ dataSetId: DATASET_IDS.prod.loyaltyMembers, name: DATASET_NAMES.loyaltyMembers },
			{ dataSetId: DATASET_IDS.prod.webEvents, name: DATASET_NAMES.webEvents },
		],
	) => created(post(api, '/sourceConnections', dataLakeSourceBody(datasets)));

	it('replaces the source connection (Adobe’s Patch_Source_Connection) and keeps the old one listed', async () => {
		const replacement = await newSource();
		const { etag } = await getFlow(api, flowId);
		const r = await patch(api, flowId, etag, [
			{ op: 'replace', path: '/sourceConnectionIds', value: [replacement] },
		]);
		expect(r.status).toBe(200);
		expect(problems(schema('Patch_Flow_Response'), r.data)).toEqual([]);
		expect(r.data.etag).toMatch(ETAG_FORMAT);
		expect(r.data.etag).not.toBe(etag);
		const flow = await getFlow(api, flowId);
		expect(problems(schema('BatchFlowItem'), flow)).toEqual([]);
		expect(flow.sourceConnectionIds).toEqual([replacement]);
		expect(flow.inheritedAttributes.sourceConnections.map((c: { id: string }) => c.id)).toEqual([
			replacement,
		]);
		expect(flow.lastOperation).toMatchObject({
			operation: 'update',
			ops: [{ op: 'replace', path: '/sourceConnectionIds', value: [replacement] }],
		});
		// Adobe documents no clean-up: the replaced source connection stays until deleted.
		expect((await api.fs.get(`/sourceConnections/${sourceId}`)).status).toBe(200);
		expectFlowError(await api.fs.delete(`/sourceConnections/${replacement}`), '1447-400');
		expect((await api.fs.delete(`/sourceConnections/${sourceId}`)).status).toBe(202);
		// Its runs now export both datasets.
		const run = api.emu.addRun(flowId)!;
		expect(
			(run.metrics as any).recordSummary.sourceSummaries[0].entitySummaries.map(
				(e: { id: string }) => e.id,
			),
		).toEqual([
			`dataset:${DATASET_IDS.prod.loyaltyMembers}`,
			`dataset:${DATASET_IDS.prod.webEvents}`,
		]);
	});

	it.each([
		[
			'an unknown source connection',
			async () => ['nope'],
			'1100-400',
			/sourceConnectionIds\[0\]: source connection nope does not exist/,
		],
		[
			'a Profile store source',
			() => created(post(api, '/sourceConnections', PROFILE_SOURCE_BODY)).then((id) => [id]),
			'1413-400',
			/does not go with connection/,
		],
		[
			'no source at all',
			async () => [],
			'1100-400',
			/sourceConnectionIds: must be a non-empty array/,
		],
	])('refuses replacing the source with %s', async (_case, value, code, message) => {
		const before = await getFlow(api, flowId);
		const r = await patch(api, flowId, before.etag, [
			{ op: 'replace', path: '/sourceConnectionIds', value: await value() },
		]);
		expect(expectFlowError(r, code).errorMessage).toMatch(message);
		expect(await getFlow(api, flowId)).toEqual(before);
	});

	it('replaces the schedule (Adobe’s Patch_Dataset_Schedule_Params), checked as on create', async () => {
		const adobe = { interval: 3, timeUnit: 'hour', startTime: 1668470400, endTime: 1668479500 };
		let { etag } = await getFlow(api, flowId);
		expect(
			(await patch(api, flowId, etag, [{ op: 'replace', path: '/scheduleParams', value: adobe }]))
				.status,
		).toBe(200);
		({ etag } = await getFlow(api, flowId));
		expect((await getFlow(api, flowId)).scheduleParams).toEqual(adobe);

		const daily = {
			exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
			timeUnit: 'day',
			interval: 1,
			startTime: 1_700_000_000,
		};
		const r = await patch(api, flowId, etag, [
			{ op: 'replace', path: '/scheduleParams', value: daily },
		]);
		expect(r.status).toBe(200);
		const flow = await getFlow(api, flowId);
		expect(flow.scheduleParams).toEqual({ ...daily, endTime: expect.any(Number) });
		expectSixMonthsAfter(flow.scheduleParams.endTime, flow.updatedAt);

		const member = await patch(api, flowId, r.data.etag, [
			{ op: 'replace', path: '/scheduleParams/timeUnit', value: 'hour' },
			{ op: 'replace', path: '/scheduleParams/interval', value: 8 },
		]);
		expect(member.status).toBe(200);
		expect((await getFlow(api, flowId)).scheduleParams).toMatchObject({
			timeUnit: 'hour',
			interval: 8,
		});
	});

	it.each([
		[
			'a startTime in milliseconds',
			[
				{
					op: 'replace',
					path: '/scheduleParams',
					value: { ...HOURLY_SCHEDULE, startTime: 1668470400000 },
				},
			],
			/looks like epoch milliseconds/,
		],
		[
			'every 5 hours',
			[{ op: 'replace', path: '/scheduleParams/interval', value: 5 }],
			/interval: must be one of 3, 6, 8, 9, 12/,
		],
		[
			'no schedule',
			[{ op: 'remove', path: '/scheduleParams', value: {} }],
			/scheduleParams: is required by a dataset export dataflow/,
		],
		[
			'an audience',
			[
				{
					op: 'add',
					path: '/transformations/0/params/segmentSelectors/selectors/-',
					value: { type: 'PLATFORM_SEGMENT', value: { id: TUTORIAL_NEW_AUDIENCE_ID } },
				},
			],
			/transformations\/0\/params\/segmentSelectors\/selectors\/-: dataflow .* exports datasets .* no audiences or profile attributes/,
		],
		[
			'a transformation',
			[{ op: 'add', path: '/transformations/-', value: { name: 'GeneralTransform', params: {} } }],
			/exports datasets/,
		],
		[
			'a profile mapping',
			[
				{
					op: 'add',
					path: '/transformations/0/params/profileMapping',
					value: { mappingId: 'm', mappingVersion: 0 },
				},
			],
			/exports datasets/,
		],
	])('refuses %s, storing nothing', async (_case, ops, message) => {
		const before = await getFlow(api, flowId);
		const error = expectFlowError(await patch(api, flowId, before.etag, ops), '1100-400');
		expect(error.errorMessage).toMatch(message);
		expect(error.report).toMatchObject({ id: flowId, type: 'flows' });
		expect(await getFlow(api, flowId)).toEqual(before);
	});

	it('guards the write with If-Match like any dataflow PATCH', async () => {
		const ops = [{ op: 'replace', path: '/scheduleParams/interval', value: 6 }];
		expectFlowError(await patch(api, flowId, undefined, ops), '1403-400');
		const { etag } = await getFlow(api, flowId);
		api.emu.rotateEtag(flowId);
		expectFlowError(await patch(api, flowId, etag, ops), '1404-412');
	});
});
