import { SOURCES_MAPPING_FLOW_ID, TUTORIAL_FLOW_ID } from '../../../emulator/fixtures/ids';
import type { FlowDocument } from '@node/model/types';
import { planUpdateMapping } from '@node/planner/mapping';
import {
	applyOperations,
	databaseFlow,
	expectInputError,
	generalParams,
	INLINE_FLOW_ID,
	inlineFlow,
	profileMappingFlow,
	seededFlow,
	tutorialFlow,
} from '../fixtures';
import { type MappingInput } from '@node/rules/mapping';

const TUTORIAL_MAPPING = { mappingId: 'c5f22f04e09f44498e528901546a83b1', mappingVersion: 2 };
/** The Mapping transformation that holds it. */
const TUTORIAL_TRANSFORMATION = { name: 'Mapping', params: TUTORIAL_MAPPING };
const input = (overrides: Partial<MappingInput> = {}): MappingInput => ({
	...TUTORIAL_MAPPING,
	location: 'auto',
	...overrides,
});

/** Asking for the mapping set version the flow already uses skips it, with the reason. */
function expectAlreadyInUse(flow: FlowDocument, mappingId: string, mappingVersion: number): void {
	expect(planUpdateMapping(input({ mappingId, mappingVersion }))(flow)).toEqual({
		operations: [],
		skipped: [
			{ target: `mapping ${mappingId}`, reason: `version ${mappingVersion} is already in use` },
		],
	});
}

describe('planUpdateMapping: Mapping transformation', () => {
	it.each(['auto', 'transformation'] as const)(
		'replaces the database flow Mapping transformation (%s)',
		(location) => {
			const flow = databaseFlow();
			const plan = planUpdateMapping(input({ location }))(flow);
			expect(plan).toEqual({
				operations: [{ op: 'replace', path: '/transformations/0', value: TUTORIAL_TRANSFORMATION }],
				skipped: [],
			});
			expect(applyOperations(flow, plan.operations).transformations).toEqual([
				TUTORIAL_TRANSFORMATION,
			]);
		},
	);

	it('targets the Mapping transformation by its index', () => {
		const flow = seededFlow(SOURCES_MAPPING_FLOW_ID);
		const plan = planUpdateMapping(input())(flow);
		expect(plan.operations).toEqual([
			{ op: 'replace', path: '/transformations/1', value: TUTORIAL_TRANSFORMATION },
		]);
		const after = applyOperations(flow, plan.operations);
		expect(after.transformations![0]).toEqual(flow.transformations![0]);
		expect(after.transformations![1]).toEqual(TUTORIAL_TRANSFORMATION);
	});

	it('plans nothing when the mapping set and version are already in use', () => {
		expectAlreadyInUse(databaseFlow(), '174de80f953c6ead8b6be62a8c70ebe8', 1);
	});

	it('compares a version stored as text numerically', () => {
		const flow = databaseFlow();
		flow.transformations![0].params = {
			mappingId: TUTORIAL_MAPPING.mappingId,
			mappingVersion: '2',
		};
		expect(planUpdateMapping(input())(flow).operations).toEqual([]);
	});

	it('replaces when only the version changes', () => {
		const plan = planUpdateMapping(
			input({ mappingId: '174de80f953c6ead8b6be62a8c70ebe8', mappingVersion: 3 }),
		)(databaseFlow());
		expect(plan.operations).toEqual([
			{
				op: 'replace',
				path: '/transformations/0',
				value: {
					name: 'Mapping',
					params: { mappingId: '174de80f953c6ead8b6be62a8c70ebe8', mappingVersion: 3 },
				},
			},
		]);
	});

	it('appends a Mapping transformation when asked to and none exists', () => {
		const flow = tutorialFlow();
		const plan = planUpdateMapping(input({ location: 'transformation' }))(flow);
		expect(plan.operations).toEqual([
			{ op: 'add', path: '/transformations/-', value: TUTORIAL_TRANSFORMATION },
		]);
		const after = applyOperations(flow, plan.operations);
		expect(after.transformations!.map((t) => t.name)).toEqual(['GeneralTransform', 'Mapping']);
	});

	it('auto-detects a transformation on a flow with no GeneralTransform', () => {
		const flow: FlowDocument = {
			id: INLINE_FLOW_ID,
			etag: '"e"',
			transformations: [{ name: 'Copy', params: {} }],
		};
		const plan = planUpdateMapping(input())(flow);
		expect(plan.operations).toEqual([
			{ op: 'add', path: '/transformations/-', value: TUTORIAL_TRANSFORMATION },
		]);
		expect(applyOperations(flow, plan.operations).transformations).toHaveLength(2);
	});

	it('prefers the Mapping transformation when a flow has both', () => {
		const flow: FlowDocument = {
			id: INLINE_FLOW_ID,
			etag: '"e"',
			transformations: [
				{
					name: 'GeneralTransform',
					params: { profileMapping: { mappingId: 'old', mappingVersion: 0 } },
				},
				{ name: 'Mapping', params: { mappingId: 'old', mappingVersion: 0 } },
			],
		};
		expect(planUpdateMapping(input())(flow).operations.map((op) => op.path)).toEqual([
			'/transformations/1',
		]);
	});
});

describe('planUpdateMapping: profileMapping', () => {
	it.each(['auto', 'profileMapping'] as const)(
		'replaces params.profileMapping of a file-based destination (%s)',
		(location) => {
			const flow = profileMappingFlow();
			const plan = planUpdateMapping(input({ location }))(flow);
			expect(plan).toEqual({
				operations: [
					{
						op: 'replace',
						path: '/transformations/0/params/profileMapping',
						value: TUTORIAL_MAPPING,
					},
				],
				skipped: [],
			});
			const params = generalParams(applyOperations(flow, plan.operations));
			expect(params.profileMapping).toEqual(TUTORIAL_MAPPING);
			expect(params.mandatoryFields).toEqual(['ECID']);
		},
	);

	it('plans nothing when the profileMapping is already in use', () => {
		expectAlreadyInUse(profileMappingFlow(), '5d21b87871df4f5ea93b436c5e8da224', 0);
	});

	it('adds a profileMapping when asked to and the GeneralTransform has none', () => {
		const flow = tutorialFlow();
		const plan = planUpdateMapping(input({ location: 'profileMapping' }))(flow);
		expect(plan.operations).toEqual([
			{ op: 'add', path: '/transformations/0/params/profileMapping', value: TUTORIAL_MAPPING },
		]);
		expect(generalParams(applyOperations(flow, plan.operations)).profileMapping).toEqual(
			TUTORIAL_MAPPING,
		);
	});

	it('refuses profileMapping on a flow without a GeneralTransform', () => {
		expectInputError(
			() => planUpdateMapping(input({ location: 'profileMapping' }))(databaseFlow()),
			'mappingLocation',
			'Dataflow 2edc08ac-4df5-4fe6-936f-81a19ce92f5c has no GeneralTransform transformation to hold a profileMapping',
		);
	});
});

describe('planUpdateMapping: auto-detection failure', () => {
	it('asks for an explicit location when the flow has neither a Mapping transformation nor a profileMapping', () => {
		expectInputError(
			() => planUpdateMapping(input())(tutorialFlow()),
			'mappingLocation',
			`Dataflow ${TUTORIAL_FLOW_ID} has neither a Mapping transformation nor a profileMapping`,
			/choose the mapping location explicitly/,
		);
	});

	it('reads a GeneralTransform without params as having no profileMapping', () => {
		expectInputError(
			() => planUpdateMapping(input())(inlineFlow(undefined)),
			'mappingLocation',
			/neither/,
		);
	});
});
