// node dist/emulator/cli.js [--port 8089] [--host 127.0.0.1] [--data state.json]
//   [--latency ms] [--token-ttl seconds] [--async-update ms] [--require-sandbox-header]
// Prints the base URL as the first line of stdout, then serves until SIGINT/SIGTERM.
import type { EmulatorOptions } from './app';
import {
	DEFAULT_CLIENT_ID,
	DEFAULT_CLIENT_SECRET,
	DEFAULT_IMS_ORG,
	STATIC_ACCESS_TOKEN,
} from './identity';
import { startEmulator } from './index';

export const DEFAULT_PORT = 8089;

const USAGE = `Usage: cli.js [--port N] [--host H] [--data FILE] [--latency MS] [--token-ttl SECONDS] [--async-update MS] [--require-sandbox-header]`;

function number(flag: string, value: string | undefined): number {
	const n = Number(value);
	if (value === undefined || !Number.isFinite(n) || n < 0)
		throw new Error(`${flag} needs a number >= 0\n${USAGE}`);
	return n;
}

export function parseArgs(argv: string[]): EmulatorOptions {
	const options: EmulatorOptions = { port: DEFAULT_PORT };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = () => inline ?? argv[++i];
		switch (flag) {
			case '--port':
				options.port = number(flag, value());
				break;
			case '--host':
				options.host = value();
				break;
			case '--data':
				options.dataFile = value();
				if (!options.dataFile) throw new Error(`--data needs a file\n${USAGE}`);
				break;
			case '--latency':
				options.latencyMs = number(flag, value());
				break;
			case '--token-ttl':
				options.tokenTtlSeconds = number(flag, value());
				break;
			case '--async-update':
				options.asyncUpdateMs = number(flag, value());
				break;
			case '--require-sandbox-header':
				options.requireSandboxHeader = true;
				break;
			case '--help':
			case '-h':
				process.stdout.write(`${USAGE}\n`);
				process.exit(0);
				break;
			default:
				throw new Error(`unknown option ${argv[i]}\n${USAGE}`);
		}
	}
	return options;
}

async function main(): Promise<void> {
	let options: EmulatorOptions;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (e) {
		process.stderr.write(`${(e as Error).message}\n`);
		process.exit(2);
	}
	const emulator = await startEmulator(options);
	// The first line is the contract with scripts that start the emulator: the base URL alone.
	process.stdout.write(`${emulator.url}\n`);
	process.stdout.write(
		[
			`IMS token:     POST ${emulator.imsTokenUrl}`,
			`Flow Service:  ${emulator.flowServiceUrl}`,
			`Client id:     ${DEFAULT_CLIENT_ID}`,
			`Client secret: ${DEFAULT_CLIENT_SECRET}`,
			`IMS org:       ${DEFAULT_IMS_ORG}`,
			`Static token:  ${STATIC_ACCESS_TOKEN}`,
			`Control:       ${emulator.url}/__emulator/health`,
			'',
		].join('\n'),
	);
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		process.stderr.write(`${signal}: stopping\n`);
		emulator.close().then(
			() => process.exit(0),
			(e: unknown) => {
				process.stderr.write(`${String(e)}\n`);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) void main();
