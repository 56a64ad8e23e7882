import {
	changedFields,
	configurationFields,
	detectEvents,
	diffFlows,
	diffRuns,
	MEMORY_FORMAT,
	MEMORY_KEYS,
	observeFlow,
	readMemory,
	runQueryFloor,
	sampleEvents,
	TRIGGER_EVENTS,
	type ObservedFlow,
	type RunMemory,
	type TriggerEventName,
	type TriggerMemory,
} from '@node/trigger/detection';
import type { FlowDocument } from '@node/model/types';
import type { FlowRun } from '@node/transport';
import { stableJson } from '@node/model/stableJson';

const AT = '2026-01-01T00:00:00.000Z';
const MIN = 60_000;
const WINDOW = 60 * MIN;
/** The events about runs, configuration and state (the schedule events have their own tests). */
const ALL = new Set<TriggerEventName>(['runFailed', 'configurationChanged', 'enabled', 'disabled']);
const FLOW_A = '11111111-1111-4111-8111-111111111111';
const FLOW_B = '22222222-2222-4222-8222-222222222222';
const NAMES = new Map<string, string | null>([
	[FLOW_A, 'Flow A'],
	[FLOW_B, 'Flow B'],
]);

function run(id: string, createdAt: number, status = 'Failed', flowId = FLOW_A): FlowRun {
	return { id, flowId, createdAt, metrics: { statusSummary: { status } } };
}

function flowDoc(overrides: Partial<FlowDocument> = {}): FlowDocument {
	return {
		id: FLOW_A,
		name: 'Flow A',
		description: 'first',
		state: 'enabled',
		etag: '"e1"',
		version: '"e1"',
		updatedAt: 1000,
		updatedBy: 'someone@AdobeID',
		transformations: [
			{
				name: 'GeneralTransform',
				params: {
					segmentSelectors: { selectors: [{ type: 'PLATFORM_SEGMENT', value: { id: 'a1' } }] },
				},
			},
		],
		...overrides,
	};
}

/** The events one poll reports for `now`, every kind selected. */
const flowEvents = (
	before: Parameters<typeof diffFlows>[0],
	now: Parameters<typeof diffFlows>[1],
) => diffFlows(before, now, ALL, AT).events;
/** One whole poll, every kind selected. */
const detectAll = (
	memory: Parameters<typeof detectEvents>[0],
	observed: Parameters<typeof detectEvents>[1],
) => detectEvents(memory, observed, ALL, WINDOW, AT);
const ids = (events: Array<{ run?: FlowRun }>) => events.map((event) => event.run?.id);
const runIdOf = (event: object) => ('run' in event ? (event.run as FlowRun).id : undefined);

describe('configuration fingerprint', () => {
	it('hashes every configuration field and leaves out bookkeeping, state and creation fields', () => {
		const fields = configurationFields({
			...flowDoc(),
			lastOperation: { status: 'x' },
			lastRunDetails: { id: 'r' },
			runs: '/runs?property=flowId==x',
			createdAt: 1,
			createdBy: 'x',
			updatedClient: 'y',
			sandboxName: 'prod',
			scheduleParams: { frequency: 'day' },
		});
		expect(Object.keys(fields)).toEqual([
			'description',
			'name',
			'scheduleParams',
			'transformations',
		]);
		expect(Object.values(fields).every((hash) => /^[\w-]{10}$/.test(hash))).toBe(true);
	});

	it('does not depend on key order, and differs when content differs', () => {
		const a = configurationFields({
			id: 'x',
			transformations: [{ name: 'T', params: { b: 1, a: [1, { d: 2, c: 3 }] } }],
		});
		const b = configurationFields({
			transformations: [{ params: { a: [1, { c: 3, d: 2 }], b: 1 }, name: 'T' }],
			id: 'x',
		});
		const c = configurationFields({
			transformations: [{ params: { a: [{ c: 3, d: 2 }, 1], b: 1 }, name: 'T' }],
			id: 'x',
		});
		expect(a).toEqual(b);
		expect(a.transformations).not.toBe(c.transformations);
	});

	it('writes stable JSON: sorted keys, undefined members dropped, undefined array entries as null', () => {
		expect(
			stableJson({ b: 1, a: 'x', c: undefined, d: [undefined, null, { z: true, y: [] }] }),
		).toBe('{"a":"x","b":1,"d":[null,null,{"y":[],"z":true}]}');
		expect(stableJson(undefined)).toBe('null');
	});

	it('names the changed fields, added and removed ones included; null when nothing was remembered', () => {
		expect(changedFields({ a: '1', b: '2', c: '3' }, { a: '1', b: 'X', d: '4' })).toEqual([
			'b',
			'c',
			'd',
		]);
		expect(changedFields({ a: '1' }, { a: '1' })).toEqual([]);
		expect(changedFields(undefined, { a: '1' })).toBeNull();
	});

	it('observes a flow: state lower-cased, name null when absent', () => {
		expect(observeFlow(flowDoc({ state: 'Disabled', name: undefined }))).toMatchObject({
			id: FLOW_A,
			name: null,
			state: 'disabled',
			etag: '"e1"',
			updatedAt: 1000,
		});
		expect(observeFlow(flowDoc({ state: undefined })).state).toBeUndefined();
	});
});

