import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { accountLocator } from '../../descriptions/accountLocator';
import type { ConnectionSpec, DestinationAccount } from '../../model/destination';
import { planCredentials, type CredentialsPlan } from '../../planner/accountCredentials';
import {
	CREDENTIAL_FIELDS,
	CREDENTIALS_FIELD,
	parseCredentials,
} from '../../rules/accountCredentials';
import { accountIdFromLocator } from '../../rules/accountLocator';
import { FlowServiceHttpError } from '../../transport';
import { editConnection } from '../../update/editConnection';
import { editOptions, readEditSettings, runEach, type EditSettings } from '../connectionEdits';
import { readItemParameter } from '../jsonFieldParameter';
import type { ItemOutcome } from '../operations';

const OPERATION = 'updateCredentials';

const EXPRESSION_HINT =
	'Give it as an expression (for example from a previous node or your secrets store): a value typed here is saved in the workflow in clear text';

const credentialField = (
	param: string,
	description: string,
	placeholder?: string,
): INodeProperties => ({
	displayName: CREDENTIAL_FIELDS[param],
	name: param,
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description,
	hint: EXPRESSION_HINT,
	...(placeholder ? { placeholder } : {}),
});

export const description: INodeProperties[] = [
	accountLocator({ operation: [OPERATION] }),
	{
		displayName: 'Credentials',
		name: CREDENTIALS_FIELD,
		type: 'collection',
		placeholder: 'Add Credential',
		default: {},
		description:
			'The new credentials; Adobe replaces all of an account’s credentials at once, so give every secret its way of signing in needs. Settings that are no secrets (an SFTP domain, port and user) are kept. Never shown in the output.',
		displayOptions: { show: { operation: [OPERATION] } },
		options: [
			credentialField('s3AccessKey', 'Amazon S3 access key ID (Access Key)', 'AKIA…'),
			credentialField(
				'connectionString',
				'Azure Blob Storage connection string (DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…)',
			),
			credentialField('password', 'SFTP password (SFTP with Password)'),
			credentialField('s3SecretKey', 'Amazon S3 secret access key (Access Key)'),
			credentialField(
				'sshKey',
				'SFTP private SSH key, Base64-encoded as Adobe requires (SFTP with SSH Key)',
			),
		],
	},
	editOptions(OPERATION, 'destination account'),
];

interface CredentialsInput extends EditSettings {
	accountId: string;
	given: Record<string, string>;
	/** Labels of the credentials typed into their fields, which the saved workflow holds in clear. */
	typed: string[];
}

/** The credential fields holding a literal rather than an expression (which starts with "="). */
function typedCredentials(this: IExecuteFunctions): string[] {
	const raw = this.getNode().parameters[CREDENTIALS_FIELD];
	const fields = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
	return Object.keys(CREDENTIAL_FIELDS)
		.filter((param) => typeof fields[param] === 'string' && fields[param] !== '')
		.filter((param) => !(fields[param] as string).startsWith('='))
		.map((param) => CREDENTIAL_FIELDS[param]);
}

/** Checks an item's parameters; nothing is read or sent yet. */
export function prepareItem(this: IExecuteFunctions, itemIndex: number): CredentialsInput {
	return {
		accountId: accountIdFromLocator(readItemParameter.call(this, 'accountId', itemIndex)),
		given: parseCredentials(this.getNodeParameter(CREDENTIALS_FIELD, itemIndex, {})),
		typed: typedCredentials.call(this),
		...readEditSettings.call(this, itemIndex),
	};
}

export async function runAll(
	this: IExecuteFunctions,
	items: Array<{ itemIndex: number; input: CredentialsInput }>,
	continueOnFail: boolean,
): Promise<ItemOutcome[]> {
	return await runEach(items, continueOnFail, async (input) =>
		updateCredentials(input).catch((error: unknown) => {
			throw withoutSecrets(error, Object.values(input.given));
		}),
	);
}

/** Reads the account and its destination's auth specs, then edits the account's credentials. */
async function updateCredentials(input: CredentialsInput): Promise<IDataObject> {
	const { client, accountId } = input;
	let spec: ConnectionSpec | undefined;
	const outcome = await editConnection<DestinationAccount, CredentialsPlan>(
		client,
		{
			collection: 'connections',
			id: accountId,
			what: 'Destination account',
			read: async () => {
				const account = await client.getAccount(accountId);
				spec ??= await client.getConnectionSpec(account.connectionSpec?.id ?? '');
				return account;
			},
			plan: (account) => planCredentials(account, spec!, input.given),
		},
		input,
	);
	const { before: account, plan } = outcome;
	const name = `destination account ${account.name ?? account.id} (${account.id})`;
	const verb = input.dryRun ? 'Would update' : 'Updated';
	const json: IDataObject = {
		summary: `${verb} the credentials of ${name}: ${plan.authType}, ${plan.updated.join(', ')}`,
		changed: outcome.changed,
		account: { id: account.id, name: account.name ?? null },
		destination: spec?.name ?? null,
		authType: plan.authType,
		previousAuthType: plan.previousAuthType,
		// Names only: the values are secrets.
		updated: plan.updated,
		kept: plan.kept,
		etag: outcome.etag,
		...(outcome.changed ? { previousEtag: outcome.previousEtag } : {}),
		conflictRetries: outcome.conflictRetries,
		transientRetries: outcome.transientRetries,
	};
	if (input.dryRun) json.dryRun = true;
	if (input.typed.length > 0) {
		json.warnings = [
			`${input.typed.join(', ')} typed into the node: the saved workflow holds it in clear text; give it as an expression instead`,
		];
	}
	return json;
}

/** Adobe's error as it came, with any of the given secrets it might quote masked. */
function withoutSecrets(error: unknown, secrets: string[]): unknown {
	if (!(error instanceof FlowServiceHttpError)) return error;
	// As given, and as JSON writes it inside a quoted string (quotes, backslashes escaped).
	const forms = secrets.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]);
	const mask = (value: unknown): unknown => {
		if (typeof value === 'string') {
			return forms.reduce((text, secret) => text.split(secret).join('***'), value);
		}
		if (Array.isArray(value)) return value.map(mask);
		if (typeof value === 'object' && value !== null) {
			return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, mask(inner)]));
		}
		return value;
	};
	return new FlowServiceHttpError(
		error.statusCode,
		mask(error.body),
		error.headers,
		mask(error.message) as string,
		error.networkCode,
		error.retries,
	);
}
