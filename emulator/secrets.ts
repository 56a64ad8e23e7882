// Flow Service never answers a connection's secrets in clear. The emulator masks them when a
// connection is stored, so no secret is kept, persisted or served: every auth param the
// connection spec's auth spec marks `format: password` becomes X repeated to its length (a
// masked S3 secret key still matches its 40-character pattern).
import { connectionSpec, secretParams } from './specs/catalogue';
import type { JsonObject } from './types';

export const mask = (value: unknown) => 'X'.repeat(String(value).length);

export function maskAuth(
	specId: string,
	auth: { specName: string; params: JsonObject },
): { specName: string; params: JsonObject } {
	const spec = connectionSpec(specId);
	const secrets = new Set(spec ? secretParams(spec, auth.specName) : []);
	const params: JsonObject = {};
	for (const [name, value] of Object.entries(auth.params))
		params[name] = secrets.has(name) && value !== undefined ? mask(value) : value;
	return { specName: auth.specName, params };
}