describe('dataflow changes', () => {
	const observe = (overrides: Partial<FlowDocument> = {}) => observeFlow(flowDoc(overrides));
	const remembered = (flows: ObservedFlow[]) => diffFlows(undefined, flows, ALL, AT).flows;

	it('records a baseline on the first poll and reports nothing', () => {
		const result = diffFlows(
			undefined,
			[observe(), observe({ id: FLOW_B, state: 'disabled' })],
			ALL,
			AT,
		);
		expect(result.events).toEqual([]);
		expect(Object.keys(result.flows)).toEqual([FLOW_A, FLOW_B]);
		expect(result.flows[FLOW_B]).toMatchObject({ etag: '"e1"', state: 'disabled' });
	});

	it('reports nothing when nothing changed, however often it is asked', () => {
		let flows = remembered([observe()]);
		for (let poll = 0; poll < 3; poll++) {
			const result = diffFlows(flows, [observe()], ALL, AT);
			expect(result.events).toEqual([]);
			flows = result.flows;
		}
	});

	it('reports a disable once, not as a configuration change although the etag rotated', () => {
		const before = remembered([observe()]);
		const disabled = observe({
			state: 'disabled',
			etag: '"e2"',
			updatedBy: 'ops@AdobeID',
			updatedAt: 2000,
		});
		const first = diffFlows(before, [disabled], ALL, AT);
		expect(first.events).toEqual([
			{
				event: 'disabled',
				flowId: FLOW_A,
				flowName: 'Flow A',
				previousState: 'enabled',
				state: 'disabled',
				updatedAt: 2000,
				updatedBy: 'ops@AdobeID',
				detectedAt: AT,
			},
		]);
		expect(flowEvents(first.flows, [disabled])).toEqual([]);
	});

	it('reports an enable', () => {
		const before = remembered([observe({ state: 'disabled' })]);
		const events = flowEvents(before, [observe({ state: 'enabled', etag: '"e2"' })]);
		expect(events.map((event) => [event.event, event.previousState, event.state])).toEqual([
			['enabled', 'disabled', 'enabled'],
		]);
	});

	it('reports a configuration change with the old and new etag and the fields that changed', () => {
		const before = remembered([observe()]);
		const events = flowEvents(before, [
			observe({ etag: '"e2"', name: 'Renamed', description: 'second' }),
		]);
		expect(events).toEqual([
			{
				event: 'configurationChanged',
				flowId: FLOW_A,
				flowName: 'Renamed',
				previousEtag: '"e1"',
				etag: '"e2"',
				changedFields: ['description', 'name'],
				updatedAt: 1000,
				updatedBy: 'someone@AdobeID',
				detectedAt: AT,
			},
		]);
	});

	it('reports both when a dataflow was edited and disabled between two polls', () => {
		const before = remembered([observe()]);
		const events = flowEvents(before, [
			observe({ etag: '"e3"', state: 'disabled', description: 'edited' }),
		]);
		expect(events.map((event) => event.event)).toEqual(['disabled', 'configurationChanged']);
		expect(events[1].changedFields).toEqual(['description']);
	});

	it('stays silent when only the etag moved (a write that changed nothing, or Adobe bookkeeping), and remembers the new etag', () => {
		const before = remembered([observe()]);
		const result = diffFlows(before, [observe({ etag: '"e2"', updatedAt: 5000 })], ALL, AT);
		expect(result.events).toEqual([]);
		expect(result.flows[FLOW_A].etag).toBe('"e2"');
	});

	it('reports a configuration change with changedFields null when the remembered flow has no fingerprint', () => {
		const events = flowEvents({ [FLOW_A]: { etag: '"e0"', state: 'enabled' } }, [observe()]);
		expect(events).toMatchObject([
			{ event: 'configurationChanged', previousEtag: '"e0"', etag: '"e1"', changedFields: null },
		]);
	});

	it('reports only the selected kinds, yet remembers everything, so selecting one later replays nothing', () => {
		const before = remembered([observe()]);
		const changed = observe({ etag: '"e2"', state: 'disabled', name: 'New' });
		const onlyRuns = diffFlows(before, [changed], new Set<TriggerEventName>(['runFailed']), AT);
		expect(onlyRuns.events).toEqual([]);
		expect(flowEvents(onlyRuns.flows, [changed])).toEqual([]);
		const onlyEnabled = diffFlows(before, [changed], new Set<TriggerEventName>(['enabled']), AT);
		expect(onlyEnabled.events).toEqual([]);
		const onlyDisabled = diffFlows(before, [changed], new Set<TriggerEventName>(['disabled']), AT);
		expect(onlyDisabled.events.map((event) => event.event)).toEqual(['disabled']);
	});

	it('remembers a dataflow that appears without reporting it, then reports its later changes', () => {
		const before = remembered([observe()]);
		const added = diffFlows(before, [observe(), observe({ id: FLOW_B, name: 'Flow B' })], ALL, AT);
		expect(added.events).toEqual([]);
		const next = diffFlows(
			added.flows,
			[observe(), observe({ id: FLOW_B, name: 'Flow B', state: 'disabled', etag: '"b2"' })],
			ALL,
			AT,
		);
		expect(next.events).toMatchObject([{ event: 'disabled', flowId: FLOW_B, flowName: 'Flow B' }]);
	});

	it('forgets a dataflow that is gone', () => {
		const before = remembered([observe(), observe({ id: FLOW_B })]);
		const result = diffFlows(before, [observe()], ALL, AT);
		expect(result.events).toEqual([]);
		expect(Object.keys(result.flows)).toEqual([FLOW_A]);
	});

	it('reports no state event for a state other than enabled or disabled, and compares states without case', () => {
		const before = remembered([observe()]);
		expect(flowEvents(before, [observe({ state: 'draft' })])).toEqual([]);
		const upper = { [FLOW_A]: { ...before[FLOW_A], state: 'ENABLED' } };
		expect(flowEvents(upper, [observe()])).toEqual([]);
	});

	it('reports a state that appears where none was remembered, with previousState null', () => {
		const before = remembered([observe({ state: undefined })]);
		expect(flowEvents(before, [observe({ state: 'enabled' })])).toMatchObject([
			{ event: 'enabled', previousState: null, state: 'enabled' },
		]);
	});
});

