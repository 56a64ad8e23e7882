import { buildRunFilters, optionalEpochMs, RUN_STARTED_PATH } from '@node/rules/runFilters';
import { expectInputError } from '../fixtures';

const FLOW = '226fb2e1-db69-4760-b67e-9e671e05abfc';

describe('buildRunFilters', () => {
	it('always filters by the flow', () => {
		expect(buildRunFilters(FLOW, {})).toEqual([`flowId==${FLOW}`]);
		expect(buildRunFilters(FLOW, { status: [], startedAfter: '', startedBefore: null })).toEqual([
			`flowId==${FLOW}`,
		]);
	});

	it('ORs statuses with commas in one filter, spelled as Adobe spells them, each once', () => {
		expect(buildRunFilters(FLOW, { status: ['Failed'] })).toEqual([
			`flowId==${FLOW}`,
			'metrics.statusSummary.status==Failed',
		]);
		expect(
			buildRunFilters(FLOW, { status: ['failed', 'PROCESSING', 'Failed', 'Waiting'] })[1],
		).toBe('metrics.statusSummary.status==Failed,Processing,Waiting');
		expect(buildRunFilters(FLOW, { status: 'Success, failed' })[1]).toBe(
			'metrics.statusSummary.status==Success,Failed',
		);
	});

	it('turns the time window into start-time bounds in epoch milliseconds', () => {
		expect(
			buildRunFilters(FLOW, {
				startedAfter: '2021-12-25T00:00:00Z',
				startedBefore: '2021-12-26T00:00:00.000Z',
			}),
		).toEqual([
			`flowId==${FLOW}`,
			`${RUN_STARTED_PATH}>1640390400000`,
			`${RUN_STARTED_PATH}<1640476800000`,
		]);
		expect(buildRunFilters(FLOW, { startedBefore: 1640476800000 })).toEqual([
			`flowId==${FLOW}`,
			`${RUN_STARTED_PATH}<1640476800000`,
		]);
	});

	it.each([
		[
			{ status: ['Done'] },
			'filters.status',
			/"Done" is not one of Success, Failed, Processing, Waiting/,
		],
		[{ status: [3] }, 'filters.status', /3 is not one of/],
		[{ status: { Failed: true } }, 'filters.status', /must be a list/],
		[
			{ startedAfter: 'yesterday' },
			'filters.startedAfter',
			/Started After "yesterday" is not a date-time/,
		],
		[{ startedBefore: -5 }, 'filters.startedBefore', /Started Before number -5/],
		[{ startedAfter: 1.5 }, 'filters.startedAfter', /not a date-time/],
		[{ startedAfter: ['2021-12-25'] }, 'filters.startedAfter', /a list is not a date-time/],
		[
			{ startedAfter: '2021-12-26T00:00:00Z', startedBefore: '2021-12-25T00:00:00Z' },
			'filters.startedBefore',
			/must be later than Started After \(2021-12-26T00:00:00.000Z\)/,
		],
		[{ startedAfter: 5, startedBefore: 5 }, 'filters.startedBefore', /must be later/],
	])('refuses %j naming %s', (filters, field, pattern) => {
		expectInputError(() => buildRunFilters(FLOW, filters), field, pattern);
	});
});

describe('optionalEpochMs', () => {
	it('reads ISO text, digits, numbers, Dates and Luxon DateTimes', () => {
		expect(optionalEpochMs('2021-12-25T00:00:00Z', 'f', 'L')).toBe(1640390400000);
		expect(optionalEpochMs('2021-12-25T01:00:00+01:00', 'f', 'L')).toBe(1640390400000);
		expect(optionalEpochMs(' 1640390400000 ', 'f', 'L')).toBe(1640390400000);
		expect(optionalEpochMs(0, 'f', 'L')).toBe(0);
		expect(optionalEpochMs(new Date(1640390400000), 'f', 'L')).toBe(1640390400000);
		// What $now and other Luxon DateTimes in expressions are: anything with toMillis().
		expect(optionalEpochMs({ toMillis: () => 1640390400000 }, 'f', 'L')).toBe(1640390400000);
		expect(optionalEpochMs(undefined, 'f', 'L')).toBeUndefined();
	});

	it('refuses an invalid Date', () => {
		expectInputError(
			() => optionalEpochMs(new Date('x'), 'f', 'L'),
			'f',
			/L an object is not a date-time/,
		);
	});
});
