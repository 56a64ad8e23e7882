import { AUDIENCE_ID_KIND, SETTING_KEYS, type AudienceInput } from './audiences';
import { inputError } from '../model/inputError';
import { flowIdFromLocator } from './flowLocator';
import { describeType, requireUuid } from './scalars';

/**
 * "Map Input Fields Automatically": each input item is one assignment, read straight from its
 * JSON. Errors name the field as `$json.<key>` so the node reports it as an input field.
 */
export const INPUT_FIELD_PREFIX = '$json';

export const DEFINE_BELOW = 'defineBelow';
export const AUTO_MAP = 'autoMapInputData';

/** Whether Input Data Mode maps input fields (true) or takes the parameters below (false). */
export function mapsInputFields(mode: unknown): boolean {
	if (mode === DEFINE_BELOW) return false;
	if (mode !== AUTO_MAP) {
		inputError(
			'dataMode',
			`Input Data Mode must be ${DEFINE_BELOW} or ${AUTO_MAP}, got ${JSON.stringify(mode)}`,
		);
	}
	return true;
}

/** How errors name an input item's field: `$json.<key>`. */
export function inputField(key: string): string {
	return `${INPUT_FIELD_PREFIX}.${key}`;
}

type ItemJson = Record<string, unknown>;

/** The dataflow an item names in `flowId`: a dataflow ID or an Experience Platform dataflow URL. */
export function mappedFlowId(json: ItemJson): string {
	const field = inputField('flowId');
	const value = present(json, 'flowId', 'its dataflow (ID or URL)');
	if (typeof value !== 'string')
		inputError(field, `flowId must be a dataflow ID or URL as text, got ${describeType(value)}`);
	return flowIdFromLocator(value, field);
}

export function mappedAudienceId(json: ItemJson): string {
	return requireUuid(
		present(json, 'audienceId', 'its audience ID'),
		inputField('audienceId'),
		'Audience ID',
		AUDIENCE_ID_KIND,
	);
}

function present(json: ItemJson, key: string, what: string): unknown {
	if (json[key] === undefined || json[key] === null) {
		inputError(
			inputField(key),
			`The input item has no ${key} field: with Map Input Fields Automatically every item names ${what} in ${key}`,
		);
	}
	return json[key];
}

/** The audience entry an item describes: `audienceId` plus any export settings it carries; other fields are ignored. */
export function mappedAudienceEntry(json: ItemJson): AudienceInput {
	const entry: AudienceInput = { id: mappedAudienceId(json) };
	// The template in either spelling Adobe uses, as everywhere an audience entry is read.
	const fields: ItemJson = {
		...json,
		filenameTemplate: json.filenameTemplate ?? json.fileNameTemplate,
	};
	for (const key of SETTING_KEYS) {
		if (fields[key] !== undefined && fields[key] !== null) entry[key] = fields[key];
	}
	return entry;
}
