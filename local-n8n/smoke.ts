/**
 * Smoke check of the provisioned n8n runtimes and of this library.
 *
 *   scripts/runtimes/provision.sh all
 *   npx tsc -p local-n8n && node .cache/local-n8n/local-n8n/smoke.js [v2] [v1]
 *
 * For each runtime: a workflow of built-in nodes (Manual Trigger -> Set -> Code) executed headless;
 * a hand-written custom node loaded through N8N_CUSTOM_EXTENSIONS (type CUSTOM.e2eEcho); a package
 * named like this project's placed in <N8N_USER_FOLDER>/.n8n/nodes/node_modules (type
 * n8n-nodes-adobe-flow-service.flowServiceDestination, with a credential type of the package and a
 * credential imported with import:credentials); then a server with a published
 * Webhook -> Respond to Webhook workflow called over HTTP, the owner set up through the REST API,
 * and a check that stop() leaves no process behind. Prints timings; exits non-zero on failure.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import {
	RuntimeKey,
	createUserFolder,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	installCommunityPackage,
	isProvisioned,
	lastNodeItems,
	manualTriggerNode,
	N8nCliError,
	publishWorkflow,
	setupOwner,
	startServer,
	groupAlive,
	processesOf,
} from './index';
import { connectTo } from './workflows';

const PACKAGE_NAME = 'n8n-nodes-adobe-flow-service';

/** A node written by hand as n8n loads it: CommonJS, class named like the file. */
function nodeSource(
	className: string,
	nodeName: string,
	marker: string,
	credential?: string,
): string {
	const credentials = credential ? `credentials: [{ name: '${credential}', required: true }],` : '';
	const token = credential
		? `const { token } = await this.getCredentials('${credential}');`
		: 'const token = undefined;';
	return `'use strict';
class ${className} {
	constructor() {
		this.description = {
			displayName: '${className}',
			name: '${nodeName}',
			group: ['transform'],
			version: 1,
			description: 'Adds a marker to every item',
			defaults: { name: '${className}' },
			inputs: ['main'],
			outputs: ['main'],
			${credentials}
			properties: [{ displayName: 'Marker', name: 'marker', type: 'string', default: '${marker}' }],
		};
	}
	async execute() {
		const items = this.getInputData();
		${token}
		return [items.map((item, i) => ({ json: { ...item.json, marker: this.getNodeParameter('marker', i), node: '${nodeName}', ...(token ? { token } : {}) } }))];
	}
}
module.exports = { ${className} };
`;
}

function makeFixtures(root: string): { customDir: string; packageDir: string } {
	const customDir = path.join(root, 'custom');
	mkdirSync(customDir, { recursive: true });
	writeFileSync(
		path.join(customDir, 'E2eEcho.node.js'),
		nodeSource('E2eEcho', 'e2eEcho', 'custom'),
	);

	const packageDir = path.join(root, 'package');
	mkdirSync(path.join(packageDir, 'dist', 'nodes'), { recursive: true });
	writeFileSync(
		path.join(packageDir, 'package.json'),
		JSON.stringify(
			{
				name: PACKAGE_NAME,
				version: '0.0.0-smoke',
				main: 'index.js',
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					nodes: ['dist/nodes/FlowServiceDestination.node.js'],
					credentials: ['dist/credentials/FlowSmokeApi.credentials.js'],
				},
			},
			null,
			2,
		),
	);
	writeFileSync(
		path.join(packageDir, 'dist', 'nodes', 'FlowServiceDestination.node.js'),
		nodeSource('FlowServiceDestination', 'flowServiceDestination', 'community', 'flowSmokeApi'),
	);
	mkdirSync(path.join(packageDir, 'dist', 'credentials'), { recursive: true });
	writeFileSync(
		path.join(packageDir, 'dist', 'credentials', 'FlowSmokeApi.credentials.js'),
		`'use strict';
class FlowSmokeApi {
	constructor() {
		this.name = 'flowSmokeApi';
		this.displayName = 'Flow Smoke API';
		this.properties = [{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' }];
	}
}
module.exports = { FlowSmokeApi };
`,
	);
	return { customDir, packageDir };
}

const manualTrigger = manualTriggerNode('a0000000-0000-4000-8000-000000000001');

