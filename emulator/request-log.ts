// A bounded log of API requests for tests: secrets are redacted before storage.
import type { IncomingHttpHeaders } from 'node:http';

export interface LoggedRequest {
	requestId: string;
	time: string;
	method: string;
	/** Path and query as received. */
	path: string;
	headers: Record<string, string>;
	/** Parsed JSON, a redacted form string, or undefined when empty. */
	body?: unknown;
	/** HTTP status sent; 0 when the connection was reset instead. */
	status: number;
	/** The x-sandbox-name header as sent (null when absent). */
	sandbox: string | null;
	durationMs: number;
	/** Fault types applied to this request. */
	faults?: string[];
}

const REDACTED = '***';
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);
const SECRET_FIELDS = new Set([
	'client_secret',
	'access_token',
	'refresh_token',
	'token',
	'password',
	'secret',
	// Connection secrets, as the connection specs' auth specs name them.
	's3secretkey',
	's3role',
	'secretkey',
	'secretaccesskey',
	'sshkey',
	'connectionstring',
	'serviceprincipalkey',
	'saskey',
	'sastoken',
	'accountkey',
	'privatekey',
	'passphrase',
	'clientsecret',
]);

/** A JSON Patch operation whose path names a secret (`/auth/params/s3SecretKey`) carries it in `value`. */
function patchesSecret(op: Record<string, unknown>): boolean {
	if (typeof op.path !== 'string' || !('value' in op)) return false;
	return op.path
		.split('/')
		.some((segment) =>
			SECRET_FIELDS.has(segment.replace(/~1/g, '/').replace(/~0/g, '~').toLowerCase()),
		);
}

const NAMES = [...SECRET_FIELDS].join('|');
const FORM_SECRET = new RegExp(`\\b(${NAMES})=[^&\\s]*`, 'gi');
const JSON_SECRET = new RegExp(`("(?:${NAMES})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
const SECRET_PATH = new RegExp(`"path"\\s*:\\s*"[^"]*/(?:${NAMES})"`, 'i');
const ANY_VALUE = /("value"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

/** A body that is not JSON (a malformed PATCH, say) may still hold secrets as form or JSON text. */
function redactText(text: string): string {
	const out = text.replace(FORM_SECRET, `$1=${REDACTED}`).replace(JSON_SECRET, `$1"${REDACTED}"`);
	return SECRET_PATH.test(out) ? out.replace(ANY_VALUE, `$1"${REDACTED}"`) : out;
}

export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		const text = Array.isArray(value) ? value.join(', ') : value;
		if (SECRET_HEADERS.has(name)) {
			// Keep the scheme so tests can still see "Bearer" was used.
			const space = text.indexOf(' ');
			out[name] = space > 0 ? `${text.slice(0, space)} ${REDACTED}` : REDACTED;
		} else {
			out[name] = text;
		}
	}
	return out;
}

function redactJson(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(redactJson);
	if (value && typeof value === 'object') {
		const secretValue = patchesSecret(value as Record<string, unknown>);
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value))
			out[k] =
				SECRET_FIELDS.has(k.toLowerCase()) || (secretValue && k === 'value')
					? REDACTED
					: redactJson(v);
		return out;
	}
	return value;
}

export function redactBody(body: Buffer, contentType: string | undefined): unknown {
	if (body.length === 0) return undefined;
	const text = body.toString('utf8');
	if (contentType?.includes('application/x-www-form-urlencoded')) {
		const params = new URLSearchParams(text);
		for (const key of [...params.keys()])
			if (SECRET_FIELDS.has(key.toLowerCase())) params.set(key, REDACTED);
		return params.toString();
	}
	try {
		return redactJson(JSON.parse(text));
	} catch {
		return redactText(text);
	}
}

/** What the server records on the hot path; redaction happens only when the log is read. */
export interface RawLogEntry {
	requestId: string;
	receivedAt: number;
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
	status: number;
	durationMs: number;
	faults?: string[];
}

function present(e: RawLogEntry): LoggedRequest {
	const sandbox = e.headers['x-sandbox-name'];
	const out: LoggedRequest = {
		requestId: e.requestId,
		time: new Date(e.receivedAt).toISOString(),
		method: e.method,
		path: e.path,
		headers: redactHeaders(e.headers),
		body: redactBody(e.body, e.headers['content-type']),
		status: e.status,
		sandbox: typeof sandbox === 'string' ? sandbox : null,
		durationMs: e.durationMs,
	};
	if (e.faults?.length) out.faults = e.faults;
	return out;
}

/** Fixed-capacity ring buffer: old entries fall off, memory stays bounded. */
export class RequestLog {
	private readonly entries: (RawLogEntry | undefined)[];
	private next = 0;
	private size = 0;

	constructor(readonly capacity = 10_000) {
		this.entries = new Array(capacity);
	}

	add(entry: RawLogEntry): void {
		this.entries[this.next] = entry;
		this.next = (this.next + 1) % this.capacity;
		if (this.size < this.capacity) this.size++;
	}

	/** Oldest first, secrets redacted. */
	list(): LoggedRequest[] {
		const out: LoggedRequest[] = [];
		const start = (this.next - this.size + this.capacity) % this.capacity;
		for (let i = 0; i < this.size; i++)
			out.push(present(this.entries[(start + i) % this.capacity] as RawLogEntry));
		return out;
	}

	clear(): void {
		this.entries.fill(undefined);
		this.next = 0;
		this.size = 0;
	}

	get length(): number {
		return this.size;
	}
}
