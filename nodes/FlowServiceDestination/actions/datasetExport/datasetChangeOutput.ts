/** The output of Add Datasets and Remove Datasets: a readable summary first, then what changed. */
import type { IDataObject } from 'n8n-workflow';

import type { FlowDocument } from '../../model/types';
import type { DatasetEntry } from '../../planner/datasetMembership';
import {
	replaceSource,
	sourceBody,
	type DatasetChangeInput,
	type Pending,
	type Planned,
	type Retries,
} from './datasetRequests';

export function counters(retries: Retries): IDataObject {
	return { conflictRetries: retries.conflicts, transientRetries: retries.transient };
}

export function landedOutput(
	input: DatasetChangeInput,
	pending: Pending,
	flow: FlowDocument,
	retries: Retries,
): IDataObject {
	return output(input, pending.planned, {
		sourceConnectionId: pending.id,
		previousEtag: pending.planned.flow.etag,
		etag: flow.etag,
		confirmedByRead: true,
		...counters(retries),
	});
}

const idsOf = (datasets: DatasetEntry[]) => datasets.map((d) => d.name ?? d.dataSetId).join(', ');

function summaryOf(input: DatasetChangeInput, { flow, plan }: Planned, dryRun: boolean): string {
	const name = `dataflow "${flow.name ?? flow.id}"`;
	if (!plan.changed) {
		const none = {
			add: 'already exports every dataset given',
			remove: 'exports none of the datasets given',
			set: 'already exports exactly the datasets given',
		};
		return `No change: ${name} ${none[input.change]}`;
	}
	const add = `${dryRun ? 'Would add' : 'Added'} ${plan.added.length} dataset(s) (${idsOf(plan.added)})`;
	const remove = `${dryRun ? 'Would remove' : 'Removed'} ${plan.removed.length} dataset(s) (${idsOf(plan.removed)})`;
	const what = {
		add: `${add} to`,
		remove: `${remove} from`,
		set: `${[plan.added.length && add, plan.removed.length && remove].filter(Boolean).join(' and ')} on`,
	};
	const skipped = plan.skipped.length ? `; skipped ${plan.skipped.length}` : '';
	return `${what[input.change]} ${name}${skipped}`;
}

export function output(
	input: DatasetChangeInput,
	planned: Planned,
	sent: IDataObject,
): IDataObject {
	const { flow, source, plan } = planned;
	return {
		summary: summaryOf(input, planned, false),
		flowId: flow.id,
		changed: plan.changed,
		added: plan.added as unknown as IDataObject[],
		removed: plan.removed as unknown as IDataObject[],
		skipped: plan.skipped as unknown as IDataObject[],
		datasets: plan.datasets as unknown as IDataObject[],
		...(plan.changed
			? { replacedSourceConnectionId: source.id }
			: { sourceConnectionId: source.id, etag: flow.etag }),
		...sent,
	};
}

/** What would be sent, in order; the new source connection's ID is only known once it is made. */
export function dryRunOutput(input: DatasetChangeInput, planned: Planned): IDataObject {
	const { flow, source, plan } = planned;
	const requests = plan.changed
		? [
				{ method: 'POST', path: '/sourceConnections', body: sourceBody(flow, source, plan) },
				{
					method: 'PATCH',
					path: `/flows/${flow.id}`,
					headers: { 'If-Match': flow.etag },
					body: replaceSource('<id of the new source connection>') as unknown as IDataObject[],
				},
			]
		: [];
	return {
		summary: summaryOf(input, planned, true),
		dryRun: true,
		flowId: flow.id,
		changed: false,
		etag: flow.etag,
		added: plan.added as unknown as IDataObject[],
		removed: plan.removed as unknown as IDataObject[],
		skipped: plan.skipped as unknown as IDataObject[],
		datasets: plan.datasets as unknown as IDataObject[],
		sourceConnectionId: source.id,
		requests,
	};
}
