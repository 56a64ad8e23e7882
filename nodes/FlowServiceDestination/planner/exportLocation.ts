import type { FlowConnection, SettingsSchema } from '../model/destination';
import { pointer } from '../model/jsonPointer';
import { stableJson } from '../model/stableJson';
import type { PatchOperation } from '../model/types';
import {
	applies,
	checkSettings,
	fileStorageParams,
	type FileStorageFields,
	type SettingsContext,
} from '../rules/exportSettings';

/** Where and how a dataflow's files land, as the output tells it. */
export interface ExportLocation {
	bucketName?: string;
	container?: string;
	folderPath?: string;
	fileType?: string;
	compression?: string;
	csvOptions?: Record<string, unknown>;
}

export interface ExportLocationPlan {
	operations: PatchOperation[];
	was: ExportLocation;
	is: ExportLocation;
	/** Target params taken off because they no longer apply (CSV options of JSON files). */
	removed: string[];
}

const FOLDER_KEYS = ['path', 'remotePath', 'folderPath'];

const sameJson = (a: unknown, b: unknown) => stableJson(a) === stableJson(b);

/** The location fields of a target connection's params; others (mode, manifest) are left out. */
export function locationOf(params: Record<string, unknown>): ExportLocation {
	const location: ExportLocation = {};
	const text = (key: string) => (typeof params[key] === 'string' ? params[key] : undefined);
	const folderKey = FOLDER_KEYS.find((key) => text(key) !== undefined);
	if (text('bucketName') !== undefined) location.bucketName = text('bucketName');
	if (text('container') !== undefined) location.container = text('container');
	if (folderKey) location.folderPath = text(folderKey);
	if (text('fileType') !== undefined) location.fileType = text('fileType');
	if (text('compression') !== undefined) location.compression = text('compression');
	if (typeof params.csvOptions === 'object' && params.csvOptions !== null) {
		location.csvOptions = params.csvOptions as Record<string, unknown>;
	}
	return location;
}

/**
 * The JSON Patch that changes only the given settings of a target connection, one `/params`
 * member each (Adobe's example replaces the whole `/params`, which would drop the rest if applied
 * literally). CSV options given are merged into the current ones; current CSV options that no
 * longer apply (the file type is no longer CSV) are removed. The changed settings are checked
 * against the destination's target spec first.
 */
export function planExportLocation(
	connection: FlowConnection,
	fields: FileStorageFields,
	schema: SettingsSchema | undefined,
	destination: string,
	/** The dataflow's flow spec: some settings apply only to audience or only to dataset exports. */
	context: SettingsContext = {},
): ExportLocationPlan {
	const current = connection.params ?? {};
	const wanted = fileStorageParams(fields, schema);
	if (wanted.csvOptions !== undefined && typeof current.csvOptions === 'object') {
		wanted.csvOptions = { ...(current.csvOptions as object), ...(wanted.csvOptions as object) };
	}
	const merged = { ...current, ...wanted };
	// Only the settings this edit sends are checked, against the connection as it will be.
	const declared = Object.keys(schema?.properties ?? {});
	const checked = Object.fromEntries(
		Object.entries(merged).filter(([key]) => key in wanted || declared.includes(key)),
	);
	const removed = declared.filter(
		(key) =>
			!(key in wanted) &&
			current[key] !== undefined &&
			!applies(schema!.properties![key], merged, context),
	);
	for (const key of removed) delete checked[key];
	checkSettings(checked, { ...schema, required: [] }, destination, context);

	const operations: PatchOperation[] = [];
	if (connection.params === undefined) {
		if (Object.keys(wanted).length > 0)
			operations.push({ op: 'add', path: '/params', value: wanted });
	} else {
		for (const [key, value] of Object.entries(wanted)) {
			if (sameJson(current[key], value)) continue;
			const op = current[key] === undefined ? 'add' : 'replace';
			operations.push({ op, path: pointer('params', key), value });
		}
		for (const key of removed) operations.push({ op: 'remove', path: pointer('params', key) });
	}
	const after = { ...merged };
	for (const key of removed) delete after[key];
	return { operations, was: locationOf(current), is: locationOf(after), removed };
}
