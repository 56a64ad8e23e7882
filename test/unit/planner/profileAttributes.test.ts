import { TUTORIAL_ATTRIBUTE_PATHS, TUTORIAL_FLOW_ID } from '../../../emulator/fixtures/ids';
import type { FlowDocument } from '@node/model/types';
import {
	planAddProfileAttributes,
	planRemoveProfileAttributes,
	type RemoveProfileAttributesInput,
} from '@node/planner/profileAttributes';
import {
	applyOperations,
	attributePaths,
	databaseFlow,
	expectInputError,
	INLINE_FLOW_ID,
	inlineFlow,
	profileBlock,
	profileMappingFlow,
	tutorialFlow,
} from '../fixtures';
import { type ProfileAttributeInput } from '@node/rules/profileAttributes';

const BLOCK = '/transformations/0/params/profileSelectors';
const [EMAIL, FIRST, LAST, PERSONAL, MEMBERSHIP] = TUTORIAL_ATTRIBUTE_PATHS;

const attr = (
	path: string,
	overrides: Partial<ProfileAttributeInput> = {},
): ProfileAttributeInput => ({
	path,
	mandatory: false,
	deduplicationKey: false,
	...overrides,
});
const jsonPath = (path: string, namespace?: string) => ({
	type: 'JSON_PATH',
	value: namespace
		? { path, operator: 'EXISTS', identity: { namespace } }
		: { path, operator: 'EXISTS' },
});
const removeInput = (
	paths: string[],
	ifMissing: RemoveProfileAttributesInput['ifMissing'] = 'skip',
) => ({ paths, ifMissing });

