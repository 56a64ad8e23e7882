import type { PatchOperation } from '@node/model/types';
import {
	keepFirstStartDates,
	pastStartDates,
	startDatesOf,
	utcDay,
	type StartDates,
} from '@node/update/startDates';
import { tutorialFlow } from '../fixtures';

const SELECTORS = '/transformations/0/params/segmentSelectors/selectors';
const A = '11111111-2222-4333-8444-555555555555';
const B = '22222222-2222-4333-8444-555555555555';
const TODAY = '2026-03-11';
const NOTHING: StartDates = { audiences: {} };

const selector = (id: string, startDate: string, name?: string) => ({
	type: 'PLATFORM_SEGMENT',
	value: {
		id,
		...(name === undefined ? {} : { name }),
		exportMode: 'DAILY_FULL_EXPORT',
		schedule: { frequency: 'DAILY', startDate, startTime: '20:00' },
	},
});
const add = (value: unknown, path = `${SELECTORS}/-`): PatchOperation => ({
	op: 'add',
	path,
	value,
});
const replace = (index: number, value: unknown): PatchOperation => ({
	op: 'replace',
	path: `${SELECTORS}/${index}`,
	value,
});

describe('utcDay: today as Adobe counts start dates (UTC)', () => {
	it('is the UTC day, whatever the offset the moment was written with', () => {
		// 23:30 in Los Angeles on March 10 is already March 11 in UTC.
		expect(utcDay(new Date('2026-03-10T23:30:00-08:00'))).toBe('2026-03-11');
		// 00:30 in Berlin on March 11 is still March 10 in UTC.
		expect(utcDay(new Date('2026-03-11T00:30:00+01:00'))).toBe('2026-03-10');
		expect(utcDay(new Date('2026-03-11T00:00:00Z'))).toBe('2026-03-11');
	});
});

describe('pastStartDates: start dates an update sets before today', () => {
	it('tells a past start date of an added audience; today and later are not past', () => {
		const operations = [
			add(selector(A, '2026-03-10', 'Yesterday')),
			add(selector(B, TODAY, 'Today')),
			add(selector('33333333-2222-4333-8444-555555555555', '2026-03-12', 'Tomorrow')),
		];
		expect(pastStartDates(operations, NOTHING, TODAY)).toEqual([
			{ audienceId: A, name: 'Yesterday', date: '2026-03-10' },
		]);
	});

	it('reads every shape an add takes: one selector, a list, a new container', () => {
		const list = add([selector(A, '2025-01-15', 'A')], SELECTORS);
		const container = add(
			{ selectors: [selector(B, '2025-02-01', 'B')] },
			'/transformations/0/params/segmentSelectors',
		);
		expect(pastStartDates([list, container], NOTHING, TODAY)).toEqual([
			{ audienceId: A, name: 'A', date: '2025-01-15' },
			{ audienceId: B, name: 'B', date: '2025-02-01' },
		]);
	});

	it('a replaced selector that keeps the start date the dataflow had is no news; a new past one is', () => {
		const before: StartDates = { audiences: { [A]: '2021-12-25', [B]: '2021-12-23' } };
		const operations = [
			replace(0, selector(A, '2021-12-25', 'Kept')),
			replace(1, selector(B.toUpperCase(), '2025-01-15', 'Moved')),
		];
		expect(pastStartDates(operations, before, TODAY)).toEqual([
			{ audienceId: B.toUpperCase(), name: 'Moved', date: '2025-01-15' },
		]);
	});

	it('names an unnamed audience from the dataflow, or leaves the name out; each audience once', () => {
		const operations = [
			add(selector(A, '2025-01-15')),
			add(selector(B, '2025-01-15')),
			replace(0, selector(A, '2025-01-16')),
		];
		expect(pastStartDates(operations, NOTHING, TODAY, { [A]: 'From the flow' })).toEqual([
			{ audienceId: A, name: 'From the flow', date: '2025-01-15' },
			{ audienceId: B, name: undefined, date: '2025-01-15' },
		]);
	});

	it('ignores removals, selectors without a schedule and other values', () => {
		const operations: PatchOperation[] = [
			{ op: 'remove', path: `${SELECTORS}/0`, value: selector(A, '2025-01-15') },
			add({ type: 'PLATFORM_SEGMENT', value: { id: B } }),
			{ op: 'replace', path: '/name', value: '2025-01-15' },
		];
		expect(pastStartDates(operations, NOTHING, TODAY)).toEqual([]);
	});

	it("tells the dataflow schedule's start time (epoch seconds, a number or digits) when its UTC day is past", () => {
		const jan15 = Date.parse('2025-01-15T08:00:00Z') / 1000;
		const expected = [{ date: '2025-01-15T08:00:00Z' }];
		const set = (path: string, value: unknown): PatchOperation[] => [
			{ op: 'replace', path, value },
		];
		expect(pastStartDates(set('/scheduleParams/startTime', jan15), NOTHING, TODAY)).toEqual(
			expected,
		);
		expect(pastStartDates(set('/scheduleParams/startTime', String(jan15)), NOTHING, TODAY)).toEqual(
			expected,
		);
		expect(
			pastStartDates(set('/scheduleParams', { startTime: jan15, interval: 1 }), NOTHING, TODAY),
		).toEqual(expected);
		// Earlier today is not before today.
		const earlierToday = Date.parse('2026-03-11T00:00:00Z') / 1000;
		expect(pastStartDates(set('/scheduleParams/startTime', earlierToday), NOTHING, TODAY)).toEqual(
			[],
		);
		// The start time the dataflow already had, in Adobe's text form.
		expect(
			pastStartDates(
				set('/scheduleParams/startTime', String(jan15)),
				{ audiences: {}, scheduleStartTime: String(jan15) },
				TODAY,
			),
		).toEqual([]);
		expect(pastStartDates(set('/scheduleParams/startTime', 'soon'), NOTHING, TODAY)).toEqual([]);
	});
});

describe('startDatesOf: what the dataflow held before', () => {
	it("keeps each audience's start date by lower-case ID, and the schedule's start time as text", () => {
		const flow = tutorialFlow();
		flow.scheduleParams = { startTime: 1736928000, frequency: 'day' };
		expect(startDatesOf(flow)).toEqual({
			audiences: {
				'9f7d37fd-7039-4454-94ef-2b0cd6c3206a': '2021-12-25',
				'f52a3785-2e7c-40a7-8137-9be99af7794e': '2021-12-23',
				'6caa79b9-39e0-4c37-892b-5061cdca2377': '2021-12-23',
				'4c41c318-9e8c-4a4f-b880-877cdd629fc7': '2021-12-23',
			},
			scheduleStartTime: '1736928000',
		});
		expect(startDatesOf(undefined)).toEqual({ audiences: {} });
	});

	it('keeps what the first read saw: a later read of a write that landed is not "before"', () => {
		const first: StartDates = { audiences: { [A]: '2021-12-25' } };
		const later = { audiences: { [A]: '2025-01-15', [B]: '2021-12-23' }, scheduleStartTime: '1' };
		expect(keepFirstStartDates(first, later)).toEqual({
			audiences: { [A]: '2021-12-25', [B]: '2021-12-23' },
			scheduleStartTime: '1',
		});
		expect(keepFirstStartDates(undefined, later)).toBe(later);
	});
});
