import { parseUpdateFields } from '@node/rules/updateInfo';
import { expectInputError } from '../fixtures';

describe('parseUpdateFields', () => {
	it('reads a trimmed name', () => {
		expect(parseUpdateFields({ name: '  Database Dataflow Feb2021 ' })).toEqual({
			name: 'Database Dataflow Feb2021',
		});
	});

	it('keeps a description as given, empty included', () => {
		expect(parseUpdateFields({ description: ' spaced ' })).toEqual({ description: ' spaced ' });
		expect(parseUpdateFields({ description: '' })).toEqual({ description: '' });
	});

	it('maps schedule fields onto scheduleParams keys, in a fixed order', () => {
		const input = parseUpdateFields({
			scheduleEndTime: 1700003600,
			scheduleStartTime: 1700000000,
			scheduleTimeUnit: 'hour',
			scheduleInterval: 15,
			scheduleFrequency: 'minute',
		});
		expect(input).toEqual({
			schedule: {
				frequency: 'minute',
				interval: 15,
				timeUnit: 'hour',
				startTime: 1700000000,
				endTime: 1700003600,
			},
		});
		expect(Object.keys(input.schedule!)).toEqual([
			'frequency',
			'interval',
			'timeUnit',
			'startTime',
			'endTime',
		]);
	});

	it('reads all fields together', () => {
		expect(parseUpdateFields({ name: 'N', description: 'D', scheduleFrequency: 'day' })).toEqual({
			name: 'N',
			description: 'D',
			schedule: { frequency: 'day' },
		});
	});

	it.each([
		[0, 0],
		[15, 15],
		['15', 15],
	])('reads the interval %p as %p', (value, expected) => {
		expect(parseUpdateFields({ scheduleInterval: value }).schedule).toEqual({ interval: expected });
	});

	it.each([
		[-1, '-1'],
		[1.5, '1.5'],
		['abc', '"abc"'],
		['  ', '"  "'],
		[true, 'true'],
	])('refuses the interval %p', (value, shown) => {
		expectInputError(
			() => parseUpdateFields({ scheduleInterval: value }),
			'updateFields.scheduleInterval',
			`Schedule interval must be a whole number of at least 0, got ${shown}`,
		);
	});

	it.each([
		[1613629200, 1613629200],
		['1613629200', 1613629200],
		[0, 0],
		['2021-02-18T06:20:00Z', 1613629200],
		['2021-02-18T07:20:00+01:00', 1613629200],
		['2021-02-18T06:20:00.999Z', 1613629200],
	])('reads the start time %p as epoch seconds %p', (value, expected) => {
		expect(parseUpdateFields({ scheduleStartTime: value }).schedule).toEqual({
			startTime: expected,
		});
	});

	it('reads the end time the same way', () => {
		expect(parseUpdateFields({ scheduleEndTime: '2021-02-19T00:00:00Z' }).schedule).toEqual({
			endTime: 1613692800,
		});
	});

	it.each([
		['tomorrow', '"tomorrow"'],
		[-5, '-5'],
		[1.5, '1.5'],
		[{}, '{}'],
	])('refuses the date-time %p', (value, shown) => {
		expectInputError(
			() => parseUpdateFields({ scheduleEndTime: value }),
			'updateFields.scheduleEndTime',
			`${shown} is not a date-time or epoch seconds`,
		);
	});

	it('ignores empty schedule fields', () => {
		expect(
			parseUpdateFields({ name: 'N', scheduleStartTime: '', scheduleEndTime: undefined }),
		).toEqual({ name: 'N' });
	});

	it.each<[string, Record<string, unknown>, string, string]>([
		['an empty name', { name: ' ' }, 'updateFields.name', 'Name is required'],
		[
			'a name that is not text',
			{ name: { a: 1 } },
			'updateFields.name',
			'Name must be text, got an object',
		],
		[
			'a description that is not text',
			{ description: 5 },
			'updateFields.description',
			'Description must be text',
		],
		[
			'a frequency that is not text, naming the parameter',
			{ scheduleFrequency: [] },
			'updateFields.scheduleFrequency',
			'scheduleFrequency must be text, got a list',
		],
		['an empty collection {}', {}, 'updateFields', 'Add at least one field to update'],
		[
			'an empty collection of empty fields',
			{ scheduleStartTime: '', scheduleInterval: '' },
			'updateFields',
			'Add at least one field to update',
		],
	])('refuses %s', (_name, fields, field, message) => {
		expectInputError(() => parseUpdateFields(fields), field, message);
	});
});
