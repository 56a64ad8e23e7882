import { inputError } from '../model/inputError';

/** The one UUID pattern: unanchored, for building others (a URL that carries an ID). */
export const UUID_PATTERN =
	'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** A whole value that is a UUID, as the editor's resource-locator validation takes it. */
export const UUID_REGEX = `^${UUID_PATTERN}$`;
const UUID = new RegExp(UUID_REGEX);

export function isUuid(value: string): boolean {
	return UUID.test(value);
}

/**
 * A switch: empty means `fallback`; the text "true" or "false" counts, as an expression may give
 * it; anything else is refused.
 */
export function readBoolean(value: unknown, field: string, fallback = false): boolean {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	return inputError(field, `Must be true or false, got ${describeType(value)}`);
}

/**
 * A whole number from `min` to `max`; `digits` also takes it written as text ("12"), as parameters
 * filled by an expression or typed into a text field hold it.
 */
export function requireWholeNumber(
	value: unknown,
	field: string,
	label: string,
	range: { min: number; max?: number; digits?: boolean; unit?: string },
): number {
	const { min, max = Infinity, digits = false, unit } = range;
	const number =
		digits && typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		const bounds = max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`;
		const what = unit ? `a whole number of ${unit}` : 'a whole number';
		inputError(field, `${label} must be ${what} ${bounds}, got ${JSON.stringify(value)}`);
	}
	return number;
}

/** Reads a trimmed string, rejecting values that are not strings (e.g. an expression that resolved to an object). */
export function requireString(value: unknown, field: string, label: string): string {
	if (value === undefined || value === null) inputError(field, `${label} is required`);
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string') {
		inputError(field, `${label} must be text, got ${describeType(value)}`);
	}
	const trimmed = value.trim();
	if (trimmed === '') inputError(field, `${label} is required`);
	return trimmed;
}

export function optionalString(value: unknown, field: string, label: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return requireString(value, field, label);
}

/**
 * The value of a resource locator ({__rl, mode, value}), or the value itself: parameters that became
 * pickers still accept the plain strings and expressions older workflows hold.
 */
export function locatorValue(value: unknown): unknown {
	if (typeof value === 'object' && value !== null && !Array.isArray(value) && '__rl' in value)
		return (value as { value?: unknown }).value;
	return value;
}

export function requireUuid(
	value: unknown,
	field: string,
	label: string,
	kind = 'a valid ID',
): string {
	const text = requireString(locatorValue(value), field, label);
	if (!isUuid(text)) {
		inputError(
			field,
			`${label} "${truncate(text)}" is not ${kind} (expected a UUID such as 226fb2e1-db69-4760-b67e-9e671e05abfc)`,
		);
	}
	return text.toLowerCase();
}

/** A real calendar date in YYYY-MM-DD form (2025-02-30 is refused). */
export function isIsoDate(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

export function isHourTime(value: string): boolean {
	return /^([01]\d|2[0-3]):00$/.test(value);
}

/**
 * The values a multi-choice field holds: its list, or comma-separated text as an expression may
 * give it; none when empty; undefined when it is neither (the caller names the field).
 */
export function choiceList(raw: unknown): unknown[] | undefined {
	if (raw === undefined || raw === null || raw === '') return [];
	if (typeof raw === 'string') {
		return raw
			.split(',')
			.map((entry) => entry.trim())
			.filter(Boolean);
	}
	return Array.isArray(raw) ? raw : undefined;
}

/** Accepts a list as an array or as comma/newline separated text, as users type it. */
export function toList(value: unknown, field: string, label: string): string[] {
	if (value === undefined || value === null || value === '') return [];
	const raw = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(/[,\n]/)
			: undefined;
	if (!raw)
		inputError(
			field,
			`${label} must be a list or comma-separated text, got ${describeType(value)}`,
		);
	// Blank entries come from trailing newlines or a comma at a line end; they carry no meaning.
	const entries = raw.filter((entry) => !(typeof entry === 'string' && entry.trim() === ''));
	return entries.map((entry, index) => requireString(entry, field, `${label} entry ${index + 1}`));
}

export function describeType(value: unknown): string {
	if (value === null || value === undefined) return String(value);
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

export function truncate(text: string, max = 80): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}
