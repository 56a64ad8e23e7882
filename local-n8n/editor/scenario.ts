/**
 * What the editor suite and `npm run screenshot` build in the editor: a new user's Add Audiences
 * step on the tutorial dataflow, with the dataflow and the audience picked from the lists.
 */
import * as path from 'path';

import { TUTORIAL_FLOW_NAME, TUTORIAL_NEW_AUDIENCE_NAME } from '../../emulator';
import { repoRoot } from '..';
import type { EditorPage, Owner } from './editorPage';

export const EDITOR_OWNER: Owner = {
	email: 'marketer@example.com',
	password: 'Editor-Suite-Passw0rd',
	firstName: 'Mara',
	lastName: 'Marketer',
};

/** Git-ignored: one numbered PNG per step of the last run. */
export const SCREENSHOT_DIR = path.join(repoRoot, 'e2e', 'editor', 'screenshots');

export const NODE_SEARCH = 'Adobe';
export const NODE_NAME = 'Flow Service Destination';
export const ADD_AUDIENCES_ACTION = 'Add audiences to a dataflow';
export const CREATE_DATASET_EXPORT_ACTION = 'Create a dataset export';
/** Searches typed into the lists, and the items picked there (seeded by the emulator). */
export const DATAFLOW_PICK = { search: 'winter', item: TUTORIAL_FLOW_NAME };
export const AUDIENCE_PICK = { search: 'Winter 2021', item: TUTORIAL_NEW_AUDIENCE_NAME };

/** From a new workflow to an Add Audiences step with its dataflow and one audience picked. */
export async function buildAddAudiencesStep(editor: EditorPage, credential: string): Promise<void> {
	await editor.newWorkflow();
	await editor.searchNodes(NODE_SEARCH);
	await editor.openActions(NODE_NAME);
	await editor.pickAction(ADD_AUDIENCES_ACTION);
	await editor.chooseCredential(credential);
	await editor.pickFromList(
		editor.resourceLocator('flowId'),
		DATAFLOW_PICK.search,
		DATAFLOW_PICK.item,
	);
	await editor.addFixedCollectionEntry('audiences');
	await editor.pickFromList(
		editor.resourceLocator('id', editor.fixedCollection('audiences')),
		AUDIENCE_PICK.search,
		AUDIENCE_PICK.item,
	);
}
