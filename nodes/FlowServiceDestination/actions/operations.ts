import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { flowLocator } from '../descriptions/flowLocator';
import type { UpdateRequest } from '../update/runUpdates';

import { audienceProperty } from './audience/audienceDataflows';
import * as findDataflows from './audience/findDataflows.operation';
import * as removeFromAll from './audience/removeFromAll.operation';
import * as replaceOnAll from './audience/replaceOnAll.operation';
import * as addAudiences from './dataflow/addAudiences.operation';
import * as addProfileAttributes from './dataflow/addProfileAttributes.operation';
import * as applyJsonPatch from './dataflow/applyJsonPatch.operation';
import * as create from './dataflow/create.operation';
import * as deleteDataflow from './dataflow/deleteDataflow.operation';
import * as disable from './dataflow/disable.operation';
import * as enable from './dataflow/enable.operation';
import * as exportNow from './dataflow/exportNow.operation';
import * as get from './dataflow/get.operation';
import * as getMany from './dataflow/getMany.operation';
import * as getRuns from './dataflow/getRuns.operation';
import * as removeAudiences from './dataflow/removeAudiences.operation';
import * as removeProfileAttributes from './dataflow/removeProfileAttributes.operation';
import * as syncAudiences from './dataflow/syncAudiences.operation';
import * as updateAudienceExportSettings from './dataflow/updateAudienceExportSettings.operation';
import * as updateExportLocation from './dataflow/updateExportLocation.operation';
import * as updateInfo from './dataflow/updateInfo.operation';
import * as updateMapping from './dataflow/updateMapping.operation';
import * as addDatasets from './datasetExport/addDatasets.operation';
import * as createDatasetExport from './datasetExport/create.operation';
import * as removeDatasets from './datasetExport/removeDatasets.operation';
import * as extendEndDate from './datasetExport/extendEndDate.operation';
import * as getDatasetExport from './datasetExport/get.operation';
import * as getManyDatasetExports from './datasetExport/getMany.operation';
import * as updateSchedule from './datasetExport/updateSchedule.operation';
import * as getAccount from './destinationAccount/get.operation';
import * as getManyAccounts from './destinationAccount/getMany.operation';
import * as updateCredentials from './destinationAccount/updateCredentials.operation';

/** Reads run `execute` per item; updates `prepare` a request per item and the engine sends them. */
export interface ReadOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

export interface UpdateOperation {
	description: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): UpdateRequest;
	/** False for operations whose items must not share a PATCH (raw patches, whole desired states). */
	combinable?: boolean;
	/** False for operations whose items run one by one in input order (each a whole desired state). */
	parallel?: boolean;
	/** Adds operation-specific fields to an item's update result, per node version. */
	summarize?(result: IDataObject, version: number): IDataObject;
}

/** Each item's result or the error that failed it. */
export type ItemOutcome =
	{ itemIndex: number; json: IDataObject } | { itemIndex: number; error: unknown };

/**
 * Operations whose items are checked one by one and then run together (Create: the run's lookups
 * once, items naming one dataflow one after the other).
 */
export interface BatchOperation<T = unknown> {
	description: INodeProperties[];
	prepareItem(this: IExecuteFunctions, itemIndex: number): T;
	runAll(
		this: IExecuteFunctions,
		items: Array<{ itemIndex: number; input: T }>,
		continueOnFail: boolean,
	): Promise<ItemOutcome[]>;
}

export type Operation = ReadOperation | UpdateOperation | BatchOperation;

export const operations: Record<string, Operation> = {
	get,
	getMany,
	getRuns,
	create,
	updateInfo,
	addAudiences,
	removeAudiences,
	syncAudiences,
	updateAudienceExportSettings,
	updateExportLocation,
	addProfileAttributes,
	removeProfileAttributes,
	updateMapping,
	enable,
	disable,
	applyJsonPatch,
	exportNow,
	deleteDataflow,
};

export const accountOperations: Record<string, Operation> = {
	get: getAccount,
	getMany: getManyAccounts,
	updateCredentials,
};

/**
 * Dataflow is the default, so saved workflows (which hold no `resource`) get it and stay as they
 * were; n8n also derives a tool's operation-specific description from the `action` of an
 * operation shown under a resource.
 */
