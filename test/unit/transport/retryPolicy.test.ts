import {
	conflictDelayMs,
	DEFAULT_RETRY_POLICY,
	isTransient,
	outcomeUnknown,
	retryAfterMs,
	retryDelayMs,
} from '@node/transport/retryPolicy';
import { requestOptionFields } from '@node/descriptions/options';

const policy = { maxRetries: 3, initialDelayMs: 100, maxDelayMs: 1000, timeoutMs: 5000 };

describe('retry policy', () => {
	it.each([429, 500, 502, 503, 504])('treats HTTP %i as transient', (statusCode) => {
		expect(isTransient({ statusCode })).toBe(true);
	});

	it.each([400, 401, 403, 404, 409, 412])('does not retry HTTP %i', (statusCode) => {
		expect(isTransient({ statusCode })).toBe(false);
	});

	it.each(['FLOW-1416-400', 'FLOW-1420-400', 'FLOW-1421-400', 'FLOW-1457-400'])(
		'waits out a flow busy updating (%s)',
		(code) => {
			expect(isTransient({ statusCode: 400, code })).toBe(true);
		},
	);

	it('treats a lost connection as transient and its outcome as unknown', () => {
		expect(isTransient({ networkCode: 'ECONNRESET' })).toBe(true);
		expect(outcomeUnknown({ networkCode: 'ECONNABORTED' })).toBe(true);
	});

	it('knows a 429 or a busy refusal was never applied, while a 5xx may have been', () => {
		expect(outcomeUnknown({ statusCode: 429 })).toBe(false);
		expect(outcomeUnknown({ statusCode: 400, code: 'FLOW-1420-400' })).toBe(false);
		expect(outcomeUnknown({ statusCode: 504 })).toBe(true);
		expect(outcomeUnknown({})).toBe(false);
	});

	it('reads Retry-After in seconds or as an HTTP date', () => {
		expect(retryAfterMs('2')).toBe(2000);
		expect(retryAfterMs(1.5)).toBe(1500);
		expect(retryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(
			10_000,
		);
		expect(retryAfterMs('Thu, 01 Jan 2026 00:00:00 GMT', Date.parse('2026-01-01T00:00:05Z'))).toBe(
			0,
		);
		expect(retryAfterMs('soon')).toBeUndefined();
		expect(retryAfterMs(undefined)).toBeUndefined();
	});

	it('honours Retry-After exactly, and refuses to wait longer than the max delay', () => {
		expect(retryDelayMs({ statusCode: 429, retryAfter: '1' }, 0, policy)).toBe(1000);
		expect(retryDelayMs({ statusCode: 429, retryAfter: '2' }, 0, policy)).toBeUndefined();
	});

	it('backs off exponentially with jitter between half and all of the capped ceiling', () => {
		expect(
			[0, 1, 2, 3, 4].map((attempt) => retryDelayMs({ statusCode: 503 }, attempt, policy, () => 0)),
		).toEqual([50, 100, 200, 400, 500]);
		expect(
			[0, 1, 2, 3, 4].map((attempt) => retryDelayMs({ statusCode: 503 }, attempt, policy, () => 1)),
		).toEqual([100, 200, 400, 800, 1000]);
	});

	it('waits a random share of a growing, capped window between conflict retries', () => {
		expect([0, 1, 2, 3, 4].map((attempt) => conflictDelayMs(attempt, policy, () => 1))).toEqual([
			100, 200, 400, 800, 1000,
		]);
		expect(conflictDelayMs(3, policy, () => 0.5)).toBe(400);
		expect(conflictDelayMs(3, policy, () => 0)).toBe(0);
	});

	it('offers node options whose defaults are the policy defaults', () => {
		const defaults = Object.fromEntries(
			requestOptionFields.map((field) => [field.name, field.default]),
		);
		expect(defaults).toEqual({
			maxRetries: DEFAULT_RETRY_POLICY.maxRetries,
			requestTimeout: DEFAULT_RETRY_POLICY.timeoutMs,
			retryInitialDelay: DEFAULT_RETRY_POLICY.initialDelayMs,
			retryMaxDelay: DEFAULT_RETRY_POLICY.maxDelayMs,
		});
	});
});
