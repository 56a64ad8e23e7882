import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { accountIdsOf, destinationIdOf } from '../model/destination';
import { simplifyFlow } from '../model/simplify';
import type { FlowDocument } from '../model/types';
import type { FlowServiceClient } from '../transport';
import { connectionSpecs, destinationAccounts } from './runLookups';

export const nameIn = <T extends { name?: string }>(
	found: ReadonlyMap<string, T | null>,
	id: string | undefined,
): string | null => (id && found.get(id.toLowerCase())?.name) || null;

/**
 * Dataflows simplified, each naming its destination and account: the connection specs and
 * accounts of all of them are looked up together, each once per run.
 */
export async function simplifyFlows(
	this: IExecuteFunctions,
	client: FlowServiceClient,
	flows: FlowDocument[],
): Promise<IDataObject[]> {
	const destinations = flows.map(destinationIdOf);
	const accounts = flows.map((flow) => accountIdsOf(flow)[0]);
	const specs = await connectionSpecs.call(this, client, destinations);
	const found = await destinationAccounts.call(this, client, accounts);
	return flows.map(
		(flow, index) =>
			simplifyFlow(flow, {
				destinationName: nameIn(specs, destinations[index]),
				accountName: nameIn(found, accounts[index]),
			}) as IDataObject,
	);
}
