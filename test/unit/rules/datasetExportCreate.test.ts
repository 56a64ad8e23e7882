import { InputError } from '@node/model/inputError';
import {
	EXPORT_FREQUENCIES,
	datasetTargetParams,
	parseDatasetExportCreate,
	type DatasetExportCreateParameters,
} from '@node/rules/datasetExportCreate';
import { checkFolderTemplate } from '@node/rules/datasetSchedule';

const NOW = 4_070_908_800; // 2099-01-01T00:00:00Z
const LOYALTY = '65f1a0c2e4b0a1d2c3e4f501';
const WEB = '65f1a0c2e4b0a1d2c3e4f502';
const ACCOUNT = 'd1b1a7b4-4a6c-4f5e-9f0e-0a0b0c0d0e01';

const RAW: DatasetExportCreateParameters = {
	dataflowName: ' Loyalty daily ',
	dataflowDescription: '',
	accountId: ACCOUNT,
	datasets: [LOYALTY],
	datasetIds: `${WEB}, ${LOYALTY.toUpperCase()}`,
	exportSettings: { bucketName: 'exports', folderPath: 'loyalty', otherSettings: '{}' },
	datasetFileType: 'parquet',
	compression: 'GZIP',
	exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
	exportFrequency: 'EVERY_6_HOURS',
	scheduleStart: '2099-01-05T06:00:00Z',
	scheduleEnd: '',
	folderNameTemplate: '%DATASET_ID%/%DATETIME(YYYYMMdd)%',
	enable: true,
	ifExists: 'fail',
};

const parse = (change: Partial<DatasetExportCreateParameters> = {}) =>
	parseDatasetExportCreate({ ...RAW, ...change }, NOW);

function fieldOf(change: Partial<DatasetExportCreateParameters>): string {
	try {
		parse(change);
	} catch (error) {
		if (error instanceof InputError) return error.field;
		throw error;
	}
	throw new Error('not refused');
}

describe('parseDatasetExportCreate', () => {
	it('reads the item: trimmed name, datasets picked then typed (repeats once), the schedule in epoch seconds', () => {
		expect(parse()).toEqual({
			name: 'Loyalty daily',
			description: undefined,
			accountId: ACCOUNT,
			datasets: [
				{ id: LOYALTY, field: 'datasets' },
				{ id: WEB, field: 'datasetIds' },
			],
			fileFields: { bucketName: 'exports', container: undefined, folderPath: 'loyalty' },
			otherSettings: {},
			fileType: 'PARQUET',
			compression: 'GZIP',
			schedule: {
				exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
				timeUnit: 'hour',
				interval: 6,
				startTime: Date.parse('2099-01-05T06:00:00Z') / 1000,
				foldernameTemplate: '%DATASET_ID%/%DATETIME(YYYYMMdd)%',
			},
			startGiven: true,
			enable: true,
			ifExists: 'fail',
		});
	});

	it('an empty Start Time is now; an empty End Time is left to Adobe', () => {
		const { schedule, startGiven } = parse({ scheduleStart: '', folderNameTemplate: '' });
		expect(schedule).toEqual({
			exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
			timeUnit: 'hour',
			interval: 6,
			startTime: NOW,
		});
		expect(startGiven).toBe(false);
	});

	it('each frequency is Adobe’s time unit and interval', () => {
		for (const [frequency, expected] of Object.entries(EXPORT_FREQUENCIES)) {
			expect(parse({ exportFrequency: frequency }).schedule).toMatchObject(expected);
		}
	});

	it('a one-time full export is day and 0, whatever Frequency and End Time hold', () => {
		expect(
			parse({ exportMode: 'DAILY_FULL_EXPORT', scheduleEnd: '2099-03-01T00:00:00Z' }).schedule,
		).toEqual({
			exportMode: 'DAILY_FULL_EXPORT',
			timeUnit: 'day',
			interval: 0,
			startTime: Date.parse('2099-01-05T06:00:00Z') / 1000,
			foldernameTemplate: '%DATASET_ID%/%DATETIME(YYYYMMdd)%',
		});
	});

	it.each<[string, Partial<DatasetExportCreateParameters>, string]>([
		['no name', { dataflowName: ' ' }, 'dataflowName'],
		['no dataset', { datasets: [], datasetIds: '' }, 'datasets'],
		['a picked value that is no dataset ID', { datasets: ['Loyalty Members'] }, 'datasets'],
		['a typed value that is no dataset ID', { datasetIds: 'abc' }, 'datasetIds'],
		['CSV', { datasetFileType: 'CSV' }, 'datasetFileType'],
		['another compression', { compression: 'ZIP' }, 'compression'],
		['an unknown mode', { exportMode: 'HOURLY' }, 'exportMode'],
		['an unknown frequency', { exportFrequency: 'EVERY_2_HOURS' }, 'exportFrequency'],
		['a start that is no date', { scheduleStart: 'tomorrow' }, 'scheduleStart'],
		['a start in milliseconds', { scheduleStart: 4_071_110_400_000 }, 'scheduleStart'],
		['an end before the start', { scheduleEnd: '2099-01-01T00:00:00Z' }, 'scheduleEnd'],
		['an unknown macro', { folderNameTemplate: '%DATASET%' }, 'folderNameTemplate'],
		[
			'settings JSON that is no object',
			{ exportSettings: { otherSettings: '[1]' } },
			'exportSettings.otherSettings',
		],
		['an If Dataflow Exists of another operation', { ifExists: 'replace' }, 'ifExists'],
		['Enable that is no switch', { enable: 'yes' }, 'enable'],
	])('refuses %s, naming its field', (_, change, field) => {
		expect(fieldOf(change)).toBe(field);
	});
});

