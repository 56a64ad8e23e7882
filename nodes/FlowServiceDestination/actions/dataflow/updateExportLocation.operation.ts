import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fileStorageFieldOptions } from '../../descriptions/fileStorageFields';
import type { FlowConnection, SettingsSchema } from '../../model/destination';
import { inputError } from '../../model/inputError';
import { FlowServiceHttpError, type FlowServiceClient } from '../../transport';
import type { FlowDocument } from '../../model/types';
import {
	planExportLocation,
	type ExportLocation,
	type ExportLocationPlan,
} from '../../planner/exportLocation';
import { parseExportLocation } from '../../rules/exportLocation';
import type { FileStorageFields } from '../../rules/exportSettings';
import { editConnection } from '../../update/editConnection';
import { editOptions, readEditSettings, runEach, type EditSettings } from '../connectionEdits';
import type { ItemOutcome } from '../operations';
import { getFlowId } from '../parameters';

const OPERATION = 'updateExportLocation';

export const description: INodeProperties[] = [
	{
		displayName: 'Export Settings',
		name: 'exportSettings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description:
			'The settings of the dataflow’s target connection to change; settings not added keep their current values. Checked against what the destination declares before anything is sent.',
		displayOptions: { show: { operation: [OPERATION] } },
		options: fileStorageFieldOptions,
	},
	editOptions(OPERATION, 'target connection'),
];

interface LocationInput extends EditSettings {
	flowId: string;
	fields: FileStorageFields;
}

/** Checks an item's parameters; nothing is read or sent yet. */
export function prepareItem(this: IExecuteFunctions, itemIndex: number): LocationInput {
	return {
		flowId: getFlowId.call(this, itemIndex),
		fields: parseExportLocation(this.getNodeParameter('exportSettings', itemIndex, {})),
		...readEditSettings.call(this, itemIndex),
	};
}

export async function runAll(
	this: IExecuteFunctions,
	items: Array<{ itemIndex: number; input: LocationInput }>,
	continueOnFail: boolean,
): Promise<ItemOutcome[]> {
	return await runEach(items, continueOnFail, updateLocation);
}

/** The one target connection a destination dataflow writes through. */
function targetConnectionIdOf(flow: FlowDocument): string {
	const ids = flow.targetConnectionIds;
	const inherited = (flow.inheritedAttributes as IDataObject | undefined)?.targetConnections;
	const id = Array.isArray(ids)
		? ids[0]
		: Array.isArray(inherited)
			? (inherited[0] as IDataObject | undefined)?.id
			: undefined;
	if (typeof id !== 'string') {
		inputError('flowId', `Dataflow ${flow.id} has no target connection, so no export location`);
	}
	return id;
}

/**
 * The dataflow's flow spec, whose `_workflow` tells which settings apply (file type to audience
 * exports only); one Adobe does not serve leaves the settings' conditions unchecked.
 */
async function flowSpecOf(client: FlowServiceClient, flow: FlowDocument) {
	const id = (flow.flowSpec as IDataObject | undefined)?.id;
	if (typeof id !== 'string') return undefined;
	return await client.getFlowSpec(id).catch((error: unknown) => {
		if (error instanceof FlowServiceHttpError && error.statusCode === 404) return undefined;
		throw error;
	});
}

/** Reads the dataflow, its flow spec, target connection and destination, then edits the connection. */
async function updateLocation(input: LocationInput): Promise<IDataObject> {
	const { client } = input;
	const flow = await client.getFlow(input.flowId);
	const connectionId = targetConnectionIdOf(flow);
	const context = { flowSpec: await flowSpecOf(client, flow) };
	let spec: { name: string; schema?: SettingsSchema } | undefined;
	const outcome = await editConnection<FlowConnection, ExportLocationPlan>(
		client,
		{
			collection: 'targetConnections',
			id: connectionId,
			what: 'Target connection',
			read: async () => {
				const connection = await client.getTargetConnection(connectionId);
				if (!spec) {
					const specId = connection.connectionSpec?.id;
					const read = specId ? await client.getConnectionSpec(specId) : undefined;
					spec = { name: read?.name ?? 'The destination', schema: read?.targetSpec?.spec };
				}
				return connection;
			},
			plan: (connection) =>
				planExportLocation(connection, input.fields, spec?.schema, spec!.name, context),
		},
		input,
	);
	const { plan, before } = outcome;
	const json: IDataObject = {
		summary: summary(flow, outcome.changed, input.dryRun, plan),
		changed: outcome.changed,
		dataflow: { id: flow.id, name: flow.name ?? null },
		destination: spec?.name ?? null,
		targetConnection: {
			id: before.id,
			name: before.name ?? null,
			etag: outcome.etag,
			...(outcome.changed ? { previousEtag: outcome.previousEtag } : {}),
		},
		exportLocation: { was: plan.was, is: plan.is } as unknown as IDataObject,
		operations: plan.operations as unknown as IDataObject[],
		conflictRetries: outcome.conflictRetries,
		transientRetries: outcome.transientRetries,
	};
	if (input.dryRun) json.dryRun = true;
	if (outcome.confirmedByRead) json.confirmedByRead = true;
	return json;
}

const LABELS: Array<[keyof ExportLocation, string]> = [
	['bucketName', 'bucket'],
	['container', 'container'],
	['folderPath', 'folder'],
	['fileType', 'file type'],
	['compression', 'compression'],
	['csvOptions', 'CSV options'],
];

const shown = (value: unknown) => (value === undefined ? 'none' : JSON.stringify(value));

/** "Moved …: folder "a" → "b", file type "CSV" → "JSON"", or why nothing changed. */
function summary(
	flow: FlowDocument,
	changed: boolean,
	dryRun: boolean,
	plan: ExportLocationPlan,
): string {
	const name = `dataflow ${flow.name ?? flow.id} (${flow.id})`;
	const changes = LABELS.filter(
		([key]) => JSON.stringify(plan.was[key]) !== JSON.stringify(plan.is[key]),
	).map(([key, label]) => `${label} ${shown(plan.was[key])} → ${shown(plan.is[key])}`);
	if (plan.operations.length === 0 && !changed) {
		return `No change: the export location of ${name} already has these settings`;
	}
	const verb = dryRun ? 'Would change' : 'Changed';
	// A write whose answer was lost: the fresh read already shows the new location.
	const what = changes.length > 0 ? changes.join(', ') : 'confirmed by a fresh read';
	return `${verb} the export location of ${name}: ${what}`;
}
