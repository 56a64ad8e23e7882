import { mapsInputFields } from '@node/rules/inputFields';
import { parseMappingInput } from '@node/rules/mapping';
import { parseMissingPolicy } from '@node/rules/missingPolicy';
import { buildProfileAttribute } from '@node/rules/profileAttributes';
import { expectInputError } from '../fixtures';

/** Values an expression can put into a field whose editor offers fixed choices. */
describe('choice parameters given a value the editor does not offer', () => {
	it('If Missing takes skip or error only', () => {
		expect(parseMissingPolicy('skip')).toBe('skip');
		expect(parseMissingPolicy('error')).toBe('error');
		expectInputError(
			() => parseMissingPolicy('ignore'),
			'ifMissing',
			'Must be skip or error, got "ignore"',
		);
	});

	it('Input Data Mode takes its two modes only', () => {
		expect(mapsInputFields('defineBelow')).toBe(false);
		expect(mapsInputFields('autoMapInputData')).toBe(true);
		expectInputError(
			() => mapsInputFields('guess'),
			'dataMode',
			'Input Data Mode must be defineBelow or autoMapInputData, got "guess"',
		);
	});

	it('Mapping Location takes its three locations only', () => {
		expect(parseMappingInput('m1', '2', 'profileMapping')).toEqual({
			mappingId: 'm1',
			mappingVersion: 2,
			location: 'profileMapping',
		});
		expectInputError(
			() => parseMappingInput('m1', 2, 'elsewhere'),
			'mappingLocation',
			'Mapping location must be one of auto, transformation, profileMapping',
		);
	});

	it('an attribute entry must be an object', () => {
		expectInputError(
			() => buildProfileAttribute('person.name', 'attributesJson[0]'),
			'attributesJson[0]',
			'Each attribute must be an object, got string "person.name"',
		);
	});
});
