import {
	ACCOUNT_IDS,
	CONNECTION_SPECS,
	DATASET_FLOW_IDS,
	DATASET_IDS,
	LEGACY_DATASET_FLOW_END,
	TUTORIAL_FLOW_ID,
	TUTORIAL_NEW_AUDIENCE_ID,
} from '../../emulator/fixtures/ids';
import type { IDataObject } from 'n8n-workflow';

import { addMonths } from '@node/model/datasetExport';
import { MANUAL_TRIGGER, example, nodeNamed, targets, withDryRunOff } from '../examples/load';
import { FlowServiceDestination } from '@node/FlowServiceDestination.node';
import { runNodeMethod } from '../harness';
import { NODE_TYPE, adobeCredential, byId, outputJson, runNode } from '../workflow-mocked/setup';
import { calls, NEW_AUDIENCE_ENTRY, tokenCredential, useEmulator } from './setup';

const emulator = useEmulator({ slowWorkflows: true });

/** Dataset Export › `operation` in node version 2 (Simplify on), against the emulator's prod. */
function run(operation: string, parameters: Record<string, unknown> = {}) {
	return runNode(
		{ resource: 'datasetExport', operation, ...parameters },
		{ credential: tokenCredential(emulator.current), node: { typeVersion: 2 } },
	);
}

const errorOf = (result: Awaited<ReturnType<typeof run>>) => result.error?.message;
const ids = (result: Awaited<ReturnType<typeof run>>) => outputJson(result).map((json) => json.id);
const storedEnd = (id: string) =>
	(emulator.current.getFlow(id)?.scheduleParams as { endTime?: number }).endTime;
const iso = (seconds: number | undefined) => new Date((seconds ?? 0) * 1000).toISOString();
const ALL_DATASET_FLOWS = Object.values(DATASET_FLOW_IDS);
const LISTING =
	'GET /flows?property=inheritedAttributes.properties.isDestinationFlow%3D%3Dtrue&property=inheritedAttributes.targetConnections%5B%5D.data.outputType%3D%3DDATASET_EXPORT&limit=100';

describe('Dataset Export › Get Many on the emulator', () => {
	it('lists the dataset exports only, each with its datasets, schedule and days left', async () => {
		const result = await run('getMany', { returnAll: true });

		expect(ids(result).sort()).toEqual([...ALL_DATASET_FLOWS].sort());
		const everySix = outputJson(result).find((json) => json.id === DATASET_FLOW_IDS.everySixHours);
		const end = storedEnd(DATASET_FLOW_IDS.everySixHours);
		expect(everySix).toMatchObject({
			name: 'Loyalty and web events to S3 (every 6 hours)',
			state: 'enabled',
			destination: CONNECTION_SPECS.amazonS3,
			accountId: ACCOUNT_IDS.prod.marketingS3,
			accountName: 'Marketing exports (S3)',
			datasets: [
				{ id: DATASET_IDS.prod.loyaltyMembers, name: 'Loyalty Members' },
				{ id: DATASET_IDS.prod.webEvents, name: 'Web Events' },
			],
			exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
			timeUnit: 'hour',
			interval: 6,
			endTime: iso(end),
		});
		expect(everySix?.daysUntilEnd).toBeGreaterThan(100);
		const oneTime = outputJson(result).find((json) => json.id === DATASET_FLOW_IDS.oneTime);
		expect(oneTime).toMatchObject({
			exportMode: 'DAILY_FULL_EXPORT',
			endTime: null,
			daysUntilEnd: null,
		});
		// One listing of dataflows, one of their source connections, then the names of destinations and accounts.
		expect(calls(emulator.current).slice(0, 2)).toEqual([
			LISTING,
			expect.stringMatching(/^GET \/sourceConnections\?property=id%3D%3Dda7a5c00-/),
		]);
	});

	it('filters by end date, dataset, destination and state', async () => {
		const endsBefore = await run('getMany', {
			returnAll: true,
			filters: { endsBefore: new Date(Date.UTC(2026, 0, 1)).toISOString() },
		});
		expect(ids(endsBefore).sort()).toEqual(
			[DATASET_FLOW_IDS.legacyDaily, DATASET_FLOW_IDS.legacyEveryThreeHours].sort(),
		);
		expect(outputJson(endsBefore)[0].endTime).toBe(iso(LEGACY_DATASET_FLOW_END));

		const byDataset = await run('getMany', {
			returnAll: true,
			filters: { datasetId: DATASET_IDS.prod.webEvents },
		});
		expect(ids(byDataset).sort()).toEqual(
			[DATASET_FLOW_IDS.everySixHours, DATASET_FLOW_IDS.endingSoon].sort(),
		);

		const toLandingZone = await run('getMany', {
			returnAll: true,
			filters: { destination: CONNECTION_SPECS.dataLandingZone },
		});
		expect(ids(toLandingZone).sort()).toEqual(
			[DATASET_FLOW_IDS.endingSoon, DATASET_FLOW_IDS.oneTime].sort(),
		);

		emulator.current.reset();
		const enabled = await run('getMany', { returnAll: true, filters: { state: 'enabled' } });
		expect(calls(emulator.current)[0]).toBe(
			LISTING.replace('true&', 'true&property=state%3D%3Denabled&'),
		);
		expect(ids(enabled).sort()).toEqual(
			ALL_DATASET_FLOWS.filter((id) => emulator.current.getFlow(id)?.state === 'enabled').sort(),
		);
	});

	it('stops at the limit', async () => {
		expect(ids(await run('getMany', { limit: 2 }))).toHaveLength(2);
	});

	it('refuses a bad filter naming it, before anything is sent', async () => {
		expect(errorOf(await run('getMany', { filters: { datasetId: 'Web Events' } }))).toMatch(
			/^Filters › Dataset ID: Dataset ID must be a Catalog dataset ID .* \(item 1\)$/,
		);
		expect(errorOf(await run('getMany', { filters: { endsBefore: 'soon' } }))).toMatch(
			/^Filters › Ends Before: .* \(item 1\)$/,
		);
		expect(emulator.current.requests()).toEqual([]);
	});
});

