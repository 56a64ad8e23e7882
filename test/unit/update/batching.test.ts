import { applyPatch as referencePatch, type Operation } from 'fast-json-patch';

import { applyPatch } from '@node/model/applyPatch';
import { flowFromInput } from '@node/model/inputFlow';
import { mapConcurrent } from '@node/update/mapConcurrent';
import type { PatchOperation, Planner } from '@node/model/types';
import { composePlanners, EntryPlanningError } from '@node/update/compose';
import { planAddAudiences, planRemoveAudiences } from '@node/planner/audiences';
import { planUpdateInfo } from '@node/planner/updateInfo';
import { buildAudienceSelector } from '@node/rules/audiences';
import { InputError } from '@node/model/inputError';
import { TUTORIAL_AUDIENCE_IDS } from '../../../emulator/fixtures/ids';
import { audienceIds, tutorialFlow } from '../fixtures';

const reference = <T>(doc: T, ops: PatchOperation[]): T =>
	referencePatch(structuredClone(doc), ops as Operation[], true, false).newDocument;

describe('applyPatch (local copy of Adobe applying a plan)', () => {
	const doc = { a: { b: [1, 2, 3], 'x/y': { '~k': 1 } }, s: 'v' };
	it.each<[string, PatchOperation[]]>([
		['add to an array end', [{ op: 'add', path: '/a/b/-', value: 4 }]],
		['add inside an array', [{ op: 'add', path: '/a/b/1', value: 9 }]],
		['add a member', [{ op: 'add', path: '/a/c', value: { d: 1 } }]],
		['replace a member', [{ op: 'replace', path: '/s', value: 'w' }]],
		['replace in an array', [{ op: 'replace', path: '/a/b/0', value: 7 }]],
		[
			'remove from an array, highest first',
			[
				{ op: 'remove', path: '/a/b/2' },
				{ op: 'remove', path: '/a/b/0' },
			],
		],
		['remove a member', [{ op: 'remove', path: '/s' }]],
		['escaped tokens', [{ op: 'replace', path: '/a/x~1y/~0k', value: 2 }]],
		[
			'a sequence',
			[
				{ op: 'add', path: '/a/b/-', value: 4 },
				{ op: 'remove', path: '/a/b/0' },
				{ op: 'replace', path: '/s', value: 'z' },
			],
		],
	])('agrees with fast-json-patch: %s', (_name, ops) => {
		expect(applyPatch(doc, ops)).toEqual(reference(doc, ops));
	});

	it('never changes its input', () => {
		const copy = structuredClone(doc);
		applyPatch(doc, [{ op: 'remove', path: '/a' }]);
		expect(doc).toEqual(copy);
	});

	it.each<[string, PatchOperation]>([
		['replace of a missing member', { op: 'replace', path: '/missing', value: 1 }],
		['remove of a missing member', { op: 'remove', path: '/missing' }],
		['index past the end', { op: 'replace', path: '/a/b/3', value: 1 }],
		['add past the end', { op: 'add', path: '/a/b/4', value: 1 }],
		['remove "-"', { op: 'remove', path: '/a/b/-' }],
		['a leading zero index', { op: 'remove', path: '/a/b/01' }],
		['a missing parent', { op: 'add', path: '/nope/x', value: 1 }],
		['a scalar parent', { op: 'add', path: '/s/x', value: 1 }],
		['the root', { op: 'replace', path: '', value: 1 }],
	])('refuses %s', (_name, op) => {
		expect(() => applyPatch(doc, [op])).toThrow();
	});
});

