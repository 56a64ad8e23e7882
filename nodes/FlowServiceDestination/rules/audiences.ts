import { inputError } from '../model/inputError';
import type { SegmentSelector, SegmentSelectorValue } from '../model/types';
import { describeType, isHourTime, isIsoDate, optionalString, requireUuid } from './scalars';

export const DEFAULT_FILENAME_TEMPLATE =
	'%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%';

export const FREQUENCIES_BY_EXPORT_MODE: Record<string, string[]> = {
	DAILY_FULL_EXPORT: ['ONCE', 'DAILY'],
	FIRST_FULL_THEN_INCREMENTAL: [
		'DAILY',
		'EVERY_3_HOURS',
		'EVERY_6_HOURS',
		'EVERY_8_HOURS',
		'EVERY_12_HOURS',
	],
};

/**
 * Where node version 2's editor keeps an incremental export's frequency (its list differs from
 * Full Files'). JSON and mapped input keep saying `frequency`.
 */
export const INCREMENTAL_FREQUENCY = 'incrementalFrequency';

export const EXPORT_MODES = Object.keys(FREQUENCIES_BY_EXPORT_MODE);
/** Every frequency some export mode allows, in the order the modes list them. */
export const FREQUENCIES = [...new Set(Object.values(FREQUENCIES_BY_EXPORT_MODE).flat())];

export const TRIGGER_TYPES = ['SCHEDULED', 'AFTER_SEGMENT_EVAL'];

/** How a value that is no UUID is refused where an audience is meant. */
export const AUDIENCE_ID_KIND = 'an audience ID';

/** The settings of an audience entry besides its ID, as every input mode names them. */
export const SETTING_KEYS = [
	'name',
	'exportMode',
	'frequency',
	'triggerType',
	'startDate',
	'endDate',
	'startTime',
	'filenameTemplate',
] as const;

export type SettingKey = (typeof SETTING_KEYS)[number];

const REQUIRED_MACROS = ['%DESTINATION_NAME%', '%SEGMENT_ID%'];
const BATCH_FIELDS = [
	'filenameTemplate',
	'frequency',
	'triggerType',
	'startDate',
	'endDate',
	'startTime',
] as const;

/** One audience as the user describes it: an ID, a name, and for batch destinations its export settings. */
export interface AudienceInput {
	id?: unknown;
	name?: unknown;
	exportMode?: unknown;
	filenameTemplate?: unknown;
	frequency?: unknown;
	triggerType?: unknown;
	startDate?: unknown;
	endDate?: unknown;
	startTime?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One audience entry as given, flat: Adobe's selector shape ({type, value: {..., schedule}}, as Get
 * returns it) or the flat one. The template is read in either spelling Adobe uses
 * (`filenameTemplate`, `fileNameTemplate`) and named `filenameTemplate` from here on.
 */
export function flattenAudienceEntry(raw: unknown, field: string): Record<string, unknown> {
	if (!isObject(raw))
		inputError(field, `Each audience must be an object, got ${describeType(raw)}`);
	const { value } = raw;
	const flat = isObject(value)
		? { ...value, ...(isObject(value.schedule) ? value.schedule : {}) }
		: { ...raw };
	if (flat.filenameTemplate === undefined) flat.filenameTemplate = flat.fileNameTemplate;
	delete flat.fileNameTemplate;
	if (flat.filenameTemplate === undefined) delete flat.filenameTemplate;
	return foldIncrementalFrequency(flat);
}

/**
 * An incremental export's frequency is read from `incrementalFrequency` when it is set; with any
 * other export mode that field is hidden in the editor, so it counts for nothing. Left empty, the
 * entry's `frequency` counts: with an expression as export mode n8n shows (and keeps) both.
 */
function foldIncrementalFrequency(flat: Record<string, unknown>): Record<string, unknown> {
	const { [INCREMENTAL_FREQUENCY]: incremental, ...rest } = flat;
	if (
		incremental !== undefined &&
		incremental !== '' &&
		rest.exportMode === 'FIRST_FULL_THEN_INCREMENTAL'
	) {
		rest.frequency = incremental;
	}
	return rest;
}

/**
 * Turns user input into the selector Adobe stores, refusing every combination the Flow Service
 * would refuse. `field` prefixes the parameter path so errors name the exact entry.
 */
export function buildAudienceSelector(input: AudienceInput, field: string): SegmentSelector {
	const id = requireUuid(input.id, `${field}.id`, 'Audience ID', AUDIENCE_ID_KIND);
	const name = optionalString(input.name, `${field}.name`, 'Audience name');
	const exportMode = optionalString(input.exportMode, `${field}.exportMode`, 'Export mode');
	const value: SegmentSelectorValue = { id };
	if (name !== undefined) value.name = name;
	if (exportMode === undefined) {
		const stray = BATCH_FIELDS.find(
			(key) => optionalString(input[key], `${field}.${key}`, key) !== undefined,
		);
		if (stray) {
			inputError(
				`${field}.exportMode`,
				`Export mode is required when ${stray} is set (batch destinations); leave all export settings empty for a streaming destination`,
			);
		}
		return { type: 'PLATFORM_SEGMENT', value };
	}
	return {
		type: 'PLATFORM_SEGMENT',
		value: { ...value, ...batchSettings(input, exportMode, field) },
	};
}