describe('Dataset Export › Get on the emulator', () => {
	it('reads one dataset export, simplified as Get Many gives it', async () => {
		const result = await run('get', { flowId: byId(DATASET_FLOW_IDS.endingSoon) });

		expect(outputJson(result)).toEqual([
			expect.objectContaining({
				id: DATASET_FLOW_IDS.endingSoon,
				datasets: [{ id: DATASET_IDS.prod.webEvents, name: 'Web Events' }],
				timeUnit: 'day',
				interval: 1,
				endTime: iso(storedEnd(DATASET_FLOW_IDS.endingSoon)),
			}),
		]);
		expect(calls(emulator.current).slice(0, 2)).toEqual([
			`GET /flows/${DATASET_FLOW_IDS.endingSoon}`,
			`GET /sourceConnections?property=id%3D%3Dda7a5c00-0000-4000-8000-000000000002`,
		]);
	});

	it('without Simplify returns the dataflow as Adobe gives it', async () => {
		const result = await run('get', { flowId: byId(DATASET_FLOW_IDS.oneTime), simplify: false });
		expect(outputJson(result)).toEqual([
			JSON.parse(JSON.stringify(emulator.current.getFlow(DATASET_FLOW_IDS.oneTime))),
		]);
	});

	it('refuses an audience activation dataflow, naming its kind', async () => {
		expect(errorOf(await run('get', { flowId: byId(TUTORIAL_FLOW_ID) }))).toMatch(
			/^Dataflow: ".*" \(.*\) is an audience activation dataflow, not a dataset export: use the Dataflow resource for it \(item 1\)$/,
		);
	});
});

