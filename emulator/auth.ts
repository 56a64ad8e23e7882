// IMS-issued tokens and the API gateway's header checks.
import { randomBytes, randomUUID } from 'node:crypto';
import { gatewayError } from './errors';
import type { ApiResponse, RequestContext } from './types';

export interface ClientConfig {
	clientId: string;
	clientSecret: string;
	/** The org the credential belongs to; defaults to the emulator's org. */
	orgId?: string;
}

export interface TokenRecord {
	clientId: string;
	orgId: string;
	issuedAt: number;
	/** Epoch ms; Infinity for the static token. */
	expiresAt: number;
}

export interface AuthSnapshot {
	tokens: [string, TokenRecord][];
	issuedCount: number;
}

function base64url(value: string | Buffer): string {
	return Buffer.from(value).toString('base64url');
}

export class AuthService {
	private readonly clients = new Map<string, Required<ClientConfig>>();
	private tokens = new Map<string, TokenRecord>();
	private staticToken?: string;
	private staticRecord?: TokenRecord;
	/** Tokens minted since start (Adobe throttles integrations that mint too many). */
	issuedCount = 0;
	/** Called when tokens change (persistence hooks in here). */
	onChange: () => void = () => {};

	constructor(
		clients: ClientConfig[],
		readonly orgId: string,
		public tokenTtlSeconds: number,
		staticToken: { token: string; clientId: string } | null,
	) {
		for (const c of clients) this.clients.set(c.clientId, { orgId, ...c });
		if (staticToken) {
			const client = this.clients.get(staticToken.clientId);
			this.staticToken = staticToken.token;
			this.staticRecord = {
				clientId: staticToken.clientId,
				orgId: client?.orgId ?? orgId,
				issuedAt: 0,
				expiresAt: Infinity,
			};
		}
	}

	client(clientId: string): Required<ClientConfig> | undefined {
		return this.clients.get(clientId);
	}

	/** Shaped like IMS's JWT access tokens (created_at/expires_in in ms, as strings); not signed. */
	issue(clientId: string, now = Date.now()): { token: string; expiresIn: number } {
		const client = this.clients.get(clientId);
		if (!client) throw new Error(`unknown client ${clientId}`);
		const ttlMs = this.tokenTtlSeconds * 1000;
		const header = base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }));
		const payload = base64url(
			JSON.stringify({
				id: randomUUID(),
				type: 'access_token',
				client_id: clientId,
				as: 'ims-na1',
				created_at: String(now),
				expires_in: String(ttlMs),
			}),
		);
		const token = `${header}.${payload}.${base64url(randomBytes(24))}`;
		this.tokens.set(token, {
			clientId,
			orgId: client.orgId,
			issuedAt: now,
			expiresAt: now + ttlMs,
		});
		this.issuedCount++;
		this.onChange();
		return { token, expiresIn: this.tokenTtlSeconds };
	}

	/** The live record for a token, or undefined when unknown or expired. */
	lookup(token: string, now = Date.now()): TokenRecord | undefined {
		if (token === this.staticToken) return this.staticRecord;
		const record = this.tokens.get(token);
		if (!record || record.expiresAt <= now) return undefined;
		return record;
	}

	/** Every token issued so far expires now; the static token stays valid. */
	expireAll(now = Date.now()): number {
		let n = 0;
		for (const record of this.tokens.values()) {
			if (record.expiresAt > now) {
				record.expiresAt = now;
				n++;
			}
		}
		if (n) this.onChange();
		return n;
	}

	snapshot(): AuthSnapshot {
		return { tokens: [...this.tokens.entries()], issuedCount: this.issuedCount };
	}

	restore(s: AuthSnapshot): void {
		this.tokens = new Map(s.tokens);
		this.issuedCount = s.issuedCount;
	}
}

function header(ctx: RequestContext, name: string): string | undefined {
	const v = ctx.headers[name];
	return Array.isArray(v) ? v.join(', ') : v;
}

/**
 * The gateway's checks, in the order the gateway answers them. Returns the
 * error to send, or the accepted caller.
 */
export function checkGateway(
	ctx: RequestContext,
	auth: AuthService,
): ApiResponse | { clientId: string; orgId: string } {
	const authorization = header(ctx, 'authorization')?.trim();
	if (!authorization) return gatewayError(403, '403010', 'Oauth token is missing.');
	const match = /^Bearer\s+(\S+)$/i.exec(authorization);
	// Checked when handled (after any latency), not when received.
	const record = match ? auth.lookup(match[1]) : undefined;
	if (!record) return gatewayError(401, '401013', 'Oauth token is not valid');

	const apiKey = header(ctx, 'x-api-key')?.trim();
	if (!apiKey) return gatewayError(403, '403000', 'Api Key is required');
	if (!auth.client(apiKey) || apiKey !== record.clientId)
		return gatewayError(403, '403003', 'Api Key is invalid');

	const org = header(ctx, 'x-gw-ims-org-id')?.trim();
	if (!org) return gatewayError(400, '400003', 'Missing header');
	if (org !== record.orgId || org !== auth.orgId)
		return gatewayError(403, '403025', 'Profile is not valid');

	return { clientId: record.clientId, orgId: record.orgId };
}
