import { audienceNamesOf, HEAD_KEYS, readableUpdate } from '@node/update/summary';
import type { FlowDocument } from '@node/model/types';

const SELECTORS = '/transformations/0/params/segmentSelectors/selectors';
const A = '11111111-2222-4333-8444-555555555555';
const B = '22222222-2222-4333-8444-555555555555';
const segment = (id: string, name?: string) => ({
	type: 'PLATFORM_SEGMENT',
	value: name === undefined ? { id } : { id, name },
});
const base = { flowId: 'f', etag: '"e"', changed: true };

describe('readableUpdate: what a person wants to know first', () => {
	it('puts summary, changed and the four lists before the flow ID, etag and operations, keeping every other key', () => {
		const result = readableUpdate({
			...base,
			operations: [{ op: 'add', path: `${SELECTORS}/-`, value: segment(A, 'Winter') }],
			skipped: [{ target: `audience ${B}`, reason: 'already on the dataflow' }],
			previousEtag: '"d"',
		});

		expect(result).toEqual({
			summary: 'Added 1 audience (Winter); skipped 1: already on the dataflow',
			changed: true,
			added: [{ id: A, name: 'Winter' }],
			removed: [],
			updated: [],
			skipped: [{ id: B, name: B, reason: 'already on the dataflow', target: `audience ${B}` }],
			flowId: 'f',
			etag: '"e"',
			operations: [{ op: 'add', path: `${SELECTORS}/-`, value: segment(A, 'Winter') }],
			previousEtag: '"d"',
		});
		const contract = 'summary changed added removed updated skipped flowId etag operations';
		expect(Object.keys(result)).toEqual([...contract.split(' '), 'previousEtag']);
	});

	it('says "Would …" on a dry run and counts in the plural', () => {
		const result = readableUpdate({
			...base,
			changed: false,
			dryRun: true,
			operations: [{ op: 'add', path: `${SELECTORS}`, value: [segment(A, 'A'), segment(B, 'B')] }],
			skipped: [],
		});
		expect(result.summary).toBe('Would add 2 audiences (A, B)');
		expect(result.changed).toBe(false);
	});

	it('names removed and skipped audiences from the flow they were planned on', () => {
		const names = { [A.toLowerCase()]: 'Old one', [B]: 'Kept one' };
		const result = readableUpdate(
			{
				...base,
				operations: [{ op: 'remove', path: `${SELECTORS}/3`, value: segment(A) }],
				skipped: [{ target: `audience ${B}`, reason: 'not in the list' }],
			},
			names,
		);
		expect(result.summary).toBe('Removed 1 audience (Old one); skipped 1: not in the list');
		expect(result.removed).toEqual([{ id: A, name: 'Old one' }]);
		expect(result.skipped).toEqual([
			{ id: B, name: 'Kept one', reason: 'not in the list', target: `audience ${B}` },
		]);
	});

	it('says "No change" when nothing is sent', () => {
		expect(readableUpdate({ ...base, changed: false, operations: [], skipped: [] }).summary).toBe(
			'No change: nothing to do',
		);
		expect(
			readableUpdate({
				...base,
				changed: false,
				operations: [],
				skipped: [{ target: `audience ${A}`, reason: 'already on the dataflow' }],
			}).summary,
		).toBe('No change: skipped 1: already on the dataflow');
	});

	it('counts profile attributes once (their mandatory and key entries are bookkeeping), mappings and plain values', () => {
		const profile = '/transformations/0/params/profileSelectors';
		const result = readableUpdate({
			...base,
			operations: [
				{
					op: 'add',
					path: `${profile}/selectors/-`,
					value: { type: 'JSON_PATH', value: { path: 'a.b' } },
				},
				{ op: 'add', path: `${profile}/mandatoryFields/-`, value: 'a.b' },
				{
					op: 'replace',
					path: '/transformations/1',
					value: { name: 'Mapping', params: { mappingId: 'm1' } },
				},
				{ op: 'replace', path: '/name', value: 'New' },
			],
			skipped: [{ target: 'scheduleParams.frequency', reason: 'already has this value' }],
		});
		expect(result.added).toEqual([{ id: 'a.b', name: 'a.b' }]);
		expect(result.updated).toEqual([
			{ id: 'm1', name: 'm1' },
			{ id: '/name', name: 'name' },
		]);
		expect(result.summary).toBe(
			'Added 1 profile attribute (a.b), updated 1 mapping (m1), updated 1 value (name); skipped 1: already has this value',
		);
	});

	it('lists at most five names in the sentence', () => {
		const ids = Array.from({ length: 7 }, (_, i) => `0000000${i}-2222-4333-8444-555555555555`);
		const result = readableUpdate({
			...base,
			operations: ids.map((id, i) => ({
				op: 'add',
				path: `${SELECTORS}/-`,
				value: segment(id, `N${i}`),
			})),
			skipped: [],
		});
		expect(result.summary).toBe('Added 7 audiences (N0, N1, N2, N3, N4 and 2 more)');
		expect(result.added).toHaveLength(7);
	});

	it('reads audience names off a flow, lower-cased IDs, unnamed ones left out', () => {
		const flow = {
			id: 'f',
			etag: '"e"',
			transformations: [
				{
					name: 'GeneralTransform',
					params: {
						segmentSelectors: { selectors: [segment(A.toUpperCase(), 'Big'), segment(B)] },
					},
				},
			],
		} as FlowDocument;
		expect(audienceNamesOf(flow)).toEqual({ [A]: 'Big' });
		expect(audienceNamesOf(undefined)).toEqual({});
	});

	describe('start dates before today: told, never refused', () => {
		const added = {
			...base,
			dryRun: true,
			changed: false,
			operations: [{ op: 'add', path: `${SELECTORS}/-`, value: segment(A, 'Winter') }],
			skipped: [{ target: `audience ${B}`, reason: 'already on the dataflow' }],
		};

		it('end the summary with a warning and list one sentence each under `warnings`, after the four lists', () => {
			const result = readableUpdate(added, {}, [
				{ audienceId: A, name: 'Winter', date: '2025-01-15' },
			]);
			expect(result.summary).toBe(
				'Would add 1 audience (Winter); skipped 1: already on the dataflow; warning: 1 start date is before today in UTC (Winter: 2025-01-15)',
			);
			expect(result.warnings).toEqual([
				`Start date 2025-01-15 of audience Winter (${A}) is before today (UTC)`,
			]);
			expect(Object.keys(result).slice(0, HEAD_KEYS.length)).toEqual(HEAD_KEYS);
			expect(HEAD_KEYS.slice(5, 8)).toEqual(['skipped', 'warnings', 'flowId']);
		});

		it('count in the plural, name an audience without a name by its ID, and the schedule as such', () => {
			const past = [
				...['N0', 'N1', 'N2', 'N3'].map((name, n) => ({
					audienceId: `${n}`,
					name,
					date: '2025-01-15',
				})),
				{ audienceId: B, date: '2025-01-16' },
				{ date: '2025-01-15T08:00:00Z' },
			];
			const result = readableUpdate(added, {}, past);
			expect(result.summary).toBe(
				`Would add 1 audience (Winter); skipped 1: already on the dataflow; warning: 6 start dates are before today in UTC (N0: 2025-01-15, N1: 2025-01-15, N2: 2025-01-15, N3: 2025-01-15, ${B}: 2025-01-16 and 1 more)`,
			);
			expect((result.warnings as string[]).slice(4)).toEqual([
				`Start date 2025-01-16 of audience ${B} is before today (UTC)`,
				'Schedule start time 2025-01-15T08:00:00Z is before today (UTC)',
			]);
		});

		it('leave an output without them as it was: no `warnings` key', () => {
			const result = readableUpdate(added);
			expect(result.summary).toBe(
				'Would add 1 audience (Winter); skipped 1: already on the dataflow',
			);
			expect('warnings' in result).toBe(false);
		});
	});
});
