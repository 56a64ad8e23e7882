/**
 * The example workflows of examples/ in a real n8n: each as shipped (Dry Run on: it reads, shows
 * what it would change and sends nothing) and, for those that change a dataflow, a copy gone live
 * (Dry Run off, imported next to it as `live…`), checked on the exact requests and the stored
 * result. The chat examples post to a listener in the test instead of the Slack placeholder.
 */
import {
	DATASET_FLOW_IDS,
	DEFAULT_CLIENT_ID,
	SHARED_AUDIENCE_FLOW_IDS,
	SHARED_AUDIENCE_ID,
	IMS_TOKEN_PATH,
	SEGMENTATION_BASE_PATH,
	STREAMING_AUDIENCE_IDS,
	STREAMING_FLOW_ID,
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_AUDIENCE_NAMES,
	TUTORIAL_FAILED_RUN_ID,
	TUTORIAL_FLOW_ETAG,
	TUTORIAL_FLOW_ID,
	TUTORIAL_FLOW_NAME,
	TUTORIAL_NEW_AUDIENCE_ID,
	TUTORIAL_NEW_AUDIENCE_NAME,
	type RunningEmulator,
} from '../emulator';
import {
	executeWorkflow,
	postWebhook,
	publishWorkflow,
	runManually,
	taskData,
	type Listener,
	type RestAuth,
	type UserFolder,
	type WorkflowInput,
} from '../local-n8n';
import {
	CAMPAIGN_WEBHOOK_PATH,
	EXAMPLE_IDS,
	exampleWorkflows,
	flowAudiences,
	liveCopy,
	liveId,
	withChatWebhook,
	type Call,
	type WorkflowFile,
} from '../local-n8n/project';
import {
	calls,
	expectAdobeHeaders,
	expectOneUpdate,
	expectTokenRefresh,
	flow,
	flowCalls,
	items,
	patchCall,
	readCall,
	selectorsOf,
	type Json,
} from './runChecks';

/** The example's start date: the day it runs, in UTC as Adobe's schedules are. */
const todayUtc = (): string => new Date().toISOString().slice(0, 10);

const [A0, A1, A2, A3] = TUTORIAL_AUDIENCE_IDS;
const NEW_AUDIENCE = TUTORIAL_NEW_AUDIENCE_ID;
const MISSING_AUDIENCE_ID = '0000dead-0000-4000-8000-00000000a0d1';
const NAMES: Record<string, string> = {
	...Object.fromEntries(TUTORIAL_AUDIENCE_IDS.map((id, i) => [id, TUTORIAL_AUDIENCE_NAMES[i]])),
	[NEW_AUDIENCE]: TUTORIAL_NEW_AUDIENCE_NAME,
};
const named = (...ids: string[]) => ids.map((id) => ({ id, name: NAMES[id] }));
/** Check Audiences Exist (on by default in node version 2): one lookup of the audiences a run names. */
const AUDIENCE_LOOKUP: Call = {
	method: 'POST',
	path: `${SEGMENTATION_BASE_PATH}/segment/definitions/bulk-get`,
	// Multi-status: each ID found or not.
	status: 207,
};
const ADHOC_PATH = '/data/core/activation/disflowprovider/adhocrun';
const FAILED_AT = Date.parse('2026-03-01T10:00:00Z');
const FAILURE = { code: 'ACTIVATION_BATCH-0000-FAILED', message: 'Destination unreachable' };

/** The examples that change a dataflow: each also runs as a copy gone live. */
const GOING_LIVE = [
	EXAMPLE_IDS.addAudiencesDaily,
	EXAMPLE_IDS.addFromRows,
	EXAMPLE_IDS.syncEveryNight,
	EXAMPLE_IDS.extendExports,
	EXAMPLE_IDS.extendDatasetExports,
	EXAMPLE_IDS.deleteDataflow,
	EXAMPLE_IDS.retireAudience,
	EXAMPLE_IDS.webhookAddExport,
	EXAMPLE_IDS.webhookAddRemove,
];
/** Published before the server starts: the webhook example as shipped and gone live. */
export const EXAMPLE_WEBHOOKS = [CAMPAIGN_WEBHOOK_PATH, `${CAMPAIGN_WEBHOOK_PATH}-live`].map(
	(path) => ({ path, method: 'POST' }),
);

