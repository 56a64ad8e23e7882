/** What the single-workflow suites (agent, Export Now and Delete) share: one headless run in n8n 2.x. */
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
} from '../local-n8n';
import { requireBuiltNodes } from '../local-n8n/project';

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
