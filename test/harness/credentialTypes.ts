import type { ICredentialType, INodeProperties } from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';

import type { CredentialTypeInput } from './types';

/** Credential types by name, with n8n's rules for `extends` (parents first, own fields win). */
export class HarnessCredentialTypes {
	private readonly types = new Map<string, ICredentialType>();

	constructor(credentialTypes: CredentialTypeInput[] = []) {
		for (const input of credentialTypes) {
			const type = typeof input === 'function' ? new input() : input;
			this.types.set(type.name, type);
		}
	}

	recognizes(name: string): boolean {
		return this.types.has(name);
	}

	getByName(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) {
			throw new UnexpectedError(`Unknown credential type: ${name}`, {
				extra: { known: [...this.types.keys()] },
			});
		}
		return type;
	}

	/** All ancestors, nearest first. Unknown parents (e.g. n8n's built-in `oAuth2Api`) end the walk. */
	getParentTypes(name: string): string[] {
		const parents: string[] = [];
		for (const parent of this.getByName(name).extends ?? []) {
			parents.push(parent);
			if (this.recognizes(parent)) parents.push(...this.getParentTypes(parent));
		}
		return parents;
	}

	/** Properties including inherited ones, as n8n's CredentialsHelper.getCredentialsProperties merges them. */
	getProperties(name: string): INodeProperties[] {
		const type = this.getByName(name);
		if (type.extends === undefined) {
			if (name === 'oAuth1Api' || name === 'oAuth2Api') {
				return [
					...type.properties,
					{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', default: {} },
				];
			}
			return type.properties;
		}
		const merged: INodeProperties[] = [];
		for (const parent of type.extends) {
			if (this.recognizes(parent))
				NodeHelpers.mergeNodeProperties(merged, this.getProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(merged, type.properties);
		return merged;
	}

	names(): string[] {
		return [...this.types.keys()];
	}
}
