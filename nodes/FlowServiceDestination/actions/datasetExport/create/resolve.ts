import type { ConnectionSpec, DestinationAccount, FlowSpec } from '../../../model/destination';
import type { DesiredDatasetExport } from '../../../planner/createDatasetExport';
import { exportableEntry } from '../../../planner/datasetMembership';
import {
	datasetTargetParams,
	type DatasetExportCreateInput,
} from '../../../rules/datasetExportCreate';
import type { CreateLookups } from '../../create/lookups';
import { accountNamed } from '../../create/resolve';

/** An item's dataset export with everything read that it depends on. */
export interface ResolvedDatasetExport {
	desired: DesiredDatasetExport;
	account: DestinationAccount;
	spec: ConnectionSpec;
	flowSpec: FlowSpec;
}

/**
 * Reads what an item's create depends on: the account, its destination's spec, the dataset flow
 * spec to it, and the datasets Adobe says the sandbox can export (each given one must be among
 * them; its name comes from there). Only reads: nothing is created here.
 */
export async function resolveDatasetExport(
	input: DatasetExportCreateInput,
	lookups: CreateLookups,
): Promise<ResolvedDatasetExport> {
	const account = await accountNamed(input.accountId, lookups);
	const spec = await lookups.spec(account.connectionSpec.id);
	const flowSpec = await lookups.flowSpec(spec.id, 'datasets');
	const exportable = await lookups.exportableDatasets('');
	const datasets = input.datasets.map(({ id, field }) => exportableEntry(id, exportable, field));
	return {
		desired: {
			name: input.name,
			description: input.description,
			datasets,
			params: datasetTargetParams(input, spec, flowSpec),
			schedule: input.schedule,
		},
		account,
		spec,
		flowSpec,
	};
}