function batchSettings(
	input: AudienceInput,
	exportMode: string,
	field: string,
): Partial<SegmentSelectorValue> {
	// Own keys only: "toString" or "constructor" must be refused, not found on the prototype.
	const frequencies = Object.hasOwn(FREQUENCIES_BY_EXPORT_MODE, exportMode)
		? FREQUENCIES_BY_EXPORT_MODE[exportMode]
		: undefined;
	if (!frequencies) {
		inputError(
			`${field}.exportMode`,
			`Export mode "${exportMode}" is not one of ${EXPORT_MODES.join(', ')}`,
		);
	}
	const frequency = optionalString(input.frequency, `${field}.frequency`, 'Frequency');
	if (frequency === undefined)
		inputError(`${field}.frequency`, `Frequency is required with export mode ${exportMode}`);
	if (!frequencies.includes(frequency)) {
		inputError(
			`${field}.frequency`,
			`Frequency "${frequency}" is not allowed with export mode ${exportMode}; use one of ${frequencies.join(', ')}`,
		);
	}
	const triggerType = optionalString(input.triggerType, `${field}.triggerType`, 'Trigger type');
	if (triggerType !== undefined) {
		if (!TRIGGER_TYPES.includes(triggerType)) {
			inputError(
				`${field}.triggerType`,
				`Trigger type "${triggerType}" is not one of ${TRIGGER_TYPES.join(', ')}`,
			);
		}
		if (exportMode !== 'DAILY_FULL_EXPORT') {
			inputError(
				`${field}.triggerType`,
				`Trigger type applies only to export mode DAILY_FULL_EXPORT, not ${exportMode}`,
			);
		}
	}
	const startDate = requireDate(input.startDate, `${field}.startDate`, 'Start date');
	const endDate = optionalString(input.endDate, `${field}.endDate`, 'End date');
	if (endDate !== undefined) {
		if (exportMode === 'DAILY_FULL_EXPORT' && frequency === 'ONCE') {
			inputError(
				`${field}.endDate`,
				'End date does not apply to a one-time export (DAILY_FULL_EXPORT with frequency ONCE); leave it empty',
			);
		}
		requireDate(endDate, `${field}.endDate`, 'End date');
		if (endDate <= startDate) {
			inputError(
				`${field}.endDate`,
				`End date ${endDate} must be after start date ${startDate} (the end date itself is not exported)`,
			);
		}
	}
	const startTime = scheduleStartTime(input.startTime, triggerType, `${field}.startTime`);
	const filenameTemplate = fileNameTemplate(input.filenameTemplate, `${field}.filenameTemplate`);

	const schedule: SegmentSelectorValue['schedule'] = { startDate, frequency };
	if (triggerType !== undefined) schedule.triggerType = triggerType;
	if (endDate !== undefined) schedule.endDate = endDate;
	if (startTime !== undefined) schedule.startTime = startTime;
	return { filenameTemplate, exportMode, schedule };
}

function requireDate(raw: unknown, field: string, label: string): string {
	const value = optionalString(raw, field, label);
	if (value === undefined)
		inputError(field, `${label} is required for a batch export (YYYY-MM-DD)`);
	if (!isIsoDate(value))
		inputError(field, `${label} "${value}" is not a real date in YYYY-MM-DD form`);
	return value;
}

function scheduleStartTime(
	raw: unknown,
	triggerType: string | undefined,
	field: string,
): string | undefined {
	const startTime = optionalString(raw, field, 'Start time');
	if (triggerType === 'AFTER_SEGMENT_EVAL') {
		if (startTime !== undefined) {
			inputError(
				field,
				'Start time must be empty with trigger type AFTER_SEGMENT_EVAL: the export runs right after audience evaluation',
			);
		}
		return undefined;
	}
	if (startTime === undefined)
		inputError(field, 'Start time is required for a scheduled batch export (HH:00, UTC)');
	if (!isHourTime(startTime)) {
		inputError(
			field,
			`Start time "${startTime}" must be a whole hour in 24-hour HH:00 form, UTC (for example 20:00)`,
		);
	}
	return startTime;
}

function fileNameTemplate(raw: unknown, field: string): string {
	const template = optionalString(raw, field, 'File name template') ?? DEFAULT_FILENAME_TEMPLATE;
	if (template.length > 255)
		inputError(field, `File name template is ${template.length} characters long; the limit is 255`);
	return template;
}

/**
 * Legacy (profile selector) flows need %DESTINATION_NAME% and %SEGMENT_ID% in every template; flows
 * built on a Data Prep profileMapping use other macros (%DESTINATION%), all optional. So the rule
 * is checked against the flow, by the planner.
 */
export function checkLegacyFileNameTemplate(selector: SegmentSelector, field: string): void {
	const template = selector.value.filenameTemplate;
	if (template === undefined) return;
	const missing = REQUIRED_MACROS.filter((macro) => !template.includes(macro));
	if (missing.length > 0)
		inputError(
			`${field}.filenameTemplate`,
			`File name template must contain ${missing.join(' and ')}`,
		);
}
