import type { IncomingHttpHeaders } from 'node:http';

export type JsonObject = { [key: string]: unknown };

/** What every Flow Service entity has: an id, its sandbox, an etag and timestamps. */
export interface SandboxEntity extends JsonObject {
	id: string;
	etag: string;
	version: string;
	sandboxName: string;
	createdAt: number;
	updatedAt: number;
}

/** A flow as Flow Service returns it; only the fields the emulator relies on are typed. */
export interface Flow extends SandboxEntity {
	state: string;
}

/** A base, source or target connection as Flow Service returns it. */
export interface Connection extends SandboxEntity {
	name: string;
	connectionSpec: { id: string; version: string };
	state: string;
}

export interface Run extends JsonObject {
	id: string;
	flowId: string;
	sandboxName: string;
	createdAt: number;
	updatedAt: number;
}

/** What a handler answers; the server writes it (so faults can replace it after handling). */
export interface ApiResponse {
	status: number;
	headers?: Record<string, string>;
	/** Objects are sent as JSON; undefined means an empty body. */
	body?: unknown;
}

export interface RequestContext {
	requestId: string;
	method: string;
	/** Path without the query string, trailing slash removed. */
	path: string;
	/** Path and query as received. */
	rawUrl: string;
	query: URLSearchParams;
	/** Route parameters (decoded), e.g. `id` of `/flows/:id`. */
	params: Record<string, string>;
	headers: IncomingHttpHeaders;
	body: Buffer;
	receivedAt: number;
}

/** Settings that can change while the emulator runs (control surface). */
export interface EmulatorConfig {
	/** Added to every API request before it is handled. */
	latencyMs: number;
	/** When above 0, a PATCH leaves the flow "inProgress" this long; writes meanwhile are refused. */
	asyncUpdateMs: number;
	/** When true, a request without x-sandbox-name is refused (2105-400) instead of using prod. */
	requireSandboxHeader: boolean;
	/** How long an ad-hoc (Export now) run stays Processing before it ends (0: at the next request). */
	adhocRunMs: number;
	/** How an ad-hoc run ends: Success, or Failed to model a failing export. */
	adhocRunStatus: 'Success' | 'Failed';
}
