/**
 * Release checks: the GitHub workflows, the package metadata, what `npm pack` ships and the publish
 * guard. Run with `npm run test:release` (part of `npm test`, after `npm run scan` has built dist/).
 * @type {import('jest').Config}
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	rootDir: '..',
	roots: ['<rootDir>/release'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
	// npm pack and npm publish on a busy 2-core machine.
	testTimeout: 60_000,
};
