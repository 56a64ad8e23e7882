import { requireWholeNumber } from '../rules/scalars';

/** Limits for retrying transient failures; every field is a node option. */
export interface RetryPolicy {
	maxRetries: number;
	initialDelayMs: number;
	maxDelayMs: number;
	timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 3,
	initialDelayMs: 500,
	maxDelayMs: 30_000,
	timeoutMs: 30_000,
};

/** What the retry decision needs to know about a failed request. */
export interface FailureFacts {
	statusCode?: number;
	/** Adobe's error code, e.g. "1103-503" or "1420-400". */
	code?: string;
	/** Set when no answer came back: ECONNRESET, ETIMEDOUT, ECONNABORTED, … */
	networkCode?: string;
	retryAfter?: unknown;
}

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
/** Adobe refuses writes while an asynchronous update is still running; waiting is the cure. */
const BUSY_CODES = ['1416-400', '1420-400', '1421-400', '1457-400'];

export function isTransient(failure: FailureFacts): boolean {
	if (failure.networkCode !== undefined) return true;
	if (failure.statusCode !== undefined && RETRYABLE_STATUSES.has(failure.statusCode)) return true;
	return failure.code !== undefined && BUSY_CODES.some((code) => failure.code!.endsWith(code));
}

/**
 * Whether a failed write may have been applied. A 429 or a busy refusal was turned away at the door;
 * a 5xx, a reset or a timeout may have landed, so the flow has to be read again before anything else.
 */
export function outcomeUnknown(failure: FailureFacts): boolean {
	if (failure.networkCode !== undefined) return true;
	return failure.statusCode !== undefined && failure.statusCode >= 500;
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(value: unknown, now = Date.now()): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before retry number `attempt` (0-based): Adobe's Retry-After when given, else exponential
 * backoff with full jitter, capped. Undefined means "do not retry": the server asked for longer than allowed.
 */
export function retryDelayMs(
	failure: FailureFacts,
	attempt: number,
	policy: RetryPolicy,
	random = Math.random,
): number | undefined {
	const asked = retryAfterMs(failure.retryAfter);
	if (asked !== undefined) return asked <= policy.maxDelayMs ? asked : undefined;
	const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** The wait before conflict retry number `attempt` (0-based): full jitter, so racing writers spread out. */
export function conflictDelayMs(
	attempt: number,
	policy: RetryPolicy,
	random = Math.random,
): number {
	return Math.round(random() * Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** attempt));
}

/** The option that sets each limit, and the range it accepts. */
const RETRY_FIELDS: Array<[keyof RetryPolicy, string, number, number]> = [
	['maxRetries', 'maxRetries', 0, 10],
	['initialDelayMs', 'retryInitialDelay', 0, 60_000],
	['maxDelayMs', 'retryMaxDelay', 0, 600_000],
	['timeoutMs', 'requestTimeout', 1, 600_000],
];

/** The retry limits set in a node's `options` over the defaults; a bad one names `options.<param>`. */
export function retryPolicyFrom(options: Record<string, unknown>): RetryPolicy {
	const policy = { ...DEFAULT_RETRY_POLICY };
	for (const [key, param, min, max] of RETRY_FIELDS) {
		const value = options[param];
		if (value !== undefined) {
			policy[key] = requireWholeNumber(value, `options.${param}`, param, { min, max });
		}
	}
	return policy;
}
