import type { SettingsSchema } from '../model/destination';
import { inputError } from '../model/inputError';
import { describeType, optionalString } from './scalars';

/** Where errors about export settings point: the Export Settings collection. */
export const EXPORT_SETTINGS_FIELD = 'exportSettings';

/** The file-based cloud storage settings the node offers as fields (S3, SFTP, Blob, GCS, DLZ, ADLS). */
export interface FileStorageFields {
	bucketName?: string;
	container?: string;
	folderPath?: string;
	fileType?: string;
	compression?: string;
	csvOptions?: Record<string, string>;
}

export const FILE_TYPES = ['CSV', 'JSON', 'PARQUET'];
export const COMPRESSIONS = ['NONE', 'GZIP'];
const CSV_OPTIONS = ['delimiter', 'quote', 'escape', 'nullValue', 'emptyValue'];
/** SFTP keeps its folder in `remotePath`; the others in `path`. */
const FOLDER_KEYS = ['path', 'remotePath', 'folderPath'];

const declares = (schema: SettingsSchema | undefined, key: string) =>
	schema?.properties !== undefined && key in schema.properties;

/** A plain JSON object, or the error naming `field`. */
export function settingsObject(raw: unknown, field: string): Record<string, unknown> {
	let value = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return {};
		try {
			value = JSON.parse(raw);
		} catch (error) {
			inputError(field, `Not valid JSON: ${(error as Error).message}`);
		}
	}
	if (value === undefined || value === null) return {};
	if (typeof value !== 'object' || Array.isArray(value)) {
		inputError(field, `Must be a JSON object of settings, got ${describeType(value)}`);
	}
	return value as Record<string, unknown>;
}

/** Reads the collection's file storage fields; each text, or the error naming it. */
export function readFileStorageFields(raw: Record<string, unknown>): FileStorageFields {
	const text = (key: string, label: string) =>
		optionalString(raw[key], `${EXPORT_SETTINGS_FIELD}.${key}`, label);
	const choice = (key: string, label: string, allowed: string[]) => {
		const value = text(key, label)?.toUpperCase();
		if (value !== undefined && !allowed.includes(value)) {
			inputError(
				`${EXPORT_SETTINGS_FIELD}.${key}`,
				`${label} must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw[key])}`,
			);
		}
		return value;
	};
	const csvOptions: Record<string, string> = {};
	for (const key of CSV_OPTIONS) {
		const name = `csv${key[0].toUpperCase()}${key.slice(1)}`;
		const value = raw[name];
		if (value === undefined) continue;
		if (typeof value !== 'string') {
			inputError(`${EXPORT_SETTINGS_FIELD}.${name}`, `Must be text, got ${describeType(value)}`);
		}
		csvOptions[key] = value;
	}
	const fields: FileStorageFields = {
		bucketName: text('bucketName', 'Bucket Name'),
		container: text('container', 'Container'),
		folderPath: text('folderPath', 'Folder Path'),
		fileType: choice('fileType', 'File Type', FILE_TYPES),
		compression: choice('compression', 'Compression', COMPRESSIONS),
	};
	if (Object.keys(csvOptions).length > 0) fields.csvOptions = csvOptions;
	return fields;
}

/**
 * The target connection params the file storage fields stand for, named as the destination's
 * connection spec declares them (the folder is `remotePath` on SFTP, `path` elsewhere).
 */
export function fileStorageParams(
	fields: FileStorageFields,
	schema: SettingsSchema | undefined,
): Record<string, unknown> {
	const params: Record<string, unknown> = {};
	if (fields.bucketName !== undefined) params.bucketName = fields.bucketName;
	if (fields.container !== undefined) params.container = fields.container;
	if (fields.folderPath !== undefined) {
		const key = FOLDER_KEYS.find((candidate) => declares(schema, candidate)) ?? 'path';
		params[key] = fields.folderPath;
	}
	if (fields.fileType !== undefined) params.fileType = fields.fileType;
	if (fields.compression !== undefined) params.compression = fields.compression;
	if (fields.csvOptions !== undefined) params.csvOptions = fields.csvOptions;
	return params;
}

/** What a setting's `conditional` may depend on besides the other settings. */
export interface SettingsContext {
	/** The flow spec's attributes (`flowSpec.attributes._workflow`). */
	flowSpec?: { attributes?: Record<string, unknown> };
}

function conditionValue(
	field: string,
	params: Record<string, unknown>,
	context: SettingsContext,
): unknown {
	if (field.startsWith('flowSpec.')) {
		let value: unknown = context.flowSpec;
		for (const key of field.split('.').slice(1)) {
			value = (value as Record<string, unknown> | undefined)?.[key];
		}
		return value;
	}
	return params[field];
}

