import type { IExecuteFunctions } from 'n8n-workflow';

import { datasetExportCreateFields } from '../../descriptions/datasetExportFields';
import { accountIdFromLocator } from '../../rules/accountLocator';
import { parseDatasetExportCreate } from '../../rules/datasetExportCreate';
import { parseBatchSettings, parseUpdateSwitches, type Options } from '../../rules/options';
import { FlowServiceClient } from '../../transport';
import { retryPolicyFrom } from '../../transport/retryPolicy';
import { readItemParameter } from '../jsonFieldParameter';
import type { ItemOutcome } from '../operations';
import { readRunParameter } from '../runParameters';
import { runDatasetExportCreates, type DatasetExportCreateEntry } from './create/run';

export const description = datasetExportCreateFields;

/** Checks an item's parameters; nothing is read or sent yet. */
export function prepareItem(this: IExecuteFunctions, itemIndex: number): DatasetExportCreateEntry {
	// A parameter without an expression is resolved once per run (each resolution is costly in n8n).
	const parameter = (name: string, fallback: unknown) =>
		readRunParameter.call(this, name, itemIndex, fallback as never);
	const options = parameter('options', {}) as Options;
	const switches = parseUpdateSwitches(options);
	const input = parseDatasetExportCreate(
		{
			dataflowName: readItemParameter.call(this, 'dataflowName', itemIndex, ''),
			dataflowDescription: parameter('dataflowDescription', ''),
			accountId: accountIdFromLocator(readItemParameter.call(this, 'accountId', itemIndex, '')),
			datasets: readItemParameter.call(this, 'datasets', itemIndex, []),
			datasetIds: readItemParameter.call(this, 'datasetIds', itemIndex, ''),
			exportSettings: parameter('exportSettings', {}) as Record<string, unknown>,
			datasetFileType: parameter('datasetFileType', 'JSON'),
			compression: parameter('compression', 'GZIP'),
			exportMode: parameter('exportMode', 'FIRST_FULL_THEN_INCREMENTAL'),
			exportFrequency: parameter('exportFrequency', 'DAILY'),
			scheduleStart: readItemParameter.call(this, 'scheduleStart', itemIndex, ''),
			scheduleEnd: readItemParameter.call(this, 'scheduleEnd', itemIndex, ''),
			folderNameTemplate: parameter('folderNameTemplate', ''),
			enable: parameter('enable', true),
			ifExists: parameter('ifExists', 'fail'),
		},
		Math.floor(Date.now() / 1000),
	);
	return {
		itemIndex,
		input,
		options: {
			dryRun: switches.dryRun,
			maxConflictRetries: switches.maxConflictRetries,
			flowConcurrency: parseBatchSettings(options).flowConcurrency,
		},
		client: new FlowServiceClient(this, retryPolicyFrom(options)),
	};
}

export async function runAll(
	this: IExecuteFunctions,
	items: Array<{ itemIndex: number; input: DatasetExportCreateEntry }>,
	continueOnFail: boolean,
): Promise<ItemOutcome[]> {
	return await runDatasetExportCreates(
		this,
		items.map((item) => item.input),
		continueOnFail,
	);
}
