import type {
	ICredentialDataDecryptedObject,
	ICredentialsEncrypted,
	INodeCredentialsDetails,
} from 'n8n-workflow';
import { deepCopy, ICredentials, UserError } from 'n8n-workflow';

import type { CredentialsInput, CredentialUpdate, StoredCredential } from './types';

/**
 * Stands in for n8n's credentials table: one credential per type, kept in memory only
 * (nothing is encrypted or written to disk). Every write is logged for `credentialUpdates`.
 */
export class CredentialStore {
	private readonly byType = new Map<string, StoredCredential>();

	readonly updates: CredentialUpdate[] = [];

	constructor(credentials: CredentialsInput = {}) {
		for (const [type, credential] of Object.entries(credentials)) {
			this.byType.set(type, deepCopy(credential));
		}
	}

	/** Like n8n, a node that points at a missing credential fails with "does not exist". */
	get(details: INodeCredentialsDetails, type: string): StoredCredential {
		const stored = this.byType.get(type);
		if (!stored) {
			throw new UserError(`Credential with ID "${details.id}" does not exist for type "${type}".`);
		}
		return stored;
	}

	has(type: string): boolean {
		return this.byType.has(type);
	}

	/** Copy of the stored data, so callers can mutate it the way n8n-core does. */
	read(details: INodeCredentialsDetails, type: string): ICredentialDataDecryptedObject {
		return deepCopy(this.get(details, type).data);
	}

	/** Replaces the stored data; `changed` is what gets logged as the update. */
	write(
		details: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
		changed: ICredentialDataDecryptedObject = data,
	): void {
		const stored = this.get(details, type);
		stored.data = deepCopy(data);
		this.updates.push({ type, id: stored.id, data: deepCopy(changed) });
	}

	details(type: string): INodeCredentialsDetails | undefined {
		const stored = this.byType.get(type);
		return stored && { id: stored.id, name: stored.name };
	}
}

/** `ICredentials` over the in-memory store; the "encrypted" data is plain JSON that never leaves memory. */
export class InMemoryCredentials extends ICredentials {
	async getData(): Promise<ICredentialDataDecryptedObject> {
		return this.data === undefined ? {} : (JSON.parse(this.data) as ICredentialDataDecryptedObject);
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: this.data };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.data = JSON.stringify(data);
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: string[] = [],
	): Promise<void> {
		const data = { ...(await this.getData()), ...toUpdate } as ICredentialDataDecryptedObject;
		for (const key of toDelete) delete data[key];
		await this.setData(data);
	}
}
