import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'fs';
import * as path from 'path';

import { UserFolder } from './userFolder';

export interface InstalledCommunityPackage {
	name: string;
	/** <N8N_USER_FOLDER>/.n8n/nodes/node_modules/<name> */
	dir: string;
}

/**
 * Puts a package folder where n8n keeps community packages installed from the UI or
 * `n8n community-node --install`: <N8N_USER_FOLDER>/.n8n/nodes/node_modules/<name>. Its nodes then
 * have the type `<package name>.<node name>` (for example
 * `n8n-nodes-adobe-flow-service.flowServiceDestination`).
 *
 * n8n finds such packages by scanning that folder for `n8n-nodes-*` and `@scope/n8n-nodes-*`
 * directories and reading the `n8n` field of their package.json; no database row is needed for
 * them to load (the `installed_packages` table only drives the Settings page and reinstalls).
 *
 * The package is copied, not linked: package.json plus the entries of its `files` field (or the
 * whole folder minus node_modules when there is none). Its runtime dependencies on n8n-workflow
 * then resolve to n8n's own copy, as they do for a package installed by n8n.
 */
export function installCommunityPackage(
	folder: UserFolder,
	packageDir: string,
): InstalledCommunityPackage {
	const pkg = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
		name?: string;
		files?: string[];
	};
	if (!pkg.name) throw new Error(`${packageDir}/package.json has no name`);
	if (!/^(@[^/]+\/)?n8n-nodes-/.test(pkg.name)) {
		throw new Error(
			`n8n only loads community packages named n8n-nodes-* or @scope/n8n-nodes-*, not ${pkg.name}`,
		);
	}
	const dir = path.join(folder.n8nDir, 'nodes', 'node_modules', pkg.name);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const entries = pkg.files ? ['package.json', ...pkg.files] : null;
	if (entries) {
		for (const entry of entries) {
			const from = path.join(packageDir, entry);
			if (existsSync(from)) cpSync(from, path.join(dir, entry), { recursive: true });
		}
	} else {
		cpSync(packageDir, dir, {
			recursive: true,
			filter: (src) => !src.split(path.sep).includes('node_modules'),
		});
	}
	return { name: pkg.name, dir };
}
