import { InputError } from '@node/model/inputError';
import { parseDatasetChoice } from '@node/rules/datasetIds';

const A = '65f1a0c2e4b0a1d2c3e4f501';
const B = '65f1a0c2e4b0a1d2c3e4f502';
const NOT_AN_ID =
	'is not a dataset ID: Catalog dataset IDs are 24 hexadecimal characters, like 65f1a0c2e4b0a1d2c3e4f501';

describe('parseDatasetChoice', () => {
	it('takes the picked datasets, then the typed IDs (a list, or comma and newline separated text, trimmed)', () => {
		expect(parseDatasetChoice([], [A, B])).toEqual([A, B]);
		expect(parseDatasetChoice([], ` ${A},\n${B}\n`)).toEqual([A, B]);
		expect(parseDatasetChoice([B], A)).toEqual([B, A]);
		expect(parseDatasetChoice([A, B], '')).toEqual([A, B]);
	});

	it.each([
		[
			[],
			'',
			'datasetIds',
			'Dataset IDs is empty: give at least one dataset ID, or pick datasets in Dataset Names or IDs',
		],
		[
			undefined,
			[],
			'datasetIds',
			'Dataset IDs is empty: give at least one dataset ID, or pick datasets in Dataset Names or IDs',
		],
		[[], `${A}, not-an-id`, 'datasetIds', `Dataset IDs entry 2 ("not-an-id") ${NOT_AN_ID}`],
		[
			[],
			{ id: A },
			'datasetIds',
			'Dataset IDs must be a list or comma-separated text, got an object',
		],
		[[], [7], 'datasetIds', `Dataset IDs entry 1 ("7") ${NOT_AN_ID}`],
		[['nope'], A, 'datasets', `Dataset Names or IDs entry 1 ("nope") ${NOT_AN_ID}`],
		[
			true,
			A,
			'datasets',
			'Dataset Names or IDs must be a list or comma-separated text, got boolean true',
		],
	])('refuses picked %j and typed %j, naming %s', (picked, typed, field, message) => {
		expect(() => parseDatasetChoice(picked, typed)).toThrow(new InputError(field, message));
		try {
			parseDatasetChoice(picked, typed);
		} catch (error) {
			expect((error as InputError).field).toBe(field);
		}
	});
});