function builtInWorkflow() {
	return {
		name: 'smoke built-in',
		nodes: [
			manualTrigger,
			{
				id: 'a0000000-0000-4000-8000-000000000002',
				name: 'Set',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: {
					assignments: {
						assignments: [
							{ id: 's1', name: 'greeting', value: 'hello', type: 'string' },
							{ id: 's2', name: 'n', value: '={{ 20 + 1 }}', type: 'number' },
						],
					},
					options: {},
				},
			},
			{
				id: 'a0000000-0000-4000-8000-000000000003',
				name: 'Code',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [400, 0],
				parameters: {
					jsCode:
						'return $input.all().map((i) => ({ json: { ...i.json, doubled: i.json.n * 2 } }));',
				},
			},
		],
		connections: {
			Start: connectTo('Set'),
			Set: connectTo('Code'),
		},
	};
}

function failingWorkflow() {
	const wf = builtInWorkflow();
	const code = wf.nodes[2] as { parameters: { jsCode: string } };
	code.parameters.jsCode = "throw new Error('smoke failure on purpose');";
	return { ...wf, name: 'smoke failing' };
}

function singleNodeWorkflow(
	type: string,
	credentials?: Record<string, { id: string; name: string }>,
) {
	return {
		name: `smoke ${type}`,
		nodes: [
			manualTrigger,
			{
				id: 'a0000000-0000-4000-8000-000000000004',
				name: 'Probe',
				type,
				typeVersion: 1,
				position: [200, 0],
				parameters: {},
				...(credentials ? { credentials } : {}),
			},
		],
		connections: { Start: connectTo('Probe') },
	};
}

function webhookWorkflow(hookPath: string) {
	return {
		name: 'smoke webhook',
		nodes: [
			{
				id: 'a0000000-0000-4000-8000-000000000005',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'b0000000-0000-4000-8000-000000000005',
				parameters: {
					httpMethod: 'GET',
					path: hookPath,
					responseMode: 'responseNode',
					options: {},
				},
			},
			{
				id: 'a0000000-0000-4000-8000-000000000006',
				name: 'Respond',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [200, 0],
				parameters: {
					respondWith: 'json',
					responseBody: '={{ JSON.stringify({ ok: true, name: $json.query.name, sum: 40 + 2 }) }}',
					options: {},
				},
			},
		],
		connections: { Webhook: connectTo('Respond') },
	};
}

