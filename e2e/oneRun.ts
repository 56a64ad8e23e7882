/**
 * What the single-workflow suites share: one headless run in n8n (2.x unless a suite names another
 * runtime), against an emulator of its own.
 */
import {
	createUserFolder,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	installCommunityPackage,
	repoRoot,
	type CredentialInput,
	type RuntimeKey,
	type UserFolder,
	type WorkflowInput,
} from '../local-n8n';
import {
	NODE_TYPE,
	TOKEN_CREDENTIAL,
	emulatorTokenCredential,
	requireBuiltNodes,
} from '../local-n8n/project';
import { startEmulator, type RunningEmulator } from '../emulator';

export interface OneRun {
	folder: UserFolder;
	/** The run n8n printed. */
	run: unknown;
}

/**
 * A fresh user folder of the runtime (n8n 2.x by default) with the built package installed as a
 * community package, the credentials and the workflow imported, and the workflow executed once
 * headless.
 */
export async function executeOnce(
	credentials: CredentialInput[],
	workflow: WorkflowInput,
	runtime: RuntimeKey = 'v2',
): Promise<OneRun> {
	requireBuiltNodes();
	const folder = await createUserFolder(runtime);
	installCommunityPackage(folder, repoRoot);
	await importCredentials(folder, credentials);
	await importWorkflow(folder, workflow);
	return { folder, run: (await executeWorkflow(folder, String(workflow.id))).data };
}

export interface EmulatorRun extends OneRun {
	emulator: RunningEmulator;
}

/**
 * Registers the suite's beforeAll and afterAll: an emulator, the workflow `prepare` builds once it
 * has set the emulator up, run once headless in the runtime (n8n 2.x by default) with the
 * emulator's token credential; then both gone. The returned object is filled before the first test.
 */
export function useEmulatorRun(
	prepare: (emulator: RunningEmulator) => WorkflowInput | Promise<WorkflowInput>,
	runtime: RuntimeKey = 'v2',
): EmulatorRun {
	const ctx = {} as EmulatorRun;
	beforeAll(async () => {
		ctx.emulator = await startEmulator();
		const workflow = await prepare(ctx.emulator);
		Object.assign(
			ctx,
			await executeOnce([emulatorTokenCredential(ctx.emulator.url)], workflow, runtime),
		);
	}, 240_000);
	afterAll(async () => {
		await ctx.emulator?.close();
		ctx.folder?.cleanup();
	});
	return ctx;
}

type Json = Record<string, unknown>;

/** A resource locator's By ID value, as the editor stores it. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/**
 * A builder of the package's action nodes for a suite's workflow: `defaults` under every node's
 * parameters (its resource), the emulator's token credential, one row at y 0.
 */
export function nodesOf(defaults: Json, typeVersion = 2) {
	return (id: string, name: string, x: number, parameters: Json, extra: Json = {}) => ({
		id,
		name,
		type: NODE_TYPE,
		typeVersion,
		position: [x, 0],
		parameters: { ...defaults, ...parameters },
		credentials: { adobeExperiencePlatformApi: TOKEN_CREDENTIAL },
		...extra,
	});
}