describe('planAddProfileAttributes', () => {
	it('appends a new attribute with "-", as the tutorial does', () => {
		const flow = tutorialFlow();
		const plan = planAddProfileAttributes([attr('mobilePhone.status')])(flow);
		expect(plan).toEqual({
			operations: [
				{
					op: 'add',
					path: `${BLOCK}/selectors/-`,
					value: { type: 'JSON_PATH', value: { path: 'mobilePhone.status', operator: 'EXISTS' } },
				},
			],
			skipped: [],
		});
		expect(attributePaths(applyOperations(flow, plan.operations))).toEqual([
			...TUTORIAL_ATTRIBUTE_PATHS,
			'mobilePhone.status',
		]);
	});

	it('skips an attribute already exported, with a reason and no operation', () => {
		expect(planAddProfileAttributes([attr(FIRST)])(tutorialFlow())).toEqual({
			operations: [],
			skipped: [{ target: `attribute ${FIRST}`, reason: 'already exported by the dataflow' }],
		});
	});

	it('adds an attribute listed twice once', () => {
		const plan = planAddProfileAttributes([attr('a.b'), attr('a.b')])(tutorialFlow());
		expect(plan.operations).toEqual([
			{ op: 'add', path: `${BLOCK}/selectors/-`, value: jsonPath('a.b') },
		]);
		expect(plan.skipped).toEqual([
			{ target: 'attribute a.b', reason: 'already exported by the dataflow' },
		]);
	});

	it('stores the identity namespace of an identity attribute', () => {
		const plan = planAddProfileAttributes([
			attr('identityMap.Phone', { identityNamespace: 'Phone' }),
		])(tutorialFlow());
		expect(plan.operations).toEqual([
			{ op: 'add', path: `${BLOCK}/selectors/-`, value: jsonPath('identityMap.Phone', 'Phone') },
		]);
	});

	it('stores a path containing "/" and "~" as typed', () => {
		const flow = tutorialFlow();
		const plan = planAddProfileAttributes([attr('_tenant.a/b~c', { mandatory: true })])(flow);
		expect(plan.operations).toEqual([
			{ op: 'add', path: `${BLOCK}/selectors/-`, value: jsonPath('_tenant.a/b~c') },
			{ op: 'add', path: `${BLOCK}/mandatoryFields/-`, value: '_tenant.a/b~c' },
		]);
		const after = applyOperations(flow, plan.operations);
		expect(attributePaths(after)).toContain('_tenant.a/b~c');
		expect(profileBlock(after)?.mandatoryFields).toEqual([EMAIL, FIRST, LAST, '_tenant.a/b~c']);
	});

	it('marks a new attribute mandatory, then selectors before mandatory fields', () => {
		const flow = tutorialFlow();
		const plan = planAddProfileAttributes([
			attr('mobilePhone.status', { mandatory: true }),
			attr('homeAddress.city'),
		])(flow);
		expect(plan.operations).toEqual([
			{ op: 'add', path: `${BLOCK}/selectors/-`, value: jsonPath('mobilePhone.status') },
			{ op: 'add', path: `${BLOCK}/selectors/-`, value: jsonPath('homeAddress.city') },
			{ op: 'add', path: `${BLOCK}/mandatoryFields/-`, value: 'mobilePhone.status' },
		]);
		expect(profileBlock(applyOperations(flow, plan.operations))?.mandatoryFields).toEqual([
			EMAIL,
			FIRST,
			LAST,
			'mobilePhone.status',
		]);
	});

	it('makes an exported attribute mandatory without adding its selector again', () => {
		const plan = planAddProfileAttributes([attr(PERSONAL, { mandatory: true })])(tutorialFlow());
		expect(plan).toEqual({
			operations: [{ op: 'add', path: `${BLOCK}/mandatoryFields/-`, value: PERSONAL }],
			skipped: [{ target: `attribute ${PERSONAL}`, reason: 'already exported by the dataflow' }],
		});
	});

	it('plans nothing for an attribute already exported and already mandatory', () => {
		expect(
			planAddProfileAttributes([attr(LAST, { mandatory: true })])(tutorialFlow()).operations,
		).toEqual([]);
	});

	it('keeps an identity deduplication key that is already set', () => {
		const plan = planAddProfileAttributes([
			attr(EMAIL, { identityNamespace: 'Email', deduplicationKey: true, mandatory: true }),
		])(tutorialFlow());
		expect(plan.operations).toEqual([]);
		expect(plan.skipped).toEqual([
			{ target: `attribute ${EMAIL}`, reason: 'already exported by the dataflow' },
		]);
	});

	it('refuses a second identity namespace as deduplication key', () => {
		expectInputError(
			() =>
				planAddProfileAttributes([
					attr('identityMap.Phone', { identityNamespace: 'Phone', deduplicationKey: true }),
				])(tutorialFlow()),
			'attributes',
			'Only one identity namespace can be the deduplication key, got 2',
		);
	});

	it('refuses mixing an identity namespace with an attribute key', () => {
		expectInputError(
			() =>
				planAddProfileAttributes([attr('mobilePhone.status', { deduplicationKey: true })])(
					tutorialFlow(),
				),
			'attributes',
			'Deduplication keys cannot mix an identity namespace with profile attributes',
		);
	});

	it('refuses the mix within one request too', () => {
		expectInputError(
			() =>
				planAddProfileAttributes([
					attr('a', { deduplicationKey: true }),
					attr('Email', { identityNamespace: 'Email', deduplicationKey: true }),
				])(inlineFlow({ profileSelectors: { selectors: [] } })),
			'attributes',
			/cannot mix/,
		);
	});

	it('refuses two namespaces within one request', () => {
		expectInputError(
			() =>
				planAddProfileAttributes([
					attr('Email', { identityNamespace: 'Email', deduplicationKey: true }),
					attr('Phone', { identityNamespace: 'Phone', deduplicationKey: true }),
				])(inlineFlow({})),
			'attributes',
			'Only one identity namespace can be the deduplication key, got 2',
		);
	});

	it('accepts two attribute keys and refuses a third', () => {
		const flow = inlineFlow({ profileSelectors: { selectors: [], primaryFields: [] } });
		const two = planAddProfileAttributes([
			attr('a', { deduplicationKey: true }),
			attr('b', { deduplicationKey: true }),
		])(flow);
		expect(two.operations.slice(2)).toEqual([
			{
				op: 'add',
				path: `${BLOCK}/primaryFields/-`,
				value: { fieldType: 'ATTRIBUTE', attributePath: 'a' },
			},
			{
				op: 'add',
				path: `${BLOCK}/primaryFields/-`,
				value: { fieldType: 'ATTRIBUTE', attributePath: 'b' },
			},
		]);
		expectInputError(
			() =>
				planAddProfileAttributes([
					attr('a', { deduplicationKey: true }),
					attr('b', { deduplicationKey: true }),
					attr('c', { deduplicationKey: true }),
				])(flow),
			'attributes',
			'At most 2 attributes can be deduplication keys, got 3',
		);
	});

	it('counts the keys already on the flow', () => {
		const flow = inlineFlow({
			profileSelectors: {
				selectors: [jsonPath('a'), jsonPath('b')],
				primaryFields: [
					{ fieldType: 'ATTRIBUTE', attributePath: 'a' },
					{ fieldType: 'ATTRIBUTE', attributePath: 'b' },
				],
			},
		});
		expect(
			planAddProfileAttributes([attr('a', { deduplicationKey: true })])(flow).operations,
		).toEqual([]);
		expectInputError(
			() => planAddProfileAttributes([attr('c', { deduplicationKey: true })])(flow),
			'attributes',
			/got 3/,
		);
	});

	it('creates the whole profileSelectors block in one add when the flow has none', () => {
		const flow = inlineFlow({ segmentSelectors: { selectors: [] } });
		const plan = planAddProfileAttributes([
			attr('Email', { identityNamespace: 'Email', mandatory: true, deduplicationKey: true }),
			attr('person.name.firstName'),
		])(flow);
		const block = {
			selectors: [jsonPath('Email', 'Email'), jsonPath('person.name.firstName')],
			mandatoryFields: ['Email'],
			primaryFields: [{ identityNamespace: 'Email', fieldType: 'IDENTITY' }],
		};
		expect(plan).toEqual({ operations: [{ op: 'add', path: BLOCK, value: block }], skipped: [] });
		expect(profileBlock(applyOperations(flow, plan.operations))).toEqual(block);
	});

	it('creates a block with only selectors when nothing is mandatory or a key', () => {
		const plan = planAddProfileAttributes([attr('a')])(inlineFlow({}));
		expect(plan.operations).toEqual([
			{ op: 'add', path: BLOCK, value: { selectors: [jsonPath('a')] } },
		]);
	});

	it('plans nothing for an empty list on a flow without a block', () => {
		expect(planAddProfileAttributes([])(inlineFlow({}))).toEqual({ operations: [], skipped: [] });
	});

	it('creates mandatoryFields and primaryFields arrays when the block lacks them', () => {
		const flow = inlineFlow({ profileSelectors: { selectors: [jsonPath('x.y')] } });
		const plan = planAddProfileAttributes([
			attr('a', { mandatory: true, deduplicationKey: true }),
			attr('b', { mandatory: true }),
		])(flow);
		expect(plan.operations).toEqual([
			{ op: 'add', path: `${BLOCK}/selectors/-`, value: jsonPath('a') },
			{ op: 'add', path: `${BLOCK}/selectors/-`, value: jsonPath('b') },
			{ op: 'add', path: `${BLOCK}/mandatoryFields`, value: ['a', 'b'] },
			{
				op: 'add',
				path: `${BLOCK}/primaryFields`,
				value: [{ fieldType: 'ATTRIBUTE', attributePath: 'a' }],
			},
		]);
		expect(profileBlock(applyOperations(flow, plan.operations))).toEqual({
			selectors: [jsonPath('x.y'), jsonPath('a'), jsonPath('b')],
			mandatoryFields: ['a', 'b'],
			primaryFields: [{ fieldType: 'ATTRIBUTE', attributePath: 'a' }],
		});
	});

	it('creates the selectors array when the block is empty', () => {
		const flow = inlineFlow({ profileSelectors: {} });
		const plan = planAddProfileAttributes([attr('a')])(flow);
		expect(plan.operations).toEqual([
			{ op: 'add', path: `${BLOCK}/selectors`, value: [jsonPath('a')] },
		]);
		expect(attributePaths(applyOperations(flow, plan.operations))).toEqual(['a']);
	});

	/** Adding attribute "a" to `flow` appends exactly one selector for it. */
	function expectAddsOnlyA(flow: FlowDocument) {
		expect(planAddProfileAttributes([attr('a')])(flow).operations).toEqual([
			{ op: 'add', path: `${BLOCK}/selectors/-`, value: jsonPath('a') },
		]);
	}

	it('tolerates malformed selectors without a value', () => {
		const flow = inlineFlow({ profileSelectors: { selectors: [{ type: 'JSON_PATH' }] } });
		expectAddsOnlyA(flow);
	});

	it('refuses a profileMapping flow, pointing to Update Mapping', () => {
		expectInputError(
			() => planAddProfileAttributes([attr('a')])(profileMappingFlow()),
			'attributes',
			'Dataflow a520ec49-df20-4105-8af5-62a071a84c23 maps profile attributes with a Data Prep mapping set (profileMapping)',
			/Update Mapping/,
		);
	});

	it('edits selectors on a flow that has both profileSelectors and profileMapping', () => {
		const flow = inlineFlow({
			profileMapping: { mappingId: 'm', mappingVersion: 0 },
			profileSelectors: { selectors: [] },
		});
		expectAddsOnlyA(flow);
	});

	it('refuses a flow without a GeneralTransform', () => {
		expectInputError(
			() => planAddProfileAttributes([attr('a')])(databaseFlow()),
			'attributes',
			/has no GeneralTransform/,
		);
	});
});

