import { defineConfig, globalIgnores } from 'eslint/config';
import { config as n8nNodeConfig } from '@n8n/node-cli/eslint';
import importPlugin from 'eslint-plugin-import';
import tsParser from '@typescript-eslint/parser';

import { layerZones } from './layers.mjs';

// What is published: the node and credential sources and package.json. The verification scan
// lints the same files (its SOURCE_FILE_PATTERNS), and nothing else ships.
const shipped = ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'];

export default defineConfig(
	globalIgnores(['dist/', 'coverage/', '.runtimes/', '.cache/', '.n8n-dev/']),
	{
		// n8n's own configuration, unchanged: the one `n8n-node lint` uses (`@n8n/node-cli/eslint`,
		// with n8n Cloud's rules). It is scoped to what ships: its Cloud rules forbid `process`,
		// timers and Node's modules, which the emulator, the tests and the scripts need, and none of
		// them is published. See "Lint and n8n's strict mode" in docs/testing.md.
		files: shipped,
		extends: [n8nNodeConfig],
	},
	// The repository's own rules go below, beside n8n's.
	{
		// The layers of docs/architecture.md, from the top-level folders down to the node's own:
		// an import that runs the wrong way fails the lint.
		files: ['**/*.ts'],
		languageOptions: { parser: tsParser },
		plugins: { import: importPlugin },
		settings: { 'import/resolver': { node: { extensions: ['.ts', '.js'] } } },
		rules: { 'import/no-restricted-paths': ['error', { zones: layerZones() }] },
	},
);
