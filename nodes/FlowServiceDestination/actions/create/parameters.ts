import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ATTRIBUTE_ENTRIES } from '../../descriptions/attributeFields';
import { accountIdFromLocator } from '../../rules/accountLocator';
import {
	CREATE_FROM,
	IF_EXISTS,
	SOURCE_FIELD,
	oneOf,
	type CreateInput,
} from '../../rules/createDataflow';
import { readFileStorageFields, settingsObject } from '../../rules/exportSettings';
import { flowIdFromLocator } from '../../rules/flowLocator';
import { parseMappingInput } from '../../rules/mapping';
import { buildProfileAttribute } from '../../rules/profileAttributes';
import { locatorValue, optionalString, readBoolean } from '../../rules/scalars';
import { describeSourceFlow } from '../../rules/sourceFlow';
import { desiredAudiences } from '../../rules/syncAudiences';
import { inputError } from '../../model/inputError';
import { NAME_REQUIRED } from '../../rules/createDataflow';
import { readItemParameter } from '../jsonFieldParameter';
import { readRunParameter } from '../runParameters';
import { readAudienceEntries, readEntries } from '../parameters';

const empty = (raw: unknown) => {
	const value = locatorValue(raw);
	return value === undefined || value === null || value === '';
};

/** Reads and checks one item's Create parameters; nothing is read from Adobe yet. */
export function readCreateInput(this: IExecuteFunctions, itemIndex: number): CreateInput {
	// A parameter without an expression is resolved once per run (each resolution is costly in n8n).
	const parameter = (name: string, fallback: unknown) =>
		readRunParameter.call(this, name, itemIndex, fallback as never);
	const from = oneOf(parameter('createFrom', 'fields'), CREATE_FROM, 'createFrom');
	const rawAccount = readItemParameter.call(this, 'accountId', itemIndex, '');
	const accountId =
		from !== 'fields' && empty(rawAccount) ? undefined : accountIdFromLocator(rawAccount);
	const settings = parameter('exportSettings', {}) as IDataObject;
	const { fields, entries } = readAudienceEntries.call(this, itemIndex);
	const attributesFrom = oneOf(
		parameter('attributesFrom', 'attributes'),
		['attributes', 'mappingSet'] as const,
		'attributesFrom',
	);
	const attributeList =
		attributesFrom === 'attributes'
			? readEntries.call(this, itemIndex, ATTRIBUTE_ENTRIES)
			: undefined;
	const name = optionalString(
		readItemParameter.call(this, 'dataflowName', itemIndex, ''),
		'dataflowName',
		'Name',
	);
	// Only a dataflow from the input brings a name of its own.
	if (name === undefined && from !== 'input') {
		inputError('dataflowName', NAME_REQUIRED);
	}
	return {
		from,
		name,
		description: optionalString(
			parameter('dataflowDescription', ''),
			'dataflowDescription',
			'Description',
		),
		accountId,
		templateFlowId:
			from === 'template'
				? flowIdFromLocator(
						readItemParameter.call(this, 'templateFlowId', itemIndex),
						'templateFlowId',
					)
				: undefined,
		source:
			from === 'input'
				? describeSourceFlow(this.getInputData()[itemIndex].json, SOURCE_FIELD.input)
				: undefined,
		fileFields: readFileStorageFields(settings),
		otherSettings: settingsObject(settings.otherSettings, 'exportSettings.otherSettings'),
		audiences: desiredAudiences(entries, fields),
		attributes: (attributeList?.entries ?? []).map((entry, index) =>
			buildProfileAttribute(entry, `${attributeList!.field}[${index}]`),
		),
		mapping:
			attributesFrom === 'mappingSet'
				? (({ mappingId, mappingVersion }) => ({ mappingId, mappingVersion }))(
						parseMappingInput(
							parameter('mappingId', ''),
							parameter('mappingVersion', 0),
							'profileMapping',
						),
					)
				: undefined,
		copyAudiences:
			from !== 'fields' && readBoolean(parameter('copyAudiences', true), 'copyAudiences', true),
		copyAttributes:
			from !== 'fields' && readBoolean(parameter('copyAttributes', true), 'copyAttributes', true),
		enable: readBoolean(parameter('enable', true), 'enable', true),
		ifExists: oneOf(parameter('ifExists', 'fail'), IF_EXISTS, 'ifExists'),
	};
}