describe('failed runs', () => {
	const T = 1_700_000_000_000;
	const baseline = (fetched: FlowRun[]) => diffRuns(undefined, fetched, WINDOW, NAMES, AT);
	const next = (memory: RunMemory, fetched: FlowRun[]) =>
		diffRuns(memory, fetched, WINDOW, NAMES, AT);

	it('records a baseline on the first poll: no events, watermark at the newest failed run, seen within the window', () => {
		const result = baseline([run('r3', T), run('r2', T - 10 * MIN), run('r1', T - 2 * WINDOW)]);
		expect(result.events).toEqual([]);
		expect(result.runs).toEqual({ watermark: T, seen: { r3: T, r2: T - 10 * MIN } });
	});

	it('records an empty baseline without a watermark; then every failed run listed is new', () => {
		const empty = baseline([]);
		expect(empty.runs).toEqual({ seen: {} });
		expect(runQueryFloor(empty.runs, WINDOW)).toBeUndefined();
		const result = next(empty.runs, [run('r1', T - 5 * WINDOW), run('r2', T)]);
		expect(ids(result.events)).toEqual(['r1', 'r2']);
		expect(result.runs).toEqual({ watermark: T, seen: { r2: T } });
	});

	it('reports a new failed run once, with the flow and run details', () => {
		const memory = baseline([run('r1', T)]).runs;
		const fresh = run('r2', T + MIN);
		const first = next(memory, [fresh, run('r1', T)]);
		expect(first.events).toEqual([
			{ event: 'runFailed', flowId: FLOW_A, flowName: 'Flow A', run: fresh, detectedAt: AT },
		]);
		expect(next(first.runs, [fresh, run('r1', T)]).events).toEqual([]);
	});

	it('neither repeats nor skips runs that share a createdAt with the watermark', () => {
		const memory = baseline([run('a', T)]).runs;
		const second = next(memory, [run('a', T), run('b', T)]);
		expect(ids(second.events)).toEqual(['b']);
		const third = next(second.runs, [run('c', T), run('a', T), run('b', T), run('d', T)]);
		expect(ids(third.events)).toEqual(['c', 'd']);
		expect(next(third.runs, [run('a', T), run('b', T), run('c', T), run('d', T)]).events).toEqual(
			[],
		);
		expect(third.runs).toEqual({ watermark: T, seen: { a: T, b: T, c: T, d: T } });
	});

	it('reports several runs of one poll oldest first, ties by id', () => {
		const memory = baseline([run('x', T)]).runs;
		const result = next(memory, [run('z', T + 2), run('m', T + 1), run('b', T + 2), run('x', T)]);
		expect(ids(result.events)).toEqual(['m', 'b', 'z']);
		expect(result.runs.watermark).toBe(T + 2);
	});

	it('reports a run listed late with an older createdAt while it is within the window', () => {
		const memory = next(baseline([run('r1', T)]).runs, [
			run('r2', T + 30 * MIN),
			run('r1', T),
		]).runs;
		const late = run('late', T + 30 * MIN - WINDOW + 1);
		const result = next(memory, [run('r2', T + 30 * MIN), late]);
		expect(ids(result.events)).toEqual(['late']);
		expect(result.runs.watermark).toBe(T + 30 * MIN);
		expect(next(result.runs, [run('r2', T + 30 * MIN), late]).events).toEqual([]);
	});

	it('reports a run exactly at the window edge, and not one just outside it (it cannot be told from a pruned one)', () => {
		const memory = baseline([run('r1', T)]).runs;
		expect(ids(next(memory, [run('edge', T - WINDOW)]).events)).toEqual(['edge']);
		expect(next(memory, [run('outside', T - WINDOW - 1)]).events).toEqual([]);
	});

	it('reports a run that turned Failed after the last poll although it started before the watermark', () => {
		const memory = next(baseline([run('r1', T)]).runs, [
			run('r3', T + 20 * MIN),
			run('r1', T),
		]).runs;
		// r2 started at T + 5 min; it was Processing then, so not listed among failed runs.
		const result = next(memory, [run('r3', T + 20 * MIN), run('r2', T + 5 * MIN), run('r1', T)]);
		expect(ids(result.events)).toEqual(['r2']);
	});

	it('never moves the watermark backwards', () => {
		const memory = baseline([run('r1', T)]).runs;
		const result = next(memory, [run('older', T - MIN)]);
		expect(result.runs.watermark).toBe(T);
		expect(ids(result.events)).toEqual(['older']);
	});

	it('prunes seen ids older than the window behind the new watermark, and keeps the rest', () => {
		const memory = baseline([run('r1', T), run('r0', T - 30 * MIN)]).runs;
		const result = next(memory, [run('r2', T + 45 * MIN)]);
		expect(result.runs).toEqual({ watermark: T + 45 * MIN, seen: { r1: T, r2: T + 45 * MIN } });
		expect(runQueryFloor(result.runs, WINDOW)).toBe(T + 45 * MIN - WINDOW);
	});

	it('ignores runs that are not failed, have no createdAt, or appear twice in one listing', () => {
		const memory = baseline([run('r1', T)]).runs;
		const noDate = {
			id: 'nodate',
			flowId: FLOW_A,
			metrics: { statusSummary: { status: 'Failed' } },
		} as FlowRun;
		const result = next(memory, [
			run('ok', T + 1, 'Success'),
			run('proc', T + 1, 'Processing'),
			noDate,
			run('dup', T + 2),
			run('dup', T + 2),
			run('lower', T + 3, 'failed'),
		]);
		expect(ids(result.events)).toEqual(['dup', 'lower']);
	});

	it('names the flow of each run, null when unknown', () => {
		const memory = baseline([]).runs;
		const result = next(memory, [
			run('b', T, 'Failed', FLOW_B),
			run('c', T + 1, 'Failed', '33333333-3333-4333-8333-333333333333'),
		]);
		expect(result.events.map((event) => [event.flowId, event.flowName])).toEqual([
			[FLOW_B, 'Flow B'],
			['33333333-3333-4333-8333-333333333333', null],
		]);
	});

	it('gives the same verdicts after a restart: memory survives a JSON round trip through static data', () => {
		const memory = baseline([run('a', T), run('b', T)]).runs;
		const stored = JSON.parse(JSON.stringify(memory)) as RunMemory;
		const listing = [run('c', T), run('b', T), run('a', T)];
		expect(next(stored, listing)).toEqual(next(memory, listing));
		expect(ids(next(stored, listing).events)).toEqual(['c']);
	});

	/**
	 * A random history of failed runs (many sharing a createdAt, some listed late), polled with the
	 * query the node sends (createdAt ≥ floor, sometimes with older rows the service should have left
	 * out), with restarts (JSON round trips) between polls. Every run is reported at most once; a run
	 * is reported exactly when it was not in the baseline and its createdAt was within the window of
	 * the watermark of the poll before it was listed.
	 */
	it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])(
		'holds for a random history (seed %i): no duplicate, no miss',
		(seed) => {
			const random = seeded(seed);
			const world: Array<{ id: string; createdAt: number; listedFrom: number }> = [];
			const polls = 25;
			for (let i = 0; i < 120; i++) {
				const listedFrom = Math.floor(random() * polls);
				// Coarse clock (ties are common); most runs are listed near "now", some arrive late.
				const lateness =
					random() < 0.2 ? Math.floor(random() * 2 * WINDOW) : Math.floor(random() * 5 * MIN);
				const createdAt = T + Math.floor((listedFrom * 10 * MIN - lateness) / MIN) * MIN;
				world.push({ id: `run-${seed}-${i}`, createdAt, listedFrom });
			}

			const reported = new Map<string, number>();
			const expected = new Set<string>();
			let memory: RunMemory | undefined;
			for (let poll = 0; poll < polls; poll++) {
				const floor = runQueryFloor(memory, WINDOW);
				const listed = world.filter((entry) => entry.listedFrom <= poll);
				for (const entry of listed) {
					if (memory === undefined || entry.listedFrom !== poll) continue;
					if (memory.watermark === undefined || entry.createdAt >= memory.watermark - WINDOW)
						expected.add(entry.id);
				}
				const fetched = listed
					.filter((entry) => floor === undefined || entry.createdAt >= floor || random() < 0.1)
					.sort((a, b) => b.createdAt - a.createdAt)
					.map((entry) => run(entry.id, entry.createdAt));
				const result = diffRuns(memory, fetched, WINDOW, NAMES, AT);
				for (const event of result.events)
					reported.set(event.run!.id, (reported.get(event.run!.id) ?? 0) + 1);
				memory =
					random() < 0.5 ? (JSON.parse(JSON.stringify(result.runs)) as RunMemory) : result.runs;
			}
			expect([...reported.values()].every((count) => count === 1)).toBe(true);
			expect(new Set(reported.keys())).toEqual(expected);
			expect(expected.size).toBeGreaterThan(50);
		},
	);
});