describe('Dataset Export › Extend End Date on the emulator', () => {
	const DAY = 86_400;
	const flowPath = (id: string) => `/data/foundation/flowservice/flows/${id}`;
	const stored = (id: string) => emulator.current.getFlow(id)!;
	const patches = () =>
		emulator.current
			.requests()
			.filter((request) => request.method === 'PATCH')
			.map((request) => ({
				path: request.path,
				ifMatch: request.headers['if-match'],
				body: request.body,
			}));

	it('moves one dataflow’s end by months: read, then replace /scheduleParams with If-Match', async () => {
		const id = DATASET_FLOW_IDS.endingSoon;
		const before = stored(id);
		const oldEnd = storedEnd(id)!;
		const newEnd = addMonths(oldEnd, 6);

		const result = await run('extendEndDate', { flowId: byId(id), extendBy: 'months', months: 6 });

		expect(calls(emulator.current)).toEqual([`GET /flows/${id}`, `PATCH /flows/${id}`]);
		expect(patches()).toEqual([
			{
				path: flowPath(id),
				ifMatch: before.etag,
				body: [
					{
						op: 'replace',
						path: '/scheduleParams',
						value: { ...(before.scheduleParams as object), endTime: newEnd },
					},
				],
			},
		]);
		expect(stored(id).scheduleParams).toEqual({
			...(before.scheduleParams as object),
			endTime: newEnd,
		});
		expect(outputJson(result)).toEqual([
			{
				summary: 'Extended 1 dataset export; 0 unchanged',
				dryRun: false,
				extended: 1,
				dataflows: [
					{
						id,
						name: 'Web events to the Data Landing Zone (daily)',
						oldEnd: iso(oldEnd),
						newEnd: iso(newEnd),
						changed: true,
						etag: stored(id).etag,
					},
				],
			},
		]);
	});

	it('re-plans to the same end when another writer changed the dataflow first (412)', async () => {
		const id = DATASET_FLOW_IDS.everySixHours;
		const newEnd = addMonths(storedEnd(id)!, 1);
		emulator.current.injectFault({ type: 'concurrentWrite', method: 'PATCH', path: flowPath(id) });

		await run('extendEndDate', { flowId: byId(id), extendBy: 'months', months: 1 });

		expect(emulator.current.requests().map((r) => `${r.method} ${r.status}`)).toEqual([
			'GET 200',
			'PATCH 412',
			'GET 200',
			'PATCH 200',
		]);
		expect(storedEnd(id)).toBe(newEnd);
	});

	it('every dataset export ending before a date, dry run first, then live: one listing, a PATCH each', async () => {
		const endingBefore = iso(storedEnd(DATASET_FLOW_IDS.endingSoon)! + DAY);
		const newEndSeconds = Math.floor(Date.now() / 1000 / DAY) * DAY + 400 * DAY;
		const expected = [
			DATASET_FLOW_IDS.endingSoon,
			DATASET_FLOW_IDS.ended,
			DATASET_FLOW_IDS.legacyDaily,
			DATASET_FLOW_IDS.legacyEveryThreeHours,
		].sort();
		const oldEnds = Object.fromEntries(ALL_DATASET_FLOWS.map((id) => [id, storedEnd(id)]));
		const etags = Object.fromEntries(expected.map((id) => [id, stored(id).etag]));
		const parameters = {
			extendScope: 'endingBefore',
			endingBefore,
			extendBy: 'date',
			newEndDate: iso(newEndSeconds),
		};

		const dry = outputJson(
			await run('extendEndDate', { ...parameters, options: { dryRun: true } }),
		);
		expect(calls(emulator.current)).toEqual([LISTING]);
		expect(dry[0]).toMatchObject({
			summary: 'Dry run: would extend 4 dataset exports, 0 already end on or after the new end',
			dryRun: true,
			extended: 0,
		});
		expect(expected.map((id) => storedEnd(id))).toEqual(expected.map((id) => oldEnds[id]));

		emulator.current.clearRequests();
		const live = outputJson(await run('extendEndDate', parameters));
		const byId_ = (json: Array<Record<string, unknown>>) =>
			(json[0].dataflows as IDataObject[]).sort((a, b) => String(a.id).localeCompare(String(b.id)));
		expect(
			byId_(live).map(({ id, oldEnd, newEnd, changed }) => ({ id, oldEnd, newEnd, changed })),
		).toEqual(
			expected.map((id) => ({
				id,
				oldEnd: iso(oldEnds[id]),
				newEnd: iso(newEndSeconds),
				changed: true,
			})),
		);
		expect(calls(emulator.current)[0]).toBe(LISTING);
		expect(
			patches()
				.map(({ path, ifMatch, body }) => ({ path, ifMatch, body }))
				.sort((a, b) => a.path.localeCompare(b.path)),
		).toEqual(
			expected.map((id) => ({
				path: flowPath(id),
				ifMatch: etags[id],
				body: [
					{
						op: 'replace',
						path: '/scheduleParams',
						value: expect.objectContaining({ endTime: newEndSeconds }),
					},
				],
			})),
		);
		// Planned on the listed dataflows: no read of each before its PATCH.
		expect(calls(emulator.current).filter((call) => call.startsWith('GET /flows/'))).toEqual([]);
		for (const id of expected) expect(storedEnd(id)).toBe(newEndSeconds);
		expect(storedEnd(DATASET_FLOW_IDS.everySixHours)).toBe(oldEnds[DATASET_FLOW_IDS.everySixHours]);
	});

	it('a dataflow that fails does not stop the others; the item fails naming it and saying which were extended', async () => {
		const failing = DATASET_FLOW_IDS.ended;
		emulator.current.injectFault({
			type: 'error',
			status: 503,
			method: 'PATCH',
			path: flowPath(failing),
			count: 10,
		});
		const newEndSeconds = Math.floor(Date.now() / 1000 / DAY) * DAY + 400 * DAY;
		const result = await run('extendEndDate', {
			extendScope: 'endingBefore',
			endingBefore: iso(storedEnd(DATASET_FLOW_IDS.endingSoon)! + DAY),
			extendBy: 'date',
			newEndDate: iso(newEndSeconds),
			options: { maxRetries: 0 },
		});
		expect(errorOf(result)).toMatch(
			new RegExp(`^1 of 4 dataset exports were not extended: ".*" \\(${failing}\\): `),
		);
		expect(result.error?.description).toMatch(/^Extended: ".*" to .*Run the item again/);
		expect(storedEnd(failing)).not.toBe(newEndSeconds);
		for (const id of [
			DATASET_FLOW_IDS.endingSoon,
			DATASET_FLOW_IDS.legacyDaily,
			DATASET_FLOW_IDS.legacyEveryThreeHours,
		])
			expect(storedEnd(id)).toBe(newEndSeconds);
	});

	it('refuses, before anything is sent, months that leave an end in the past', async () => {
		const result = await run('extendEndDate', {
			extendScope: 'endingBefore',
			endingBefore: '2026-01-01',
			extendBy: 'months',
			months: 3,
		});
		expect(errorOf(result)).toMatch(
			/^Months: 3 months after the end of ".*" \(da7af10e-000[45]-.*\) \(2025-09-01T00:00:00.000Z\) is 2025-12-01T00:00:00.000Z, not in the future: give more months or a date \(item 1\)$/,
		);
		expect(calls(emulator.current)).toEqual([LISTING]);
		expect(storedEnd(DATASET_FLOW_IDS.legacyDaily)).toBe(LEGACY_DATASET_FLOW_END);
	});

	it('keeps an end already later than the date asked for, sending nothing', async () => {
		const id = DATASET_FLOW_IDS.everySixHours;
		const result = await run('extendEndDate', {
			flowId: byId(id),
			extendBy: 'date',
			newEndDate: iso(storedEnd(DATASET_FLOW_IDS.endingSoon)! + DAY),
		});
		expect(outputJson(result)[0]).toMatchObject({
			summary: 'Extended 0 dataset exports; 1 unchanged',
			dataflows: [expect.objectContaining({ changed: false, oldEnd: iso(storedEnd(id)) })],
		});
		expect(calls(emulator.current)).toEqual([`GET /flows/${id}`]);
	});

	it('refuses an audience dataflow and a one-time export, naming the Dataflow field', async () => {
		expect(errorOf(await run('extendEndDate', { flowId: byId(TUTORIAL_FLOW_ID) }))).toMatch(
			/^Dataflow: .* is an audience activation dataflow, not a dataset export/,
		);
		expect(errorOf(await run('extendEndDate', { flowId: byId(DATASET_FLOW_IDS.oneTime) }))).toMatch(
			/^Dataflow: ".*" \(da7af10e-0006-.*\) has no end date to extend: it is a one-time export/,
		);
		expect(calls(emulator.current)).toEqual([
			`GET /flows/${TUTORIAL_FLOW_ID}`,
			`GET /flows/${DATASET_FLOW_IDS.oneTime}`,
		]);
	});
});

