import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../helpers/errors';
import { buildProfileAttribute, type RawProfileAttribute } from '../../helpers/profileAttributeRules';
import { describeType } from '../../helpers/validation';
import { planAddProfileAttributes } from '../../planner/profileAttributes';
import type { UpdateRequest } from '../runUpdates';
import { flowLocator, getClient, getFlowId, getUpdateOptions, updateOptions } from '../common';
import { jsonEntries } from './addAudiences.operation';

const OPERATION = 'addProfileAttributes';

export const description: INodeProperties[] = [
	flowLocator([OPERATION]),
	{
		displayName: 'Define Attributes',
		name: 'attributeInput',
		type: 'options',
		default: 'fields',
		displayOptions: { show: { operation: [OPERATION] } },
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
	},
	{
		displayName: 'Attributes',
		name: 'attributes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attribute',
		default: {},
		displayOptions: { show: { operation: [OPERATION], attributeInput: ['fields'] } },
		options: [
			{
				displayName: 'Attribute',
				name: 'attribute',
				values: [
					{ displayName: 'XDM Path', name: 'path', type: 'string', default: '', placeholder: 'person.name.firstName' },
					{
						displayName: 'Identity Namespace',
						name: 'identityNamespace',
						type: 'string',
						default: '',
						placeholder: 'Email',
						description: 'Set when the attribute is an identity (for example Email)',
					},
					{ displayName: 'Mandatory', name: 'mandatory', type: 'boolean', default: false, description: 'Whether only profiles that have this attribute are exported' },
					{
						displayName: 'Deduplication Key',
						name: 'deduplicationKey',
						type: 'boolean',
						default: false,
						description: 'Whether this attribute (or its identity namespace) deduplicates exported profiles: one namespace or up to two attributes',
					},
				],
			},
		],
	},
	{
		displayName: 'Attributes (JSON)',
		name: 'attributesJson',
		type: 'json',
		default: '[\n  {\n    "path": "person.name.firstName"\n  }\n]',
		description: 'Array of {path, identityNamespace, mandatory, deduplicationKey}',
		displayOptions: { show: { operation: [OPERATION], attributeInput: ['json'] } },
	},
	updateOptions([OPERATION]),
];

export function prepare(this: IExecuteFunctions, itemIndex: number): UpdateRequest {
	const flowId = getFlowId.call(this, itemIndex);
	const mode = this.getNodeParameter('attributeInput', itemIndex, 'fields') as string;
	const field = mode === 'json' ? 'attributesJson' : 'attributes.attribute';
	const entries =
		mode === 'json'
			? jsonEntries(this.getNodeParameter('attributesJson', itemIndex, '[]'), field)
			: (((this.getNodeParameter('attributes', itemIndex, {}) as IDataObject).attribute ?? []) as IDataObject[]);
	if (entries.length === 0) inputError(field, 'Add at least one attribute');
	const attributes = entries.map((entry, index) => {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			inputError(`${field}[${index}]`, `Each attribute must be an object, got ${describeType(entry)}`);
		}
		return buildProfileAttribute(entry as RawProfileAttribute, `${field}[${index}]`);
	});
	return { flowId, planner: planAddProfileAttributes(attributes), options: getUpdateOptions.call(this, itemIndex), client: getClient.call(this, itemIndex) };
}