describe('static data', () => {
	const SCOPE = 'ORG@AdobeOrg/prod/*';

	it('starts fresh when nothing, another format or another scope was stored', () => {
		const fresh = { format: MEMORY_FORMAT, scope: SCOPE };
		expect(readMemory({}, SCOPE)).toEqual(fresh);
		expect(readMemory(undefined, SCOPE)).toEqual(fresh);
		expect(readMemory({ format: 0, scope: SCOPE, flows: {} }, SCOPE)).toEqual(fresh);
		expect(
			readMemory({ format: MEMORY_FORMAT, scope: 'ORG@AdobeOrg/dev/*', flows: {} }, SCOPE),
		).toEqual(fresh);
	});

	it('reads back what was stored', () => {
		const stored: TriggerMemory = {
			format: MEMORY_FORMAT,
			scope: SCOPE,
			flows: {
				[FLOW_A]: { etag: '"e"', state: 'enabled', fields: { name: 'abc' } },
				[FLOW_B]: { etag: '"f"' },
			},
			runs: { watermark: 5, seen: { r: 5 } },
			skips: { watermark: 6, seen: { s: 6 } },
			endings: { checkedAt: 7, notified: { [FLOW_A]: 8 } },
			delays: { checkedUntil: 9, delayMinutes: 150 },
		};
		expect(readMemory(JSON.parse(JSON.stringify(stored)), SCOPE)).toEqual(stored);
		// Every part is one static data knows of, so a poll that changes only it is saved.
		expect(Object.keys(stored).sort()).toEqual([...MEMORY_KEYS].sort());
		expect(readMemory({ format: MEMORY_FORMAT, scope: SCOPE, runs: { seen: {} } }, SCOPE)).toEqual({
			format: MEMORY_FORMAT,
			scope: SCOPE,
			runs: { seen: {} },
		});
	});

	it.each([
		['flows not an object', { flows: [] }, { flows: undefined }],
		['a flow without etag', { flows: { a: { state: 'enabled' } } }, { flows: undefined }],
		[
			'a state that is not a string',
			{ flows: { a: { etag: '"e"', state: 1 } } },
			{ flows: undefined },
		],
		[
			'a fingerprint that is not strings',
			{ flows: { a: { etag: '"e"', fields: { name: 1 } } } },
			{ flows: undefined },
		],
		['seen not an object', { runs: { watermark: 1, seen: [] } }, { runs: undefined }],
		[
			'a seen time that is not a number',
			{ runs: { watermark: 1, seen: { r: '1' } } },
			{ runs: undefined },
		],
		[
			'a watermark that is not a number',
			{ runs: { watermark: 'x', seen: {} } },
			{ runs: undefined },
		],
		['skips not an object', { skips: 'x' }, { skips: undefined }],
		['endings without a last look', { endings: { notified: {} } }, { endings: undefined }],
		['delays without the delay', { delays: { checkedUntil: 1 } }, { delays: undefined }],
	])(
		'drops only the unreadable part (%s), so that part records a new baseline',
		(_label, part, dropped) => {
			const good = {
				flows: { [FLOW_A]: { etag: '"e"' } },
				runs: { watermark: 1, seen: {} },
				skips: { watermark: 2, seen: { s: 2 } },
				endings: { checkedAt: 3, notified: {} },
				delays: { checkedUntil: 4, delayMinutes: 60 },
			};
			const memory = readMemory({ format: MEMORY_FORMAT, scope: SCOPE, ...good, ...part }, SCOPE);
			for (const key of ['flows', 'runs', 'skips', 'endings', 'delays'] as const) {
				if (key in dropped) expect(memory[key]).toBeUndefined();
				else expect(memory[key]).toEqual(good[key]);
			}
		},
	);
});

