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
	buildAudienceSelector,
	checkLegacyFileNameTemplate,
	SETTING_KEYS,
	type AudienceInput,
	type SettingKey,
} from '../rules/audiences';
import { REMOVABLE_KEYS, type AudienceSettingsChange } from '../rules/audienceSettings';
import type { MissingPolicy } from '../rules/missingPolicy';
import { replaceOrSkip } from './syncAudiences';

export const SETTINGS_REASONS = {
	unchanged: 'already has these settings',
	missing: 'not on the dataflow',
} as const;

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
				const target = { transform, current: current[index], index };
				replaceOrSkip(target, updated, SETTINGS_REASONS.unchanged, { operations, skipped });
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
	// The ID stays as the dataflow spells it; only the settings come from the merged entry.
	Object.assign(value, { ...built.value, id: currentValue.id });
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