export interface ExampleContext {
	emulator: RunningEmulator;
	folder: UserFolder;
	/** Where the chat examples post in the test. */
	chat: Listener;
}

function exampleNamed(id: string): WorkflowFile['workflow'] {
	const found = exampleWorkflows().find(({ workflow }) => workflow.id === id);
	if (!found) throw new Error(`examples/ has no workflow ${id}`);
	return found.workflow;
}

/** What a suite imports for the examples: every example posting to `chatUrl`, and the live copies. */
export function exampleImports(chatUrl: string): WorkflowInput[] {
	return [
		...exampleWorkflows().map(({ workflow }) => withChatWebhook(workflow, chatUrl)),
		...GOING_LIVE.map((id) => liveCopy(exampleNamed(id))),
	];
}

export async function publishExampleWebhooks(folder: UserFolder): Promise<void> {
	await publishWorkflow(folder, EXAMPLE_IDS.webhookAddRemove);
	await publishWorkflow(folder, liveId(EXAMPLE_IDS.webhookAddRemove));
}

/** Nothing but reads (and the audience lookup) reached the emulator, and the dataflows are as they were. */
function expectNothingSent(emulator: RunningEmulator, before: Record<string, unknown>): void {
	const sent = calls(emulator).filter(
		(call) =>
			call.method !== 'GET' && call.path !== AUDIENCE_LOOKUP.path && call.path !== IMS_TOKEN_PATH,
	);
	expect(sent).toEqual([]);
	for (const [id, stored] of Object.entries(before)) expect(emulator.getFlow(id)).toEqual(stored);
}

function snapshot(emulator: RunningEmulator, ...ids: string[]): Record<string, unknown> {
	return Object.fromEntries(ids.map((id) => [id, flow(emulator, id)]));
}