describe('one poll', () => {
	const T = 1_700_000_000_000;
	const SCOPE = 'ORG@AdobeOrg/prod/*';
	const flows = [
		observeFlow(flowDoc()),
		observeFlow(flowDoc({ id: FLOW_B, name: 'Flow B', state: 'disabled' })),
	];

	it('baselines flows and runs on the first poll and reports nothing', () => {
		const result = detectAll(
			{ format: MEMORY_FORMAT, scope: SCOPE },
			{ flows, failedRuns: [run('r1', T)] },
		);
		expect(result.events).toEqual([]);
		expect(result.memory).toEqual({
			format: MEMORY_FORMAT,
			scope: SCOPE,
			flows: {
				[FLOW_A]: expect.objectContaining({ etag: '"e1"' }),
				[FLOW_B]: expect.objectContaining({ state: 'disabled' }),
			},
			runs: { watermark: T, seen: { r1: T } },
		});
	});

	it('puts run events first, oldest first, then dataflow events', () => {
		const memory = detectAll(
			{ format: MEMORY_FORMAT, scope: SCOPE },
			{ flows, failedRuns: [run('r1', T)] },
		).memory;
		const changed = [observeFlow(flowDoc({ state: 'disabled', etag: '"e2"' })), flows[1]];
		const result = detectAll(memory, {
			flows: changed,
			failedRuns: [run('r3', T + 2, 'Failed', FLOW_B), run('r2', T + 1), run('r1', T)],
		});
		expect(result.events.map((event) => [event.event, event.flowId, runIdOf(event)])).toEqual([
			['runFailed', FLOW_A, 'r2'],
			['runFailed', FLOW_B, 'r3'],
			['disabled', FLOW_A, undefined],
		]);
		expect(result.events[1].flowName).toBe('Flow B');
	});

	it('drops the run memory when runs are not watched, so watching them later starts from a new baseline', () => {
		const memory = detectAll(
			{ format: MEMORY_FORMAT, scope: SCOPE },
			{ flows, failedRuns: [run('r1', T)] },
		).memory;
		const withoutRuns = detectEvents(
			memory,
			{ flows },
			new Set<TriggerEventName>(['enabled']),
			WINDOW,
			AT,
		);
		expect(withoutRuns.memory.runs).toBeUndefined();
		const again = detectAll(withoutRuns.memory, {
			flows,
			failedRuns: [run('r2', T + 1), run('r1', T)],
		});
		expect(again.events).toEqual([]);
		expect(again.memory.runs).toEqual({ watermark: T + 1, seen: { r1: T, r2: T + 1 } });
	});
});

