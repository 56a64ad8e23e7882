import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CONFLICT_RETRIES } from '../rules/options';
import { accountLocator } from './accountLocator';
import { ATTRIBUTE_ENTRIES } from './attributeFields';
import { AUDIENCE_ENTRIES, checkAudiencesOption } from './audienceFields';
import { entriesInput } from './entriesInput';
import { fileStorageFieldOptions } from './fileStorageFields';
import { flowLocator } from './flowLocator';
import { conflictRetriesOption, dryRunOption, flowConcurrencyOption, optionsWith } from './options';

const OPERATION = 'create';
const create = { operation: [OPERATION] };
const from = (...modes: string[]) => ({ ...create, createFrom: modes });
const copying = from('template', 'input');

const exportSettings: INodeProperties = {
	displayName: 'Export Settings',
	name: 'exportSettings',
	type: 'collection',
	placeholder: 'Add Setting',
	default: {},
	description:
		'Where and how the destination receives files. Checked against what the destination declares before anything is sent; with a template or an input dataflow, settings given here replace its own.',
	displayOptions: { show: create },
	options: [
		...fileStorageFieldOptions,
		{
			displayName: 'Other Settings (JSON)',
			name: 'otherSettings',
			type: 'json',
			default: '{}',
			description:
				'The target connection parameters of other destinations as a JSON object, named as the destination’s connection spec declares them; merged over the fields above',
		},
	],
};

/** Enable, as both creates offer it. */
export function enableField(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Enable',
		name: 'enable',
		type: 'boolean',
		default: true,
		description:
			'Whether the dataflow runs once created (Adobe’s enable action, after creating it)',
		displayOptions: { show },
	};
}

/** If Dataflow Exists, as both creates offer it; what Use It does is each create's own. */
export function ifExistsField(show: Record<string, string[]>, useIt: string): INodeProperties {
	return {
		displayName: 'If Dataflow Exists',
		name: 'ifExists',
		type: 'options',
		default: 'fail',
		description: 'When the sandbox already has a dataflow of this name (looked up before creating)',
		displayOptions: { show },
		options: [
			{ name: 'Fail', value: 'fail', description: 'Create nothing and fail the item' },
			{ name: 'Skip', value: 'skip', description: 'Leave it as it is and output it' },
			{ name: 'Use It', value: 'useIt', description: useIt },
		],
	};
}

/** The parameters of Dataflow › Create. */
export const createFields: INodeProperties[] = [
	{
		displayName: 'Create From',
		name: 'createFrom',
		type: 'options',
		default: 'fields',
		displayOptions: { show: create },
		options: [
			{
				name: 'Fields Below',
				value: 'fields',
				description: 'Name, account, export settings, audiences and attributes given here',
			},
			{
				name: 'Template Dataflow',
				value: 'template',
				description:
					'Another like an existing dataflow of this sandbox: its account and export settings, optionally its audiences and attributes',
			},
			{
				name: 'Dataflow From Input',
				value: 'input',
				description:
					'The dataflow each input item carries as Get returns it (Simplify off), from any sandbox: audiences and account are matched by ID or name here',
			},
		],
	},
	{
		...flowLocator([OPERATION]),
		displayName: 'Template Dataflow',
		name: 'templateFlowId',
		description: 'The dataflow to copy',
		displayOptions: { show: from('template') },
	},
	{
		displayName: 'Name',
		name: 'dataflowName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Winter campaign',
		description: 'Name of the new dataflow; also how it is found when it already exists',
		displayOptions: { show: from('fields', 'template') },
	},
	{
		displayName: 'Name',
		name: 'dataflowName',
		type: 'string',
		default: '',
		description: 'Name of the new dataflow; empty takes the input dataflow’s',
		displayOptions: { show: from('input') },
	},
	{
		displayName: 'Description',
		name: 'dataflowDescription',
		type: 'string',
		default: '',
		description: 'Optional; empty takes the copied dataflow’s',
		displayOptions: { show: create },
	},
	accountLocator(from('fields')),
	accountLocator(copying, {
		required: false,
		description:
			'Empty takes the copied dataflow’s account (from another sandbox: the account of the same name here)',
	}),
	exportSettings,
	{
		displayName: 'Copy Audiences',
		name: 'copyAudiences',
		type: 'boolean',
		default: true,
		description: 'Whether the new dataflow exports the copied dataflow’s audiences too',
		displayOptions: { show: copying },
	},
	{
		displayName: 'Copy Profile Attributes',
		name: 'copyAttributes',
		type: 'boolean',
		default: true,
		description:
			'Whether the new dataflow exports the copied dataflow’s profile attributes (or mapping set) too',
		displayOptions: { show: copying },
	},
	...entriesInput(AUDIENCE_ENTRIES, create, {
		list: 'Audiences to export, with their export settings; with a copied dataflow, added to its audiences (same ID: these settings win)',
		json: 'Array of audience objects with the keys of the fields mode, or selectors as Get returns them',
	}),
	{
		displayName: 'Profile Attributes From',
		name: 'attributesFrom',
		type: 'options',
		default: 'attributes',
		displayOptions: { show: create },
		options: [
			{
				name: 'Attribute List',
				value: 'attributes',
				description: 'XDM paths, optionally mandatory or deduplication keys',
			},
			{
				name: 'Mapping Set',
				value: 'mappingSet',
				description: 'A Data Prep mapping set (newer file-based destinations)',
			},
		],
	},
	...entriesInput(
		ATTRIBUTE_ENTRIES,
		{ ...create, attributesFrom: ['attributes'] },
		{ json: 'Array of {path, identityNamespace, mandatory, deduplicationKey}' },
	),
	{
		displayName: 'Mapping ID',
		name: 'mappingId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'c5f22f04e09f44498e528901546a83b1',
		description: 'ID of the Data Prep mapping set',
		displayOptions: { show: { ...create, attributesFrom: ['mappingSet'] } },
	},
	{
		displayName: 'Mapping Version',
		name: 'mappingVersion',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Version of the mapping set',
		displayOptions: { show: { ...create, attributesFrom: ['mappingSet'] } },
	},
	enableField(create),
	ifExistsField(
		create,
		'Make it export exactly the audiences and attributes of the item (Sync); safe to run on a schedule',
	),
	optionsWith(
		[OPERATION],
		[
			dryRunOption(
				'Whether to only read and list every request a create would send, in order, with its body, without sending any',
			),
			checkAudiencesOption,
			conflictRetriesOption(DEFAULT_CONFLICT_RETRIES),
			flowConcurrencyOption,
		],
	),
];