describe('planRemoveProfileAttributes', () => {
	it('removes an attribute at its index, never "-", with its mandatory field', () => {
		const flow = tutorialFlow();
		const plan = planRemoveProfileAttributes(removeInput([LAST]))(flow);
		expect(plan).toEqual({
			operations: [
				{ op: 'remove', path: `${BLOCK}/selectors/2`, value: jsonPath(LAST) },
				{ op: 'remove', path: `${BLOCK}/mandatoryFields/2`, value: LAST },
			],
			skipped: [],
		});
		const after = profileBlock(applyOperations(flow, plan.operations))!;
		expect(after.selectors!.map((s) => s.value.path)).toEqual([EMAIL, FIRST, PERSONAL, MEMBERSHIP]);
		expect(after.mandatoryFields).toEqual([EMAIL, FIRST]);
		expect(after.primaryFields).toEqual([{ identityNamespace: 'Email', fieldType: 'IDENTITY' }]);
	});

	it('removes several attributes highest index first in each array', () => {
		const flow = tutorialFlow();
		const plan = planRemoveProfileAttributes(removeInput([FIRST, MEMBERSHIP, LAST]))(flow);
		expect(plan.operations.map((op) => op.path)).toEqual([
			`${BLOCK}/selectors/4`,
			`${BLOCK}/selectors/2`,
			`${BLOCK}/selectors/1`,
			`${BLOCK}/mandatoryFields/2`,
			`${BLOCK}/mandatoryFields/1`,
		]);
		const after = profileBlock(applyOperations(flow, plan.operations))!;
		expect(after.selectors!.map((s) => s.value.path)).toEqual([EMAIL, PERSONAL]);
		expect(after.mandatoryFields).toEqual([EMAIL]);
	});

	it('removes the identity deduplication key with the last selector carrying its namespace', () => {
		const flow = tutorialFlow();
		const plan = planRemoveProfileAttributes(removeInput([EMAIL]))(flow);
		expect(plan.operations).toEqual([
			{ op: 'remove', path: `${BLOCK}/selectors/0`, value: jsonPath(EMAIL) },
			{ op: 'remove', path: `${BLOCK}/mandatoryFields/0`, value: EMAIL },
			{
				op: 'remove',
				path: `${BLOCK}/primaryFields/0`,
				value: { identityNamespace: 'Email', fieldType: 'IDENTITY' },
			},
		]);
		const after = profileBlock(applyOperations(flow, plan.operations))!;
		expect(after.selectors!.map((s) => s.value.path)).toEqual([FIRST, LAST, PERSONAL, MEMBERSHIP]);
		expect(after.mandatoryFields).toEqual([FIRST, LAST]);
		expect(after.primaryFields).toEqual([]);
	});

	it('keeps the identity key while another selector still carries the namespace', () => {
		const flow = inlineFlow({
			profileSelectors: {
				selectors: [jsonPath('Email', 'Email'), jsonPath('workEmail.address', 'Email')],
				primaryFields: [{ identityNamespace: 'Email', fieldType: 'IDENTITY' }],
			},
		});
		const plan = planRemoveProfileAttributes(removeInput(['Email']))(flow);
		expect(plan.operations).toEqual([
			{ op: 'remove', path: `${BLOCK}/selectors/0`, value: jsonPath('Email') },
		]);
	});

	it('keeps an identity key whose namespace no removed selector carries', () => {
		const flow = inlineFlow({
			profileSelectors: {
				selectors: [jsonPath('a'), jsonPath('Email', 'Email')],
				primaryFields: [{ identityNamespace: 'ECID', fieldType: 'IDENTITY' }],
			},
		});
		expect(
			planRemoveProfileAttributes(removeInput(['a', 'Email']))(flow).operations.map(
				(op) => op.path,
			),
		).toEqual([`${BLOCK}/selectors/1`, `${BLOCK}/selectors/0`]);
	});

	it('removes attribute deduplication keys by path', () => {
		const flow = inlineFlow({
			profileSelectors: {
				selectors: [jsonPath('a'), jsonPath('b'), jsonPath('c')],
				mandatoryFields: ['c', 'a'],
				primaryFields: [
					{ fieldType: 'ATTRIBUTE', attributePath: 'a' },
					{ fieldType: 'ATTRIBUTE', attributePath: 'c' },
				],
			},
		});
		const plan = planRemoveProfileAttributes(removeInput(['c', 'a']))(flow);
		expect(plan.operations).toEqual([
			{ op: 'remove', path: `${BLOCK}/selectors/2`, value: jsonPath('c') },
			{ op: 'remove', path: `${BLOCK}/selectors/0`, value: jsonPath('a') },
			{ op: 'remove', path: `${BLOCK}/mandatoryFields/1`, value: 'a' },
			{ op: 'remove', path: `${BLOCK}/mandatoryFields/0`, value: 'c' },
			{
				op: 'remove',
				path: `${BLOCK}/primaryFields/1`,
				value: { fieldType: 'ATTRIBUTE', attributePath: 'c' },
			},
			{
				op: 'remove',
				path: `${BLOCK}/primaryFields/0`,
				value: { fieldType: 'ATTRIBUTE', attributePath: 'a' },
			},
		]);
		expect(profileBlock(applyOperations(flow, plan.operations))).toEqual({
			selectors: [jsonPath('b')],
			mandatoryFields: [],
			primaryFields: [],
		});
	});

	it('describes a removed selector by type, path and operator (EXISTS when absent)', () => {
		const flow = inlineFlow({
			profileSelectors: {
				selectors: [{ type: 'JSON_PATH', value: { path: 'a', mapping: { source: 'a' } } }],
			},
		});
		expect(planRemoveProfileAttributes(removeInput(['a']))(flow).operations).toEqual([
			{
				op: 'remove',
				path: `${BLOCK}/selectors/0`,
				value: { type: 'JSON_PATH', value: { path: 'a', operator: 'EXISTS' } },
			},
		]);
	});

	it('removes an attribute named twice once', () => {
		const plan = planRemoveProfileAttributes(removeInput([PERSONAL, PERSONAL]))(tutorialFlow());
		expect(plan.operations).toEqual([
			{ op: 'remove', path: `${BLOCK}/selectors/3`, value: jsonPath(PERSONAL) },
		]);
	});

	it('skips a missing attribute with a reason, and still removes the others', () => {
		const plan = planRemoveProfileAttributes(removeInput(['mobilePhone.status', MEMBERSHIP]))(
			tutorialFlow(),
		);
		expect(plan).toEqual({
			operations: [{ op: 'remove', path: `${BLOCK}/selectors/4`, value: jsonPath(MEMBERSHIP) }],
			skipped: [{ target: 'attribute mobilePhone.status', reason: 'not exported by the dataflow' }],
		});
	});

	it('fails on a missing attribute under the error policy', () => {
		expectInputError(
			() =>
				planRemoveProfileAttributes(removeInput([FIRST, 'mobilePhone.status'], 'error'))(
					tutorialFlow(),
				),
			'attributes',
			`Profile attribute mobilePhone.status is not exported by dataflow ${TUTORIAL_FLOW_ID}`,
		);
	});

	it('treats a flow without profileSelectors as exporting nothing', () => {
		expect(planRemoveProfileAttributes(removeInput(['a']))(inlineFlow({}))).toEqual({
			operations: [],
			skipped: [{ target: 'attribute a', reason: 'not exported by the dataflow' }],
		});
	});

	it('ignores malformed selectors without a value', () => {
		const flow = inlineFlow({
			profileSelectors: { selectors: [{ type: 'JSON_PATH' }, jsonPath('a')] },
		});
		expect(
			planRemoveProfileAttributes(removeInput(['a']))(flow).operations.map((op) => op.path),
		).toEqual([`${BLOCK}/selectors/1`]);
	});

	it('removes every attribute and every entry that refers to them', () => {
		const flow = tutorialFlow();
		const plan = planRemoveProfileAttributes(removeInput([...TUTORIAL_ATTRIBUTE_PATHS]))(flow);
		expect(plan.operations).toHaveLength(5 + 3 + 1);
		expect(profileBlock(applyOperations(flow, plan.operations))).toEqual({
			selectors: [],
			mandatoryFields: [],
			primaryFields: [],
		});
	});

	it('refuses a profileMapping flow', () => {
		expectInputError(
			() => planRemoveProfileAttributes(removeInput(['ECID']))(profileMappingFlow()),
			'attributes',
			/profileMapping/,
		);
	});

	it('refuses a flow without a GeneralTransform', () => {
		const flow: FlowDocument = { id: INLINE_FLOW_ID, etag: '"e"', transformations: [] };
		expectInputError(
			() => planRemoveProfileAttributes(removeInput(['a']))(flow),
			'attributes',
			/has no GeneralTransform/,
		);
	});
});
