/**
 * The fields of the schedule and run-metric events, checked: each one is read only when its event
 * is selected (n8n hides it otherwise), and a bad value names the field as the editor labels it.
 */
import { inputError } from '../model/inputError';
import { describeType, requireWholeNumber } from '../rules/scalars';
import { DEFAULT_EVENT_SETTINGS, type EventSettings, type TriggerEventName } from './detection';

export const SETTING_LIMITS = {
	endingWithinDays: { min: 1, max: 365 },
	delayMinutes: { min: 1, max: 1440 },
	skippedPercent: { min: 0, max: 100 },
};

/** The node's parameter of each setting, and its label. */
export const SETTING_FIELDS = {
	endingWithinDays: { name: 'endingWithinDays', label: 'Days Before End' },
	delayMinutes: { name: 'runDelayMinutes', label: 'Delay (Minutes)' },
	skippedPercent: { name: 'skippedPercent', label: 'Skipped Share (%)' },
} as const;

export function eventSettingsFrom(
	read: (name: string, fallback: number) => unknown,
	selected: ReadonlySet<TriggerEventName>,
): EventSettings {
	const settings = { ...DEFAULT_EVENT_SETTINGS };
	const value = (key: keyof EventSettings) =>
		read(SETTING_FIELDS[key].name, DEFAULT_EVENT_SETTINGS[key]);
	if (selected.has('exportEndingSoon'))
		settings.endingWithinDays = wholeNumber(value('endingWithinDays'), 'endingWithinDays', 'days');
	if (selected.has('runDelayed'))
		settings.delayMinutes = wholeNumber(value('delayMinutes'), 'delayMinutes', 'minutes');
	if (selected.has('skippedRateExceeded'))
		settings.skippedPercent = percent(value('skippedPercent'));
	return settings;
}

function wholeNumber(raw: unknown, key: 'endingWithinDays' | 'delayMinutes', unit: string): number {
	const { name, label } = SETTING_FIELDS[key];
	return requireWholeNumber(raw, name, label, { ...SETTING_LIMITS[key], unit });
}

function percent(raw: unknown): number {
	const { name, label } = SETTING_FIELDS.skippedPercent;
	const { min, max } = SETTING_LIMITS.skippedPercent;
	if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < min || raw > max) {
		const shown = typeof raw === 'number' ? String(raw) : describeType(raw);
		inputError(name, `${label} must be a number from ${min} to ${max}, got ${shown}`);
	}
	return raw;
}
