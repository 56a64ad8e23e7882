/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	// n8n's logger stays off the console; a failing test prints its part (test/quietEnvironment.js).
	testEnvironment: '<rootDir>/test/quietEnvironment.js',
	setupFilesAfterEnv: ['<rootDir>/test/quietN8nLogger.js'],
	// nock's interceptor outlives a test file's globals; jest's soft clean-up warned on every file.
	testEnvironmentOptions: { globalsCleanup: 'off' },
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// Tests import the node's code as @node/<layer>/<module> (tsconfig.json's paths).
	moduleNameMapper: { '^@node/(.*)$': '<rootDir>/nodes/FlowServiceDestination/$1' },
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
	collectCoverageFrom: ['nodes/**/*.ts', 'credentials/**/*.ts'],
	// Whole workflows run through n8n's engine; a busy 2-core host can take seconds per test.
	testTimeout: 30_000,
	// Prints how many generated cases the property suites ran (test/generated/).
	reporters: ['default', '<rootDir>/test/generated/reporter.js'],
	coverageReporters: ['text-summary', 'text'],
	coverageThreshold: { global: { lines: 90 } },
};