function assertEqual(actual: unknown, expected: unknown, what: string): void {
	const a = JSON.stringify(actual);
	const e = JSON.stringify(expected);
	if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

type Check = { name: string; ms: number; ok: boolean; detail?: string };

async function timed(
	checks: Check[],
	name: string,
	fn: () => Promise<string | void>,
): Promise<void> {
	const t0 = Date.now();
	try {
		const detail = await fn();
		checks.push({ name, ms: Date.now() - t0, ok: true, detail: detail ?? undefined });
		console.log(`  ok   ${name} (${Date.now() - t0} ms)${detail ? ': ' + detail : ''}`);
	} catch (error) {
		checks.push({ name, ms: Date.now() - t0, ok: false, detail: (error as Error).message });
		console.log(`  FAIL ${name} (${Date.now() - t0} ms)\n${(error as Error).message}`);
	}
}

async function smoke(
	key: RuntimeKey,
	fixtures: { customDir: string; packageDir: string },
): Promise<Check[]> {
	const checks: Check[] = [];
	console.log(`== ${key}`);
	const folder = await createUserFolder(key, { customExtensions: fixtures.customDir });
	installCommunityPackage(folder, fixtures.packageDir);
	try {
		await timed(checks, `${key} import + execute built-in workflow`, async () => {
			const id = await importWorkflow(folder, builtInWorkflow());
			const t0 = Date.now();
			const { data, exitCrash } = await executeWorkflow(folder, id);
			assertEqual(lastNodeItems(data), [{ greeting: 'hello', n: 21, doubled: 42 }], 'Code output');
			return `execute ${Date.now() - t0} ms${exitCrash ? ' (n8n crashed on exit after the run)' : ''}`;
		});
		await timed(checks, `${key} failing workflow surfaces the node error`, async () => {
			const id = await importWorkflow(folder, failingWorkflow());
			try {
				await executeWorkflow(folder, id);
			} catch (error) {
				if (!(error instanceof N8nCliError)) throw error;
				if (!/smoke failure on purpose/.test(error.message))
					throw new Error(`error lacks the node message:\n${error.message}`);
				const run = error.run as
					{ data?: { resultData?: { error?: { message?: string } } } } | undefined;
				return `exit ${error.result.code ?? error.result.signal}, run error in .run: ${run?.data?.resultData?.error?.message ?? '(none)'}`;
			}
			throw new Error('execute of a failing workflow did not throw');
		});
		await timed(checks, `${key} custom node CUSTOM.e2eEcho`, async () => {
			const id = await importWorkflow(folder, singleNodeWorkflow('CUSTOM.e2eEcho'));
			const { data } = await executeWorkflow(folder, id);
			assertEqual(
				lastNodeItems(data),
				[{ marker: 'custom', node: 'e2eEcho' }],
				'custom node output',
			);
		});
		await timed(
			checks,
			`${key} community package ${PACKAGE_NAME}.flowServiceDestination`,
			async () => {
				const [credId] = await importCredentials(folder, [
					{ name: 'Smoke token', type: 'flowSmokeApi', data: { token: 'imported-secret' } },
				]);
				const id = await importWorkflow(
					folder,
					singleNodeWorkflow(`${PACKAGE_NAME}.flowServiceDestination`, {
						flowSmokeApi: { id: credId, name: 'Smoke token' },
					}),
				);
				const { data } = await executeWorkflow(folder, id);
				assertEqual(
					lastNodeItems(data),
					[{ marker: 'community', node: 'flowServiceDestination', token: 'imported-secret' }],
					'package node output (with its imported credential)',
				);
			},
		);
		await timed(checks, `${key} server + webhook + owner setup + stop`, async () => {
			const hookPath = `smoke-${key}`;
			const id = await importWorkflow(folder, webhookWorkflow(hookPath));
			await publishWorkflow(folder, id);
			const server = await startServer(folder, { webhooks: [hookPath] });
			let pgid = server.pid;
			try {
				const t0 = Date.now();
				const response = await fetch(`${server.url}/webhook/${hookPath}?name=smoke`);
				const body = await response.text();
				const webhookMs = Date.now() - t0;
				if (response.status !== 200)
					throw new Error(`webhook answered ${response.status}: ${body}`);
				assertEqual(JSON.parse(body), { ok: true, name: 'smoke', sum: 42 }, 'webhook answer');
				const owner = await setupOwner(server.url, {
					email: 'owner@example.com',
					password: 'Smoke-Passw0rd',
					firstName: 'Smoke',
					lastName: 'Owner',
				});
				if (owner.user.email !== 'owner@example.com')
					throw new Error(`owner setup answered ${JSON.stringify(owner.user)}`);
				// The auth cookie opens the authenticated REST API.
				const me = await fetch(`${server.url}/rest/login`, {
					headers: { cookie: owner.cookie ?? '' },
				});
				if (me.status !== 200)
					throw new Error(`GET /rest/login with the owner cookie answered ${me.status}`);
				const before = processesOf(folder.dir, [pgid]).length;
				await server.stop();
				const after = processesOf(folder.dir, [pgid]);
				if (groupAlive(pgid) || after.length)
					throw new Error(`processes left after stop(): ${after.join(' ')}`);
				pgid = 0;
				return `ready in ${server.readyMs} ms, webhook registered at ${server.startupMs} ms, webhook ${webhookMs} ms, ${before} processes before stop, none after`;
			} finally {
				if (pgid) await server.stop();
			}
		});
	} finally {
		folder.cleanup();
	}
	return checks;
}

async function main(): Promise<void> {
	const wanted = process.argv.slice(2).filter((a): a is RuntimeKey => a === 'v2' || a === 'v1');
	const keys: RuntimeKey[] = wanted.length ? wanted : ['v2', 'v1'];
	const root = mkdtempSync(path.join(tmpdir(), 'n8n-smoke-'));
	const fixtures = makeFixtures(root);
	const all: Check[] = [];
	try {
		for (const key of keys) {
			if (!isProvisioned(key)) {
				all.push({
					name: `${key} provisioned`,
					ms: 0,
					ok: false,
					detail: `run scripts/runtimes/provision.sh ${key}`,
				});
				console.log(`  FAIL ${key} is not provisioned: run scripts/runtimes/provision.sh ${key}`);
				continue;
			}
			all.push(...(await smoke(key, fixtures)));
		}
	} finally {
		rmSync(root, { recursive: true, force: true });
	}
	const failed = all.filter((c) => !c.ok).length;
	console.log(`${all.length - failed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

void main();