/**
 * Whether a setting applies: Adobe's `conditional` (EQUALS, NOT_EQUALS, CONTAINS, NOT_CONTAINS)
 * holds for these settings and flow spec; a condition on something unknown is taken to hold.
 */
export function applies(
	property: SettingsSchema,
	params: Record<string, unknown>,
	context: SettingsContext,
): boolean {
	const condition = property.conditional;
	if (!condition?.field) return true;
	const actual = conditionValue(condition.field, params, context);
	if (actual === undefined) return true;
	const text = String(actual);
	const wanted = String(condition.value);
	switch (condition.operator) {
		case 'EQUALS':
			return text === wanted;
		case 'NOT_EQUALS':
			return text !== wanted;
		case 'CONTAINS':
			return text.includes(wanted);
		case 'NOT_CONTAINS':
			return !text.includes(wanted);
		default:
			return true;
	}
}

/**
 * Fills what a destination's spec fixes for every dataflow (S3's `mode: "Server-to-server"`): a
 * declared setting that is not given, applies always (no `conditional`), and has a default or a
 * single allowed value.
 */
export function withSpecDefaults(
	params: Record<string, unknown>,
	schema: SettingsSchema | undefined,
): Record<string, unknown> {
	const filled = { ...params };
	for (const [key, property] of Object.entries(schema?.properties ?? {})) {
		if (filled[key] !== undefined || property.conditional) continue;
		if (property.default !== undefined) filled[key] = property.default;
		else if (property.enum?.length === 1) filled[key] = property.enum[0];
	}
	return filled;
}

const TYPE_OF: Record<string, (value: unknown) => boolean> = {
	string: (value) => typeof value === 'string',
	number: (value) => typeof value === 'number' && Number.isFinite(value),
	integer: (value) => Number.isInteger(value),
	boolean: (value) => typeof value === 'boolean',
	object: (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
	array: Array.isArray,
};

/** The values a setting allows: its `enum`, or the `const` of each `oneOf` choice. */
function allowedValues(property: SettingsSchema): unknown[] | undefined {
	if (property.enum) return property.enum;
	const consts = property.oneOf
		?.filter((choice) => 'const' in choice)
		.map((choice) => choice.const);
	return consts?.length ? consts : undefined;
}

/**
 * Checks export settings against what the destination's connection spec declares, before anything
 * is sent: every required setting that applies present, no setting it does not know or that does
 * not apply here, types, patterns and allowed values. A spec that declares nothing leaves the
 * settings to Adobe.
 */
export function checkSettings(
	params: Record<string, unknown>,
	schema: SettingsSchema | undefined,
	destination: string,
	context: SettingsContext = {},
	field = EXPORT_SETTINGS_FIELD,
	path = '',
): void {
	if (!schema?.properties) return;
	const properties = schema.properties;
	const known = Object.keys(properties).filter((key) => applies(properties[key], params, context));
	for (const key of schema.required ?? []) {
		const property = Object.prototype.hasOwnProperty.call(properties, key)
			? properties[key]
			: undefined;
		if (property && !applies(property, params, context)) continue;
		if (params[key] === undefined || params[key] === '') {
			inputError(field, `${destination} needs the export setting "${path}${key}"`);
		}
	}
	for (const [key, value] of Object.entries(params)) {
		// Own keys only: "constructor" or "__proto__" is no setting of any destination.
		const property = Object.prototype.hasOwnProperty.call(properties, key)
			? properties[key]
			: undefined;
		if (!property || !applies(property, params, context)) {
			inputError(
				field,
				`${destination} has no export setting "${path}${key}"${property ? ' for this dataflow' : ''}; it knows ${known.map((k) => path + k).join(', ')}`,
			);
		}
		const name = `Export setting "${path}${key}" of ${destination}`;
		const isType = property.type ? TYPE_OF[property.type] : undefined;
		if (isType && !isType(value)) {
			inputError(field, `${name} must be ${property.type}, got ${describeType(value)}`);
		}
		const allowed = allowedValues(property);
		if (allowed && !allowed.includes(value)) {
			inputError(
				field,
				`${name} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(value)}`,
			);
		}
		if (
			property.pattern &&
			typeof value === 'string' &&
			!new RegExp(property.pattern).test(value)
		) {
			inputError(field, `${name} "${value}" does not have the form the destination requires`);
		}
		if (property.type === 'object' && property.properties) {
			checkSettings(
				value as Record<string, unknown>,
				property,
				destination,
				context,
				field,
				`${path}${key}.`,
			);
		}
	}
}
