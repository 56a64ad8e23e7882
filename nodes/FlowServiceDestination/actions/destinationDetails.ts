import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { accountIdsOf, destinationIdOf } from '../model/destination';
import type { FlowDocument } from '../model/types';
import type { FlowServiceClient } from '../transport';
import { connectionSpecs, destinationAccounts } from './runLookups';

/**
 * What a dataflow names only by ID, read in its own sandbox: its destination and account by name,
 * and its target connection's export settings. With them another sandbox can make the same
 * dataflow (Create › Dataflow From Input), finding the account by name.
 */
export async function destinationDetails(
	this: IExecuteFunctions,
	client: FlowServiceClient,
	flow: FlowDocument,
): Promise<IDataObject> {
	const destinationId = destinationIdOf(flow);
	const accountId = accountIdsOf(flow)[0];
	const targetId = (flow.targetConnectionIds as string[] | undefined)?.[0];
	const specs = await connectionSpecs.call(this, client, [destinationId]);
	const accounts = await destinationAccounts.call(this, client, [accountId]);
	const target = targetId ? await client.getTargetConnection(targetId) : undefined;
	const nameOf = (found: ReadonlyMap<string, { name?: string } | null>, id?: string) =>
		(id && found.get(id.toLowerCase())?.name) || null;
	return {
		destination: { id: destinationId ?? null, name: nameOf(specs, destinationId) },
		account: { id: accountId ?? null, name: nameOf(accounts, accountId) },
		targetConnection: target
			? { id: target.id, name: target.name ?? null, params: (target.params ?? {}) as IDataObject }
			: null,
	};
}
