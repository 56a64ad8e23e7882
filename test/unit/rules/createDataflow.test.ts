import { InputError } from '@node/model/inputError';
import { mergeDataflow, type CreateInput } from '@node/rules/createDataflow';
import {
	checkSettings,
	fileStorageParams,
	readFileStorageFields,
	settingsObject,
	withSpecDefaults,
} from '@node/rules/exportSettings';
import { describeSourceFlow } from '@node/rules/sourceFlow';
import tutorialFlow from '../../../emulator/fixtures/tutorial-flow.json';

const S3 = {
	id: '4fce964d-3f37-408f-9778-e597338a21ee',
	name: 'Amazon S3',
	targetSpec: {
		spec: {
			required: ['bucketName', 'path'],
			properties: {
				mode: { type: 'string', enum: ['Server-to-server'] },
				bucketName: { type: 'string' },
				path: { type: 'string' },
				fileType: { type: 'string', enum: ['CSV', 'JSON', 'PARQUET'] },
				csvOptions: {
					type: 'object',
					properties: { delimiter: { type: 'string', enum: [',', '|'] } },
				},
			},
		},
	},
};
const SFTP_SCHEMA = { properties: { remotePath: { type: 'string' } } };
const fail = (run: () => unknown) => {
	try {
		run();
	} catch (error) {
		return { field: (error as InputError).field, message: (error as Error).message };
	}
	throw new Error('expected an InputError');
};

describe('export settings', () => {
	it('names the folder as the destination declares it: path, or remotePath on SFTP', () => {
		expect(fileStorageParams({ folderPath: 'a/b' }, S3.targetSpec.spec)).toEqual({ path: 'a/b' });
		expect(fileStorageParams({ folderPath: 'a/b' }, SFTP_SCHEMA)).toEqual({ remotePath: 'a/b' });
		expect(fileStorageParams({ folderPath: 'a/b' }, undefined)).toEqual({ path: 'a/b' });
	});

	it('fills what the spec fixes (S3’s mode), never what the user gave', () => {
		expect(withSpecDefaults({ path: 'p' }, S3.targetSpec.spec)).toEqual({
			path: 'p',
			mode: 'Server-to-server',
		});
	});

	it('reads the collection’s CSV options into Adobe’s csvOptions, and refuses a bad file type by its label', () => {
		expect(readFileStorageFields({ csvDelimiter: '|', csvQuote: '' })).toMatchObject({
			csvOptions: { delimiter: '|', quote: '' },
		});
		expect(fail(() => readFileStorageFields({ fileType: 'xml' }))).toEqual({
			field: 'exportSettings.fileType',
			message: 'File Type must be one of CSV, JSON, PARQUET, got "xml"',
		});
	});

	it('checks settings against the spec: required, unknown, type, allowed values, nested', () => {
		const check = (params: Record<string, unknown>) => () =>
			checkSettings(params, S3.targetSpec.spec, 'Amazon S3');
		expect(fail(check({ bucketName: 'b' })).message).toBe(
			'Amazon S3 needs the export setting "path"',
		);
		expect(fail(check({ bucketName: 'b', path: 'p', bucket: 'x' })).message).toMatch(
			/^Amazon S3 has no export setting "bucket"; it knows mode, bucketName/,
		);
		expect(fail(check({ bucketName: 1, path: 'p' })).message).toBe(
			'Export setting "bucketName" of Amazon S3 must be string, got number 1',
		);
		expect(fail(check({ bucketName: 'b', path: 'p', fileType: 'XML' })).message).toMatch(
			/must be one of "CSV", "JSON", "PARQUET", got "XML"/,
		);
		expect(
			fail(check({ bucketName: 'b', path: 'p', csvOptions: { delimiter: ';' } })).message,
		).toMatch(/^Export setting "csvOptions.delimiter" of Amazon S3 must be one of/);
		expect(check({ bucketName: 'b', path: 'p', csvOptions: { delimiter: '|' } })).not.toThrow();
		expect(() => checkSettings({ anything: 1 }, undefined, 'X')).not.toThrow();
		for (const key of ['constructor', '__proto__', 'toString']) {
			expect(fail(check(JSON.parse(`{"bucketName":"b","path":"p","${key}":1}`))).message).toMatch(
				new RegExp(`^Amazon S3 has no export setting "${key}"`),
			);
		}
	});

	it('follows Adobe’s conditional settings: what applies to audience dataflows is required, the rest refused', () => {
		const schema = {
			required: ['path', 'fileType', 'datasetFileType', 'compression'],
			properties: {
				path: { type: 'string' },
				compression: { type: 'string', enum: ['NONE', 'GZIP'] },
				fileType: {
					type: 'string',
					conditional: {
						field: 'flowSpec.attributes._workflow',
						operator: 'NOT_CONTAINS',
						value: 'DATASETS',
					},
				},
				datasetFileType: {
					type: 'string',
					conditional: {
						field: 'flowSpec.attributes._workflow',
						operator: 'CONTAINS',
						value: 'DATASETS',
					},
				},
				csvOptions: {
					type: 'object',
					conditional: { field: 'fileType', operator: 'EQUALS', value: 'CSV' },
					properties: { quote: { type: 'string', oneOf: [{ const: '"' }, { const: '' }] } },
				},
			},
		};
		const audiences = { flowSpec: { attributes: { _workflow: 'PROFILES' } } };
		const check = (params: Record<string, unknown>) => () =>
			checkSettings(params, schema, 'S3', audiences);
		expect(check({ path: 'p', compression: 'NONE', fileType: 'CSV' })).not.toThrow();
		expect(fail(check({ path: 'p', compression: 'NONE' })).message).toBe(
			'S3 needs the export setting "fileType"',
		);
		expect(
			fail(check({ path: 'p', compression: 'NONE', fileType: 'JSON', csvOptions: {} })).message,
		).toBe(
			'S3 has no export setting "csvOptions" for this dataflow; it knows path, compression, fileType',
		);
		expect(
			fail(check({ path: 'p', compression: 'NONE', fileType: 'CSV', csvOptions: { quote: "'" } }))
				.message,
		).toBe('Export setting "csvOptions.quote" of S3 must be one of "\\"", "", got "\'"');
	});

	it('other settings must be a JSON object', () => {
		expect(settingsObject('{"a":1}', 'f')).toEqual({ a: 1 });
		expect(settingsObject('', 'f')).toEqual({});
		expect(fail(() => settingsObject('[1]', 'f')).message).toBe(
			'Must be a JSON object of settings, got a list',
		);
		expect(fail(() => settingsObject('{', 'f')).message).toMatch(/^Not valid JSON/);
	});
});

