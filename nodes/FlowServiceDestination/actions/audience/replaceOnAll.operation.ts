import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { audienceLocator } from '../../descriptions/audienceLocator';
import { InputError, inputError } from '../../model/inputError';
import { planReplaceAudience } from '../../planner/audienceDataflows';
import { requireUuid } from '../../rules/scalars';
import { lookUpAudiences } from '../audienceCheck';
import type { ItemOutcome } from '../operations';
import { onAllFields, readOnAllInput, runOnAllDataflows, type OnAllInput } from './onAllDataflows';

const OPERATION = 'replaceOnAll';
const REPLACEMENT = 'replacementAudienceId';

export const description: INodeProperties[] = [
	{
		...audienceLocator(
			REPLACEMENT,
			'Replace With',
			'The audience to export instead, with the export settings each dataflow had for the audience above',
		),
		required: true,
		displayOptions: { show: { operation: [OPERATION] } },
	},
	...onAllFields(OPERATION, 'swap it on'),
];

interface ReplaceInput extends OnAllInput {
	replacementId: string;
	/** The replacement's name in the sandbox, once looked up. */
	replacementName?: string;
}

export function prepareItem(this: IExecuteFunctions, itemIndex: number): ReplaceInput {
	const input = readOnAllInput.call(this, itemIndex);
	const replacementId = requireUuid(
		this.getNodeParameter(REPLACEMENT, itemIndex, ''),
		REPLACEMENT,
		'Replace With',
	);
	if (replacementId === input.audienceId) {
		inputError(REPLACEMENT, 'Replace With is the audience to replace; choose another audience');
	}
	return { ...input, replacementId };
}

/**
 * The replacements of all items are looked up first (one bulk-get per 100 IDs): an item naming
 * one the sandbox does not have fails before anything of it is read or sent (before anything of
 * the run, unless failures continue per item). Then every dataflow exporting the audience gets
 * the replacement with the audience's export settings, in one PATCH each.
 */
export async function runAll(
	this: IExecuteFunctions,
	items: Array<{ itemIndex: number; input: ReplaceInput }>,
	continueOnFail: boolean,
): Promise<ItemOutcome[]> {
	if (items.length === 0) return [];
	let found: Map<string, { id: string; name?: string }>;
	try {
		found = await lookUpAudiences(
			items[0].input.client,
			items.map(({ input }) => input.replacementId),
		);
	} catch (error) {
		return continueOnFail
			? items.map(({ itemIndex }) => ({ itemIndex, error }))
			: [{ itemIndex: items[0].itemIndex, error }];
	}
	const unknown: ItemOutcome[] = [];
	const known: typeof items = [];
	for (const item of items) {
		const audience = found.get(item.input.replacementId);
		// The ID as the sandbox spells it, and its name, go on the dataflows.
		const replacement = audience && { replacementId: audience.id, replacementName: audience.name };
		if (replacement) known.push({ ...item, input: { ...item.input, ...replacement } });
		else unknown.push({ itemIndex: item.itemIndex, error: unknownReplacement(item.input) });
	}
	if (unknown.length > 0 && !continueOnFail) return unknown;
	const replaced = await runOnAllDataflows(known, continueOnFail, {
		verb: 'replace',
		planner: ({ audienceId, replacementId, replacementName }) =>
			planReplaceAudience(audienceId, { id: replacementId, name: replacementName }, 'audienceId'),
		fields: ({ audienceId, replacementId, replacementName }) => ({
			audienceId,
			replacementAudienceId: replacementId,
			replacementAudienceName: replacementName ?? null,
		}),
	});
	return [...unknown, ...replaced];
}

function unknownReplacement(input: ReplaceInput): InputError {
	return new InputError(
		REPLACEMENT,
		`${input.replacementId} does not exist in the sandbox`,
		'Nothing was sent to Adobe. Pick the audience from the list, or check the ID for a typo.',
	);
}
