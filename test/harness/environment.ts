import type { INodeType } from 'n8n-workflow';

import { CredentialStore } from './credentialStore';
import { HarnessCredentialsHelper } from './credentialsHelper';
import { HarnessCredentialTypes } from './credentialTypes';
import { HarnessNodeTypes } from './nodeTypes';
import { createManualTriggerNodeType, MANUAL_TRIGGER_TYPE } from './triggerNode';
import type { HarnessEnvironment } from './types';
import { isolateN8nUserFolder } from './userFolder';

isolateN8nUserFolder();

export interface Environment {
	nodeTypes: HarnessNodeTypes;
	credentialTypes: HarnessCredentialTypes;
	store: CredentialStore;
	credentialsHelper: HarnessCredentialsHelper;
}

/** Fresh registries and credential store for one run or method call: nothing leaks between tests. */
export function createEnvironment(
	options: HarnessEnvironment,
	extraNodeTypes: Record<string, INodeType> = {},
): Environment {
	const nodeTypes = new HarnessNodeTypes({
		[MANUAL_TRIGGER_TYPE]: createManualTriggerNodeType(),
		...extraNodeTypes,
		...options.nodeTypes,
	});
	const credentialTypes = new HarnessCredentialTypes(options.credentialTypes);
	const store = new CredentialStore(options.credentials);
	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes, store);
	return { nodeTypes, credentialTypes, store, credentialsHelper };
}
