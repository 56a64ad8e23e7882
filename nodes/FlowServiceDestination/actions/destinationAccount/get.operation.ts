import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { accountLocator } from '../../descriptions/accountLocator';
import { requestOptions, simplifyFields } from '../../descriptions/options';
import { accountIdFromLocator } from '../../rules/accountLocator';
import { getClient, getSimplify } from '../parameters';
import { readItemParameter } from '../jsonFieldParameter';
import { outputAccounts } from './accounts';

export const description: INodeProperties[] = [
	accountLocator({ operation: ['get'] }),
	...simplifyFields(['get']),
	requestOptions(['get']),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const accountId = accountIdFromLocator(readItemParameter.call(this, 'accountId', itemIndex));
	const client = getClient.call(this, itemIndex);
	const account = await client.getAccount(accountId);
	const simplify = getSimplify.call(this, itemIndex);
	return (await outputAccounts.call(this, client, [account], simplify))[0];
}
