import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	isDestinationSpec,
	type ConnectionSpec,
	type DestinationAccount,
} from '../../model/destination';
import { simplifyAccount, withoutCredentials } from '../../model/simplify';
import type { FlowServiceClient } from '../../transport';
import { connectionSpecs, dataflowCounts } from '../runLookups';

const specIdOf = (account: DestinationAccount) => account.connectionSpec?.id;

/**
 * The accounts of destinations among base connections (a sandbox also holds its sources'): an
 * account whose connection spec could not be read is kept rather than hidden.
 */
export async function destinationAccountsOnly(
	this: IExecuteFunctions,
	client: FlowServiceClient,
	accounts: DestinationAccount[],
): Promise<DestinationAccount[]> {
	const specs = await connectionSpecs.call(this, client, accounts.map(specIdOf));
	return accounts.filter((account) => {
		const spec = specs.get(specIdOf(account)?.toLowerCase() ?? '');
		return !spec || isDestinationSpec(spec);
	});
}

/** Accounts as the output gives them: simplified (named, counted) or Adobe's, without credentials. */
export async function outputAccounts(
	this: IExecuteFunctions,
	client: FlowServiceClient,
	accounts: DestinationAccount[],
	simplify: boolean,
): Promise<IDataObject[]> {
	if (!simplify) return accounts.map((account) => withoutCredentials(account) as IDataObject);
	const specs = await connectionSpecs.call(this, client, accounts.map(specIdOf));
	const counts = await dataflowCounts(
		client,
		accounts.map((account) => account.id),
	).catch(() => new Map<string, number>());
	return accounts.map(
		(account) =>
			simplifyAccount(
				account,
				nameOf(specs, specIdOf(account)),
				counts.get(account.id.toLowerCase()) ?? null,
			) as IDataObject,
	);
}

function nameOf(
	specs: ReadonlyMap<string, ConnectionSpec | null>,
	id: string | undefined,
): string | null {
	return (id && specs.get(id.toLowerCase())?.name) || null;
}
