// The parts of a file-based destination's target spec that every cloud storage card shares, as
// Adobe's file-based activation tutorial prints them: file type (audiences) or dataset file type
// (datasets), the CSV options and the compression. `conditional` is Adobe's own keyword: the
// field applies only when the condition holds (see targetParams.ts).
import type { JsonObject } from '../types';

const choice = (title: string, value: string) => ({ title, const: value });

const quoted = (title: string, description: string, options: JsonObject[], fallback: string) => ({
	title,
	description,
	type: 'string',
	oneOf: options,
	default: fallback,
});

const nullOptions = [choice('null', 'null'), choice('""', '""'), choice('Empty String', '')];

export const CSV_OPTIONS = {
	conditional: { field: 'fileType', operator: 'EQUALS', value: 'CSV' },
	title: 'CSV Options',
	description: 'Select your CSV options',
	type: 'object',
	properties: {
		quote: quoted(
			'Quote Character',
			'Select your Quote character',
			[choice('Double Quotes (")', '"'), choice('Null Character (\\)', '')],
			'',
		),
		escape: quoted(
			'Escape Character',
			'Select your Escape character',
			[choice('Back Slash (\\)', '\\'), choice("Single Quote (')", "'")],
			'\\',
		),
		delimiter: quoted(
			'Delimiter',
			'Select your Delimiter',
			[
				choice('Comma (,)', ','),
				choice('Tab (\\t)', '\t'),
				choice('Pipe (|)', '|'),
				choice('Semicolon (;)', ';'),
				choice('Colon (:)', ':'),
			],
			',',
		),
		nullValue: quoted(
			'Null Value',
			"Select the output value of 'null' fields",
			nullOptions,
			'null',
		),
		emptyValue: quoted('Empty Value', 'Select the output value of blank fields', nullOptions, ''),
	},
};

/** Properties of every file-based target spec, after the location fields. */
export const FILE_OPTIONS = {
	// Every request example of the tutorial sends `mode` and `includeFileManifest`; the printed
	// specs leave them out, so they are declared here (optional).
	mode: {
		title: 'Mode',
		description: 'How Experience Platform connects to the storage',
		type: 'string',
		enum: ['Server-to-server'],
	},
	includeFileManifest: {
		title: 'Include manifest file',
		description: 'Write a manifest file beside the exported files',
		type: 'boolean',
	},
	fileType: {
		conditional: {
			field: 'flowSpec.attributes._workflow',
			operator: 'NOT_CONTAINS',
			value: 'DATASETS',
		},
		title: 'File Type',
		description: 'Select file format',
		type: 'string',
		enum: ['CSV', 'JSON', 'PARQUET'],
	},
	datasetFileType: {
		conditional: {
			field: 'flowSpec.attributes._workflow',
			operator: 'CONTAINS',
			value: 'DATASETS',
		},
		title: 'File Type',
		description: 'Select file format',
		type: 'string',
		enum: ['JSON', 'PARQUET'],
	},
	csvOptions: CSV_OPTIONS,
	compression: {
		title: 'Compression format',
		description: 'Select the desired file compression format.',
		type: 'string',
		enum: ['NONE', 'GZIP'],
	},
};

/** Required after the location fields, as printed (the conditional ones only when they apply). */
export const FILE_REQUIRED = ['datasetFileType', 'compression', 'fileType'];

/** A file-based target spec: location fields first, then the shared options. */
export function fileTargetSpec(location: JsonObject, required: string[]): JsonObject {
	return {
		name: 'User based target',
		type: 'UserNamespace',
		spec: {
			$schema: 'http://json-schema.org/draft-07/schema#',
			type: 'object',
			properties: { ...location, ...FILE_OPTIONS },
			required: [...required, ...FILE_REQUIRED],
		},
	};
}

/** Optional PGP/GPG encryption of exported files (the tutorial's `encryption` specs). */
export const FILE_ENCRYPTION = [
	{
		name: 'File PGP/GPG Encryption',
		type: 'FileAsymmetric',
		spec: {
			$schema: 'http://json-schema.org/draft-07/schema#',
			description: "Defines parameters required for capturing user's inputs for encryption",
			type: 'object',
			properties: {
				publicKey: {
					description: 'Base64 encoded RSA public key',
					type: 'string',
					contentEncoding: 'base64',
				},
				encryptionAlgo: {
					description: 'Algorithm for encryption.',
					type: 'string',
					default: 'PGPGPG',
					enum: ['PGPGPG', 'NONE'],
				},
			},
			required: ['encryptionAlgo', 'publicKey'],
		},
	},
];

/** An auth spec entry: `{name, type, spec}` with a draft-07 object schema. */
export function authSpec(
	name: string,
	type: string,
	description: string,
	properties: JsonObject,
	required: string[],
): JsonObject {
	return {
		name,
		type,
		spec: {
			$schema: 'http://json-schema.org/draft-07/schema#',
			description,
			type: 'object',
			properties,
			required,
		},
	};
}

export const secret = (description: string, extra: JsonObject = {}) => ({
	description,
	type: 'string',
	format: 'password',
	...extra,
});
export const text = (description: string, extra: JsonObject = {}) => ({
	description,
	type: 'string',
	...extra,
});
