import { inputError } from '../model/inputError';
import {
	EXPORT_SETTINGS_FIELD,
	readFileStorageFields,
	settingsObject,
	type FileStorageFields,
} from './exportSettings';

/** Update Export Location's settings: the fields Create offers, at least one of them given. */
export function parseExportLocation(raw: unknown): FileStorageFields {
	const fields = readFileStorageFields(settingsObject(raw, EXPORT_SETTINGS_FIELD));
	const given = Object.values(fields).some((value) => value !== undefined);
	if (!given) {
		inputError(
			EXPORT_SETTINGS_FIELD,
			'Add at least one setting to change (Folder Path, Bucket Name, Container, File Type, Compression or a CSV option)',
		);
	}
	return fields;
}
