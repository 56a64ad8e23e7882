import type { IDataObject, INode, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';

import type { NodeTypeInput, NodeTypesInput } from './types';

function instantiate(input: NodeTypeInput): INodeType | IVersionedNodeType {
	return typeof input === 'function' ? new input() : input;
}

/** The `INodeTypes` lookup n8n-core uses, over a fixed map of full type names. */
/** A node alone on the harness's canvas: at the origin, without parameters unless given. */
export function loneNode(
	node: Pick<INode, 'id' | 'name' | 'type' | 'typeVersion'> & Partial<INode>,
): INode {
	return { position: [0, 0], parameters: {}, ...node };
}

export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	constructor(nodeTypes: NodeTypesInput) {
		for (const [name, input] of Object.entries(nodeTypes)) this.types.set(name, instantiate(input));
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types.get(nodeType);
		if (!type) {
			// Same wording as n8n's loader, so a typo in a workflow reads like it would in n8n.
			throw new UnexpectedError(`Unrecognized node type: ${nodeType}`, {
				extra: { known: [...this.types.keys()] },
			});
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries([...this.types.keys()].map((name) => [name, {}]));
	}

	/** Every version of every type, for searches such as "which node tests this credential". */
	allVersions(): Array<{ name: string; type: INodeType }> {
		const result: Array<{ name: string; type: INodeType }> = [];
		for (const [name, type] of this.types) {
			if ('nodeVersions' in type) {
				for (const version of Object.values(type.nodeVersions))
					result.push({ name, type: version });
			} else {
				result.push({ name, type });
			}
		}
		return result;
	}
}
