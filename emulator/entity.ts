// The fields every Flow Service connection carries (who made it, when, in which sandbox, its
// etag), in the order the OpenAPI document's examples print them.
import { newEtag } from './etag';
import { SANDBOX_IDS } from './identity';
import type { Connection, JsonObject, SandboxEntity } from './types';

export interface Origin {
	sandbox: string;
	orgId: string;
	/** The IMS client that made it (`exc_app` for the UI). */
	clientId: string;
	/** Epoch ms. */
	at: number;
	/** Omitted: a fresh one from the time. */
	etag?: string;
}

/** Adobe's `{id, version}` reference to a spec. */
export const specRef = (id: string) => ({ id, version: '1.0' });

/** `inheritedAttributes` of a source or target connection: the base connection it hangs on. */
export function inheritedBase(baseConnectionId: string, baseSpecId: string): JsonObject {
	return { baseConnection: { id: baseConnectionId, connectionSpec: specRef(baseSpecId) } };
}

export function userOf(clientId: string): string {
	return clientId === 'exc_app' ? '0A4334FA556585B77F000101@AdobeID' : `${clientId}@AdobeID`;
}

/** head fields, then `body` (name, specs, params…), then state/version/etag, then `tail`. */
export function makeConnection(
	id: string,
	o: Origin,
	body: JsonObject,
	tail: JsonObject = {},
): Connection {
	const etag = o.etag ?? newEtag(o.at);
	return {
		id,
		createdAt: o.at,
		updatedAt: o.at,
		createdBy: userOf(o.clientId),
		updatedBy: userOf(o.clientId),
		createdClient: o.clientId,
		updatedClient: o.clientId,
		sandboxId: SANDBOX_IDS[o.sandbox],
		sandboxName: o.sandbox,
		imsOrgId: o.orgId,
		...body,
		state: 'enabled',
		version: etag,
		etag,
		...tail,
	} as unknown as Connection;
}

/** A successful write: a new etag (also the `version`), and who changed the entity when. */
export function recordWrite(entity: SandboxEntity, clientId: string, now: number): string {
	const etag = newEtag(now);
	entity.etag = etag;
	entity.version = etag;
	entity.updatedAt = now;
	entity.updatedClient = clientId;
	entity.updatedBy = userOf(clientId);
	return etag;
}