/** The scenarios that run examples with `n8n execute` (their manual trigger). */
export function describeExampleRuns(ctx: ExampleContext): void {
	it('example "Add campaign audiences every morning" as shipped, OAuth Server-to-Server: a token from the emulator IMS, the audiences looked up, the dataflow read, nothing sent', async () => {
		const { emulator, folder } = ctx;
		emulator.reset();
		const tokensBefore = emulator.tokensIssued();
		const before = snapshot(emulator, TUTORIAL_FLOW_ID);

		const { data } = await executeWorkflow(folder, EXAMPLE_IDS.addAudiencesDaily);

		const [out] = items(data, 'Add campaign audiences');
		expect(out).toMatchObject({
			summary: `Would add 1 audience (${TUTORIAL_NEW_AUDIENCE_NAME}); skipped 1: already on the dataflow`,
			changed: false,
			dryRun: true,
			added: named(NEW_AUDIENCE),
			etag: TUTORIAL_FLOW_ETAG,
		});
		expect(calls(emulator)).toEqual([
			{ method: 'POST', path: IMS_TOKEN_PATH, status: 200 },
			AUDIENCE_LOOKUP,
			readCall(TUTORIAL_FLOW_ID),
		]);
		expectNothingSent(emulator, before);
		const tokenRequest = emulator.requests()[0];
		expect(tokenRequest.body).toContain('grant_type=client_credentials');
		expect(tokenRequest.body).toContain(`client_id=${DEFAULT_CLIENT_ID}`);
		expect(tokenRequest.body).toContain('client_secret=***');
		expectAdobeHeaders(emulator);
		expect(emulator.tokensIssued() - tokensBefore).toBe(1);
	});

	it('example "Add campaign audiences every morning" gone live: the campaign audience added with If-Match, with its schedule and its name from the sandbox', async () => {
		const { emulator, folder } = ctx;
		emulator.reset();

		const { data } = await executeWorkflow(folder, liveId(EXAMPLE_IDS.addAudiencesDaily));

		const [out] = items(data, 'Add campaign audiences');
		expect(out).toMatchObject({
			flowId: TUTORIAL_FLOW_ID,
			changed: true,
			previousEtag: TUTORIAL_FLOW_ETAG,
			conflictRetries: 0,
			added: named(NEW_AUDIENCE),
			skipped: [{ target: `audience ${A0}`, reason: 'already on the dataflow' }],
		});
		const stored = flow(emulator, TUTORIAL_FLOW_ID);
		expect(flowAudiences(stored)).toEqual([...TUTORIAL_AUDIENCE_IDS, NEW_AUDIENCE]);
		expect(stored.etag).toBe(out.etag);
		expect(selectorsOf(stored)[4].value).toMatchObject({
			name: TUTORIAL_NEW_AUDIENCE_NAME,
			exportMode: 'DAILY_FULL_EXPORT',
			schedule: { frequency: 'DAILY', startDate: todayUtc(), startTime: '06:00' },
		});
		// The token of the run before is stored with the credential and still valid.
		expect(calls(emulator)).toEqual([
			AUDIENCE_LOOKUP,
			readCall(TUTORIAL_FLOW_ID),
			patchCall(TUTORIAL_FLOW_ID, 200, TUTORIAL_FLOW_ETAG),
		]);
		expectAdobeHeaders(emulator);
	});

	it('example "Add audiences from a list of rows" as shipped: each row says what it would add; nothing sent', async () => {
		const { emulator, folder } = ctx;
		emulator.reset();
		const before = snapshot(emulator, TUTORIAL_FLOW_ID, STREAMING_FLOW_ID);

		const { data } = await executeWorkflow(folder, EXAMPLE_IDS.addFromRows);

		expect(items(data, 'Add each row').map((out) => [out.flowId, out.summary])).toEqual([
			[TUTORIAL_FLOW_ID, `Would add 1 audience (${TUTORIAL_NEW_AUDIENCE_NAME})`],
			[STREAMING_FLOW_ID, 'Would add 1 audience (Interested in Mountain Biking)'],
			[STREAMING_FLOW_ID, 'No change: skipped 1: already on the dataflow'],
		]);
		expectNothingSent(emulator, before);
	});

	it('example "Add audiences from a list of rows" gone live, OAuth after the token expired: 401, a new token, then one update per dataflow', async () => {
		const { emulator, folder } = ctx;
		emulator.reset();
		emulator.expireTokens();
		const tokensBefore = emulator.tokensIssued();
		const streamingEtag = flow(emulator, STREAMING_FLOW_ID).etag;

		const { data } = await executeWorkflow(folder, liveId(EXAMPLE_IDS.addFromRows));

		const out = items(data, 'Add each row');
		expect(out).toHaveLength(3);
		expect(out[0]).toMatchObject({
			flowId: TUTORIAL_FLOW_ID,
			changed: true,
			previousEtag: TUTORIAL_FLOW_ETAG,
		});
		expect(out[1]).toMatchObject({
			flowId: STREAMING_FLOW_ID,
			changed: true,
			previousEtag: streamingEtag,
		});
		expect(out[2]).toMatchObject({
			flowId: STREAMING_FLOW_ID,
			changed: false,
			skipped: [
				{ target: `audience ${STREAMING_AUDIENCE_IDS[0]}`, reason: 'already on the dataflow' },
			],
		});
		expect(flowAudiences(flow(emulator, TUTORIAL_FLOW_ID))).toEqual([
			...TUTORIAL_AUDIENCE_IDS,
			NEW_AUDIENCE,
		]);
		expect(flowAudiences(flow(emulator, STREAMING_FLOW_ID))).toEqual([
			...STREAMING_AUDIENCE_IDS,
			A0,
		]);
		// Rows of different flows may run in parallel: each flow's own requests are checked in order.
		expectOneUpdate(emulator, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, [NEW_AUDIENCE]);
		expectOneUpdate(emulator, STREAMING_FLOW_ID, String(streamingEtag), [A0]);
		expectTokenRefresh(emulator, tokensBefore);
	});

	it('example "Sync a dataflow\'s audiences every night" as shipped: what it would add, update and remove; nothing sent', async () => {
		const { emulator, folder } = ctx;
		emulator.reset();
		const before = snapshot(emulator, TUTORIAL_FLOW_ID);

		const { data } = await executeWorkflow(folder, EXAMPLE_IDS.syncEveryNight);

		expect(items(data, 'Sync campaign audiences')[0]).toMatchObject({
			changed: false,
			dryRun: true,
			added: named(NEW_AUDIENCE),
			removed: named(A3, A2),
			updated: named(A0),
			unchanged: [A1],
		});
		expect(calls(emulator)).toEqual([AUDIENCE_LOOKUP, readCall(TUTORIAL_FLOW_ID)]);
		expectNothingSent(emulator, before);
	});

	it('example "Sync a dataflow\'s audiences every night" gone live: the dataflow exports exactly the listed audiences, in one PATCH', async () => {
		const { emulator, folder } = ctx;
		emulator.reset();

		const { data } = await executeWorkflow(folder, liveId(EXAMPLE_IDS.syncEveryNight));

		expect(items(data, 'Sync campaign audiences')[0]).toMatchObject({
			changed: true,
			added: named(NEW_AUDIENCE),
			removed: named(A3, A2),
			updated: named(A0),
			unchanged: [A1],
		});
		const stored = flow(emulator, TUTORIAL_FLOW_ID);
		expect(flowAudiences(stored)).toEqual([A0, A1, NEW_AUDIENCE]);
		expect(selectorsOf(stored)[0].value.schedule).toEqual({
			startDate: '2026-12-01',
			frequency: 'DAILY',
			startTime: '02:00',
		});
		expect(calls(emulator)).toEqual([
			AUDIENCE_LOOKUP,
			readCall(TUTORIAL_FLOW_ID),
			patchCall(TUTORIAL_FLOW_ID, 200, TUTORIAL_FLOW_ETAG),
		]);
	});

	it('example "Extend two audiences\' exports" as shipped, then gone live: the two end dates move in one PATCH, every other setting stays', async () => {
		const { emulator, folder } = ctx;
		emulator.reset();
		const before = snapshot(emulator, TUTORIAL_FLOW_ID);
		const selectorsBefore = selectorsOf(flow(emulator, TUTORIAL_FLOW_ID));

		const shipped = await executeWorkflow(folder, EXAMPLE_IDS.extendExports);
		expect(items(shipped.data, 'Extend two audiences')[0]).toMatchObject({
			summary: 'Would update 2 audiences (Birth year 1970, GCM_E2E_PersonId_Test)',
			dryRun: true,
		});
		expectNothingSent(emulator, before);
		emulator.clearRequests();

		const live = await executeWorkflow(folder, liveId(EXAMPLE_IDS.extendExports));
		expect(items(live.data, 'Extend two audiences')[0]).toMatchObject({
			changed: true,
			updated: named(A1, A2),
		});
		const after = selectorsOf(flow(emulator, TUTORIAL_FLOW_ID));
		expect(after[1].value).toEqual({
			...selectorsBefore[1].value,
			schedule: { ...selectorsBefore[1].value.schedule, endDate: '2027-03-31', startTime: '06:00' },
			updateTime: expect.any(String),
		});
		expect(after[2].value).toEqual({
			...selectorsBefore[2].value,
			schedule: {
				...selectorsBefore[2].value.schedule,
				frequency: 'EVERY_12_HOURS',
				endDate: '2027-03-31',
			},
			updateTime: expect.any(String),
		});
		expect([after[0], after[3]]).toEqual([selectorsBefore[0], selectorsBefore[3]]);
		expect(calls(emulator)).toEqual([
			AUDIENCE_LOOKUP,
			readCall(TUTORIAL_FLOW_ID),
			patchCall(TUTORIAL_FLOW_ID, 200, TUTORIAL_FLOW_ETAG),
		]);
	});

	it('example "Extend dataset exports every Monday" as shipped, then gone live: one listing and nothing else, then a PATCH with If-Match per dataset export ending within 30 days', async () => {
		const { emulator, folder } = ctx;
		emulator.reset();
		const ending: string[] = [
			DATASET_FLOW_IDS.endingSoon,
			DATASET_FLOW_IDS.ended,
			DATASET_FLOW_IDS.legacyDaily,
			DATASET_FLOW_IDS.legacyEveryThreeHours,
		];
		const all = Object.values(DATASET_FLOW_IDS);
		const before = snapshot(emulator, ...all);
		const listing: Call = { method: 'GET', path: '/flows', status: 200 };
		// The credential's token, when this run mints one, is not part of what is checked here.
		const sentToFlowService = () =>
			calls(emulator)
				.filter((call) => call.path !== IMS_TOKEN_PATH)
				.map((call) => ({ ...call, path: call.path.split('?')[0] }));

		const shipped = await executeWorkflow(folder, EXAMPLE_IDS.extendDatasetExports);
		const [dry] = items(shipped.data, 'Extend ending exports');
		expect(dry).toMatchObject({
			summary: 'Dry run: would extend 4 dataset exports, 0 already end on or after the new end',
			dryRun: true,
		});
		expect((dry.dataflows as Json[]).map((one) => one.id).sort()).toEqual([...ending].sort());
		expect(sentToFlowService()).toEqual([listing]);
		expectNothingSent(emulator, before);
		emulator.clearRequests();

		const live = await executeWorkflow(folder, liveId(EXAMPLE_IDS.extendDatasetExports));
		const [out] = items(live.data, 'Extend ending exports');
		expect(out).toMatchObject({ summary: 'Extended 4 dataset exports; 0 unchanged', extended: 4 });
		const newEnd = Date.parse((out.dataflows as Json[])[0].newEnd) / 1000;
		for (const id of ending) {
			expect(flow(emulator, id).scheduleParams).toEqual({
				...(before[id] as Json).scheduleParams,
				endTime: newEnd,
			});
		}
		for (const id of all.filter((id) => !ending.includes(id)))
			expect(flow(emulator, id)).toEqual(before[id]);
		const sent = sentToFlowService();
		expect(sent[0]).toEqual(listing);
		expect(sent.slice(1).sort((a, b) => a.path.localeCompare(b.path))).toEqual(
			[...ending].sort().map((id) => patchCall(id, 200, String((before[id] as Json).etag))),
		);
	});

	it('example "Retire an audience everywhere when its campaign ends" as shipped, then gone live: one listing and nothing else, then a PATCH with If-Match per dataflow exporting the audience', async () => {
		const { emulator, folder } = ctx;
		emulator.reset();
		const before = snapshot(emulator, ...SHARED_AUDIENCE_FLOW_IDS);
		const listing: Call = { method: 'GET', path: '/flows', status: 200 };
		const sentToFlowService = () =>
			calls(emulator)
				.filter((call) => call.path !== IMS_TOKEN_PATH)
				.map((call) => ({ ...call, path: call.path.split('?')[0] }));
		const exporting = () =>
			SHARED_AUDIENCE_FLOW_IDS.filter((id) =>
				selectorsOf(flow(emulator, id)).some((s: Json) => s.value.id === SHARED_AUDIENCE_ID),
			);

		const shipped = await executeWorkflow(folder, EXAMPLE_IDS.retireAudience);
		const dry = items(shipped.data, 'Remove it from every dataflow');
		expect(dry).toHaveLength(SHARED_AUDIENCE_FLOW_IDS.length);
		for (const report of dry) expect(report.summary).toMatch(/: Would remove 1 audience \(/);
		expect(sentToFlowService()).toEqual([listing]);
		expectNothingSent(emulator, before);
		emulator.clearRequests();

		const live = await executeWorkflow(folder, liveId(EXAMPLE_IDS.retireAudience));
		const reports = items(live.data, 'Remove it from every dataflow');
		expect(reports.map((report) => report.changed)).toEqual(
			SHARED_AUDIENCE_FLOW_IDS.map(() => true),
		);
		expect(exporting()).toEqual([]);
		const sent = sentToFlowService();
		expect(sent[0]).toEqual(listing);
		expect(sent.slice(1).sort((a, b) => a.path.localeCompare(b.path))).toEqual(
			[...SHARED_AUDIENCE_FLOW_IDS]
				.sort()
				.map((id) => patchCall(id, 200, String((before[id] as Json).etag))),
		);
	});

	it('example "Delete an ended campaign\'s dataflow" as shipped, then gone live: a read and nothing else, then the DELETE', async () => {
		const { emulator, folder } = ctx;
		emulator.reset();
		const before = snapshot(emulator, TUTORIAL_FLOW_ID);

		const shipped = await executeWorkflow(folder, EXAMPLE_IDS.deleteDataflow);
		expect(items(shipped.data, 'Delete dataflow')[0]).toMatchObject({
			summary: `Would delete dataflow ${TUTORIAL_FLOW_NAME} (${TUTORIAL_FLOW_ID})`,
			deleted: false,
		});
		expect(calls(emulator)).toEqual([readCall(TUTORIAL_FLOW_ID)]);
		expectNothingSent(emulator, before);
		emulator.clearRequests();

		const live = await executeWorkflow(folder, liveId(EXAMPLE_IDS.deleteDataflow));
		expect(items(live.data, 'Delete dataflow')[0]).toMatchObject({
			summary: `Deleted dataflow ${TUTORIAL_FLOW_NAME} (${TUTORIAL_FLOW_ID})`,
			deleted: true,
		});
		expect(calls(emulator)).toEqual([
			readCall(TUTORIAL_FLOW_ID),
			{ method: 'DELETE', path: `/flows/${TUTORIAL_FLOW_ID}`, status: 202 },
		]);
		expect(emulator.getFlow(TUTORIAL_FLOW_ID)).toBeUndefined();
	});

	it('example "Add audiences on a webhook call, then export them now" by hand, as shipped: would add the sample audience; the filter holds Export Now back; nothing sent', async () => {
		const { emulator, folder } = ctx;
		emulator.reset();
		const before = snapshot(emulator, TUTORIAL_FLOW_ID);

		const { data } = await executeWorkflow(folder, EXAMPLE_IDS.webhookAddExport);

		// The example's schedules start the day before (UTC): Adobe exports ad hoc only an hour after
		// a schedule's first export. The node sends such a date as given and says so.
		const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
		expect(items(data, 'Add audiences')[0]).toMatchObject({
			summary: `Would add 1 audience (${TUTORIAL_NEW_AUDIENCE_NAME}); warning: 1 start date is before today in UTC (${TUTORIAL_NEW_AUDIENCE_NAME}: ${yesterday})`,
			dryRun: true,
		});
		expect(items(data, 'Only if audiences were added')).toEqual([]);
		expect(
			(data as Json).data.resultData.runData['Export the added audiences now'],
		).toBeUndefined();
		expect(calls(emulator)).toEqual([AUDIENCE_LOOKUP, readCall(TUTORIAL_FLOW_ID)]);
		expectNothingSent(emulator, before);
	});

	it('example "Add audiences on a webhook call, then export them now" gone live: the audience added from yesterday, then exported at once and waited for', async () => {
		const { emulator, folder } = ctx;
		emulator.reset();

		const { data } = await executeWorkflow(folder, liveId(EXAMPLE_IDS.webhookAddExport));

		expect(items(data, 'Add audiences')[0]).toMatchObject({
			changed: true,
			added: named(NEW_AUDIENCE),
		});
		const [exported] = items(data, 'Export the added audiences now');
		expect(exported).toMatchObject({
			summary: `Exported 1 audience (${TUTORIAL_NEW_AUDIENCE_NAME}): 2480 records`,
			changed: true,
			completed: true,
			jobs: [{ audienceId: NEW_AUDIENCE, status: 'Success', outputRecordCount: 2480 }],
		});
		const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
		expect(selectorsOf(flow(emulator, TUTORIAL_FLOW_ID))[4].value.schedule).toEqual({
			frequency: 'DAILY',
			startDate: yesterday,
			startTime: '00:00',
		});
		const runId = String(exported.jobs[0].runId);
		expect(calls(emulator).map((call) => `${call.method} ${call.path.split('?')[0]}`)).toEqual([
			`${AUDIENCE_LOOKUP.method} ${AUDIENCE_LOOKUP.path}`,
			`GET /flows/${TUTORIAL_FLOW_ID}`,
			`PATCH /flows/${TUTORIAL_FLOW_ID}`,
			`GET /flows/${TUTORIAL_FLOW_ID}`,
			`POST ${ADHOC_PATH}`,
			`GET /runs/${runId}`,
		]);
		expect(emulator.requests().find((r) => r.path === ADHOC_PATH)?.body).toEqual({
			activationInfo: { [TUTORIAL_FLOW_ID]: [NEW_AUDIENCE] },
		});
	});

	it('example "Post a dataflow\'s failed runs to chat every morning" by hand: one chat message listing the failed runs, newest first, with Adobe\'s errors', async () => {
		const { emulator, folder, chat } = ctx;
		emulator.reset();
		chat.events.length = 0;
		const run = emulator.addRun(TUTORIAL_FLOW_ID, {
			status: 'Failed',
			createdAt: FAILED_AT,
			errors: [FAILURE],
		})!;

		const { data } = await executeWorkflow(folder, EXAMPLE_IDS.failedRunsReport);

		expect(items(data, 'Failed runs of the dataflow').map((out) => out.id)).toEqual([
			run.id,
			TUTORIAL_FAILED_RUN_ID,
		]);
		expect(chat.events).toEqual([
			{
				text: [
					`2 failed run(s) of dataflow "${TUTORIAL_FLOW_NAME}", newest first:`,
					`- Run ${run.id}, started 2026-03-01T10:00:01.500Z: ${FAILURE.message} (${FAILURE.code})`,
					`- Run ${TUTORIAL_FAILED_RUN_ID}, started 2021-12-26T00:00:01.500Z: Job aborted. (ACTIVATION_BATCH-0000-FAILED)`,
				].join('\n'),
			},
		]);
		expect(
			calls(emulator).every((call) => call.method === 'GET' || call.path === IMS_TOKEN_PATH),
		).toBe(true);
	});
}

export interface ServerContext extends ExampleContext {
	serverUrl: string;
	api: RestAuth;
}

/** The scenarios on a running server: the webhook example, and the trigger example run from the editor. */
export function describeExamplesOnServer(context: () => ServerContext): void {
	const request = {
		flowId: TUTORIAL_FLOW_ID,
		add: [{ id: NEW_AUDIENCE }, { id: A0 }],
		remove: [A3, MISSING_AUDIENCE_ID],
	};
	const addSkipped = [
		{ id: A0, name: NAMES[A0], target: `audience ${A0}`, reason: 'already on the dataflow' },
	];
	const removeSkipped = [
		{
			id: MISSING_AUDIENCE_ID,
			name: MISSING_AUDIENCE_ID,
			target: `audience ${MISSING_AUDIENCE_ID}`,
			reason: 'not on the dataflow',
		},
	];

	it('example "Add and remove audiences on a webhook call" as shipped: POST /webhook/campaign-update answers what it would change; nothing sent', async () => {
		const { emulator, serverUrl } = context();
		emulator.reset();
		const before = snapshot(emulator, TUTORIAL_FLOW_ID);

		const response = await postWebhook(serverUrl, CAMPAIGN_WEBHOOK_PATH, request);

		expect(response.status).toBe(200);
		expect(response.json).toEqual({
			dryRun: true,
			flowId: TUTORIAL_FLOW_ID,
			etag: TUTORIAL_FLOW_ETAG,
			added: named(NEW_AUDIENCE),
			addSkipped,
			removed: named(A3),
			removeSkipped,
			summary: [
				`Would add 1 audience (${TUTORIAL_NEW_AUDIENCE_NAME}); skipped 1: already on the dataflow`,
				`Would remove 1 audience (${NAMES[A3]}); skipped 1: not on the dataflow`,
			],
		});
		expectNothingSent(emulator, before);
	});

	it('example "Add and remove audiences on a webhook call" gone live: POST /webhook/campaign-update-live answers with the result; the flow changed in two PATCHes', async () => {
		const { emulator, serverUrl } = context();
		emulator.reset();

		const response = await postWebhook(serverUrl, `${CAMPAIGN_WEBHOOK_PATH}-live`, request);

		expect(response.status).toBe(200);
		const stored = flow(emulator, TUTORIAL_FLOW_ID);
		expect(response.json).toEqual({
			dryRun: false,
			flowId: TUTORIAL_FLOW_ID,
			etag: stored.etag,
			added: named(NEW_AUDIENCE),
			addSkipped,
			removed: named(A3),
			removeSkipped,
			summary: [
				`Added 1 audience (${TUTORIAL_NEW_AUDIENCE_NAME}); skipped 1: already on the dataflow`,
				`Removed 1 audience (${NAMES[A3]}); skipped 1: not on the dataflow`,
			],
		});
		expect(flowAudiences(stored)).toEqual([A0, A1, A2, NEW_AUDIENCE]);
		const tutorialCalls = flowCalls(emulator, TUTORIAL_FLOW_ID).filter((c) => c.status !== 401);
		expect(tutorialCalls).toEqual([
			readCall(TUTORIAL_FLOW_ID),
			patchCall(TUTORIAL_FLOW_ID, 200, TUTORIAL_FLOW_ETAG),
			readCall(TUTORIAL_FLOW_ID),
			patchCall(TUTORIAL_FLOW_ID, 200, expect.stringMatching(/^"/)),
		]);
		expect(tutorialCalls[3].ifMatch).not.toBe(TUTORIAL_FLOW_ETAG);
	});

	it('example "Post an alert to chat when any dataflow run fails" in the editor: Execute workflow (Fetch Test Event) posts the newest failed run; then each step runs alone on the run data the editor holds', async () => {
		const { emulator, chat, api } = context();
		emulator.reset();
		chat.events.length = 0;
		const run = emulator.addRun(TUTORIAL_FLOW_ID, {
			status: 'Failed',
			createdAt: FAILED_AT,
			errors: [FAILURE],
		})!;
		const workflow = withChatWebhook(exampleNamed(EXAMPLE_IDS.alertOnFailedRun), chat.url);
		const trigger = 'When a dataflow run fails';
		const alert = (detectedAt: string) =>
			[
				`Adobe Experience Platform: a run of dataflow "${TUTORIAL_FLOW_NAME}" failed`,
				`Dataflow ID: ${TUTORIAL_FLOW_ID}`,
				`Run ID: ${run.id}, created 2026-03-01T10:00:00.000Z`,
				`Errors: ${FAILURE.message} (${FAILURE.code})`,
				`Detected at: ${detectedAt}`,
			].join('\n');

		const whole = await runManually(api, workflow, { triggerToStartFrom: { name: trigger } });

		expect(whole.status).toBe('success');
		expect(chat.events).toHaveLength(1);
		const detectedAt = /Detected at: (\S+)$/.exec(String(chat.events[0].text))?.[1] ?? '';
		expect(chat.events[0]).toEqual({ text: alert(detectedAt) });
		// Only reads: the trigger looked at the dataflows and their failed runs.
		expect(
			calls(emulator).every((call) => call.method === 'GET' || call.path === IMS_TOKEN_PATH),
		).toBe(true);

		// What the editor holds after Fetch Test Event: the trigger's event, nothing else.
		const event = {
			event: 'runFailed',
			flowId: TUTORIAL_FLOW_ID,
			flowName: TUTORIAL_FLOW_NAME,
			run,
			detectedAt,
		};
		const fetched = { [trigger]: taskData([event], 0) };
		const message = await runManually(api, workflow, {
			runData: fetched,
			destinationNode: { nodeName: 'Alert message', mode: 'inclusive' },
		});
		const post = await runManually(api, workflow, {
			runData: { ...fetched, 'Alert message': taskData([{ text: alert(detectedAt) }], 1, trigger) },
			destinationNode: { nodeName: 'Post the alert to chat', mode: 'inclusive' },
		});

		expect([message.status, post.status]).toEqual(['success', 'success']);
		expect(chat.events).toEqual([{ text: alert(detectedAt) }, { text: alert(detectedAt) }]);
	});
}
