import { InputError } from '@node/model/inputError';
import { parseDatasetIds } from '@node/rules/datasetIds';

const A = '65f1a0c2e4b0a1d2c3e4f501';
const B = '65f1a0c2e4b0a1d2c3e4f502';

describe('parseDatasetIds', () => {
	it('takes a list, or comma and newline separated text, trimmed', () => {
		expect(parseDatasetIds([A, B])).toEqual([A, B]);
		expect(parseDatasetIds(` ${A},\n${B}\n`)).toEqual([A, B]);
	});

	it.each([
		['', 'Dataset IDs is empty: give at least one dataset ID'],
		[[], 'Dataset IDs is empty: give at least one dataset ID'],
		[
			`${A}, not-an-id`,
			'Dataset IDs entry 2 ("not-an-id") is not a dataset ID: Catalog dataset IDs are 24 hexadecimal characters, like 65f1a0c2e4b0a1d2c3e4f501',
		],
		[{ id: A }, 'Dataset IDs must be a list or comma-separated text, got an object'],
		[
			[7],
			'Dataset IDs entry 1 ("7") is not a dataset ID: Catalog dataset IDs are 24 hexadecimal characters, like 65f1a0c2e4b0a1d2c3e4f501',
		],
	])('refuses %j naming the field', (raw, message) => {
		expect(() => parseDatasetIds(raw)).toThrow(new InputError('datasetIds', message));
		try {
			parseDatasetIds(raw);
		} catch (error) {
			expect((error as InputError).field).toBe('datasetIds');
		}
	});
});
