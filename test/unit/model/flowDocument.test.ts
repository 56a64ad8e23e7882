import {
	findGeneralTransform,
	indexOfTransformation,
	profileSelectors,
	requireGeneralTransform,
	segmentSelectors,
} from '@node/model/flowDocument';
import type { FlowDocument } from '@node/model/types';
import {
	databaseFlow,
	expectInputError,
	INLINE_FLOW_ID,
	inlineFlow,
	tutorialFlow,
} from '../fixtures';

describe('findGeneralTransform', () => {
	it('finds the tutorial flow transform at index 0 with pointer paths under its params', () => {
		const transform = findGeneralTransform(tutorialFlow())!;
		expect(transform.index).toBe(0);
		expect(Object.keys(transform.params).sort()).toEqual(['profileSelectors', 'segmentSelectors']);
		expect(transform.path('segmentSelectors', 'selectors', 3)).toBe(
			'/transformations/0/params/segmentSelectors/selectors/3',
		);
		expect(transform.path()).toBe('/transformations/0/params');
	});

	it('finds a GeneralTransform that is not first and escapes path tokens', () => {
		const flow: FlowDocument = {
			id: INLINE_FLOW_ID,
			etag: '"e"',
			transformations: [{ name: 'Copy' }, { name: 'GeneralTransform', params: { a: 1 } }],
		};
		const transform = findGeneralTransform(flow)!;
		expect(transform.index).toBe(1);
		expect(transform.params).toEqual({ a: 1 });
		expect(transform.path('a/b', 'c~d')).toBe('/transformations/1/params/a~1b/c~0d');
	});

	it('skips null entries in transformations', () => {
		const flow = {
			id: INLINE_FLOW_ID,
			etag: '"e"',
			transformations: [null, { name: 'GeneralTransform', params: {} }],
		} as unknown as FlowDocument;
		expect(findGeneralTransform(flow)?.index).toBe(1);
	});

	it('reads missing params as empty', () => {
		expect(findGeneralTransform(inlineFlow(undefined))?.params).toEqual({});
	});

	it('returns undefined without a GeneralTransform or without transformations', () => {
		expect(findGeneralTransform(databaseFlow())).toBeUndefined();
		expect(findGeneralTransform({ id: INLINE_FLOW_ID, etag: '"e"' })).toBeUndefined();
	});
});

describe('requireGeneralTransform', () => {
	it('returns the transform of a destination flow', () => {
		expect(requireGeneralTransform(tutorialFlow(), 'audiences').index).toBe(0);
	});

	it('refuses a flow without a GeneralTransform, naming the flow and the field', () => {
		expectInputError(
			() => requireGeneralTransform(databaseFlow(), 'audiences'),
			'audiences',
			'Dataflow 2edc08ac-4df5-4fe6-936f-81a19ce92f5c has no GeneralTransform transformation',
			/not a destination dataflow/,
		);
	});

	it('refuses a GeneralTransform without params', () => {
		expectInputError(
			() => requireGeneralTransform(inlineFlow(undefined), 'attributes'),
			'attributes',
			`Dataflow ${INLINE_FLOW_ID} has a GeneralTransform without params`,
		);
	});
});

describe('segmentSelectors and profileSelectors', () => {
	it('read the tutorial lists', () => {
		const transform = findGeneralTransform(tutorialFlow())!;
		expect(segmentSelectors(transform)).toHaveLength(4);
		expect(profileSelectors(transform)?.selectors).toHaveLength(5);
		expect(profileSelectors(transform)?.mandatoryFields).toEqual([
			'Email',
			'person.name.firstName',
			'person.name.lastName',
		]);
	});

	it('are undefined when the containers are absent', () => {
		const transform = findGeneralTransform(inlineFlow({}))!;
		expect(segmentSelectors(transform)).toBeUndefined();
		expect(profileSelectors(transform)).toBeUndefined();
	});

	it('reads an empty segment container as having no list', () => {
		expect(
			segmentSelectors(findGeneralTransform(inlineFlow({ segmentSelectors: {} }))!),
		).toBeUndefined();
	});
});

describe('indexOfTransformation', () => {
	it('finds a transformation by name', () => {
		expect(indexOfTransformation(databaseFlow(), 'Mapping')).toBe(0);
		expect(indexOfTransformation(tutorialFlow(), 'GeneralTransform')).toBe(0);
	});

	it('answers -1 when absent or when there are no transformations', () => {
		expect(indexOfTransformation(tutorialFlow(), 'Mapping')).toBe(-1);
		expect(indexOfTransformation({ id: INLINE_FLOW_ID, etag: '"e"' }, 'Mapping')).toBe(-1);
	});
});
