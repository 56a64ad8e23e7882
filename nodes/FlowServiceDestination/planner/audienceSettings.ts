import {
	buildAudienceSelector,
	checkLegacyFileNameTemplate,
	FREQUENCIES_BY_EXPORT_MODE,
	TRIGGER_TYPES,
	type AudienceInput,
} from '../rules/audiences';
import { InputError, inputError } from '../model/inputError';
import { requireGeneralTransform, segmentSelectors } from '../model/flowDocument';
import type {
	PatchOperation,
	Planner,
	SegmentSelector,
	SegmentSelectorValue,
	SkippedChange,
} from '../model/types';
import {
	describeType,
	isHourTime,
	isIsoDate,
	optionalString,
	requireUuid,
	truncate,
} from '../rules/scalars';
import type { MissingPolicy } from './audiences';
import { sameSettings } from './syncAudiences';

/** The settings an update can set, as the fields of an audience entry name them. */
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
/** Optional schedule fields, which an update can also remove. */
export const REMOVABLE_KEYS = ['endDate', 'triggerType', 'startTime'] as const;

export type SettingKey = (typeof SETTING_KEYS)[number];
export type RemovableKey = (typeof REMOVABLE_KEYS)[number];

/** What one entry asks for: settings to set and optional ones to remove; the rest keep their values. */
export interface AudienceSettingsChange {
	id: string;
	/** Parameter path of the entry, for errors. */
	field: string;
	set: Partial<Record<SettingKey, string>>;
	remove: RemovableKey[];
}

export const SETTINGS_REASONS = {
	unchanged: 'already has these settings',
	missing: 'not on the dataflow',
} as const;

const FREQUENCIES = [...new Set(Object.values(FREQUENCIES_BY_EXPORT_MODE).flat())];

/**
 * Checks one entry on its own (each value well formed, something to change). Whether the values
 * fit together is checked on the merged selector, once the flow is read.
 * JSON entries may be Get-style selectors; `null` removes an optional schedule field.
 */
export function parseSettingsChange(raw: unknown, field: string): AudienceSettingsChange {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
		inputError(field, `Each audience must be an object, got ${describeType(raw)}`);
	const entry = flatten(raw as Record<string, unknown>);
	const id = requireUuid(entry.id, `${field}.id`, 'Audience ID');
	const set: AudienceSettingsChange['set'] = {};
	const remove = new Set<RemovableKey>(removalList(entry.removeFields, `${field}.removeFields`));
	for (const key of SETTING_KEYS) {
		const value = entry[key];
		if (value === null) {
			if (!(REMOVABLE_KEYS as readonly string[]).includes(key))
				inputError(
					`${field}.${key}`,
					`${key} cannot be removed, only changed; leave it out to keep it`,
				);
			remove.add(key as RemovableKey);
			continue;
		}
		const text = optionalString(value, `${field}.${key}`, key);
		if (text === undefined) continue;
		checkValue(key, text, `${field}.${key}`);
		set[key] = text;
	}
	for (const key of remove) {
		if (set[key] !== undefined)
			inputError(`${field}.${key}`, `${key} is both set and removed; do one or the other`);
	}
	if (Object.keys(set).length === 0 && remove.size === 0) {
		inputError(
			field,
			`Nothing to change for audience ${id}: set at least one export setting, or remove one`,
		);
	}
	return { id, field, set, remove: REMOVABLE_KEYS.filter((key) => remove.has(key)) };
}

function flatten(entry: Record<string, unknown>): Record<string, unknown> {
	const value = entry.value as Record<string, unknown> | undefined;
	if (!value || typeof value !== 'object' || Array.isArray(value)) return entry;
	const schedule = (value.schedule ?? {}) as Record<string, unknown>;
	return {
		...value,
		...schedule,
		filenameTemplate: value.filenameTemplate ?? value.fileNameTemplate,
	};
}

function removalList(raw: unknown, field: string): RemovableKey[] {
	if (raw === undefined || raw === null || raw === '') return [];
	const list =
		typeof raw === 'string'
			? raw
					.split(',')
					.map((s) => s.trim())
					.filter(Boolean)
			: raw;
	if (!Array.isArray(list))
		inputError(field, `Expected a list of ${REMOVABLE_KEYS.join(', ')}, got ${describeType(raw)}`);
	return list.map((key) => {
		if (!(REMOVABLE_KEYS as readonly unknown[]).includes(key))
			inputError(
				field,
				`${JSON.stringify(key)} cannot be removed; only ${REMOVABLE_KEYS.join(', ')} can`,
			);
		return key as RemovableKey;
	});
}

function checkValue(key: SettingKey, value: string, field: string): void {
	const oneOf = (allowed: string[], label: string) => {
		if (!allowed.includes(value))
			inputError(field, `${label} "${truncate(value)}" is not one of ${allowed.join(', ')}`);
	};
	if (key === 'exportMode') oneOf(Object.keys(FREQUENCIES_BY_EXPORT_MODE), 'Export mode');
	else if (key === 'frequency') oneOf(FREQUENCIES, 'Frequency');
	else if (key === 'triggerType') oneOf(TRIGGER_TYPES, 'Trigger type');
	else if ((key === 'startDate' || key === 'endDate') && !isIsoDate(value))
		inputError(field, `${value} is not a real date in YYYY-MM-DD form`);
	else if (key === 'startTime' && !isHourTime(value))
		inputError(
			field,
			`Start time "${truncate(value)}" must be a whole hour in 24-hour HH:00 form, UTC (for example 20:00)`,
		);
	else if (key === 'filenameTemplate' && value.length > 255)
		inputError(field, `File name template is ${value.length} characters long; the limit is 255`);
}

