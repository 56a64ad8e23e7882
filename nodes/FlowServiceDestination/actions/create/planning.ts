import type { IDataObject } from 'n8n-workflow';

import type { FlowDocument, Planner } from '../../model/types';
import type { UpdateOptions } from '../../update/applyUpdate';
import { composePlanners } from '../../update/compose';
import { audienceNamesOf, type AudienceNames } from '../../update/summary';
import type { CreateOptions } from './types';

export const composed = (planners: Planner[]): Planner => composePlanners(planners, true).planner;

/** The planners as one, keeping the audience names of the dataflow it plans on, so the output can name what it removed. */
export function namingPlanner(planners: Planner[]): { planner: Planner; names: AudienceNames } {
	const names: AudienceNames = {};
	const planner = composed(planners);
	return {
		names,
		planner: (flow) => {
			Object.assign(names, audienceNamesOf(flow));
			return planner(flow);
		},
	};
}

export function updateOptions(options: CreateOptions, baseFlow?: FlowDocument): UpdateOptions {
	return {
		dryRun: options.dryRun,
		returnUpdatedFlow: false,
		maxConflictRetries: options.maxConflictRetries,
		baseFlow,
	};
}

export const NOTHING_PLANNED: IDataObject = { operations: [], skipped: [] };
