/**
 * `npm run demo`: the "Add and remove audiences on a webhook call" example, gone live (Dry Run
 * turned off, as its note says), in a real n8n 2.x against the emulator, headless. Starts the
 * emulator (in memory, free port) and n8n in a temporary user folder with the built package
 * installed as a community package, posts a campaign change to the example's webhook, prints the
 * dataflow's audiences and profile attributes before and after, and stops everything. Exits 0 when
 * the change landed as asked, 1 otherwise.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

import {
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_FLOW_ID,
	TUTORIAL_NEW_AUDIENCE_ID,
	startEmulator,
	type Flow,
	type RunningEmulator,
} from '../emulator';
import {
	N8nServer,
	UserFolder,
	createUserFolder,
	getRuntime,
	importCredentials,
	importWorkflows,
	installCommunityPackage,
	isProvisioned,
	publishWorkflow,
	repoRoot,
	startServer,
	stopAllGroups,
	postWebhook,
} from '../local-n8n';
import {
	CAMPAIGN_WEBHOOK_PATH,
	EXAMPLE_IDS,
	emulatorOAuthCredential,
	exampleWorkflows,
	flowAttributes,
	flowAudienceNames,
	flowAudiences,
	withDryRunOff,
} from '../local-n8n/project';

const ADD = [TUTORIAL_NEW_AUDIENCE_ID];
const REMOVE = [TUTORIAL_AUDIENCE_IDS[3]];

function step(message: string): void {
	console.log(`[demo] ${message}`);
}

function table(
	title: string,
	before: string[],
	after: string[],
	label: (key: string) => string = () => '',
): string[] {
	const keys = [...before, ...after.filter((k) => !before.includes(k))];
	const width = Math.max(title.length, ...keys.map((k) => `${k} ${label(k)}`.trim().length));
	const lines = [`${title.padEnd(width)}  before  after`];
	for (const key of keys) {
		const b = before.includes(key);
		const a = after.includes(key);
		const change = b && !a ? 'removed' : !b && a ? 'added' : '';
		lines.push(
			`${`${key} ${label(key)}`.trim().padEnd(width)}  ${(b ? 'yes' : '-').padEnd(6)}  ${(a ? 'yes' : '-').padEnd(5)}  ${change}`.trimEnd(),
		);
	}
	return lines;
}

async function main(): Promise<number> {
	let emulator: RunningEmulator | undefined;
	let folder: UserFolder | undefined;
	let server: N8nServer | undefined;
	const stop = async () => {
		await server?.stop().catch(() => undefined);
		await stopAllGroups(10_000).catch(() => undefined);
		await emulator?.close().catch(() => undefined);
		folder?.cleanup();
	};
	const onSignal = () => void stop().then(() => process.exit(130));
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	try {
		const runtime = getRuntime('v2');
		if (!isProvisioned('v2')) {
			step(`installing n8n ${runtime.n8nVersion} once (several minutes)`);
			const result = spawnSync(
				'bash',
				[path.join(repoRoot, 'scripts', 'runtimes', 'provision.sh'), 'v2'],
				{ stdio: 'inherit' },
			);
			if (result.status !== 0) throw new Error('scripts/runtimes/provision.sh v2 failed');
		}
		emulator = await startEmulator();
		step(`emulator at ${emulator.url}`);
		folder = await createUserFolder('v2');
		installCommunityPackage(folder, repoRoot);
		const example = exampleWorkflows().find(
			({ workflow }) => workflow.id === EXAMPLE_IDS.webhookAddRemove,
		);
		if (!example) throw new Error(`examples/ has no workflow ${EXAMPLE_IDS.webhookAddRemove}`);
		step(
			`n8n ${runtime.n8nVersion}: importing the credential (OAuth against the emulator) and "${example.workflow.name}" with Dry Run off`,
		);
		await importCredentials(folder, [emulatorOAuthCredential(emulator.url)]);
		await importWorkflows(folder, [withDryRunOff(example.workflow)]);
		await publishWorkflow(folder, example.workflow.id);
		step('starting n8n');
		server = await startServer(folder, {
			webhooks: [{ path: CAMPAIGN_WEBHOOK_PATH, method: 'POST' }],
		});

		const before = emulator.getFlow(TUTORIAL_FLOW_ID) as Flow;
		const request = { flowId: TUTORIAL_FLOW_ID, add: ADD.map((id) => ({ id })), remove: REMOVE };
		step(`POST ${server.url}/webhook/${CAMPAIGN_WEBHOOK_PATH} ${JSON.stringify(request)}`);
		const answer = await postWebhook(server.url, CAMPAIGN_WEBHOOK_PATH, request);
		step(`n8n answered ${answer.status}: ${answer.text}`);
		const after = emulator.getFlow(TUTORIAL_FLOW_ID) as Flow;

		const names = { ...flowAudienceNames(before), ...flowAudienceNames(after) };
		console.log(
			[
				'',
				`Dataflow "${String(after.name)}" (${TUTORIAL_FLOW_ID})`,
				`etag ${before.etag} -> ${after.etag}`,
				'',
				...table('Audiences', flowAudiences(before), flowAudiences(after), (id) => names[id] ?? ''),
				'',
				...table('Profile attributes', flowAttributes(before), flowAttributes(after)),
				'',
			].join('\n'),
		);
		const audiences = flowAudiences(after);
		const landed =
			answer.status === 200 &&
			ADD.every((id) => audiences.includes(id)) &&
			REMOVE.every((id) => !audiences.includes(id));
		step(
			landed
				? 'done: the change landed in the emulator'
				: 'FAILED: the dataflow does not show the requested change',
		);
		return landed ? 0 : 1;
	} finally {
		await stop();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`[demo] FAILED: ${(error as Error).stack ?? String(error)}`);
		process.exit(1);
	},
);
