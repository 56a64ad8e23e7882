import {
	buildAudienceSelector,
	DEFAULT_FILENAME_TEMPLATE,
	FREQUENCIES_BY_EXPORT_MODE,
	SETTING_KEYS,
	TRIGGER_TYPES,
	type AudienceInput,
	checkLegacyFileNameTemplate,
} from '@node/rules/audiences';
import {
	expectInputError,
	TUTORIAL_NEW_AUDIENCE_INPUT,
	TUTORIAL_NEW_AUDIENCE_SELECTOR,
} from '../fixtures';

const ID = '2d79d0d8-724f-49fc-a09d-d1dec338c93c';
const FIELD = 'audiences.audience[0]';

/** A valid batch audience; each test overrides what it is about. */
const batch = (overrides: AudienceInput = {}): AudienceInput => ({
	id: ID,
	exportMode: 'DAILY_FULL_EXPORT',
	frequency: 'DAILY',
	startDate: '2026-12-01',
	startTime: '20:00',
	...overrides,
});

const build = (input: AudienceInput) => buildAudienceSelector(input, FIELD);

/** Expects the valid batch audience, changed by `overrides`, refused on its field `key`. */
const expectBatchRefused = (
	overrides: AudienceInput,
	key: string,
	...patterns: Array<string | RegExp>
) => expectInputError(() => build(batch(overrides)), `${FIELD}.${key}`, ...patterns);

describe('exported rule tables', () => {
	it('list the frequencies allowed per export mode and the trigger types', () => {
		const everyFewHours = [3, 6, 8, 12].map((hours) => `EVERY_${hours}_HOURS`);
		expect(FREQUENCIES_BY_EXPORT_MODE).toEqual({
			DAILY_FULL_EXPORT: ['ONCE', 'DAILY'],
			FIRST_FULL_THEN_INCREMENTAL: ['DAILY', ...everyFewHours],
		});
		expect(TRIGGER_TYPES).toEqual(['SCHEDULED', 'AFTER_SEGMENT_EVAL']);
		expect(DEFAULT_FILENAME_TEMPLATE).toBe(
			'%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
		);
	});
});

describe('buildAudienceSelector: streaming audiences', () => {
	it('stores only the ID when no export settings are given', () => {
		expect(build({ id: ID })).toEqual({ type: 'PLATFORM_SEGMENT', value: { id: ID } });
	});

	it('keeps the name and lower-cases the ID', () => {
		expect(build({ id: ID.toUpperCase(), name: ' Winter ', exportMode: '' })).toEqual({
			type: 'PLATFORM_SEGMENT',
			value: { id: ID, name: 'Winter' },
		});
	});

	it('treats empty and null export settings as not set', () => {
		expect(
			build({ id: ID, exportMode: null, frequency: '', startDate: null, startTime: undefined }),
		).toEqual({
			type: 'PLATFORM_SEGMENT',
			value: { id: ID },
		});
	});

	/** Every setting an entry can hold, but its name and the export mode itself, is a batch setting. */
	const batchSettings = SETTING_KEYS.filter((key) => key !== 'name' && key !== 'exportMode');

	it('has six batch settings, the order aside', () => {
		expect([...batchSettings].sort()).toEqual([
			'endDate',
			'filenameTemplate',
			'frequency',
			'startDate',
			'startTime',
			'triggerType',
		]);
	});

	it.each(batchSettings)('refuses %s without an export mode, on the exportMode field', (key) => {
		expectInputError(
			() => build({ id: ID, [key]: 'x' }),
			`${FIELD}.exportMode`,
			`Export mode is required when ${key} is set`,
			/streaming destination/,
		);
	});

	it('refuses a batch field that is not text, naming that field', () => {
		expectInputError(
			() => build({ id: ID, startDate: { day: 1 } }),
			`${FIELD}.startDate`,
			'startDate must be text, got an object',
		);
	});
});

describe('buildAudienceSelector: audience ID and name', () => {
	it.each([
		'segment-42',
		'2d79d0d8724f49fca09dd1dec338c93c',
		'2d79d0d8-724f-49fc-a09d-d1dec338c93',
		'../x',
	])('refuses the non-UUID %p', (id) => {
		expectInputError(
			() => build({ id }),
			`${FIELD}.id`,
			`Audience ID "${id}" is not an audience ID`,
			/UUID/,
		);
	});

	it('refuses an empty ID', () => {
		expectInputError(() => build({ id: '' }), `${FIELD}.id`, 'Audience ID is required');
	});

	it('refuses an ID that is not text', () => {
		expectInputError(
			() => build({ id: { id: ID } }),
			`${FIELD}.id`,
			'Audience ID must be text, got an object',
		);
	});

	// BUG (helpers/validation.ts line 57, via requireString line 13): describeType(undefined) renders "undefined undefined", so an
	// audience without an ID (e.g. a JSON entry lacking "id") is told
	// "Audience ID must be text, got undefined undefined" instead of that the ID is required.
	it('reports a missing ID as required', () => {
		expectInputError(() => build({}), `${FIELD}.id`, /required/);
	});

	it('refuses a name that is not text', () => {
		expectInputError(
			() => build({ id: ID, name: ['a'] }),
			`${FIELD}.name`,
			'Audience name must be text, got a list',
		);
	});
});

