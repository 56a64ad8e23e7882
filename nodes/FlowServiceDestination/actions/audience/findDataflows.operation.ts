import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requestOptions, simplifyFields } from '../../descriptions/options';
import { destinationIdOf } from '../../model/destination';
import { audienceExport } from '../../planner/audienceDataflows';
import { utcDay } from '../../update/startDates';
import { getClient, getSimplify } from '../parameters';
import { connectionSpecs } from '../runLookups';
import { flowsExporting, getAudienceId } from './audienceDataflows';

const OPERATION = 'findDataflows';

export const description: INodeProperties[] = [
	...simplifyFields([OPERATION]),
	requestOptions([OPERATION]),
];

/**
 * One item per destination dataflow that exports the audience, with the settings it exports it
 * with; none when no dataflow does. Without Simplify each item also carries the whole dataflow.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const audienceId = getAudienceId.call(this, itemIndex);
	const simplify = getSimplify.call(this, itemIndex);
	const client = getClient.call(this, itemIndex);
	const flows = await flowsExporting(client, audienceId);
	const specs = await connectionSpecs.call(this, client, flows.map(destinationIdOf));
	// The run's clock decides which exports have ended.
	const today = utcDay(new Date());
	return flows.map((flow) => {
		const destination = destinationIdOf(flow)?.toLowerCase();
		const name = (destination && specs.get(destination)?.name) || null;
		const row = audienceExport(flow, audienceId, today, name) as unknown as IDataObject;
		return simplify ? row : { ...row, dataflow: flow as unknown as IDataObject };
	});
}