describe('composePlanners (several items on one read)', () => {
	const add = (id: string) => planAddAudiences([buildAudienceSelector({ id }, 'audiences')]);
	const NEW = ['0b0b0b0b-1111-4222-8333-444444444444', '0c0c0c0c-1111-4222-8333-444444444444'];

	it('stacks each item on the flow the earlier ones leave, so one PATCH is valid', () => {
		const flow = tutorialFlow();
		const composed = composePlanners([
			add(NEW[0]),
			planRemoveAudiences({ keys: [TUTORIAL_AUDIENCE_IDS[1]], matchBy: 'id', ifMissing: 'skip' }),
			add(NEW[0]),
			planRemoveAudiences({ keys: [TUTORIAL_AUDIENCE_IDS[3]], matchBy: 'id', ifMissing: 'skip' }),
			add(NEW[1]),
		]);
		const plan = composed.planner(flow);
		const outcomes = composed.outcomesOf(plan.operations)!;

		expect(audienceIds(reference(flow, plan.operations))).toEqual([
			TUTORIAL_AUDIENCE_IDS[0],
			TUTORIAL_AUDIENCE_IDS[2],
			NEW[0],
			NEW[1],
		]);
		expect(outcomes.map((o) => o.plan!.operations.length)).toEqual([1, 1, 0, 1, 1]);
		expect(outcomes[2].plan!.skipped).toEqual([
			{ target: `audience ${NEW[0]}`, reason: 'already on the dataflow' },
		]);
		expect(plan.skipped).toHaveLength(1);
	});

	it('leaves out an item that cannot be planned and keeps the rest', () => {
		const failing: Planner = () => {
			throw new InputError('audiences', 'nope');
		};
		const composed = composePlanners([add(NEW[0]), failing, add(NEW[1])]);
		const plan = composed.planner(tutorialFlow());
		const outcomes = composed.outcomesOf(plan.operations)!;

		expect(plan.operations).toHaveLength(2);
		expect(outcomes[1].error).toBeInstanceOf(InputError);
	});

	it('in strict mode stops the whole plan at the first item that cannot be planned', () => {
		const failing: Planner = () => {
			throw new InputError('audiences', 'nope');
		};
		expect(() => composePlanners([add(NEW[0]), failing], true).planner(tutorialFlow())).toThrow(
			EntryPlanningError,
		);
		try {
			composePlanners([add(NEW[0]), failing], true).planner(tutorialFlow());
		} catch (error) {
			expect((error as EntryPlanningError).entry).toBe(1);
			expect((error as EntryPlanningError).reason).toBeInstanceOf(InputError);
		}
	});

	it('undoes the part of a rejected plan that had already applied before planning the next item', () => {
		const halfBroken: Planner = () => ({
			operations: [
				{ op: 'replace', path: '/name', value: 'half' },
				{ op: 'remove', path: '/missing' },
			],
			skipped: [],
		});
		const seen: string[] = [];
		const spy: Planner = (flow) => {
			seen.push(String(flow.name));
			return { operations: [], skipped: [] };
		};
		const flow = tutorialFlow();
		composePlanners([halfBroken, spy]).planner(flow);

		expect(seen).toEqual([flow.name]);
	});

	it('rejects an item whose plan does not apply to the flow', () => {
		const broken: Planner = () => ({
			operations: [{ op: 'replace', path: '/missing', value: 1 }],
			skipped: [],
		});
		const composed = composePlanners([broken, planUpdateInfo({ name: 'x' })]);
		const plan = composed.planner(tutorialFlow());

		expect(plan.operations).toEqual([{ op: 'replace', path: '/name', value: 'x' }]);
		expect(composed.outcomesOf(plan.operations)![0].error).toBeInstanceOf(Error);
		expect(composed.outcomesOf([])).toBeUndefined();
	});
});

describe('flowFromInput', () => {
	const flow = tutorialFlow();
	it('takes a flow the item is, or carries under "flow"', () => {
		expect(flowFromInput(flow, flow.id)).toBe(flow);
		expect(flowFromInput({ flowId: flow.id, flow }, flow.id)).toBe(flow);
	});

	it.each([
		['another flow', { ...flow, id: 'other' }],
		['no etag', { ...flow, etag: undefined }],
		['no transformations', { id: flow.id, etag: flow.etag }],
		['an update report', { flowId: flow.id, etag: flow.etag }],
		['nothing', undefined],
	])('ignores %s', (_name, json) => {
		expect(flowFromInput(json, flow.id)).toBeUndefined();
	});
});

describe('mapConcurrent', () => {
	it('keeps input order and never exceeds the limit', async () => {
		let running = 0;
		let peak = 0;
		const results = await mapConcurrent([5, 1, 4, 2, 3], 2, async (n) => {
			running++;
			peak = Math.max(peak, running);
			await new Promise((resolve) => setImmediate(resolve));
			for (let i = 0; i < n; i++) await Promise.resolve();
			running--;
			return n * 10;
		});
		expect(results).toEqual([50, 10, 40, 20, 30]);
		expect(peak).toBe(2);
	});

	it('handles an empty list', async () => {
		expect(await mapConcurrent([], 3, async () => 1)).toEqual([]);
	});
});
