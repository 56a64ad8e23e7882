import type { ConnectionSpec, DestinationAccount, SettingsSchema } from '../model/destination';
import { inputError } from '../model/inputError';
import type { PatchOperation } from '../model/types';
import { CREDENTIALS_FIELD, credentialLabel } from '../rules/accountCredentials';

/** One way to authenticate a destination (`authSpec[]` of its connection spec). */
interface AuthEntry {
	name: string;
	spec: SettingsSchema;
}

export interface CredentialsPlan {
	operations: PatchOperation[];
	/** The auth spec the account uses after the edit, and before it. */
	authType: string;
	previousAuthType: string | null;
	/** Names of the params set from the fields, and of those kept from the account. */
	updated: string[];
	kept: string[];
}

const record = (value: unknown): Record<string, unknown> =>
	typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

function authEntries(spec: ConnectionSpec): AuthEntry[] {
	const entries = Array.isArray(spec.authSpec) ? spec.authSpec : [];
	return entries
		.map(record)
		.filter((entry) => typeof entry.name === 'string')
		.map((entry) => ({ name: entry.name as string, spec: record(entry.spec) as SettingsSchema }));
}

const isSecret = (property: SettingsSchema | undefined) => property?.format === 'password';

/**
 * The credentials edit of an account: the auth spec that takes every given param (the account's
 * own when it does), the given params checked against it, and its other params kept from the
 * account when they are no secrets (Adobe answers secrets masked, and replaces every param at
 * once, so a secret the auth spec requires has to be given). Errors never carry a value.
 */
export function planCredentials(
	account: DestinationAccount,
	spec: ConnectionSpec,
	given: Record<string, string>,
): CredentialsPlan {
	const destination = spec.name ?? 'The destination';
	const entries = authEntries(spec);
	if (entries.length === 0) {
		inputError(CREDENTIALS_FIELD, `${destination} accounts have no credentials to update`);
	}
	const auth = record(account.auth);
	const current = typeof auth.specName === 'string' ? auth.specName : null;
	const takesAll = (entry: AuthEntry) =>
		Object.keys(given).every((param) => param in (entry.spec.properties ?? {}));
	const fitting = entries.filter(takesAll);
	const chosen = fitting.find((entry) => entry.name === current) ?? fitting[0];
	if (!chosen) {
		const unknown = Object.keys(given).find((param) =>
			entries.every((entry) => !(param in (entry.spec.properties ?? {}))),
		);
		const ways = entries
			.map(
				(entry) =>
					`${entry.name} (${Object.keys(entry.spec.properties ?? {})
						.map(credentialLabel)
						.join(', ')})`,
			)
			.join('; ');
		inputError(
			unknown ? `${CREDENTIALS_FIELD}.${unknown}` : CREDENTIALS_FIELD,
			unknown
				? `${destination} takes no ${credentialLabel(unknown)}; its credentials are ${ways}`
				: `No one way of signing in to ${destination} takes all of ${Object.keys(given).map(credentialLabel).join(', ')}; its credentials are ${ways}`,
		);
	}
	const properties = chosen.spec.properties ?? {};
	for (const [param, value] of Object.entries(given)) {
		const pattern = properties[param].pattern;
		if (typeof pattern === 'string' && !new RegExp(pattern).test(value)) {
			inputError(
				`${CREDENTIALS_FIELD}.${param}`,
				`${credentialLabel(param)} does not have the form ${destination} requires (${chosen.name})`,
			);
		}
	}
	const currentParams = record(auth.params);
	const kept = Object.keys(properties).filter(
		(param) =>
			!(param in given) && !isSecret(properties[param]) && currentParams[param] !== undefined,
	);
	const params: Record<string, unknown> = { ...given };
	for (const param of kept) params[param] = currentParams[param];
	const missing = (chosen.spec.required ?? []).filter((param) => params[param] === undefined);
	if (missing.length > 0) {
		inputError(
			CREDENTIALS_FIELD,
			`${chosen.name} of ${destination} needs ${missing.map(credentialLabel).join(', ')} as well: Adobe replaces all credentials of an account at once`,
		);
	}
	const operations: PatchOperation[] =
		current === chosen.name
			? [{ op: 'add', path: '/auth/params', value: params }]
			: [
					{
						op: account.auth === undefined ? 'add' : 'replace',
						path: '/auth',
						value: { specName: chosen.name, params },
					},
				];
	return {
		operations,
		authType: chosen.name,
		previousAuthType: current,
		updated: Object.keys(given),
		kept,
	};
}
