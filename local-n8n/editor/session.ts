/**
 * An n8n 2.x editor for a browser to drive, isolated from `npm start`'s .n8n-dev: the emulator in
 * this process (so its request log can be read), a fresh user folder with the built package
 * installed as a community package, and the example credential (OAuth Server-to-Server against
 * the emulator) imported. No owner exists yet: the browser sets it up, as a new user would.
 */
import { startEmulator, type RunningEmulator } from '../../emulator';
import {
	createUserFolder,
	importCredentials,
	installCommunityPackage,
	repoRoot,
	startServer,
	type N8nServer,
	type UserFolder,
} from '..';
import { EXAMPLE_CREDENTIAL, emulatorOAuthCredential, requireBuiltNodes } from '../project';

export interface EditorSession {
	/** http://127.0.0.1:<port> of the editor */
	url: string;
	emulator: RunningEmulator;
	server: N8nServer;
	folder: UserFolder;
	credentialName: string;
	/** Stops n8n and the emulator and deletes the user folder (kept with E2E_KEEP_FOLDERS). */
	stop(): Promise<void>;
}

export async function startEditorSession(): Promise<EditorSession> {
	requireBuiltNodes();
	const emulator = await startEmulator();
	let folder: UserFolder | undefined;
	try {
		folder = await createUserFolder('v2');
		installCommunityPackage(folder, repoRoot);
		await importCredentials(folder, [emulatorOAuthCredential(emulator.url)]);
		const server = await startServer(folder, { readyTimeoutMs: 300_000 });
		const kept = folder;
		return {
			url: server.url,
			emulator,
			server,
			folder: kept,
			credentialName: EXAMPLE_CREDENTIAL.name,
			stop: async () => {
				await server.stop();
				await emulator.close();
				if (process.env.E2E_KEEP_FOLDERS) console.log(`kept ${kept.dir}`);
				else kept.cleanup();
			},
		};
	} catch (error) {
		folder?.cleanup();
		await emulator.close();
		throw error;
	}
}