describe('buildAudienceSelector: export mode and frequency', () => {
	const validPairs = Object.entries(FREQUENCIES_BY_EXPORT_MODE).flatMap(([mode, frequencies]) =>
		frequencies.map((frequency) => [mode, frequency]),
	);

	it.each(validPairs)('accepts %s with %s', (exportMode, frequency) => {
		const input = batch({ exportMode, frequency, triggerType: undefined });
		expect(build(input).value).toMatchObject({ exportMode, schedule: { frequency } });
	});

	it.each([
		['DAILY_FULL_EXPORT', 'EVERY_3_HOURS', 'ONCE, DAILY'],
		['DAILY_FULL_EXPORT', 'EVERY_6_HOURS', 'ONCE, DAILY'],
		['DAILY_FULL_EXPORT', 'EVERY_8_HOURS', 'ONCE, DAILY'],
		['DAILY_FULL_EXPORT', 'EVERY_12_HOURS', 'ONCE, DAILY'],
		['FIRST_FULL_THEN_INCREMENTAL', 'ONCE', 'DAILY, EVERY_3_HOURS'],
		['DAILY_FULL_EXPORT', 'WEEKLY', 'ONCE, DAILY'],
		['DAILY_FULL_EXPORT', 'daily', 'ONCE, DAILY'],
	])('refuses %s with %s', (exportMode, frequency, allowed) => {
		expectBatchRefused(
			{ exportMode, frequency },
			'frequency',
			`Frequency "${frequency}" is not allowed with export mode ${exportMode}`,
			allowed,
		);
	});

	it.each(['WEEKLY_EXPORT', 'daily_full_export', 'toString', 'constructor'])(
		'refuses the unknown export mode %p',
		(exportMode) => {
			expectBatchRefused(
				{ exportMode },
				'exportMode',
				`Export mode "${exportMode}" is not one of DAILY_FULL_EXPORT, FIRST_FULL_THEN_INCREMENTAL`,
			);
		},
	);

	it('requires a frequency with an export mode', () => {
		expectBatchRefused(
			{ frequency: '' },
			'frequency',
			'Frequency is required with export mode DAILY_FULL_EXPORT',
		);
	});
});

describe('buildAudienceSelector: trigger type and start time', () => {
	it('keeps SCHEDULED with its start time', () => {
		expect(build(batch({ triggerType: 'SCHEDULED', startTime: '08:00' })).value.schedule).toEqual({
			startDate: '2026-12-01',
			frequency: 'DAILY',
			triggerType: 'SCHEDULED',
			startTime: '08:00',
		});
	});

	it('keeps AFTER_SEGMENT_EVAL without a start time', () => {
		expect(
			build(batch({ triggerType: 'AFTER_SEGMENT_EVAL', startTime: '' })).value.schedule,
		).toEqual({
			startDate: '2026-12-01',
			frequency: 'DAILY',
			triggerType: 'AFTER_SEGMENT_EVAL',
		});
	});

	it('refuses a start time with AFTER_SEGMENT_EVAL', () => {
		expectBatchRefused(
			{ triggerType: 'AFTER_SEGMENT_EVAL', startTime: '20:00' },
			'startTime',
			'Start time must be empty with trigger type AFTER_SEGMENT_EVAL',
		);
	});

	it('requires a start time with SCHEDULED', () => {
		expectBatchRefused(
			{ triggerType: 'SCHEDULED', startTime: undefined },
			'startTime',
			'Start time is required for a scheduled batch export',
		);
	});

	it('requires a start time without a trigger type', () => {
		expectBatchRefused({ startTime: '' }, 'startTime', 'Start time is required', /HH:00/);
	});

	it.each([
		['FIRST_FULL_THEN_INCREMENTAL', 'SCHEDULED'],
		['FIRST_FULL_THEN_INCREMENTAL', 'AFTER_SEGMENT_EVAL'],
	])('refuses a trigger type with %s (%s)', (exportMode, triggerType) => {
		expectBatchRefused(
			{ exportMode, frequency: 'EVERY_6_HOURS', triggerType },
			'triggerType',
			`Trigger type applies only to export mode DAILY_FULL_EXPORT, not ${exportMode}`,
		);
	});

	it('refuses an unknown trigger type', () => {
		expectBatchRefused(
			{ triggerType: 'HOURLY' },
			'triggerType',
			'Trigger type "HOURLY" is not one of SCHEDULED, AFTER_SEGMENT_EVAL',
		);
	});

	it.each(['20:30', '24:00', '8:00', '20:00:00', '8pm'])(
		'refuses the start time %p',
		(startTime) => {
			expectBatchRefused(
				{ startTime },
				'startTime',
				`Start time "${startTime}" must be a whole hour in 24-hour HH:00 form`,
			);
		},
	);

	it.each(['00:00', '23:00'])('accepts the start time %p', (startTime) => {
		expect(build(batch({ startTime })).value.schedule?.startTime).toBe(startTime);
	});
});

