/**
 * Dataset Export › Create, planned purely: fail, skip or take over a dataflow of the name, or the
 * three requests that make one (a Data Lake source connection with the datasets, a target
 * connection on the account, the dataflow with its schedule), reusing what an earlier attempt
 * left when it fits.
 */
import type {
	ConnectionSpec,
	DestinationAccount,
	FlowConnection,
	FlowSpec,
} from '../model/destination';
import { DATA_LAKE_SOURCE_SPEC, flowKind, isDatasetExport } from '../model/flowKind';
import { inputError } from '../model/inputError';
import type { FlowDocument } from '../model/types';
import type { DatasetExportSchedule } from '../rules/datasetExportCreate';
import { connectionSteps, type CreatePlan, type IfExists } from './createDataflow';
import { datasetsOfSource, sameDatasets, type DatasetEntry } from './datasetMembership';

/** The dataset export an item asks for, every part resolved and checked. */
export interface DesiredDatasetExport {
	name: string;
	description?: string;
	/** With the names Adobe's exportable list gives them. */
	datasets: DatasetEntry[];
	params: Record<string, unknown>;
	schedule: DatasetExportSchedule;
}

export interface DatasetExportDocuments {
	account: DestinationAccount;
	spec: ConnectionSpec;
	flowSpec: FlowSpec;
	existing?: FlowDocument;
	/** Says who made `existing` when an earlier item of the run did. */
	existingMadeBy?: string;
	leftovers: { source: FlowConnection[]; target: FlowConnection[] };
}

export type DatasetExportCreatePlan =
	| { action: 'skip'; existing: FlowDocument }
	| { action: 'useIt'; existing: FlowDocument }
	| Omit<Extract<CreatePlan, { action: 'create' }>, 'planners'>;

export function planDatasetExportCreate(
	desired: DesiredDatasetExport,
	ifExists: IfExists,
	documents: DatasetExportDocuments,
): DatasetExportCreatePlan {
	const { account, spec, flowSpec, existing, leftovers } = documents;
	if (existing) {
		const what = `A dataflow named "${desired.name}" already exists (${existing.id}${documents.existingMadeBy ? `, ${documents.existingMadeBy}` : ''})`;
		if (ifExists === 'skip') return { action: 'skip', existing };
		if (ifExists === 'useIt') {
			if (!isDatasetExport(existing))
				inputError(
					'ifExists',
					`${what} and is ${flowKind(existing)}: Use It works only on a dataset export; choose another Name`,
				);
			return { action: 'useIt', existing };
		}
		inputError('dataflowName', `${what}; set If Dataflow Exists to Skip or Use It to work with it`);
	}
	const description = desired.description ? { description: desired.description } : {};
	return {
		action: 'create',
		...connectionSteps(desired.name, leftovers, {
			sourceFits: (connection) =>
				sameDatasets(datasetsOfSource(connection), desired.datasets) &&
				connection.connectionSpec?.id === DATA_LAKE_SOURCE_SPEC,
			source: {
				...description,
				connectionSpec: { id: DATA_LAKE_SOURCE_SPEC, version: '1.0' },
				params: { datasets: desired.datasets },
			},
			target: {
				...description,
				baseConnectionId: account.id,
				params: desired.params,
				connectionSpec: { id: spec.id, version: spec.version ?? '1.0' },
			},
		}),
		// `state` is never sent (Adobe refuses it on create); enabling is an action afterwards.
		flow: (sourceId, targetId) => ({
			name: desired.name,
			...description,
			flowSpec: { id: flowSpec.id, version: flowSpec.version ?? '1.0' },
			sourceConnectionIds: [sourceId],
			targetConnectionIds: [targetId],
			transformations: [],
			scheduleParams: { ...desired.schedule },
		}),
	};
}
