import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import nock from 'nock';
import { NodeHelpers, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { FlowServiceDestinationTrigger } from '@node/FlowServiceDestinationTrigger.node';
import { activatePoll, runNodeMethod, runPoll } from '../harness';
import {
	adobeHeaders,
	answer,
	byId,
	flowServiceError,
	PLATFORM,
	setupNock,
	TOKEN_CREDENTIAL,
	type RecordedRequest,
	adobeCredential,
} from './setup';

const TRIGGER_TYPE = 'n8n-nodes-adobe-flow-service.flowServiceDestinationTrigger';
const FLOW_ID = '226fb2e1-db69-4760-b67e-9e671e05abfc';
const FLOW_B = '2edc08ac-4df5-4fe6-936f-81a19ce92f5c';
const SERVICE = '/data/foundation/flowservice';
const DESTINATIONS = 'inheritedAttributes.properties.isDestinationFlow==true';

setupNock();

function poll(parameters: INodeParameters, staticData?: IDataObject, mode?: 'manual') {
	return runPoll({
		nodeTypes: { [TRIGGER_TYPE]: FlowServiceDestinationTrigger },
		...adobeCredential(),
		nodeType: TRIGGER_TYPE,
		parameters,
		staticData,
		mode,
	});
}

const flow = (id: string, overrides: IDataObject = {}) => ({
	id,
	name: `Flow ${id.slice(0, 4)}`,
	state: 'enabled',
	etag: `"${id.slice(0, 8)}-e1"`,
	description: 'd',
	...overrides,
});
const failedRun = (id: string, flowId: string, createdAt: number) => ({
	id,
	flowId,
	createdAt,
	metrics: { statusSummary: { status: 'Failed' } },
});

describe('Flow Service Destination Trigger: description', () => {
	const description = new FlowServiceDestinationTrigger().description;

	it('is a polling trigger with no inputs, the package credential and themed icons', () => {
		expect(description).toMatchObject({
			name: 'flowServiceDestinationTrigger',
			displayName: 'Flow Service Destination Trigger',
			group: ['trigger'],
			polling: true,
			inputs: [],
			outputs: ['main'],
			credentials: [{ name: 'adobeExperiencePlatformApi', required: true }],
			icon: {
				light: 'file:flowServiceDestinationTrigger.svg',
				dark: 'file:flowServiceDestinationTrigger.dark.svg',
			},
		});
		expect(description.usableAsTool).toBeUndefined();
		expect(description.properties.map((property) => property.name)).toEqual([
			'events',
			'endingWithinDays',
			'runDelayMinutes',
			'skippedPercent',
			'watch',
			'flowId',
			'options',
		]);
	});

	it('lists the events by label, and shows each new event’s field only for that event, with a hint', () => {
		const events = description.properties.find((property) => property.name === 'events')!;
		expect(
			(events.options as Array<{ name: string; value: string }>).map((o) => [o.value, o.name]),
		).toEqual([
			['configurationChanged', 'Configuration Changed'],
			['disabled', 'Disabled'],
			['enabled', 'Enabled'],
			['exportEndingSoon', 'Export Ending Soon'],
			['runDelayed', 'Run Delayed'],
			['runFailed', 'Run Failed'],
			['skippedRateExceeded', 'Skipped Rate Exceeded'],
		]);
		expect(events.default).toEqual(['runFailed']);
		const fields = Object.fromEntries(
			description.properties.map((property) => [property.name, property]),
		);
		expect(
			['endingWithinDays', 'runDelayMinutes', 'skippedPercent'].map((name) => [
				fields[name].displayName,
				fields[name].default,
				fields[name].displayOptions,
				typeof fields[name].hint,
			]),
		).toEqual([
			['Days Before End', 14, { show: { events: ['exportEndingSoon'] } }, 'string'],
			['Delay (Minutes)', 150, { show: { events: ['runDelayed'] } }, 'string'],
			['Skipped Share (%)', 1, { show: { events: ['skippedRateExceeded'] } }, 'string'],
		]);
		const shown = (selected: string[]) =>
			description.properties
				.filter((property) =>
					NodeHelpers.displayParameter({ events: selected }, property, null, description),
				)
				.map((property) => property.name);
		expect(shown(['runFailed'])).toEqual(['events', 'watch', 'options']);
		expect(shown(['runFailed', 'runDelayed', 'exportEndingSoon'])).toEqual([
			'events',
			'endingWithinDays',
			'runDelayMinutes',
			'watch',
			'options',
		]);
	});

	it('is registered in package.json and index.js, and its codex names it', () => {
		const root = path.join(__dirname, '..', '..');
		const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
		expect(pkg.n8n.nodes).toContain(
			'dist/nodes/FlowServiceDestination/FlowServiceDestinationTrigger.node.js',
		);
		expect(readFileSync(path.join(root, 'index.js'), 'utf8')).toContain(
			'FlowServiceDestinationTrigger',
		);
		const codex = JSON.parse(
			readFileSync(
				path.join(root, 'nodes/FlowServiceDestination/FlowServiceDestinationTrigger.node.json'),
				'utf8',
			),
		);
		expect(codex.node).toBe(TRIGGER_TYPE);
	});

	it('offers the dataflow picker of the main node', async () => {
		nock(PLATFORM)
			.get(`${SERVICE}/flows`)
			.query(true)
			.reply(200, { items: [flow(FLOW_ID, { name: 'Winter' })], _links: {} });
		const result = await runNodeMethod({
			nodeTypes: { [TRIGGER_TYPE]: FlowServiceDestinationTrigger },
			...adobeCredential(),
			nodeType: TRIGGER_TYPE,
			kind: 'listSearch',
			method: 'searchDataflows',
		});
		expect(result.results).toEqual([
			{ name: 'Winter', value: FLOW_ID, description: `enabled · ${FLOW_ID}` },
		]);
	});
});

describe('Flow Service Destination Trigger: requests and parameters', () => {
	it('sends Adobe’s headers on every read and only reads', async () => {
		const requests: RecordedRequest[] = [];
		nock(PLATFORM)
			.get(`${SERVICE}/flows/${FLOW_ID}`)
			.reply(answer(requests, 200, { items: [flow(FLOW_ID)] }))
			.get(`${SERVICE}/runs`)
			.query(true)
			.reply(answer(requests, 200, { items: [], _links: {} }));

		await poll({ events: ['runFailed', 'disabled'], watch: 'flow', flowId: byId(FLOW_ID) });

		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET ${SERVICE}/flows/${FLOW_ID}`,
			`GET ${SERVICE}/runs?property=${encodeURIComponent('metrics.statusSummary.status==Failed,failed')}&property=${encodeURIComponent(`flowId==${FLOW_ID}`)}&orderby=-createdAt&limit=100`,
		]);
		for (const request of requests) expect(request.headers).toMatchObject(adobeHeaders());
	});

	it('each poll of one activation uses the credential as it is then: a newly pasted token is sent at once', async () => {
		const requests: RecordedRequest[] = [];
		nock(PLATFORM)
			.get(`${SERVICE}/flows/${FLOW_ID}`)
			.times(2)
			.reply(answer(requests, 200, { items: [flow(FLOW_ID)] }));
		const active = activatePoll({
			nodeTypes: { [TRIGGER_TYPE]: FlowServiceDestinationTrigger },
			...adobeCredential({ ...TOKEN_CREDENTIAL, accessToken: 'day-1-token' }),
			nodeType: TRIGGER_TYPE,
			parameters: { events: ['disabled'], watch: 'flow', flowId: byId(FLOW_ID) },
		});

		await active.poll();
		active.store.write({ id: '1', name: 'Adobe' }, 'adobeExperiencePlatformApi', {
			...TOKEN_CREDENTIAL,
			accessToken: 'day-2-token',
		});
		await active.poll();

		expect(requests.map((request) => request.headers.authorization)).toEqual([
			'Bearer day-1-token',
			'Bearer day-2-token',
		]);
	});

	it('does not read runs when Run Failed is not selected', async () => {
		const scope = nock(PLATFORM)
			.get(`${SERVICE}/flows`)
			.query({ property: DESTINATIONS, orderby: 'createdAt', limit: '100' })
			.reply(200, { items: [flow(FLOW_ID)], _links: {} });
		const result = await poll({ events: ['configurationChanged'] });
		expect(result.response).toBeNull();
		expect(scope.isDone()).toBe(true);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('follows the next link of the dataflow listing', async () => {
		nock(PLATFORM)
			.get(`${SERVICE}/flows`)
			.query({ property: DESTINATIONS, orderby: 'createdAt', limit: '100' })
			.reply(200, {
				items: [flow(FLOW_ID)],
				_links: { next: { href: `${SERVICE}/flows?continuationToken=abc` } },
			})
			.get(`${SERVICE}/flows`)
			.query({ continuationToken: 'abc' })
			.reply(200, { items: [flow(FLOW_B)], _links: {} });
		const result = await poll({ events: ['enabled'] });
		const memory = result.staticData['node:Poll Trigger'] as { flows: Record<string, unknown> };
		expect(Object.keys(memory.flows)).toEqual([FLOW_ID, FLOW_B]);
	});

	it.each([
		['no event', { events: [] }, /Choose at least one event to trigger on/],
		['an unknown event', { events: ['runFailed', 'deleted'] }, /Choose at least one event/],
		[
			'a late-run window of 0',
			{ options: { lateRunWindow: 0 } },
			/Late Run Window must be a whole number of minutes from 1 to 10080, got 0/,
		],
		[
			'a fractional late-run window',
			{ options: { lateRunWindow: 1.5 } },
			/Late Run Window must be a whole number/,
		],
		[
			'too many retries',
			{ options: { maxRetries: 11 } },
			/maxRetries must be a whole number from 0 to 10, got 11/,
		],
		[
			'a zero timeout',
			{ options: { requestTimeout: 0 } },
			/requestTimeout must be a whole number from 1 to 600000/,
		],
		['no dataflow', { watch: 'flow', flowId: byId('') }, /Dataflow is required/],
	])('refuses %s before calling Adobe', async (_label, parameters, message) => {
		await expect(
			poll({ events: ['runFailed'], ...parameters } as INodeParameters),
		).rejects.toMatchObject({ message: expect.stringMatching(message) });
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('reports Adobe’s error with its code and request ID', async () => {
		nock(PLATFORM)
			.get(`${SERVICE}/flows`)
			.query(true)
			.reply(403, flowServiceError('1106-403', 403, 'Access denied for the sandbox'));
		const staticData = { 'node:Poll Trigger': { format: 1, scope: 'x', flows: {} } };
		const failure = await poll({ events: ['enabled'] }, staticData).then(
			() => undefined,
			(error: unknown) => error as { message: string; description: string; httpCode: string },
		);
		expect(failure).toMatchObject({
			httpCode: '403',
			message: expect.stringContaining('1106-403'),
		});
		expect(failure!.description).toContain('req-abc-123');
	});

	it('reports a dataflow gone from the listing only after Adobe confirms the 404, and fails if Adobe cannot say', async () => {
		nock(PLATFORM)
			.get(`${SERVICE}/flows`)
			.query(true)
			.reply(200, { items: [flow(FLOW_ID)], _links: {} });
		const first = await poll({ events: ['disabled'] });

		nock(PLATFORM)
			.get(`${SERVICE}/flows`)
			.query(true)
			.reply(200, { items: [], _links: {} })
			.get(`${SERVICE}/flows/${FLOW_ID}`)
			.reply(200, { items: [flow(FLOW_ID, { state: 'disabled', etag: '"x2"' })] });
		const stillThere = await poll({ events: ['disabled'] }, first.staticData);
		expect(stillThere.items).toMatchObject([{ event: 'disabled', flowId: FLOW_ID }]);

		nock(PLATFORM)
			.get(`${SERVICE}/flows`)
			.query(true)
			.reply(200, { items: [], _links: {} })
			.get(`${SERVICE}/flows/${FLOW_ID}`)
			.reply(400, flowServiceError('1101-400', 400, 'Bad request'));
		await expect(poll({ events: ['disabled'] }, stillThere.staticData)).rejects.toMatchObject({
			httpCode: '400',
		});
	});

	it('emits the events of one poll as items, runs first', async () => {
		const T = 1_700_000_000_000;
		nock(PLATFORM)
			.get(`${SERVICE}/flows`)
			.query(true)
			.reply(200, { items: [flow(FLOW_ID)], _links: {} })
			.get(`${SERVICE}/runs`)
			.query(true)
			.reply(200, { items: [failedRun('r1', FLOW_ID, T)], _links: {} });
		const first = await poll({ events: ['runFailed', 'configurationChanged'] });
		expect(first.response).toBeNull();

		nock(PLATFORM)
			.get(`${SERVICE}/flows`)
			.query(true)
			.reply(200, { items: [flow(FLOW_ID, { etag: '"e2"', name: 'Renamed' })], _links: {} })
			.get(`${SERVICE}/runs`)
			.query((query) => query.property?.includes(`createdAt>=${T - 1440 * 60_000}`) ?? false)
			.reply(200, {
				items: [failedRun('r2', FLOW_ID, T + 1), failedRun('r1', FLOW_ID, T)],
				_links: {},
			});
		const second = await poll({ events: ['runFailed', 'configurationChanged'] }, first.staticData);
		expect(
			second.items.map((item) => [
				item.event,
				item.flowName,
				(item.run as IDataObject | undefined)?.id,
				item.changedFields,
			]),
		).toEqual([
			['runFailed', 'Renamed', 'r2', undefined],
			['configurationChanged', 'Renamed', undefined, ['name']],
		]);
		expect(new Date(second.items[0].detectedAt as string).getTime()).not.toBeNaN();
	});
});

describe('Flow Service Destination Trigger: schedule and run-metric events', () => {
	const MIN = 60_000;
	const DAY = 86_400_000;
	const FINISHED = 'metrics.statusSummary.status==Success,success,Failed,failed';
	const memoryOf = (staticData: IDataObject) => staticData['node:Poll Trigger'] as IDataObject;
	const paths = (requests: RecordedRequest[]) =>
		requests.map((request) => `${request.method} ${decodeURIComponent(request.path)}`);
	const finishedRun = (id: string, createdAt: number, received: number, skipped: number) => ({
		id,
		flowId: FLOW_ID,
		createdAt,
		metrics: {
			recordSummary: { inputRecordCount: received, skippedRecordCount: skipped },
			statusSummary: { status: 'Success' },
		},
	});

	it('Skipped Rate Exceeded: reads finished runs, records a baseline, then reports a run over the share once', async () => {
		const T = 1_770_000_000_000;
		const requests: RecordedRequest[] = [];
		const parameters = { events: ['skippedRateExceeded'], skippedPercent: 2 };
		nock(PLATFORM)
			.get(`${SERVICE}/flows`)
			.query(true)
			.times(3)
			.reply(answer(requests, 200, { items: [flow(FLOW_ID)], _links: {} }))
			.get(`${SERVICE}/runs`)
			.query(true)
			.reply(answer(requests, 200, { items: [finishedRun('old', T, 100, 50)], _links: {} }))
			.get(`${SERVICE}/runs`)
			.query(true)
			.times(2)
			.reply(
				answer(requests, 200, {
					items: [finishedRun('over', T + MIN, 100, 3), finishedRun('under', T + MIN, 100, 2)],
					_links: {},
				}),
			);
		const first = await poll(parameters);
		expect(first.response).toBeNull();
		const second = await poll(parameters, first.staticData);
		expect(second.items).toEqual([
			expect.objectContaining({
				event: 'skippedRateExceeded',
				flowId: FLOW_ID,
				flowName: `Flow ${FLOW_ID.slice(0, 4)}`,
				received: 100,
				skipped: 3,
				skippedPercent: 3,
				thresholdPercent: 2,
				run: expect.objectContaining({ id: 'over' }),
			}),
		]);
		const third = await poll(parameters, second.staticData);
		expect(third.response).toBeNull();
		expect(paths(requests).filter((line) => line.includes('/runs'))).toEqual([
			`GET ${SERVICE}/runs?property=${FINISHED}&orderby=-createdAt&limit=100`,
			`GET ${SERVICE}/runs?property=${FINISHED}&property=createdAt>=${T - 1440 * MIN}&orderby=-createdAt&limit=100`,
			`GET ${SERVICE}/runs?property=${FINISHED}&property=createdAt>=${T + MIN - 1440 * MIN}&orderby=-createdAt&limit=100`,
		]);
		expect(memoryOf(third.staticData).skips).toEqual({
			watermark: T + MIN,
			seen: { old: T, over: T + MIN },
		});
	});

	it('Run Delayed: reads no runs while no due time is to be decided, then the runs around one, and reports it once', async () => {
		const now = Date.now();
		// A one-time audience export due 160 minutes ago, on a whole minute as Adobe's times are.
		const due = Math.floor((now - 160 * MIN) / MIN) * MIN;
		const iso = new Date(due).toISOString();
		const scheduled = flow(FLOW_ID, {
			updatedAt: due - DAY,
			transformations: [
				{
					name: 'GeneralTransform',
					params: {
						segmentSelectors: {
							selectors: [
								{
									type: 'PLATFORM_SEGMENT',
									value: {
										id: 'aud-1',
										name: 'Gold',
										schedule: {
											frequency: 'ONCE',
											startDate: iso.slice(0, 10),
											startTime: iso.slice(11, 16),
										},
									},
								},
							],
						},
					},
				},
			],
		});
		const requests: RecordedRequest[] = [];
		const parameters = { events: ['runDelayed'], watch: 'flow', flowId: byId(FLOW_ID) };
		nock(PLATFORM)
			.get(`${SERVICE}/flows/${FLOW_ID}`)
			.times(3)
			.reply(answer(requests, 200, { items: [scheduled] }))
			.get(`${SERVICE}/runs`)
			.query(true)
			.reply(
				answer(requests, 200, {
					items: [{ id: 'early', flowId: FLOW_ID, createdAt: due - 40 * MIN }],
					_links: {},
				}),
			);

		// Already decided before this (the trigger last looked after its delay ran out): no runs read.
		const decided = {
			format: 1,
			scope: `TESTORG0000000000000000@AdobeOrg/dev/${FLOW_ID}`,
			flows: {},
		};
		const quiet = await poll(parameters, {
			'node:Poll Trigger': {
				...decided,
				delays: { checkedUntil: now - 5 * MIN, delayMinutes: 150 },
			},
		});
		expect(quiet.response).toBeNull();
		expect(paths(requests)).toEqual([`GET ${SERVICE}/flows/${FLOW_ID}`]);

		const stopped = await poll(parameters, {
			'node:Poll Trigger': {
				...decided,
				delays: { checkedUntil: now - 30 * MIN, delayMinutes: 150 },
			},
		});
		expect(stopped.items).toEqual([
			{
				event: 'runDelayed',
				flowId: FLOW_ID,
				flowName: `Flow ${FLOW_ID.slice(0, 4)}`,
				kind: 'audience',
				dueAt: iso,
				delayMinutes: 150,
				audiences: [{ id: 'aud-1', name: 'Gold' }],
				detectedAt: expect.any(String),
			},
		]);
		expect(paths(requests).slice(1)).toEqual([
			`GET ${SERVICE}/flows/${FLOW_ID}`,
			`GET ${SERVICE}/runs?property=flowId==${FLOW_ID}&property=createdAt>=${due - 180 * MIN}&orderby=-createdAt&limit=100`,
		]);
		const again = await poll(parameters, stopped.staticData);
		expect(again.response).toBeNull();
		expect(paths(requests).slice(3)).toEqual([`GET ${SERVICE}/flows/${FLOW_ID}`]);
	});

	it('Export Ending Soon: reads only the dataflows; reports an export ending within the days once', async () => {
		const endTime = Math.floor((Date.now() + 3 * DAY) / 1000);
		const datasetExport = flow(FLOW_ID, {
			name: 'Web events to DLZ',
			inheritedAttributes: {
				sourceConnections: [{ connectionSpec: { id: '23598e46-f560-407b-88d5-ea6207e49db0' } }],
			},
			scheduleParams: { timeUnit: 'day', interval: 1, startTime: endTime - 90 * 86_400, endTime },
		});
		const requests: RecordedRequest[] = [];
		nock(PLATFORM)
			.get(`${SERVICE}/flows`)
			.query(true)
			.times(2)
			.reply(answer(requests, 200, { items: [datasetExport, flow(FLOW_B)], _links: {} }));
		const parameters = { events: ['exportEndingSoon'], endingWithinDays: 7 };
		const first = await poll(parameters);
		expect(first.items).toEqual([
			{
				event: 'exportEndingSoon',
				flowId: FLOW_ID,
				flowName: 'Web events to DLZ',
				kind: 'datasetExport',
				end: new Date(endTime * 1000).toISOString(),
				daysLeft: 2,
				ended: false,
				detectedAt: expect.any(String),
			},
		]);
		expect((await poll(parameters, first.staticData)).response).toBeNull();
		expect(paths(requests).every((line) => line.startsWith(`GET ${SERVICE}/flows?`))).toBe(true);
	});

	it.each([
		[
			{ events: ['exportEndingSoon'], endingWithinDays: 0 },
			/Days Before End must be a whole number of days from 1 to 365, got 0/,
		],
		[
			{ events: ['runDelayed'], runDelayMinutes: 2000 },
			/Delay \(Minutes\) must be a whole number of minutes from 1 to 1440, got 2000/,
		],
		[
			{ events: ['skippedRateExceeded'], skippedPercent: -1 },
			/Skipped Share \(%\) must be a number from 0 to 100, got -1/,
		],
	])('refuses %j before calling Adobe', async (parameters, message) => {
		await expect(poll(parameters as INodeParameters)).rejects.toMatchObject({
			message: expect.stringMatching(message),
		});
		expect(nock.pendingMocks()).toEqual([]);
	});
});