export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	default: 'dataflow',
	options: [
		{ name: 'Dataflow', value: 'dataflow' },
		{
			name: 'Dataset Export',
			value: 'datasetExport',
			description: 'Dataflows that export datasets (Destinations › Dataset exports)',
		},
		{
			name: 'Destination Account',
			value: 'destinationAccount',
			description: 'The accounts of destinations (Destinations › Accounts)',
		},
		{
			name: 'Audience',
			value: 'audience',
			description: 'Where an audience is exported, across all destination dataflows',
		},
	],
};

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'get',
	displayOptions: { show: { resource: ['dataflow'] } },
	options: [
		{
			name: 'Add Audiences',
			value: 'addAudiences',
			action: 'Add audiences to a dataflow',
			description: 'Start exporting audiences (segments); ones already exported are skipped',
		},
		{
			name: 'Add Profile Attributes',
			value: 'addProfileAttributes',
			action: 'Add profile attributes to a dataflow',
			description: 'Export more profile attributes, optionally mandatory or as deduplication keys',
		},
		{
			name: 'Apply JSON Patch',
			value: 'applyJsonPatch',
			action: 'Apply a JSON patch to a dataflow',
			description: 'Send checked RFC 6902 operations as they are',
		},
		{
			name: 'Create',
			value: 'create',
			action: 'Create a dataflow',
			description:
				'Create an audience activation dataflow from fields, a template dataflow, or a dataflow read from another sandbox',
		},
		{
			name: 'Delete Dataflow',
			value: 'deleteDataflow',
			action: 'Delete a dataflow',
			description: 'Delete a destination dataflow; its run history stays readable',
		},
		{
			name: 'Disable',
			value: 'disable',
			action: 'Disable a dataflow',
			description: 'Stop a dataflow from running',
		},
		{
			name: 'Enable',
			value: 'enable',
			action: 'Enable a dataflow',
			description: 'Let a dataflow run',
		},
		{
			name: 'Export Now',
			value: 'exportNow',
			action: 'Export audiences of a dataflow now',
			description:
				'Start an ad-hoc export of audiences a batch (file-based) dataflow already exports, without waiting for its schedule',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a dataflow',
			description: 'Read a dataflow with its audiences, attributes and etag',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many dataflows',
			description: 'List destination dataflows, optionally filtered',
		},
		{
			name: 'Get Runs',
			value: 'getRuns',
			action: 'Get the runs of a dataflow',
			description:
				'List the run history of a dataflow, newest first, optionally by status and start time',
		},
		{
			name: 'Remove Audiences',
			value: 'removeAudiences',
			action: 'Remove audiences from a dataflow',
			description: 'Stop exporting audiences, by ID or name',
		},
		{
			name: 'Remove Profile Attributes',
			value: 'removeProfileAttributes',
			action: 'Remove profile attributes from a dataflow',
			description: 'Stop exporting profile attributes, by XDM path',
		},
		{
			name: 'Sync Audiences',
			value: 'syncAudiences',
			action: 'Sync the audiences of a dataflow to a list',
			description:
				'Make a dataflow export exactly the listed audiences with their settings: adds missing ones, updates changed settings, removes unlisted ones',
		},
		{
			name: 'Update Audience Export Settings',
			value: 'updateAudienceExportSettings',
			action: 'Update the export settings of audiences on a dataflow',
			description:
				'Change schedule, export mode, file name template or name of audiences already exported; settings not given keep their values',
		},
		{
			name: 'Update Export Location',
			value: 'updateExportLocation',
			action: 'Update the export location of a dataflow',
			description:
				'Change where and how a file-based dataflow writes its files (folder, bucket or container, file type, compression, CSV options); settings not given keep their values',
		},
		{
			name: 'Update Info',
			value: 'updateInfo',
			action: 'Rename a dataflow or update its description or schedule',
			description: 'Change name, description or schedule',
		},
		{
			name: 'Update Mapping',
			value: 'updateMapping',
			action: 'Update the mapping set of a dataflow',
			description: 'Point the dataflow at another Data Prep mapping set or version',
		},
	],
};

/**
 * One Dataflow parameter for every operation on one dataflow, so its value survives switching
 * operation (a copy per operation is a different parameter to the editor, which empties it).
 * Saved workflows store it as `flowId` either way.
 */
export const flowIdProperty: INodeProperties = flowLocator(
	Object.keys(operations).filter((name) => name !== 'getMany' && name !== 'create'),
);

export const accountOperationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'getMany',
	displayOptions: { show: { resource: ['destinationAccount'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a destination account',
			description: 'Read one destination account, without its credentials',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many destination accounts',
			description: 'List destination accounts, optionally by destination and name',
		},
		{
			name: 'Update Credentials',
			value: 'updateCredentials',
			action: 'Update the credentials of a destination account',
			description:
				'Replace the secrets an account signs in with (S3 access key and secret, SFTP password or SSH key, Azure connection string); never shown in the output',
		},
	],
};

export const audienceOperations: Record<string, Operation> = {
	findDataflows,
	removeFromAll,
	replaceOnAll,
};