/**
 * Changes the export settings of audiences already on the flow: each selector is replaced whole
 * (as Adobe requires) by the current one with the given settings merged in, checked like an add.
 * Replacements do not move indexes, so they can go in any order and with other items' changes.
 */
export function planUpdateAudienceSettings(
	changes: AudienceSettingsChange[],
	ifMissing: MissingPolicy,
	field: string,
): Planner {
	const seen = new Map<string, string>();
	for (const change of changes) {
		const first = seen.get(change.id);
		if (first)
			inputError(
				`${change.field}.id`,
				`Audience ${change.id} is listed twice (also at ${first}); give all its changes in one entry`,
			);
		seen.set(change.id, change.field);
	}
	return (flow) => {
		const transform = requireGeneralTransform(flow, field);
		const legacy = transform.params.profileMapping === undefined;
		const current = segmentSelectors(transform) ?? [];
		const operations: PatchOperation[] = [];
		const skipped: SkippedChange[] = [];
		for (const change of changes) {
			const indexes = current.flatMap((selector, index) =>
				typeof selector?.value?.id === 'string' && selector.value.id.toLowerCase() === change.id
					? [index]
					: [],
			);
			if (indexes.length === 0) {
				if (ifMissing === 'error')
					inputError(`${change.field}.id`, `Audience ${change.id} is not on dataflow ${flow.id}`);
				skipped.push({ target: `audience ${change.id}`, reason: SETTINGS_REASONS.missing });
				continue;
			}
			// A raw patch can leave one ID twice; every copy gets the same settings.
			for (const index of indexes) {
				const updated = applyChange(current[index], change, legacy);
				if (sameSettings(current[index].value, updated.value))
					skipped.push({
						target: `audience ${current[index].value.id}`,
						reason: SETTINGS_REASONS.unchanged,
					});
				else
					operations.push({
						op: 'replace',
						path: transform.path('segmentSelectors', 'selectors', index),
						value: updated,
					});
			}
		}
		return { operations, skipped };
	};
}

/** The selector with the change merged in, validated as a whole; Adobe's own fields are kept. */
export function applyChange(
	selector: SegmentSelector,
	change: AudienceSettingsChange,
	legacy: boolean,
): SegmentSelector {
	const currentValue = selector.value;
	const schedule = (currentValue.schedule ?? {}) as Record<string, unknown>;
	const merged: Record<string, unknown> = {
		id: currentValue.id,
		name: currentValue.name,
		exportMode: currentValue.exportMode,
		filenameTemplate: currentValue.filenameTemplate ?? currentValue.fileNameTemplate,
		frequency: schedule.frequency,
		triggerType: schedule.triggerType,
		startDate: schedule.startDate,
		endDate: schedule.endDate,
		startTime: schedule.startTime,
	};
	// Adobe stores SCHEDULED on incremental exports too; it is their default, not a setting to check.
	const impliedTrigger =
		merged.triggerType === 'SCHEDULED' && merged.exportMode === 'FIRST_FULL_THEN_INCREMENTAL';
	if (impliedTrigger) delete merged.triggerType;
	for (const key of change.remove) delete merged[key];
	Object.assign(merged, change.set);
	for (const key of Object.keys(merged))
		if (merged[key] === null || merged[key] === '') delete merged[key];

	let built: SegmentSelector;
	try {
		built = buildAudienceSelector(merged as AudienceInput, change.field);
		if (legacy) checkLegacyFileNameTemplate(built, change.field);
	} catch (error) {
		throw explainCurrentValue(error, change, merged);
	}

	const value: SegmentSelectorValue = { ...currentValue };
	for (const key of ['name', 'exportMode', 'filenameTemplate', 'fileNameTemplate', 'schedule'])
		delete value[key];
	const { id: _, ...settings } = built.value;
	Object.assign(value, settings);
	const kept =
		impliedTrigger &&
		change.set.triggerType === undefined &&
		!change.remove.includes('triggerType') &&
		value.exportMode === 'FIRST_FULL_THEN_INCREMENTAL';
	if (kept && value.schedule) value.schedule = { ...value.schedule, triggerType: 'SCHEDULED' };
	return { type: selector.type ?? 'PLATFORM_SEGMENT', value };
}

/** A rule broken by a value the user did not give is the flow's current value: say so, and how to fix it. */
function explainCurrentValue(
	error: unknown,
	change: AudienceSettingsChange,
	merged: Record<string, unknown>,
): unknown {
	if (!(error instanceof InputError) || !error.field.startsWith(`${change.field}.`)) return error;
	const key = error.field.slice(change.field.length + 1) as SettingKey;
	if (change.set[key] !== undefined || !(SETTING_KEYS as readonly string[]).includes(key))
		return error;
	if (merged[key] === undefined)
		return new InputError(
			error.field,
			`${error.message} (the dataflow has no ${key} for this audience: set one)`,
			error.hint,
		);
	const fix = (REMOVABLE_KEYS as readonly string[]).includes(key)
		? 'set another value or remove it'
		: 'set another value';
	return new InputError(
		error.field,
		`${error.message} (the dataflow's current ${key}: ${fix})`,
		error.hint,
	);
}
