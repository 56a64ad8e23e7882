import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { nodeProperties, operationProperty } from './actions/operations';
import { router } from './actions/router';
import { optionNames } from './descriptions/optionNames';
import { SERVICE_DESCRIPTION } from './descriptions/serviceDescription';
import { getDestinations, searchDestinationAccounts } from './methods/accountSearch';
import { searchAudiences } from './methods/audienceSearch';
import { getExportableDatasets } from './methods/datasetSearch';
import { searchFlowAudiences } from './methods/flowAudienceSearch';
import { searchDataflows, searchDatasetExports } from './methods/listSearch';

/** The canvas subtitle: the operation as the Operation list names it. */
const OPERATION_NAMES = optionNames(operationProperty);

export class FlowServiceDestination implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Flow Service Destination',
		name: 'flowServiceDestination',
		icon: {
			light: 'file:flowServiceDestination.svg',
			dark: 'file:flowServiceDestination.dark.svg',
		},
		group: ['transform'],
		// Version 2: Simplify on by default for reads, audiences checked before they are sent.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: `={{ ${JSON.stringify(OPERATION_NAMES)}[$parameter["operation"]] ?? $parameter["operation"] }}`,
		description: SERVICE_DESCRIPTION,
		defaults: { name: 'Flow Service Destination' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'adobeExperiencePlatformApi', required: true }],
		hints: [
			{
				message: 'Dry Run is on: the planned changes are shown but nothing is sent to Adobe.',
				type: 'info',
				location: 'outputPane',
				whenToDisplay: 'beforeExecution',
				displayCondition: '={{ $parameter["options"]?.dryRun === true }}',
			},
		],
		properties: nodeProperties,
	};

	methods = {
		listSearch: {
			searchDataflows,
			searchDatasetExports,
			searchAudiences,
			searchFlowAudiences,
			searchDestinationAccounts,
		},
		loadOptions: { getDestinations, getExportableDatasets },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
