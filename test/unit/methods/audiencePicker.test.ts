import { buildAudienceSelector } from '@node/rules/audiences';
import { pickedAudienceIds } from '@node/rules/pickedAudiences';
import { locatorValue, requireUuid } from '@node/rules/scalars';
import { audienceResults } from '@node/methods/audienceSearch';
import { expectInputError } from '../fixtures';

const ID = '2d79d0d8-724f-49fc-a09d-d1dec338c93c';
const OTHER = '9f7d37fd-7039-4454-94ef-2b0cd6c3206a';
const rl = (value: unknown, mode = 'list') => ({ __rl: true, mode, value });

describe('locatorValue', () => {
	it('unwraps a resource locator value and passes anything else through', () => {
		expect(locatorValue(rl(ID))).toBe(ID);
		expect(locatorValue(rl(ID, 'id'))).toBe(ID);
		expect(locatorValue(ID)).toBe(ID);
		expect(locatorValue(undefined)).toBeUndefined();
		expect(locatorValue([ID])).toEqual([ID]);
		expect(locatorValue({ value: ID })).toEqual({ value: ID });
		expect(locatorValue({ __rl: true, mode: 'list' })).toBeUndefined();
	});
});

describe('requireUuid with locator values', () => {
	it('accepts a picked audience, a typed ID and a plain string alike, lower-cased', () => {
		expect(requireUuid(rl(ID.toUpperCase()), 'f', 'Audience ID')).toBe(ID);
		expect(requireUuid(rl(` ${ID} `, 'id'), 'f', 'Audience ID')).toBe(ID);
		expect(requireUuid(ID, 'f', 'Audience ID')).toBe(ID);
	});

	it('refuses an empty pick and a locator holding something else, naming the field', () => {
		expectInputError(
			() => requireUuid(rl(''), 'audiences.audience[0].id', 'Audience ID'),
			'audiences.audience[0].id',
			/^Audience ID is required$/,
		);
		expectInputError(
			() => requireUuid(rl('abc', 'id'), 'f', 'Audience ID'),
			'f',
			/"abc" is not a valid ID/,
		);
		expectInputError(
			() => requireUuid(rl({ id: ID }), 'f', 'Audience ID'),
			'f',
			/must be text, got an object/,
		);
	});

	it('lets buildAudienceSelector take the audience entry as the editor stores it', () => {
		expect(buildAudienceSelector({ id: rl(ID), name: 'Winter' }, 'audiences.audience[0]')).toEqual({
			type: 'PLATFORM_SEGMENT',
			value: { id: ID, name: 'Winter' },
		});
		expectInputError(
			() => buildAudienceSelector({ id: rl('') }, 'audiences.audience[3]'),
			'audiences.audience[3].id',
			/required/,
		);
	});
});

describe('pickedAudienceIds', () => {
	it('reads every picked entry in order, locators and plain strings', () => {
		expect(
			pickedAudienceIds(
				{ audience: [{ id: rl(ID) }, { id: rl(OTHER.toUpperCase(), 'id') }, { id: ID }] },
				'pickedAudiences',
			),
		).toEqual([ID, OTHER, ID]);
	});

	it('is empty when nothing was picked', () => {
		for (const raw of [undefined, null, '', {}, { audience: [] }])
			expect(pickedAudienceIds(raw, 'pickedAudiences')).toEqual([]);
	});

	it('names the entry that is empty or not an ID', () => {
		expectInputError(
			() => pickedAudienceIds({ audience: [{ id: rl(ID) }, { id: rl('') }] }, 'pickedAudiences'),
			'pickedAudiences.audience[1].id',
			/Picked audience is required/,
		);
		expectInputError(
			() => pickedAudienceIds({ audience: [{ id: rl('nope', 'id') }] }, 'pickedAudiences'),
			'pickedAudiences.audience[0].id',
			/"nope" is not a valid ID/,
		);
	});

	it('refuses shapes that are not picked audiences', () => {
		expectInputError(
			() => pickedAudienceIds('x', 'pickedAudiences'),
			'pickedAudiences',
			/got string "x"/,
		);
		expectInputError(
			() => pickedAudienceIds([ID], 'pickedAudiences'),
			'pickedAudiences',
			/got a list/,
		);
		expectInputError(
			() => pickedAudienceIds({ audience: ID }, 'pickedAudiences'),
			'pickedAudiences.audience',
			/Expected a list/,
		);
	});
});

describe('audienceResults', () => {
	it('offers each audience by name and ID (the value), with its description, and hands _page.next back as the token', () => {
		const page = {
			children: [
				{ id: ID, name: 'Winter 2021/2022 campaign', description: 'Winter' },
				{ id: OTHER, name: 'Interested in Mountain Biking', description: '' },
				{ id: 'e80a8740-c91d-4354-9351-a761d60130e8' },
			],
			_page: { totalCount: 120, pageSize: 3, next: '3' },
		};
		expect(audienceResults(page)).toEqual({
			results: [
				{ name: `Winter 2021/2022 campaign (${ID})`, value: ID, description: `Winter · ${ID}` },
				{ name: `Interested in Mountain Biking (${OTHER})`, value: OTHER, description: OTHER },
				{
					name: 'e80a8740-c91d-4354-9351-a761d60130e8',
					value: 'e80a8740-c91d-4354-9351-a761d60130e8',
					description: 'e80a8740-c91d-4354-9351-a761d60130e8',
				},
			],
			paginationToken: '3',
		});
	});

	it('tells two audiences of one name apart: n8n shows only the name of an entry', () => {
		const page = {
			children: [
				{ id: ID, name: 'Interested in Mountain Biking' },
				{ id: OTHER, name: 'Interested in Mountain Biking' },
			],
		};
		expect(audienceResults(page).results.map((r) => [r.name, r.value])).toEqual([
			[`Interested in Mountain Biking (${ID})`, ID],
			[`Interested in Mountain Biking (${OTHER})`, OTHER],
		]);
	});

	it('leaves out IDs a dataflow cannot export (not UUIDs)', () => {
		const page = {
			children: [
				{
					id: 'QU9fLTEzOTgzNTE0MzY0NzY0NDg5NzkyOTkx_6ed34f6f-fe21-4a30-934f-6ffe21fa3075',
					name: 'AAM trait',
				},
				{ id: ID, name: 'x' },
			],
		};
		expect(audienceResults(page).results.map((r) => r.value)).toEqual([ID]);
	});

	it('has no token on the last page, and copes with an empty answer', () => {
		expect(audienceResults({ children: [], _page: { totalCount: 0, pageSize: 0 } })).toEqual({
			results: [],
			paginationToken: undefined,
		});
		expect(audienceResults({})).toEqual({ results: [], paginationToken: undefined });
		expect(audienceResults({ _page: { next: 40 } }).paginationToken).toBe('40');
		expect(audienceResults({ _page: { next: '' } }).paginationToken).toBeUndefined();
	});
});
