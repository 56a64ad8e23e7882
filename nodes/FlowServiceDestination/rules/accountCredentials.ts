import { inputError } from '../model/inputError';

/** Where errors about credentials point: the Credentials collection. */
export const CREDENTIALS_FIELD = 'authParams';

/** The credential fields the node offers: the auth param each sets, and its label. */
export const CREDENTIAL_FIELDS: Record<string, string> = {
	s3AccessKey: 'Access Key ID',
	s3SecretKey: 'Secret Access Key',
	password: 'Password',
	sshKey: 'SSH Key',
	connectionString: 'Connection String',
};

/** A param as the editor labels it, or its own name. */
export const credentialLabel = (param: string) => CREDENTIAL_FIELDS[param] ?? param;

/** A value's kind, never the value: these are secrets. */
function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * The credentials given (empty ones left out), each text; at least one. Errors name the field and
 * the kind of a bad value, never the value.
 */
export function parseCredentials(raw: unknown): Record<string, string> {
	const given: Record<string, string> = {};
	const fields = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
	for (const [param, label] of Object.entries(CREDENTIAL_FIELDS)) {
		const value = fields[param];
		if (value === undefined || value === '') continue;
		if (typeof value !== 'string') {
			inputError(`${CREDENTIALS_FIELD}.${param}`, `${label} must be text, got ${kindOf(value)}`);
		}
		const trimmed = value.trim();
		if (trimmed === '') inputError(`${CREDENTIALS_FIELD}.${param}`, `${label} is blank`);
		given[param] = trimmed;
	}
	if (Object.keys(given).length === 0) {
		inputError(
			CREDENTIALS_FIELD,
			`Add the credentials to set (${Object.values(CREDENTIAL_FIELDS).join(', ')})`,
		);
	}
	return given;
}
