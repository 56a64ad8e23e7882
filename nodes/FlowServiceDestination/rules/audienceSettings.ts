import { inputError } from '../model/inputError';
import {
	AUDIENCE_ID_KIND,
	EXPORT_MODES,
	flattenAudienceEntry,
	FREQUENCIES,
	SETTING_KEYS,
	TRIGGER_TYPES,
	type SettingKey,
} from './audiences';
import {
	choiceList,
	describeType,
	isHourTime,
	isIsoDate,
	optionalString,
	requireUuid,
	truncate,
} from './scalars';

/** The settings an update can set, as the fields of an audience entry name them. */
/** Optional schedule fields, which an update can also remove. */
export const REMOVABLE_KEYS = ['endDate', 'triggerType', 'startTime'] as const;

export type RemovableKey = (typeof REMOVABLE_KEYS)[number];

/** What one entry asks for: settings to set and optional ones to remove; the rest keep their values. */
export interface AudienceSettingsChange {
	id: string;
	/** Parameter path of the entry, for errors. */
	field: string;
	set: Partial<Record<SettingKey, string>>;
	remove: RemovableKey[];
}

/**
 * Checks one entry on its own (each value well formed, something to change). Whether the values
 * fit together is checked on the merged selector, once the flow is read.
 * JSON entries may be Get-style selectors; `null` removes an optional schedule field.
 */
export function parseSettingsChange(raw: unknown, field: string): AudienceSettingsChange {
	const entry = flattenAudienceEntry(raw, field);
	const id = requireUuid(entry.id, `${field}.id`, 'Audience ID', AUDIENCE_ID_KIND);
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

function removalList(raw: unknown, field: string): RemovableKey[] {
	const list = choiceList(raw);
	if (!list)
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
	if (key === 'exportMode') oneOf(EXPORT_MODES, 'Export mode');
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
