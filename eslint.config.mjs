import tsParser from '@typescript-eslint/parser';
import { configs as communityConfigs } from '@n8n/eslint-plugin-community-nodes';
import importPlugin from 'eslint-plugin-import';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

import { layerZones } from './layers.mjs';

// n8n's own community rule sets, applied to what is published (nodes/ and credentials/).
export default [
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		...communityConfigs.recommended,
	},
	{
		// typescript-estree reads package.json as one object expression, which the package rules inspect.
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		languageOptions: {
			parser: tsParser,
			parserOptions: { sourceType: 'module', extraFileExtensions: ['.json'] },
		},
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.community.rules,
			...n8nNodesBase.configs.credentials.rules,
			// The rule itself says it applies only to nodes inside n8n's repository (slugs); community
			// credentials must link a full URL, which @n8n/community-nodes/credential-documentation-url checks.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.community.rules,
			...n8nNodesBase.configs.nodes.rules,
			// These older rules demand the string 'main'; the newer @n8n/community-nodes/node-connection-type-literal
			// demands NodeConnectionTypes.Main. The two cannot both pass, and the newer rule is n8n's current one.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		// The layers of docs/architecture.md: an import that runs the wrong way fails the lint.
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		plugins: { import: importPlugin },
		settings: { 'import/resolver': { node: { extensions: ['.ts', '.js'] } } },
		rules: { 'import/no-restricted-paths': ['error', { zones: layerZones() }] },
	},
];