export const audienceOperationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'findDataflows',
	displayOptions: { show: { resource: ['audience'] } },
	options: [
		{
			name: 'Find Dataflows',
			value: 'findDataflows',
			action: 'Find the dataflows that export an audience',
			description:
				'List every destination dataflow that exports an audience, with its export settings and whether it still exports',
		},
		{
			name: 'Remove From All Dataflows',
			value: 'removeFromAll',
			action: 'Remove an audience from all dataflows',
			description:
				'Stop exporting an audience on every destination dataflow that exports it (or the enabled or named ones), one update per dataflow',
		},
		{
			name: 'Replace On All Dataflows',
			value: 'replaceOnAll',
			action: 'Replace an audience on all dataflows',
			description:
				'Export another audience instead of one on every dataflow that exports it, with the same export settings',
		},
	],
};

export const datasetExportOperations: Record<string, Operation> = {
	addDatasets,
	create: createDatasetExport,
	extendEndDate,
	get: getDatasetExport,
	getMany: getManyDatasetExports,
	removeDatasets,
	updateSchedule,
};

export const datasetExportOperationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'getMany',
	displayOptions: { show: { resource: ['datasetExport'] } },
	options: [
		{
			name: 'Add Datasets',
			value: 'addDatasets',
			action: 'Add datasets to a dataset export',
			description:
				'Start exporting more datasets in a dataset export dataflow; ones it already exports are skipped',
		},
		{
			name: 'Create',
			value: 'create',
			action: 'Create a dataset export',
			description:
				'Create a dataflow that exports datasets to a file-based destination, on a schedule or once',
		},
		{
			name: 'Extend End Date',
			value: 'extendEndDate',
			action: 'Extend the end date of dataset exports',
			description:
				'Move the end of one dataset export, or of every one ending before a date, to a date or by months',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a dataset export',
			description: 'Read one dataset export dataflow with its datasets and schedule',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many dataset exports',
			description:
				'List dataset export dataflows, optionally by end date, dataset, destination and state',
		},
		{
			name: 'Remove Datasets',
			value: 'removeDatasets',
			action: 'Remove datasets from a dataset export',
			description:
				'Stop exporting datasets in a dataset export dataflow; at least one must stay (delete the dataflow to stop it)',
		},
		{
			name: 'Update Schedule',
			value: 'updateSchedule',
			action: 'Update the schedule of a dataset export',
			description:
				'Change export mode, interval, start or end of a dataset export; fields not given keep their values',
		},
	],
};

/**
 * The Dataflow parameter of the Dataset Export operations that work on one dataflow; Extend End
 * Date needs none when it extends every dataset export ending before a date.
 */
const datasetExportFlowLocator = flowLocator([
	'addDatasets',
	'extendEndDate',
	'get',
	'removeDatasets',
	'updateSchedule',
]);
export const datasetExportFlowIdProperty: INodeProperties = {
	...datasetExportFlowLocator,
	// The picker lists dataset exports only.
	modes: datasetExportFlowLocator.modes?.map((mode) =>
		mode.name === 'list'
			? { ...mode, typeOptions: { ...mode.typeOptions, searchListMethod: 'searchDatasetExports' } }
			: mode,
	),
	displayOptions: {
		...datasetExportFlowLocator.displayOptions,
		hide: { ...datasetExportFlowLocator.displayOptions?.hide, extendScope: ['endingBefore'] },
	},
};

/** A resource's operations, and the Operation list that offers them. */
export interface Resource {
	operations: Record<string, Operation>;
	operationProperty: INodeProperties;
	/** Parameters shared by several of its operations. */
	shared: INodeProperties[];
}

export const resources: Record<string, Resource> = {
	dataflow: { operations, operationProperty, shared: [flowIdProperty] },
	datasetExport: {
		operations: datasetExportOperations,
		operationProperty: datasetExportOperationProperty,
		shared: [datasetExportFlowIdProperty],
	},
	destinationAccount: {
		operations: accountOperations,
		operationProperty: accountOperationProperty,
		shared: [],
	},
	audience: {
		operations: audienceOperations,
		operationProperty: audienceOperationProperty,
		shared: [audienceProperty],
	},
};

/** A copy of each property shown only under `resource`, as well as under its own rules. */
function underResource(resource: string, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { resource: [resource], ...property.displayOptions?.show },
		},
	}));
}

/** Every parameter of the node: the resource, each resource's Operation list and its fields. */
export const nodeProperties: INodeProperties[] = [
	resourceProperty,
	...Object.entries(resources).flatMap(([name, resource]) => [
		resource.operationProperty,
		...underResource(name, [
			...resource.shared,
			...Object.values(resource.operations).flatMap((operation) => operation.description),
		]),
	]),
];
