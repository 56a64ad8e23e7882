import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * n8n-core's InstanceSettings creates `<user folder>/.n8n/config` (a random encryption key) the
 * first time a node context is built. Point it at one shared folder under the OS temp dir so
 * tests never touch ~/.n8n, and create the file atomically ourselves so parallel Jest workers
 * never read a half-written one. Must run before anything resolves InstanceSettings; an
 * explicit N8N_USER_FOLDER wins.
 */
export function isolateN8nUserFolder(): void {
	if (process.env.N8N_USER_FOLDER) return;
	const userFolder = join(tmpdir(), 'n8n-nodes-adobe-flow-service-tests');
	const n8nFolder = join(userFolder, '.n8n');
	const settingsFile = join(n8nFolder, 'config');
	if (!existsSync(settingsFile)) {
		mkdirSync(n8nFolder, { recursive: true });
		const partial = `${settingsFile}.${process.pid}.tmp`;
		const encryptionKey = randomBytes(24).toString('base64');
		writeFileSync(partial, JSON.stringify({ encryptionKey }), { mode: 0o600 });
		renameSync(partial, settingsFile);
	}
	process.env.N8N_USER_FOLDER = userFolder;
}