describe('checkFolderTemplate', () => {
	const check = (template: string) => () =>
		checkFolderTemplate(template, 'f', 'Folder Name Template');

	it('takes custom text, every macro and %DATETIME(pattern)%', () => {
		expect(
			check('exports/%DESTINATION%/%DESTINATION_NAME%/%DATASET_ID%/%DATASET_NAME%'),
		).not.toThrow();
		expect(
			check('%DESTINATION_INSTANCE_ID%_%DESTINATION_INSTANCE_NAME%/%SANDBOX_NAME%'),
		).not.toThrow();
		expect(check('%ORGANIZATION_NAME%/%EXPORT_TIME%/%DATETIME(YYYYMMdd_HHmmss)%')).not.toThrow();
	});

	it.each([
		['%DATASET%', /unknown macro %DATASET%/],
		['100%', /a % that starts no macro/],
		['%dataset_id%', /a % that starts no macro/],
		['%DATETIME()%', /a % that starts no macro/],
	])('refuses %s', (template, message) => {
		expect(check(template)).toThrow(message);
	});
});

describe('datasetTargetParams', () => {
	const spec = {
		id: 's3',
		name: 'Amazon S3',
		targetSpec: {
			spec: {
				properties: {
					mode: { type: 'string', enum: ['Server-to-server'] },
					bucketName: { type: 'string' },
					path: { type: 'string' },
					fileType: {
						type: 'string',
						enum: ['CSV', 'JSON', 'PARQUET'],
						conditional: {
							field: 'flowSpec.attributes._workflow',
							operator: 'NOT_CONTAINS',
							value: 'DATASETS',
						},
					},
					datasetFileType: {
						type: 'string',
						enum: ['JSON', 'PARQUET'],
						conditional: {
							field: 'flowSpec.attributes._workflow',
							operator: 'CONTAINS',
							value: 'DATASETS',
						},
					},
					compression: { type: 'string', enum: ['NONE', 'GZIP'] },
				},
				required: ['bucketName', 'path', 'datasetFileType', 'fileType', 'compression'],
			},
		},
	};
	const flowSpec = { id: 'ds', attributes: { _workflow: 'DATASETS' } };
	const input = {
		fileFields: { bucketName: 'b', folderPath: 'p' },
		fileType: 'JSON' as const,
		compression: 'GZIP' as const,
		otherSettings: {},
	};

	it('names the file type datasetFileType and fills what the spec fixes', () => {
		expect(datasetTargetParams(input, spec, flowSpec)).toEqual({
			mode: 'Server-to-server',
			bucketName: 'b',
			path: 'p',
			datasetFileType: 'JSON',
			compression: 'GZIP',
		});
	});

	it('refuses the audiences’ fileType given as JSON, and a missing bucket', () => {
		expect(() =>
			datasetTargetParams({ ...input, otherSettings: { fileType: 'CSV' } }, spec, flowSpec),
		).toThrow(/no export setting "fileType" for this dataflow/);
		expect(() =>
			datasetTargetParams({ ...input, fileFields: { folderPath: 'p' } }, spec, flowSpec),
		).toThrow(/needs the export setting "bucketName"/);
	});
});
