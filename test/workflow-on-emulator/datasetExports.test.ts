import {
	ACCOUNT_IDS,
	CONNECTION_SPECS,
	DATASET_FLOW_IDS,
	DATASET_IDS,
	LEGACY_DATASET_FLOW_END,
	TUTORIAL_FLOW_ID,
} from '../../emulator/fixtures/ids';
import { byId, outputJson, runNode } from '../workflow-mocked/setup';
import { calls, tokenCredential, useEmulator } from './setup';

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
