import { randomBytes } from 'crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import { freePorts } from './ports';
import { RuntimeKey, Runtime, requireRuntime } from './runtimes';

export interface UserFolderOptions {
	/**
	 * Folders scanned for custom nodes and credentials (`**\/*.node.js`, `**\/*.credentials.js`),
	 * passed as N8N_CUSTOM_EXTENSIONS. Nodes found there have the type `CUSTOM.<nodeName>`.
	 */
	customExtensions?: string | string[];
	/** Extra environment, applied last (wins over the defaults). */
	env?: Record<string, string>;
	/** Parent folder for the temp dir; defaults to os.tmpdir(). */
	parentDir?: string;
}

/** An isolated n8n instance: its own user folder, sqlite database, ports and encryption key. */
export interface UserFolder {
	runtime: Runtime;
	/** N8N_USER_FOLDER; n8n keeps its data in <dir>/.n8n. */
	dir: string;
	/** <dir>/.n8n */
	n8nDir: string;
	port: number;
	brokerPort: number;
	encryptionKey: string;
	/** Complete environment for n8n processes of this folder (process.env minus n8n/jest leftovers). */
	env: Record<string, string>;
	/** Scratch folder for generated input files. */
	tmpDir: string;
	/** Removes the folder. Stop servers first. */
	cleanup(): void;
}

/** Variables of the calling process that must not leak into n8n. */
function inheritedEnv(): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (v === undefined) continue;
		if (
			k.startsWith('N8N_') ||
			k.startsWith('DB_') ||
			k.startsWith('JEST_') ||
			k.startsWith('npm_') ||
			k === 'NODE_ENV' ||
			k === 'NODE_OPTIONS' ||
			k === 'NODE_PATH' ||
			k === 'EXECUTIONS_MODE' ||
			k === 'WEBHOOK_URL'
		) {
			continue;
		}
		out[k] = v;
	}
	return out;
}

/** Creates an isolated N8N_USER_FOLDER in a temp dir, with free ports, for runtime `key`. */
export async function createUserFolder(
	key: RuntimeKey,
	options: UserFolderOptions = {},
): Promise<UserFolder> {
	const runtime = requireRuntime(key);
	const dir = mkdtempSync(path.join(options.parentDir ?? tmpdir(), `n8n-e2e-${key}-`));
	const n8nDir = path.join(dir, '.n8n');
	const tmpDir = path.join(dir, 'input');
	mkdirSync(n8nDir, { recursive: true });
	mkdirSync(tmpDir, { recursive: true });
	const [port, brokerPort] = await freePorts(2);
	const encryptionKey = randomBytes(24).toString('hex');
	const extensions = options.customExtensions
		? Array.isArray(options.customExtensions)
			? options.customExtensions
			: [options.customExtensions]
		: [];

	const env: Record<string, string> = {
		...inheritedEnv(),
		PATH: [path.dirname(runtime.nodeBin), process.env.PATH ?? ''].join(path.delimiter),
		N8N_USER_FOLDER: dir,
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_ENCRYPTION_KEY: encryptionKey,
		...(extensions.length ? { N8N_CUSTOM_EXTENSIONS: extensions.join(';') } : {}),
		...runtime.env,
		...(options.env ?? {}),
	};

	return {
		runtime,
		dir,
		n8nDir,
		port,
		brokerPort,
		encryptionKey,
		env,
		tmpDir,
		cleanup: () => rmSync(dir, { recursive: true, force: true }),
	};
}
