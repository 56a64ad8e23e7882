import { inputError } from '../model/inputError';
import { isUuid, truncate, UUID_PATTERN, UUID_REGEX } from './scalars';

/** Experience Platform UI links carry the dataflow ID after a ".../dataflow/" or ".../flows/" segment. */
export const FLOW_URL_REGEX = `^https?://.*?(?:dataflows?|flows?)(?:/|%2F|=)(${UUID_PATTERN})`;
export const FLOW_ID_REGEX = UUID_REGEX;

/**
 * Reads the dataflow chosen in the resource locator (or given by an expression as a plain string)
 * and returns a checked UUID, so nothing like "../x" or "a/b" ever reaches a URL path.
 */
export function flowIdFromLocator(raw: unknown, field = 'flowId'): string {
	const locator = (typeof raw === 'object' && raw !== null ? raw : { mode: 'id', value: raw }) as {
		mode?: string;
		value?: unknown;
	};
	const value = locator.value;
	if (typeof value !== 'string' || value.trim() === '')
		inputError(
			field,
			'Dataflow is required: send the dataflow ID (a UUID such as 226fb2e1-db69-4760-b67e-9e671e05abfc) or its Experience Platform URL, or pick one from the list',
		);
	const text = value.trim();
	if (isUuid(text)) return text.toLowerCase();
	const fromUrl = new RegExp(FLOW_URL_REGEX).exec(text);
	if (fromUrl) return fromUrl[1].toLowerCase();
	return inputError(
		field,
		`"${truncate(text)}" is not a dataflow ID (a UUID such as 226fb2e1-db69-4760-b67e-9e671e05abfc) or an Experience Platform dataflow URL`,
	);
}
