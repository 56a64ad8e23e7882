import type { IDataObject } from 'n8n-workflow';

import { createdFlow, type CreatePlan } from '../../planner/createDataflow';
import { dryRunOutput, type CreatedParts } from './output';
import { NOTHING_PLANNED, composed } from './planning';

/**
 * Every request a create would send, in order, with bodies; IDs not known yet as placeholders.
 * `patch`: what the new dataflow's PATCH would send (its audiences and attributes), if anything.
 */
export function createRequests(
	plan: Pick<Extract<CreatePlan, { action: 'create' }>, 'source' | 'target' | 'discard' | 'flow'>,
	enable: boolean,
	patch: (flow: Record<string, unknown>) => unknown[] = () => [],
): IDataObject[] {
	const requests: IDataObject[] = plan.discard.map(({ collection, id }) => ({
		method: 'DELETE',
		path: `/${collection}/${id}`,
	}));
	const sourceId = 'reuse' in plan.source ? plan.source.reuse.id : '{sourceConnectionId}';
	const targetId = 'reuse' in plan.target ? plan.target.reuse.id : '{targetConnectionId}';
	if ('create' in plan.source) {
		requests.push({ method: 'POST', path: '/sourceConnections', body: plan.source.create });
	}
	if ('create' in plan.target) {
		requests.push({ method: 'POST', path: '/targetConnections', body: plan.target.create });
	}
	const body = plan.flow(sourceId, targetId);
	requests.push({ method: 'POST', path: '/flows', body });
	const operations = patch(body);
	if (operations.length > 0) {
		requests.push({
			method: 'PATCH',
			path: '/flows/{flowId}',
			headers: { 'If-Match': '{etag}' },
			body: operations as IDataObject[],
		});
	}
	requests.push({ method: 'GET', path: '/flows/{flowId}' });
	const op = enable ? 'enable' : 'disable';
	requests.push({
		method: 'POST',
		path: `/flows/{flowId}/action?op=${op}`,
		when: `the dataflow is not ${op}d once created`,
	});
	return requests;
}

/** An audience dataflow's dry run: the requests, and what its PATCH would add. */
export function dryRun(
	plan: Extract<CreatePlan, { action: 'create' }>,
	enable: boolean,
	parts: CreatedParts,
): IDataObject {
	let planned = NOTHING_PLANNED;
	const requests = createRequests(plan, enable, (body) => {
		if (plan.planners.length > 0)
			planned = composed(plan.planners)(
				createdFlow(body, '{flowId}', '{etag}'),
			) as unknown as IDataObject;
		return planned.operations as unknown[];
	});
	return dryRunOutput(parts, planned, requests);
}
