// Faults for the next N requests that match a method and a path pattern.
import { randomUUID } from 'node:crypto';

export const FAULT_TYPES = [
	'latency',
	'error',
	'reset',
	'concurrentWrite',
	'expireTokens',
] as const;
export type FaultType = (typeof FAULT_TYPES)[number];
export const FAULT_STATUSES = [429, 500, 503, 504] as const;

export interface FaultSpec {
	type: FaultType;
	/** HTTP method to match (any when omitted). */
	method?: string;
	/** Path pattern without query: `*` matches within one segment, `**` across segments (any path when omitted). */
	path?: string;
	/** How many matching requests the fault affects (default 1). */
	count?: number;
	/** latency: milliseconds added before the request is handled. */
	latencyMs?: number;
	/** error: 429, 500, 503 or 504. */
	status?: number;
	/** error 429: Retry-After header value in seconds (default 1). */
	retryAfter?: number;
	/** error/reset: handle the request first (state changes), then fail the response. */
	after?: boolean;
}

export interface Fault extends FaultSpec {
	id: string;
	remaining: number;
}

interface ActiveFault extends Fault {
	regex: RegExp;
}

export function patternToRegex(pattern: string): RegExp {
	let out = '';
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i];
		if (c === '*') {
			if (pattern[i + 1] === '*') {
				out += '.*';
				i++;
			} else {
				out += '[^/]*';
			}
		} else {
			out += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
		}
	}
	return new RegExp(`^${out}/?$`);
}

/** Returns an error message when the spec is not usable. */
export function checkFaultSpec(spec: FaultSpec): string | undefined {
	if (!FAULT_TYPES.includes(spec.type)) return `type must be one of ${FAULT_TYPES.join(', ')}`;
	if (spec.count !== undefined && !(Number.isInteger(spec.count) && spec.count > 0))
		return 'count must be a positive integer';
	if (spec.path !== undefined && (typeof spec.path !== 'string' || !spec.path.startsWith('/')))
		return 'path must be a pattern starting with "/"';
	if (spec.type === 'latency' && !(typeof spec.latencyMs === 'number' && spec.latencyMs >= 0))
		return 'latency needs latencyMs >= 0';
	if (
		spec.type === 'error' &&
		!FAULT_STATUSES.includes(spec.status as (typeof FAULT_STATUSES)[number])
	)
		return `error needs status ${FAULT_STATUSES.join(', ')}`;
	return undefined;
}

export class FaultInjector {
	private faults: ActiveFault[] = [];

	add(spec: FaultSpec): Fault {
		const fault: ActiveFault = {
			...spec,
			method: spec.method?.toUpperCase(),
			id: randomUUID(),
			remaining: spec.count ?? 1,
			regex: patternToRegex(spec.path ?? '/**'),
		};
		this.faults.push(fault);
		return this.view(fault);
	}

	/** Consumes one use of every fault that matches this request. */
	take(method: string, path: string): Fault[] {
		if (this.faults.length === 0) return [];
		const hit: Fault[] = [];
		for (const f of this.faults) {
			if (f.method && f.method !== method) continue;
			if (!f.regex.test(path)) continue;
			f.remaining--;
			hit.push(this.view(f));
		}
		if (hit.length) this.faults = this.faults.filter((f) => f.remaining > 0);
		return hit;
	}

	list(): Fault[] {
		return this.faults.map((f) => this.view(f));
	}

	clear(): void {
		this.faults = [];
	}

	private view(f: ActiveFault): Fault {
		const { regex: _regex, ...rest } = f;
		return { ...rest };
	}
}
