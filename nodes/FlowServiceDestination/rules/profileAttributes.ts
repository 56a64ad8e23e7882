import { inputError } from '../model/inputError';
import { describeType, optionalString, readBoolean, requireString, truncate } from './scalars';

export interface ProfileAttributeInput {
	path: string;
	identityNamespace?: string;
	mandatory: boolean;
	deduplicationKey: boolean;
}

export interface RawProfileAttribute {
	path?: unknown;
	identityNamespace?: unknown;
	mandatory?: unknown;
	deduplicationKey?: unknown;
}

/**
 * XDM paths are dotted names; "/" and "~" are legal characters here and are escaped whenever
 * a path ends up inside a JSON Pointer, so only blank, spaced or oversized paths are refused.
 */
export function buildProfileAttribute(entry: unknown, field: string): ProfileAttributeInput {
	if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
		inputError(field, `Each attribute must be an object, got ${describeType(entry)}`);
	}
	const raw = entry as RawProfileAttribute;
	const path = requireString(raw.path, `${field}.path`, 'Attribute path');
	if (/\s/.test(path))
		inputError(`${field}.path`, `Attribute path "${truncate(path)}" must not contain spaces`);
	if (path.length > 512)
		inputError(`${field}.path`, 'Attribute path is longer than 512 characters');
	const identityNamespace = optionalString(
		raw.identityNamespace,
		`${field}.identityNamespace`,
		'Identity namespace',
	);
	if (identityNamespace !== undefined && !/^[A-Za-z0-9_.-]+$/.test(identityNamespace)) {
		inputError(
			`${field}.identityNamespace`,
			`Identity namespace "${truncate(identityNamespace)}" may hold only letters, digits, ".", "_" and "-"`,
		);
	}
	return {
		path,
		identityNamespace,
		mandatory: readBoolean(raw.mandatory, `${field}.mandatory`),
		deduplicationKey: readBoolean(raw.deduplicationKey, `${field}.deduplicationKey`),
	};
}