describe('a dataflow to copy', () => {
	it('takes a raw dataflow’s audiences (without Adobe’s times), attributes with their keys, account and destination', () => {
		const source = describeSourceFlow(tutorialFlow, '$json');
		expect(source.name).toBe(tutorialFlow.name);
		expect(source.account.id).toBe('7fbf542b-83ed-498f-8838-8fde0c4d4d69');
		expect(source.destinationId).toBe('0b23e41a-cb4a-4321-a78f-3b654f5d7d97');
		expect(source.audiences).toHaveLength(4);
		for (const audience of source.audiences) {
			expect(audience.value).not.toHaveProperty('createTime');
			expect(audience.value).not.toHaveProperty('updateTime');
		}
		expect(source.attributes.map((a) => a.path)).toEqual(
			tutorialFlow.transformations[0].params.profileSelectors.selectors.map((s) => s.value.path),
		);
		expect(source.holder).toBe('profileSelectors');
	});

	it('refuses a simplified dataflow (its audiences lack their schedules), naming the field', () => {
		expect(fail(() => describeSourceFlow({ id: 'x', audiences: [] }, '$json'))).toEqual({
			field: '$json',
			message:
				'The dataflow is simplified, which leaves out its audiences’ export schedules: turn Simplify off in the Get that reads it',
		});
	});

	it('reads the account name and settings Get’s Include Destination Details adds', () => {
		const source = describeSourceFlow(
			{
				...tutorialFlow,
				destinationDetails: {
					account: { id: 'a', name: 'S3 marketing exports' },
					targetConnection: { params: { bucketName: 'b' } },
				},
			},
			'$json',
		);
		expect(source.account.name).toBe('S3 marketing exports');
		expect(source.exportSettings).toEqual({ bucketName: 'b' });
	});
});

describe('merging an item over what it copies', () => {
	const input = (overrides: Partial<CreateInput> = {}): CreateInput => ({
		from: 'template',
		name: 'Spring campaign',
		fileFields: {},
		otherSettings: {},
		audiences: [],
		attributes: [],
		copyAudiences: true,
		copyAttributes: true,
		enable: true,
		ifExists: 'fail',
		...overrides,
	});
	const source = {
		...describeSourceFlow(tutorialFlow, 'templateFlowId'),
		exportSettings: { bucketName: 'b', path: 'old', mode: 'Server-to-server' },
	};

	it('the name and anything given override; settings given replace the copy’s', () => {
		const merged = mergeDataflow(input({ fileFields: { folderPath: 'new' } }), source, S3);
		expect(merged.name).toBe('Spring campaign');
		expect(merged.params).toEqual({ bucketName: 'b', path: 'new', mode: 'Server-to-server' });
		expect(merged.audiences).toHaveLength(4);
		expect(merged.attributes).toHaveLength(source.attributes.length);
	});

	it('without Copy Audiences and Copy Profile Attributes only what is given goes', () => {
		const merged = mergeDataflow(
			input({ copyAudiences: false, copyAttributes: false }),
			source,
			S3,
		);
		expect(merged.audiences).toEqual([]);
		expect(merged.attributes).toEqual([]);
	});

	it('a template’s own name is never taken (it would only meet the template itself)', () => {
		expect(fail(() => mergeDataflow(input({ name: undefined }), source, S3)).field).toBe(
			'dataflowName',
		);
		expect(mergeDataflow(input({ from: 'input', name: undefined }), source, S3).name).toBe(
			tutorialFlow.name,
		);
	});

	it('a mapping set from another sandbox is refused unless this sandbox’s is given', () => {
		const mapped = { ...source, attributes: [], mapping: { mappingId: 'm', mappingVersion: 0 } };
		expect(fail(() => mergeDataflow(input({ from: 'input' }), mapped, S3))).toMatchObject({
			field: '$json',
		});
		const given = { mappingId: 'here', mappingVersion: 1 };
		expect(mergeDataflow(input({ from: 'input', mapping: given }), mapped, S3)).toMatchObject({
			mapping: given,
			holder: 'profileMapping',
		});
	});
});
