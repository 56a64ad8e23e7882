import { CONNECTION_SPECS, DESTINATION_FLOW_SPECS } from '../../../emulator/fixtures/ids';
import { connectionSpec, flowSpec } from '../../../emulator/specs/catalogue';
import type { FlowConnection, SettingsSchema } from '@node/model/destination';
import { InputError } from '@node/model/inputError';
import { planExportLocation } from '@node/planner/exportLocation';
import { parseExportLocation } from '@node/rules/exportLocation';

const schemaOf = (id: string) =>
	(connectionSpec(id) as { targetSpec: { spec: SettingsSchema } }).targetSpec.spec;
const S3 = schemaOf(CONNECTION_SPECS.amazonS3);
const SFTP = schemaOf(CONNECTION_SPECS.sftp);

function connection(params: Record<string, unknown> | undefined): FlowConnection {
	return { id: 'target-1', etag: '"e1"', ...(params ? { params } : {}) };
}

const s3Params = {
	mode: 'Server-to-server',
	bucketName: 'acme-exports',
	path: 'exports/flow-1',
	fileType: 'CSV',
	compression: 'NONE',
	csvOptions: { delimiter: ',', quote: '"' },
};

function thrown(run: () => unknown): InputError {
	try {
		run();
	} catch (error) {
		return error as InputError;
	}
	throw new Error('expected an InputError');
}

describe('planExportLocation', () => {
	it('replaces only the given members of /params and tells the location before and after', () => {
		const plan = planExportLocation(
			connection(s3Params),
			parseExportLocation({ folderPath: 'exports/winter', bucketName: 'acme-winter' }),
			S3,
			'Amazon S3',
		);
		expect(plan.operations).toEqual([
			{ op: 'replace', path: '/params/bucketName', value: 'acme-winter' },
			{ op: 'replace', path: '/params/path', value: 'exports/winter' },
		]);
		expect(plan.was).toEqual({
			bucketName: 'acme-exports',
			folderPath: 'exports/flow-1',
			fileType: 'CSV',
			compression: 'NONE',
			csvOptions: { delimiter: ',', quote: '"' },
		});
		expect(plan.is).toEqual({
			...plan.was,
			bucketName: 'acme-winter',
			folderPath: 'exports/winter',
		});
		expect(plan.removed).toEqual([]);
	});

	it('merges CSV options into the current ones', () => {
		const plan = planExportLocation(
			connection(s3Params),
			parseExportLocation({ csvDelimiter: '|' }),
			S3,
			'Amazon S3',
		);
		expect(plan.operations).toEqual([
			{ op: 'replace', path: '/params/csvOptions', value: { delimiter: '|', quote: '"' } },
		]);
	});

	it('takes CSV options off when the file type stops being CSV', () => {
		const plan = planExportLocation(
			connection(s3Params),
			parseExportLocation({ fileType: 'parquet' }),
			S3,
			'Amazon S3',
		);
		expect(plan.operations).toEqual([
			{ op: 'replace', path: '/params/fileType', value: 'PARQUET' },
			{ op: 'remove', path: '/params/csvOptions' },
		]);
		expect(plan.removed).toEqual(['csvOptions']);
		expect(plan.is.csvOptions).toBeUndefined();
	});

	it('refuses CSV options given together with another file type, naming Export Settings', () => {
		const error = thrown(() =>
			planExportLocation(
				connection(s3Params),
				parseExportLocation({ fileType: 'JSON', csvDelimiter: ';' }),
				S3,
				'Amazon S3',
			),
		);
		expect(error).toBeInstanceOf(InputError);
		expect(error.field).toBe('exportSettings');
		expect(error.message).toMatch(/Amazon S3 has no export setting "csvOptions" for this dataflow/);
	});

	it('writes the folder of SFTP to remotePath and adds what the connection lacks', () => {
		const plan = planExportLocation(
			connection({ mode: 'Server-to-server', remotePath: '/out', fileType: 'CSV' }),
			parseExportLocation({ folderPath: '/partner', compression: 'GZIP' }),
			SFTP,
			'SFTP',
		);
		expect(plan.operations).toEqual([
			{ op: 'replace', path: '/params/remotePath', value: '/partner' },
			{ op: 'add', path: '/params/compression', value: 'GZIP' },
		]);
		expect(plan.was.folderPath).toBe('/out');
		expect(plan.is).toMatchObject({ folderPath: '/partner', compression: 'GZIP' });
	});

	it('adds /params whole to a connection that has none', () => {
		const plan = planExportLocation(
			connection(undefined),
			parseExportLocation({ folderPath: 'a/b' }),
			S3,
			'Amazon S3',
		);
		expect(plan.operations).toEqual([{ op: 'add', path: '/params', value: { path: 'a/b' } }]);
	});

	it('plans nothing when the settings are already so', () => {
		const plan = planExportLocation(
			connection(s3Params),
			parseExportLocation({ folderPath: 'exports/flow-1', fileType: 'CSV' }),
			S3,
			'Amazon S3',
		);
		expect(plan.operations).toEqual([]);
		expect(plan.is).toEqual(plan.was);
	});

	it('refuses settings the destination does not have or values of the wrong form', () => {
		expect(
			thrown(() =>
				planExportLocation(
					connection(s3Params),
					parseExportLocation({ container: 'c1' }),
					S3,
					'Amazon S3',
				),
			).message,
		).toMatch(/^Amazon S3 has no export setting "container"/);
		expect(
			thrown(() =>
				planExportLocation(
					connection(s3Params),
					parseExportLocation({ bucketName: 'Not_A_Bucket' }),
					S3,
					'Amazon S3',
				),
			).message,
		).toMatch(/bucketName" of Amazon S3 "Not_A_Bucket" does not have the form/);
	});

	it('refuses File Type on a dataset export (its flow spec’s workflow is DATASETS), not on an audience one', () => {
		const context = (id: string) => ({
			flowSpec: flowSpec(id) as { attributes?: Record<string, unknown> },
		});
		const fields = parseExportLocation({ fileType: 'JSON' });
		const error = thrown(() =>
			planExportLocation(
				connection({ bucketName: 'acme-datasets', path: 'p' }),
				fields,
				S3,
				'Amazon S3',
				context(DESTINATION_FLOW_SPECS.amazonS3.dataset),
			),
		);
		expect(error.message).toMatch(/^Amazon S3 has no export setting "fileType" for this dataflow/);
		const plan = planExportLocation(
			connection(s3Params),
			fields,
			S3,
			'Amazon S3',
			context(DESTINATION_FLOW_SPECS.amazonS3.audience),
		);
		expect(plan.operations[0]).toEqual({ op: 'replace', path: '/params/fileType', value: 'JSON' });
	});

	it('leaves the settings to Adobe when the destination declares none', () => {
		const plan = planExportLocation(
			connection({ path: 'x' }),
			parseExportLocation({ folderPath: 'y' }),
			undefined,
			'A destination',
		);
		expect(plan.operations).toEqual([{ op: 'replace', path: '/params/path', value: 'y' }]);
	});
});

describe('parseExportLocation', () => {
	it('needs at least one setting', () => {
		for (const raw of [{}, { folderPath: '' }, undefined]) {
			const error = thrown(() => parseExportLocation(raw));
			expect(error.field).toBe('exportSettings');
			expect(error.message).toMatch(/^Add at least one setting to change/);
		}
	});

	it('names the field of a bad value', () => {
		const error = thrown(() => parseExportLocation({ compression: 'ZIP' }));
		expect(error.field).toBe('exportSettings.compression');
		expect(error.message).toBe('Compression must be one of NONE, GZIP, got "ZIP"');
	});
});
