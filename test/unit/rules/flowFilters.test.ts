import { expectInputError } from '../fixtures';
import { buildFlowFilters, DESTINATION_FLOWS_FILTER, nameMatcher } from '@node/rules/flowFilters';

const AUDIENCE = '9f7d37fd-7039-4454-94ef-2b0cd6c3206a';

describe('buildFlowFilters', () => {
	it('always restricts the list to destination dataflows', () => {
		expect(DESTINATION_FLOWS_FILTER).toBe('inheritedAttributes.properties.isDestinationFlow==true');
		expect(buildFlowFilters({})).toEqual([DESTINATION_FLOWS_FILTER]);
	});

	it('ignores empty filters', () => {
		expect(buildFlowFilters({ nameContains: '', state: '', audienceId: '', property: '' })).toEqual(
			[DESTINATION_FLOWS_FILTER],
		);
	});

	it('leaves the name to nameMatcher: the Flow Service has no contains operator', () => {
		expect(buildFlowFilters({ nameContains: 'winter, campaign' })).toEqual([
			DESTINATION_FLOWS_FILTER,
		]);
	});

	it.each(['enabled', 'disabled'])('filters by state %s', (state) => {
		expect(buildFlowFilters({ state })).toEqual([DESTINATION_FLOWS_FILTER, `state==${state}`]);
	});

	it.each(['Enabled', 'paused', 1])('refuses the state %p', (state) => {
		expectInputError(
			() => buildFlowFilters({ state }),
			'filters.state',
			`State must be enabled or disabled, got ${JSON.stringify(state)}`,
		);
	});

	it('filters by audience, lower-casing the ID', () => {
		expect(buildFlowFilters({ audienceId: AUDIENCE.toUpperCase() })).toEqual([
			DESTINATION_FLOWS_FILTER,
			`transformations[].params.segmentSelectors.selectors[].value.id==${AUDIENCE}`,
		]);
	});

	it('takes the Audience picker’s value, a saved workflow’s plain ID alike; an empty picker filters nothing', () => {
		const id = '2d79d0d8-724f-49fc-a09d-d1dec338c93c';
		const byAudience = `transformations[].params.segmentSelectors.selectors[].value.id==${id}`;
		const picked = { __rl: true, mode: 'list', value: id, cachedResultName: 'Mountain Biking' };
		expect(buildFlowFilters({ audienceId: picked })).toEqual([
			DESTINATION_FLOWS_FILTER,
			byAudience,
		]);
		expect(buildFlowFilters({ audienceId: id })).toEqual([DESTINATION_FLOWS_FILTER, byAudience]);
		expect(buildFlowFilters({ audienceId: { __rl: true, mode: 'list', value: '' } })).toEqual([
			DESTINATION_FLOWS_FILTER,
		]);
	});

	it('refuses an audience ID that is not a UUID', () => {
		expectInputError(
			() => buildFlowFilters({ audienceId: 'abc' }),
			'filters.audienceId',
			'Audience "abc" is not a valid ID',
		);
	});

	it('adds one raw property filter per line, keeping commas inside a line as OR', () => {
		expect(
			buildFlowFilters({ property: ' state==enabled,disabled \n\n  flowSpec.id!=x  \n' }),
		).toEqual([DESTINATION_FLOWS_FILTER, 'state==enabled,disabled', 'flowSpec.id!=x']);
	});

	it.each([
		'createdAt>1',
		'createdAt<1',
		'createdAt>=1',
		'createdAt<=1',
		'name~abc',
		'transformations[].name==Mapping',
		'a_b.c==1',
		'name!=x',
	])('accepts the property %p', (property) => {
		expect(buildFlowFilters({ property })).toEqual([DESTINATION_FLOWS_FILTER, property]);
	});

	it('accepts property filters as a list', () => {
		expect(buildFlowFilters({ property: ['state==enabled', ' name~a,b '] })).toEqual([
			DESTINATION_FLOWS_FILTER,
			'state==enabled',
			'name~a,b',
		]);
	});

	it.each(['state', 'state=enabled', '==enabled', 'my state==enabled', 'state=>1', 'a/b==1'])(
		'refuses the malformed property %p',
		(property) => {
			expectInputError(
				() => buildFlowFilters({ property }),
				'filters.property',
				`Property filter "${property}" is not of the form path==value`,
			);
		},
	);

	it('refuses an empty entry in a list of property filters', () => {
		expectInputError(
			() => buildFlowFilters({ property: ['state==enabled', ''] }),
			'filters.property',
			'Property filter 2 is required',
		);
	});

	it('refuses property filters that are not text', () => {
		expectInputError(
			() => buildFlowFilters({ property: { a: 1 } }),
			'filters.property',
			'Property filters must be text, got an object',
		);
	});

	it('combines every filter in a fixed order', () => {
		expect(
			buildFlowFilters({ property: 'createdAt>1', audienceId: AUDIENCE, state: 'enabled' }),
		).toEqual([
			DESTINATION_FLOWS_FILTER,
			'state==enabled',
			`transformations[].params.segmentSelectors.selectors[].value.id==${AUDIENCE}`,
			'createdAt>1',
		]);
	});
});

describe('nameMatcher', () => {
	it('matches names containing the text, ignoring case, commas included', () => {
		const matches = nameMatcher('Winter, 2021');
		expect(matches({ name: 'the winter, 2021 campaign' })).toBe(true);
		expect(matches({ name: 'Summer 2021' })).toBe(false);
		expect(matches({})).toBe(false);
	});

	it('matches everything when empty', () => {
		expect(nameMatcher('')({})).toBe(true);
		expect(nameMatcher(undefined)({ name: 'x' })).toBe(true);
	});

	it('refuses a name filter that is not text', () => {
		expectInputError(
			() => nameMatcher({}),
			'filters.nameContains',
			'Name Contains must be text, got an object',
		);
	});
});
