'use strict';
// Runs inside each test file of the in-process tiers (see test/quietEnvironment.js): n8n's logger,
// as n8n-core resolves it, writes its lines to the environment's buffer instead of the console.
if (globalThis.n8nLogLines) {
	const fromCore = { paths: [require.resolve('n8n-core')] };
	const { Container } = require(require.resolve('@n8n/di', fromCore));
	const { Logger } = require(require.resolve('@n8n/backend-common', fromCore));
	const lines = globalThis.n8nLogLines;
	const buffer = {
		log: (level, message) => lines.push(`${level}: ${message}`),
		child: () => buffer,
	};
	Container.get(Logger).setInternalLogger(buffer);
}
