import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'fs';
import * as path from 'path';

import { RuntimeKey } from './runtimes';
import { UserFolder, createUserFolder } from './userFolder';

export interface PersistentFolderOptions {
	/** N8N_PORT; default a free port. */
	port?: number;
	/** Extra environment, applied last. */
	env?: Record<string, string>;
}

/**
 * The encryption key n8n keeps in <N8N_USER_FOLDER>/.n8n/config once it has run there; reusing it
 * keeps stored credentials readable across starts.
 */
function storedEncryptionKey(n8nDir: string): string | undefined {
	const file = path.join(n8nDir, 'config');
	if (!existsSync(file)) return undefined;
	try {
		const key = (JSON.parse(readFileSync(file, 'utf8')) as { encryptionKey?: unknown })
			.encryptionKey;
		return typeof key === 'string' && key !== '' ? key : undefined;
	} catch {
		throw new Error(`${file} is not n8n's settings file: move it away or delete the folder`);
	}
}

/**
 * Like createUserFolder, but for a folder that outlives the process (a local development
 * instance): `dir` is created when missing and reused otherwise, with the encryption key n8n stored
 * there on its first start. Same environment as createUserFolder (sqlite, telemetry off, free task
 * runner broker port...). cleanup() deletes the folder, so callers that keep it never call it.
 */
export async function openPersistentFolder(
	key: RuntimeKey,
	dir: string,
	options: PersistentFolderOptions = {},
): Promise<UserFolder> {
	const absolute = path.resolve(dir);
	const n8nDir = path.join(absolute, '.n8n');
	const tmpDir = path.join(absolute, 'input');
	mkdirSync(n8nDir, { recursive: true });
	mkdirSync(tmpDir, { recursive: true });
	const encryptionKey = storedEncryptionKey(n8nDir) ?? randomBytes(24).toString('hex');
	// createUserFolder builds the environment (and picks free ports); only its temp dir is not wanted.
	const scratch = await createUserFolder(key, {
		env: {
			N8N_USER_FOLDER: absolute,
			N8N_ENCRYPTION_KEY: encryptionKey,
			...(options.port ? { N8N_PORT: String(options.port) } : {}),
			...(options.env ?? {}),
		},
	});
	scratch.cleanup();
	return {
		...scratch,
		dir: absolute,
		n8nDir,
		tmpDir,
		port: Number(scratch.env.N8N_PORT),
		encryptionKey,
		cleanup: () => rmSync(absolute, { recursive: true, force: true }),
	};
}