describe('buildAudienceSelector: dates', () => {
	it('requires a start date', () => {
		expectBatchRefused(
			{ startDate: undefined },
			'startDate',
			'Start date is required for a batch export (YYYY-MM-DD)',
		);
	});

	it.each(['2025-02-30', '2025-13-01', '25-01-01', '2025-1-5', 'tomorrow'])(
		'refuses the start date %p',
		(startDate) => {
			expectBatchRefused(
				{ startDate },
				'startDate',
				`Start date "${startDate}" is not a real date in YYYY-MM-DD form`,
			);
		},
	);

	it.each(['2025-02-30', '2025-13-01', '25-01-01'])('refuses the end date %p', (endDate) => {
		expectBatchRefused(
			{ startDate: '2024-01-01', endDate },
			'endDate',
			`End date "${endDate}" is not a real date in YYYY-MM-DD form`,
		);
	});

	it('refuses an end date on a one-time export (DAILY_FULL_EXPORT + ONCE)', () => {
		expectBatchRefused(
			{ frequency: 'ONCE', endDate: '2027-01-01' },
			'endDate',
			'End date does not apply to a one-time export',
		);
	});

	it.each(['2026-12-01', '2026-11-30'])(
		'refuses the end date %p, not after the start date 2026-12-01',
		(endDate) => {
			expectBatchRefused(
				{ endDate },
				'endDate',
				`End date ${endDate} must be after start date 2026-12-01`,
			);
		},
	);

	it('keeps an end date after the start date', () => {
		expect(build(batch({ endDate: '2026-12-02' })).value.schedule).toEqual({
			startDate: '2026-12-01',
			frequency: 'DAILY',
			endDate: '2026-12-02',
			startTime: '20:00',
		});
	});

	it('keeps an end date with FIRST_FULL_THEN_INCREMENTAL', () => {
		const value = build(
			batch({
				exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
				frequency: 'EVERY_12_HOURS',
				endDate: '2027-06-30',
			}),
		).value;
		expect(value.schedule?.endDate).toBe('2027-06-30');
	});
});

describe('buildAudienceSelector: file name template', () => {
	it('defaults to the standard template', () => {
		expect(build(batch()).value.filenameTemplate).toBe(DEFAULT_FILENAME_TEMPLATE);
	});

	it('keeps a custom template with both required macros', () => {
		expect(
			build(batch({ filenameTemplate: '%SEGMENT_ID%-%DESTINATION_NAME%-%TIMESTAMP%' })).value
				.filenameTemplate,
		).toBe('%SEGMENT_ID%-%DESTINATION_NAME%-%TIMESTAMP%');
	});

	it.each([
		['%SEGMENT_ID%_%TIMESTAMP%', 'File name template must contain %DESTINATION_NAME%'],
		['%DESTINATION_NAME%_%TIMESTAMP%', 'File name template must contain %SEGMENT_ID%'],
		['export', 'File name template must contain %DESTINATION_NAME% and %SEGMENT_ID%'],
		['%DESTINATION%_%SEGMENT_ID%', 'File name template must contain %DESTINATION_NAME%'],
	])('refuses %p for a legacy flow', (filenameTemplate, message) => {
		const selector = build(batch({ filenameTemplate }));
		expectInputError(
			() => checkLegacyFileNameTemplate(selector, FIELD),
			`${FIELD}.filenameTemplate`,
			message,
		);
	});

	it('accepts a template of exactly 255 characters', () => {
		const template = '%DESTINATION_NAME%_%SEGMENT_ID%_'.padEnd(255, 'x');
		expect(build(batch({ filenameTemplate: template })).value.filenameTemplate).toHaveLength(255);
	});

	it('refuses a template longer than 255 characters', () => {
		const template = '%DESTINATION_NAME%_%SEGMENT_ID%_'.padEnd(256, 'x');
		expectBatchRefused(
			{ filenameTemplate: template },
			'filenameTemplate',
			'File name template is 256 characters long; the limit is 255',
		);
	});
});

describe('buildAudienceSelector: the tutorial audience', () => {
	it('builds exactly the selector of "Add a segment to a dataflow"', () => {
		expect(build(TUTORIAL_NEW_AUDIENCE_INPUT)).toEqual(TUTORIAL_NEW_AUDIENCE_SELECTOR);
	});
});