describe('test events (manual mode)', () => {
	const T = 1_700_000_000_000;
	const memory: TriggerMemory = { format: MEMORY_FORMAT, scope: 's' };
	const older = observeFlow(flowDoc({ updatedAt: 1000 }));
	const newer = observeFlow(
		flowDoc({ id: FLOW_B, name: 'Flow B', state: 'disabled', updatedAt: 2000, etag: '"b1"' }),
	);

	it('returns the newest failed run and, for the most recently updated dataflow, a change and its state', () => {
		const events = sampleEvents(
			memory,
			{
				flows: [older, newer],
				failedRuns: [
					run('old', T - 1),
					run('new', T, 'Failed', FLOW_B),
					run('ok', T + 1, 'Success'),
				],
			},
			ALL,
			AT,
		);
		expect(events.map((event) => [event.event, event.flowId, runIdOf(event)])).toEqual([
			['runFailed', FLOW_B, 'new'],
			['configurationChanged', FLOW_B, undefined],
			['enabled', FLOW_A, undefined],
			['disabled', FLOW_B, undefined],
		]);
		expect(events[0].flowName).toBe('Flow B');
		expect(events[1]).toMatchObject({ previousEtag: null, etag: '"b1"', changedFields: null });
		expect(events[2]).toMatchObject({ previousState: 'disabled', state: 'enabled' });
		expect(events[3]).toMatchObject({ previousState: 'enabled', state: 'disabled' });
	});

	it('uses the remembered etag and fingerprint when there are some', () => {
		const remembered: TriggerMemory = {
			...memory,
			flows: {
				[FLOW_B]: { etag: '"b0"', state: 'disabled', fields: { ...newer.fields, name: 'other' } },
			},
		};
		const [event] = sampleEvents(
			remembered,
			{ flows: [newer] },
			new Set<TriggerEventName>(['configurationChanged']),
			AT,
		);
		expect(event).toMatchObject({ previousEtag: '"b0"', etag: '"b1"', changedFields: ['name'] });
	});

	it('returns only selected kinds, and nothing when nothing matches', () => {
		expect(
			sampleEvents(memory, { flows: [older] }, new Set<TriggerEventName>(['disabled']), AT),
		).toEqual([]);
		expect(sampleEvents(memory, { flows: [], failedRuns: [] }, ALL, AT)).toEqual([]);
		expect(
			sampleEvents(
				memory,
				{ flows: [older], failedRuns: [run('r', T)] },
				new Set<TriggerEventName>(['runFailed']),
				AT,
			).map((event) => event.event),
		).toEqual(['runFailed']);
	});

	it('orders dataflows without updatedAt last', () => {
		const undated = observeFlow(flowDoc({ id: FLOW_B, updatedAt: undefined }));
		const [event] = sampleEvents(
			memory,
			{ flows: [undated, older] },
			new Set<TriggerEventName>(['configurationChanged']),
			AT,
		);
		expect(event.flowId).toBe(FLOW_A);
	});
});

