/** What the single-workflow suites (agent, Export Now and Delete) share: one headless run in n8n 2.x. */
import { DEFAULT_CLIENT_ID, DEFAULT_IMS_ORG, STATIC_ACCESS_TOKEN } from '../emulator';
import {
	createUserFolder,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	installCommunityPackage,
	repoRoot,
	type CredentialInput,
	type UserFolder,
	type WorkflowInput,
} from './lib';
import { requireBuiltNodes } from './project';

export interface OneRun {
	folder: UserFolder;
	/** The run n8n printed. */
	run: unknown;
}

/**
 * A fresh n8n 2.x user folder with the built package installed as a community package, the
 * credentials and the workflow imported, and the workflow executed once headless.
 */
export async function executeOnce(
	credentials: CredentialInput[],
	workflow: WorkflowInput,
): Promise<OneRun> {
	requireBuiltNodes();
	const folder = await createUserFolder('v2');
	installCommunityPackage(folder, repoRoot);
	await importCredentials(folder, credentials);
	await importWorkflow(folder, workflow);
	return { folder, run: (await executeWorkflow(folder, String(workflow.id))).data };
}

/** The headers a test sends to read the emulator's API itself (static token, prod sandbox). */
export function emulatorApiHeaders(): Record<string, string> {
	return {
		authorization: `Bearer ${STATIC_ACCESS_TOKEN}`,
		'x-api-key': DEFAULT_CLIENT_ID,
		'x-gw-ims-org-id': DEFAULT_IMS_ORG,
		'x-sandbox-name': 'prod',
	};
}
