import { getRuntime, isProvisioned, type RuntimeKey } from '../local-n8n';

/**
 * A suite on one runtime, titled with its n8n version; skipped (titled "2.x") when the runtime is
 * not provisioned.
 */
export function describeWithRuntime(
	key: RuntimeKey,
	title: (n8nVersion: string) => string,
	body: () => void,
): void {
	const provisioned = isProvisioned(key);
	const version = provisioned ? getRuntime(key).n8nVersion : `${key.slice(1)}.x`;
	(provisioned ? describe : describe.skip)(title(version), body);
}