/** mulberry32: a small deterministic generator, so a failing seed can be replayed. */
function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('the schedule and run-metric events in one poll', () => {
	const NOW = Date.UTC(2026, 2, 10, 12);
	const DETECTED = new Date(NOW).toISOString();
	const SCOPE = 'ORG@AdobeOrg/prod/*';
	const NEW_EVENTS = new Set<TriggerEventName>([
		'runFailed',
		'configurationChanged',
		'exportEndingSoon',
		'runDelayed',
		'skippedRateExceeded',
	]);
	const ending = (days: number) =>
		flowDoc({
			scheduleParams: {
				timeUnit: 'hour',
				interval: 3,
				startTime: Math.floor((NOW - 10 * 86_400_000) / 1000),
				endTime: Math.floor((NOW + days * 86_400_000) / 1000),
			},
			inheritedAttributes: {
				sourceConnections: [{ connectionSpec: { id: '23598e46-f560-407b-88d5-ea6207e49db0' } }],
			},
			transformations: [],
			updatedAt: NOW - 20 * 86_400_000,
		});
	const finished = (id: string, createdAt: number, received: number, skipped: number): FlowRun => ({
		id,
		flowId: FLOW_A,
		createdAt,
		metrics: {
			recordSummary: { inputRecordCount: received, skippedRecordCount: skipped },
			statusSummary: { status: 'Success' },
		},
	});
	const poll = (memory: TriggerMemory, observation: Parameters<typeof detectEvents>[1], at = NOW) =>
		detectEvents(memory, observation, NEW_EVENTS, WINDOW, new Date(at).toISOString());

	it('their first poll reports only ends already near, and records each part’s baseline', () => {
		const first = poll(
			{ format: MEMORY_FORMAT, scope: SCOPE },
			{
				flows: [observeFlow(ending(5))],
				failedRuns: [],
				finishedRuns: [finished('s1', NOW - MIN, 100, 50)],
			},
		);
		expect(first.events.map((event) => event.event)).toEqual(['exportEndingSoon']);
		expect(first.memory).toMatchObject({
			skips: { watermark: NOW - MIN, seen: { s1: NOW - MIN } },
			delays: { checkedUntil: NOW, delayMinutes: 150 },
			endings: { checkedAt: NOW, notified: { [FLOW_A]: NOW + 5 * 86_400_000 } },
		});
	});

	it('orders failed runs, skipped runs, delays, dataflow changes, then ends; drops the parts of events unselected', () => {
		const first = poll(
			{ format: MEMORY_FORMAT, scope: SCOPE },
			{ flows: [observeFlow(ending(30))], failedRuns: [], finishedRuns: [] },
			NOW - 4 * 3_600_000,
		);
		const changed = observeFlow({ ...ending(3), etag: '"e2"', name: 'Renamed' });
		const second = poll(first.memory, {
			flows: [changed],
			failedRuns: [run('f1', NOW - 2 * MIN)],
			finishedRuns: [finished('s2', NOW - MIN, 100, 2), finished('s3', NOW - MIN, 100, 1)],
			recentRuns: [],
		});
		expect(
			second.events.map((event) => [event.event, 'dueAt' in event ? event.dueAt : '']),
		).toEqual([
			['runFailed', ''],
			['skippedRateExceeded', ''],
			['runDelayed', '2026-03-10T06:00:00.000Z'],
			['runDelayed', '2026-03-10T09:00:00.000Z'],
			['configurationChanged', ''],
			['exportEndingSoon', ''],
		]);
		const unselected = detectEvents(
			second.memory,
			{ flows: [changed] },
			new Set(['enabled']),
			WINDOW,
			DETECTED,
		);
		expect(Object.keys(unselected.memory).sort()).toEqual(['flows', 'format', 'scope']);
	});

	it('Fetch Test Event builds one of each from what Adobe holds, with the fields’ values', () => {
		const events = sampleEvents(
			{ format: MEMORY_FORMAT, scope: SCOPE },
			{
				flows: [observeFlow(ending(40))],
				finishedRuns: [finished('low', NOW - MIN, 100, 2), finished('high', NOW - 2 * MIN, 100, 9)],
			},
			new Set<TriggerEventName>(['exportEndingSoon', 'runDelayed', 'skippedRateExceeded']),
			DETECTED,
			{ endingWithinDays: 1, delayMinutes: 60, skippedPercent: 5 },
		);
		expect(events).toEqual([
			expect.objectContaining({ event: 'skippedRateExceeded', thresholdPercent: 5, skipped: 9 }),
			expect.objectContaining({ event: 'runDelayed', delayMinutes: 60, kind: 'datasetExport' }),
			expect.objectContaining({ event: 'exportEndingSoon', daysLeft: 40, ended: false }),
		]);
	});
});

describe('the events', () => {
	it('keep the original four first, in their order, with the new ones after', () => {
		expect(TRIGGER_EVENTS).toEqual([
			'runFailed',
			'configurationChanged',
			'enabled',
			'disabled',
			'exportEndingSoon',
			'runDelayed',
			'skippedRateExceeded',
		]);
	});
});
