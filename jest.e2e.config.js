/**
 * End-to-end suite: real n8n processes (see e2e/). Run with `npm run e2e`, which builds the package
 * and provisions the runtimes first.
 * @type {import('jest').Config}
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: '<rootDir>/e2e/environment.js',
	roots: ['<rootDir>/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'e2e/tsconfig.json' }],
	},
	// One scenario can start n8n several times on a busy 2-core machine.
	testTimeout: 10 * 60 * 1000,
	verbose: true,
	reporters: ['default', '<rootDir>/e2e/summary-reporter.js'],
};
