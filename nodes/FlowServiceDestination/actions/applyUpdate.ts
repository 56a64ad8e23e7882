import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { FlowDocument, PatchOperation, Planner } from '../helpers/types';
import { FlowServiceHttpError, getFlow, patchFlow } from '../transport';
import { UpdateConflictError } from './conflictError';
import { toNodeError } from './nodeErrors';

export interface UpdateOptions {
	dryRun: boolean;
	returnUpdatedFlow: boolean;
	maxConflictRetries: number;
	/** When set, the first attempt skips the read and sends this etag; only raw patches can plan without the flow. */
	etag?: string;
}

/**
 * Read, plan, send with If-Match, and on 412 read again and re-plan, up to the bound.
 * Planning is pure, so a re-plan against the fresh flow never duplicates or mis-indexes a change.
 */
export async function applyUpdate(
	this: IExecuteFunctions,
	itemIndex: number,
	flowId: string,
	planner: Planner | (() => ReturnType<Planner>),
	options: UpdateOptions,
): Promise<IDataObject> {
	let suppliedEtag = options.etag;
	for (let attempt = 0; ; attempt++) {
		const flow = suppliedEtag === undefined ? await getFlow.call(this, flowId) : undefined;
		const etag = suppliedEtag ?? flow!.etag;
		const plan = (planner as Planner)(flow as FlowDocument);
		const report = { flowId, etag, operations: plan.operations as unknown as IDataObject[], skipped: plan.skipped as unknown as IDataObject[] };
		if (options.dryRun) return { ...report, dryRun: true, changed: false };
		if (plan.operations.length === 0) {
			return withFlow({ ...report, changed: false, conflictRetries: attempt }, options.returnUpdatedFlow ? flow : undefined);
		}
		let conflict: FlowServiceHttpError | undefined;
		try {
			return await send.call(this, flowId, etag, plan.operations, options, { ...report, conflictRetries: attempt });
		} catch (error) {
			if (!(error instanceof FlowServiceHttpError) || error.statusCode !== 412) throw toNodeError(this.getNode(), error, itemIndex);
			conflict = error;
		}
		if (attempt >= options.maxConflictRetries) throw new UpdateConflictError(flowId, attempt + 1, conflict);
		suppliedEtag = undefined;
	}
}

async function send(
	this: IExecuteFunctions,
	flowId: string,
	etag: string,
	operations: PatchOperation[],
	options: UpdateOptions,
	report: IDataObject,
): Promise<IDataObject> {
	const result = await patchFlow.call(this, flowId, etag, operations);
	// Some Adobe answers are 202 with no body: the new etag then has to be read back.
	const updated = options.returnUpdatedFlow || !result.etag ? await getFlow.call(this, flowId) : undefined;
	const newEtag = result.etag ?? updated!.etag;
	return withFlow({ ...report, previousEtag: etag, etag: newEtag, changed: true }, options.returnUpdatedFlow ? updated : undefined);
}

function withFlow(report: IDataObject, flow: FlowDocument | undefined): IDataObject {
	return flow ? { ...report, flow: flow as IDataObject } : report;
}
