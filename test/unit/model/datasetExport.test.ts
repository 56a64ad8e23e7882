import {
	addMonths,
	datasetsOfSource,
	daysUntil,
	isDatasetExport,
	requireDatasetExport,
	simplifyDatasetExport,
} from '@node/model/datasetExport';
import { requireGeneralTransform } from '@node/model/flowDocument';
import type { FlowDocument } from '@node/model/types';

const DATA_LAKE = '23598e46-f560-407b-88d5-ea6207e49db0';
const at = (iso: string) => Date.parse(iso) / 1000;

const datasetFlow = (extra: Partial<FlowDocument> = {}): FlowDocument => ({
	id: 'da7af10e-0002-4000-8000-000000000002',
	name: 'Web events daily',
	state: 'enabled',
	etag: '"e1"',
	inheritedAttributes: {
		sourceConnections: [{ id: 's1', connectionSpec: { id: DATA_LAKE } }],
		targetConnections: [
			{
				id: 't1',
				connectionSpec: { id: '10440537-2a7b-4583-ac39-ed38d4b848e8' },
				baseConnection: { id: 'acc-1' },
			},
		],
	},
	scheduleParams: {
		exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
		timeUnit: 'day',
		interval: 1,
		startTime: at('2026-11-01T05:00:00Z'),
		endTime: at('2026-12-10T00:00:00Z'),
	},
	lastRunDetails: { state: 'success', completedAtUTC: Date.parse('2026-12-06T05:10:00Z') },
	...extra,
});

describe('isDatasetExport', () => {
	it('knows a dataset export by its Data Lake source, or by its target output type', () => {
		expect(isDatasetExport(datasetFlow())).toBe(true);
		expect(
			isDatasetExport({
				id: 'x',
				etag: '"x"',
				inheritedAttributes: { targetConnections: [{ data: { outputType: 'DATASET_EXPORT' } }] },
			}),
		).toBe(true);
	});

	it('an audience activation dataflow (Profile Store source) is none', () => {
		const audience: FlowDocument = {
			id: 'a',
			etag: '"a"',
			name: 'Winter',
			inheritedAttributes: {
				sourceConnections: [{ connectionSpec: { id: '8a9c3494-9708-43d7-ae3f-cda01e5030e1' } }],
			},
		};
		expect(isDatasetExport(audience)).toBe(false);
		expect(isDatasetExport({ id: 'b', etag: '"b"', inheritedAttributes: null })).toBe(false);
		expect(() => requireDatasetExport(audience)).toThrow(
			'"Winter" (a) is an audience activation dataflow, not a dataset export: use the Dataflow resource for it',
		);
	});
});

describe('simplifyDatasetExport', () => {
	it('gives the schedule in ISO 8601, the days left and the last run', () => {
		const simplified = simplifyDatasetExport(
			datasetFlow(),
			[{ id: '65f1a0c2e4b0a1d2c3e4f502', name: 'Web Events' }],
			{ destinationName: 'Data Landing Zone', accountName: 'DLZ' },
			Date.parse('2026-12-07T11:00:00Z'),
		);
		expect(simplified).toEqual({
			id: 'da7af10e-0002-4000-8000-000000000002',
			name: 'Web events daily',
			state: 'enabled',
			destination: '10440537-2a7b-4583-ac39-ed38d4b848e8',
			destinationName: 'Data Landing Zone',
			accountId: 'acc-1',
			accountName: 'DLZ',
			datasets: [{ id: '65f1a0c2e4b0a1d2c3e4f502', name: 'Web Events' }],
			exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
			timeUnit: 'day',
			interval: 1,
			startTime: '2026-11-01T05:00:00.000Z',
			endTime: '2026-12-10T00:00:00.000Z',
			daysUntilEnd: 3,
			lastRunStatus: 'success',
			lastRunAt: '2026-12-06T05:10:00.000Z',
			etag: '"e1"',
		});
	});

	it('a one-time export has no end; times stored as text are read', () => {
		const flow = datasetFlow({
			scheduleParams: {
				exportMode: 'DAILY_FULL_EXPORT',
				timeUnit: 'day',
				interval: 0,
				startTime: '1795744800',
			},
		});
		expect(
			simplifyDatasetExport(flow, [], { destinationName: null, accountName: null }, 0),
		).toMatchObject({
			startTime: new Date(1795744800 * 1000).toISOString(),
			endTime: null,
			daysUntilEnd: null,
		});
	});
});

describe('daysUntil', () => {
	const now = Date.parse('2026-12-07T00:00:00Z');
	it.each([
		['2026-12-07T00:00:00Z', 0],
		['2026-12-07T00:00:01Z', 1],
		['2026-12-08T00:00:00Z', 1],
		['2026-11-17T00:00:00Z', -20],
	])('to %s: %d', (end, days) => expect(daysUntil(at(end), now)).toBe(days));
});

describe('addMonths', () => {
	it.each([
		['2026-12-10T05:00:00Z', 3, '2027-03-10T05:00:00.000Z'],
		['2026-08-31T00:00:00Z', 1, '2026-09-30T00:00:00.000Z'],
		['2027-01-31T12:00:00Z', 1, '2027-02-28T12:00:00.000Z'],
		['2028-01-31T12:00:00Z', 1, '2028-02-29T12:00:00.000Z'],
		['2025-09-01T00:00:00Z', 12, '2026-09-01T00:00:00.000Z'],
	])('%s + %d months is %s', (from, months, expected) =>
		expect(new Date(addMonths(at(from), months) * 1000).toISOString()).toBe(expected),
	);
});

describe('datasetsOfSource', () => {
	it("reads a Data Lake source connection's datasets, a missing name as null", () => {
		expect(
			datasetsOfSource({
				params: {
					datasets: [{ dataSetId: 'd1', name: 'One' }, { dataSetId: 'd2' }, { name: 'no id' }],
				},
			}),
		).toEqual([
			{ id: 'd1', name: 'One' },
			{ id: 'd2', name: null },
		]);
		expect(datasetsOfSource(null)).toEqual([]);
	});
});

describe('audience and attribute planners on a dataset export', () => {
	it('refuse it with a sentence naming its kind', () => {
		expect(() => requireGeneralTransform(datasetFlow({ transformations: [] }), 'flowId')).toThrow(
			expect.objectContaining({
				field: 'flowId',
				message:
					'"Web events daily" (da7af10e-0002-4000-8000-000000000002) is a dataset export dataflow: it exports datasets, not audiences or profile attributes; use the Dataset Export resource for it',
			}),
		);
	});
});
