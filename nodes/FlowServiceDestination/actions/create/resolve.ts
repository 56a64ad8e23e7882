import type { ConnectionSpec, DestinationAccount, FlowSpec } from '../../model/destination';
import { inputError } from '../../model/inputError';
import type { AudienceReference } from '../../model/types';
import {
	SOURCE_FIELD,
	mergeDataflow,
	type CreateInput,
	type MergedDataflow,
} from '../../rules/createDataflow';
import { describeSourceFlow, type SourceFlow } from '../../rules/sourceFlow';
import type { DesiredAudience } from '../../rules/syncAudiences';
import type { FlowServiceClient } from '../../transport';
import { lookUpAudiences } from '../audienceCheck';
import type { CreateLookups } from './lookups';

/** An item's create with everything read that it depends on. */
export interface ResolvedCreate {
	desired: MergedDataflow;
	/** Check Audiences Exist: looked up for the whole run at once, before anything is created. */
	audiences: AudienceReference[];
	account: DestinationAccount;
	spec: ConnectionSpec;
	flowSpec: FlowSpec;
}

async function sourceOf(
	input: CreateInput,
	client: FlowServiceClient,
): Promise<SourceFlow | undefined> {
	if (input.from === 'input') return input.source;
	if (input.from !== 'template') return undefined;
	const template = await client.getFlow(input.templateFlowId!);
	const targetId = (template.targetConnectionIds as string[] | undefined)?.[0];
	const target = targetId ? await client.getTargetConnection(targetId) : undefined;
	return describeSourceFlow(template, SOURCE_FIELD.template, target);
}

/** The account the Destination Account parameter names, with its destination (connection spec). */
export async function accountNamed(
	accountId: string,
	lookups: CreateLookups,
): Promise<DestinationAccount & { connectionSpec: { id: string } }> {
	const account = await lookups.account(accountId);
	if (!account)
		inputError('accountId', `Destination account ${accountId} does not exist in this sandbox`);
	if (!account.connectionSpec?.id)
		inputError(
			'accountId',
			`Destination account ${account.id} names no destination (connection spec)`,
		);
	return account as DestinationAccount & { connectionSpec: { id: string } };
}

/**
 * The account: the one the item names, else the copied dataflow's, by ID, or (from another
 * sandbox) by name. One that cannot be found fails the item, naming it.
 */
async function accountOf(
	input: CreateInput,
	source: SourceFlow | undefined,
	lookups: CreateLookups,
): Promise<DestinationAccount> {
	if (input.accountId) return await accountNamed(input.accountId, lookups);
	const field = SOURCE_FIELD[input.from as 'template' | 'input'];
	const { id, name } = source?.account ?? {};
	const byId = id ? await lookups.account(id) : undefined;
	if (byId) return byId;
	const named = name ? await lookups.accountsNamed(name) : [];
	if (named.length === 1) return named[0];
	const what = [name && `"${name}"`, id && `(${id} in its sandbox)`].filter(Boolean).join(' ');
	return inputError(
		field,
		named.length > 1
			? `Destination account ${what} is not unique here: ${named.length} accounts have that name; pick the Destination Account`
			: name || id
				? `Destination account ${what} is not in this sandbox, by ID or by name; pick the Destination Account`
				: 'The dataflow names no destination account; pick the Destination Account (or read it with Get’s Include Destination Details)',
	);
}

/**
 * Audiences of a dataflow from another sandbox, matched here by ID, else by name (its name must
 * be unique here). What cannot be matched fails the item, naming the audience.
 */
async function matchAudiences(
	audiences: DesiredAudience[],
	client: FlowServiceClient,
	lookups: CreateLookups,
): Promise<DesiredAudience[]> {
	const found = await lookUpAudiences(
		client,
		audiences.map((audience) => audience.selector.value.id),
	);
	const matched: DesiredAudience[] = [];
	for (const audience of audiences) {
		const { id, name } = audience.selector.value;
		if (found.has(id.toLowerCase())) {
			matched.push(audience);
			continue;
		}
		const named = name ? await lookups.audiencesNamed(name) : [];
		if (named.length !== 1) {
			inputError(
				audience.field,
				named.length > 1
					? `Audience "${name}" (${id} in its sandbox) is not unique here: ${named.length} audiences have that name`
					: `Audience ${name ? `"${name}" ` : ''}(${id} in its sandbox) is not in this sandbox, by ID or by name`,
			);
		}
		const selector = structuredClone(audience.selector);
		selector.value.id = named[0].id;
		matched.push({ ...audience, selector });
	}
	return matched;
}

/** The audiences Check Audiences Exist looks up for an item, naming the fields they came from. */
function referencesOf(audiences: DesiredAudience[]): AudienceReference[] {
	return audiences.map(({ selector, field }) => ({
		id: selector.value.id,
		field: field.startsWith('$json') || field === 'templateFlowId' ? field : `${field}.id`,
		value: selector.value,
	}));
}

/**
 * Reads what an item's create depends on (template, account, destination specs, audiences in the
 * sandbox) and merges it with the item's parameters. Only reads: nothing is created here.
 */
export async function resolveCreate(
	input: CreateInput,
	client: FlowServiceClient,
	lookups: CreateLookups,
	checksAudiences: boolean,
): Promise<ResolvedCreate> {
	const source = await sourceOf(input, client);
	const account = await accountOf(input, source, lookups);
	const specId = account.connectionSpec?.id;
	if (!specId)
		inputError(
			'accountId',
			`Destination account ${account.id} names no destination (connection spec)`,
		);
	const spec = await lookups.spec(specId);
	const flowSpec = await lookups.flowSpec(spec.id);
	const merged = mergeDataflow(input, source, spec, flowSpec);
	const audiences =
		input.from === 'input'
			? await matchAudiences(merged.audiences, client, lookups)
			: merged.audiences;
	// Audiences from another sandbox were just matched; the others are checked with the run's.
	const check = checksAudiences && input.from !== 'input' ? referencesOf(audiences) : [];
	return { desired: { ...merged, audiences }, account, spec, flowSpec, audiences: check };
}