describe('Dataset Export › Update Schedule on the emulator', () => {
	const id = DATASET_FLOW_IDS.everySixHours;
	const stored = () => emulator.current.getFlow(id)!;
	const update = (scheduleFields: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
		run('updateSchedule', { flowId: byId(id), scheduleFields, ...extra });
	const sentPatches = () =>
		emulator.current
			.requests()
			.filter((request) => request.method === 'PATCH')
			.map((request) => ({ ifMatch: request.headers['if-match'], body: request.body }));

	it('changes only the fields given: read, then replace /scheduleParams with If-Match', async () => {
		const before = stored();
		const schedule = { ...(before.scheduleParams as object), interval: 12 };

		const result = await update({ interval: 12 });

		expect(calls(emulator.current)).toEqual([`GET /flows/${id}`, `PATCH /flows/${id}`]);
		expect(sentPatches()).toEqual([
			{
				ifMatch: before.etag,
				body: [{ op: 'replace', path: '/scheduleParams', value: schedule }],
			},
		]);
		expect(stored().scheduleParams).toEqual(schedule);
		expect(outputJson(result)[0]).toMatchObject({ changed: true, scheduleParams: schedule });
	});

	it('turns an export into a one-time full export, and a given end in epoch seconds', async () => {
		const start = (stored().scheduleParams as { startTime: number }).startTime;
		await update({ exportMode: 'DAILY_FULL_EXPORT', timeUnit: 'day', interval: 0 });
		expect(stored().scheduleParams).toMatchObject({
			exportMode: 'DAILY_FULL_EXPORT',
			timeUnit: 'day',
			interval: 0,
			startTime: start,
		});

		emulator.current.reset();
		const end = start + 90 * 86_400;
		await update({ endTime: iso(end) });
		expect((stored().scheduleParams as { endTime: number }).endTime).toBe(end);
	});

	it('changes the folder name template under the key the dataflow holds; an unknown macro is refused before reading', async () => {
		const template = '%DATASET_NAME%/exportTime=%DATETIME(YYYYMMdd_HHmm)%';

		await update({ folderNameTemplate: template });

		expect(stored().scheduleParams).toMatchObject({ foldernameTemplate: template });
		expect(stored().scheduleParams).not.toHaveProperty('folderNameTemplate');
		emulator.current.reset();
		const refused = await update({ folderNameTemplate: '%DATASET%/x' });
		expect(refused.error?.message).toMatch(
			/^Schedule Fields › Folder Name Template: Folder Name Template has an unknown macro %DATASET%/,
		);
		expect(calls(emulator.current)).toEqual([]);
	});

	it('Dry Run reads and plans, sends nothing', async () => {
		const before = stored();
		const result = await update({ timeUnit: 'day', interval: 1 }, { options: { dryRun: true } });
		expect(calls(emulator.current)).toEqual([`GET /flows/${id}`]);
		expect(stored()).toEqual(before);
		expect(outputJson(result)[0]).toMatchObject({
			changed: false,
			scheduleParams: { ...(before.scheduleParams as object), timeUnit: 'day', interval: 1 },
		});
	});

	it('re-plans on 412, keeping what the other writer changed', async () => {
		emulator.current.injectFault({
			type: 'concurrentWrite',
			method: 'PATCH',
			path: `/data/foundation/flowservice/flows/${id}`,
		});
		await update({ interval: 3 });
		expect(emulator.current.requests().map((r) => `${r.method} ${r.status}`)).toEqual([
			'GET 200',
			'PATCH 412',
			'GET 200',
			'PATCH 200',
		]);
		expect(stored().scheduleParams).toMatchObject({ timeUnit: 'hour', interval: 3 });
	});

	it.each([
		[
			{ exportMode: 'DAILY_FULL_EXPORT' },
			/^Schedule Fields › Export Mode: A full export \(DAILY_FULL_EXPORT\) is a one-time export: it needs Time Unit day and Interval 0 .* \(item 1\)$/,
		],
		[
			{ interval: 7 },
			/^Schedule Fields › Interval: With Time Unit hour, Interval must be one of 3, 6, 8, 9, 12 \(got 7\) \(item 1\)$/,
		],
		[
			{ timeUnit: 'day' },
			/^Schedule Fields › Time Unit: With Time Unit day, Interval must be 1 \(got 6\) \(item 1\)$/,
		],
		[
			{ endTime: '2020-01-01' },
			/^Schedule Fields › End Time: End Time \(2020-01-01T00:00:00.000Z\) must be after Start Time/,
		],
	])('refuses %j after reading, naming the field; nothing written', async (fields, message) => {
		const before = stored();
		expect(errorOf(await update(fields))).toMatch(message);
		expect(calls(emulator.current)).toEqual([`GET /flows/${id}`]);
		expect(stored()).toEqual(before);
	});

	it('refuses bad values before any request, and an audience dataflow after reading it', async () => {
		expect(errorOf(await update({ startTime: 1_796_000_000_000 }))).toBe(
			'Schedule Fields › Start Time: Start Time 1796000000000 looks like epoch milliseconds; the schedule takes epoch seconds (1796000000) (item 1)',
		);
		expect(errorOf(await update({}))).toMatch(/^Schedule Fields: Add at least one schedule field/);
		expect(emulator.current.requests()).toEqual([]);
		expect(
			errorOf(
				await run('updateSchedule', {
					flowId: byId(TUTORIAL_FLOW_ID),
					scheduleFields: { interval: 6 },
				}),
			),
		).toMatch(/^Dataflow: .* is an audience activation dataflow, not a dataset export/);
		expect(calls(emulator.current)).toEqual([`GET /flows/${TUTORIAL_FLOW_ID}`]);
	});
});

describe('Dataflow operations on audiences and attributes refuse a dataset export', () => {
	const id = DATASET_FLOW_IDS.everySixHours;
	it.each([
		['addAudiences', { audiences: { audience: [NEW_AUDIENCE_ENTRY] } }],
		['removeAudiences', { audienceKeys: TUTORIAL_NEW_AUDIENCE_ID }],
		['syncAudiences', { audiences: { audience: [NEW_AUDIENCE_ENTRY] } }],
		[
			'updateAudienceExportSettings',
			{ audienceSettings: { audience: [{ id: TUTORIAL_NEW_AUDIENCE_ID, startTime: '10:00' }] } },
		],
		['addProfileAttributes', { attributes: { attribute: [{ path: 'person.name.firstName' }] } }],
		['removeProfileAttributes', { attributePaths: 'person.name.firstName' }],
	])('%s: a sentence naming the kind, after one read', async (operation, parameters) => {
		const before = emulator.current.getFlow(id);
		const result = await runNode(
			{ operation, flowId: byId(id), ...parameters },
			{ credential: tokenCredential(emulator.current), node: { typeVersion: 2 } },
		);
		expect(errorOf(result)).toMatch(
			/: "Loyalty and web events to S3 \(every 6 hours\)" \(da7af10e-0001-4000-8000-000000000001\) is a dataset export dataflow: it exports datasets, not audiences or profile attributes; use the Dataset Export resource for it \(item 1\)$/,
		);
		// Reads only: the dataflow, and Check Audiences Exist's bulk lookup (a POST that reads).
		const writes = calls(emulator.current).filter(
			(call) => !call.startsWith('GET ') && !call.endsWith('/bulk-get'),
		);
		expect(writes).toEqual([]);
		expect(emulator.current.getFlow(id)).toEqual(before);
	});
});

describe('example "Extend dataset exports every Monday"', () => {
	const workflow = example('extend-dataset-exports-every-monday.json');
	const extend = nodeNamed(workflow, 'Extend ending exports');
	const ENDING_WITHIN_30_DAYS = [
		DATASET_FLOW_IDS.endingSoon,
		DATASET_FLOW_IDS.ended,
		DATASET_FLOW_IDS.legacyDaily,
		DATASET_FLOW_IDS.legacyEveryThreeHours,
	].sort();
	const runStep = (parameters = extend.parameters) =>
		runNode(parameters, {
			credential: tokenCredential(emulator.current),
			node: { typeVersion: extend.typeVersion },
		});
	const listedIds = (json: Record<string, unknown>) =>
		(json.dataflows as IDataObject[]).map((one) => one.id).sort();

	it('runs every Monday and by hand', () => {
		expect(targets(workflow, 'Every Monday at 07:00')).toEqual([extend.name]);
		expect(targets(workflow, MANUAL_TRIGGER)).toEqual([extend.name]);
	});

	it('as shipped, lists the dataset exports ending within 30 days and what their end would become; sends nothing', async () => {
		const before = ALL_DATASET_FLOWS.map((id) => emulator.current.getFlow(id));
		const [out] = outputJson(await runStep());
		expect(out).toMatchObject({
			summary: 'Dry run: would extend 4 dataset exports, 0 already end on or after the new end',
			dryRun: true,
		});
		expect(listedIds(out)).toEqual(ENDING_WITHIN_30_DAYS);
		expect(calls(emulator.current)).toEqual([LISTING]);
		expect(ALL_DATASET_FLOWS.map((id) => emulator.current.getFlow(id))).toEqual(before);
	});

	it('live, moves each to six months from today at 00:00 UTC, and finds nothing left the next time', async () => {
		const [out] = outputJson(await runStep(withDryRunOff(extend)));
		const ends = (out.dataflows as IDataObject[]).map((one) => one.newEnd);
		const newEnd = Date.parse(String(ends[0])) / 1000;
		expect(new Set(ends).size).toBe(1);
		expect(newEnd % 86_400).toBe(0);
		expect(out).toMatchObject({ summary: 'Extended 4 dataset exports; 0 unchanged', extended: 4 });
		for (const id of ENDING_WITHIN_30_DAYS) expect(storedEnd(id)).toBe(newEnd);
		expect(
			calls(emulator.current)
				.filter((call) => call.startsWith('PATCH'))
				.sort(),
		).toEqual(ENDING_WITHIN_30_DAYS.map((id) => `PATCH /flows/${id}`));

		emulator.current.clearRequests();
		const [again] = outputJson(await runStep(withDryRunOff(extend)));
		expect(again).toMatchObject({
			summary: 'No dataset export ends before the date: nothing to extend',
			dataflows: [],
		});
		expect(calls(emulator.current)).toEqual([LISTING]);
	});
});

describe('the Dataset Export resource’s dataflow picker', () => {
	const search = (filter?: string) =>
		runNodeMethod({
			nodeTypes: { [NODE_TYPE]: FlowServiceDestination },
			...adobeCredential(tokenCredential(emulator.current)),
			nodeType: NODE_TYPE,
			kind: 'listSearch',
			method: 'searchDatasetExports',
			filter,
			parameters: { resource: 'datasetExport', operation: 'get' },
		});

	it('lists dataset exports only, by name, in one listing request', async () => {
		const all = await search();
		expect(all.results.map((result) => result.value).sort()).toEqual([...ALL_DATASET_FLOWS].sort());
		expect(calls(emulator.current)).toEqual([
			'GET /flows?property=inheritedAttributes.properties.isDestinationFlow%3D%3Dtrue&property=inheritedAttributes.targetConnections%5B%5D.data.outputType%3D%3DDATASET_EXPORT&limit=100&orderby=name',
		]);
		expect((await search('LANDING zone')).results.map((result) => result.value).sort()).toEqual(
			[DATASET_FLOW_IDS.endingSoon, DATASET_FLOW_IDS.oneTime].sort(),
		);
	});

	it('is the picker of the Dataflow field under Dataset Export', () => {
		const flowIds = new FlowServiceDestination().description.properties.filter(
			(property) => property.name === 'flowId',
		);
		const pickerOf = (resource: string) =>
			flowIds
				.find((property) => property.displayOptions?.show?.resource?.includes(resource))
				?.modes?.find((mode) => mode.name === 'list')?.typeOptions?.searchListMethod;
		expect([pickerOf('dataflow'), pickerOf('datasetExport')]).toEqual([
			'searchDataflows',
			'searchDatasetExports',
		]);
	});
});
