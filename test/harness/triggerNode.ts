import type {
	INodeExecutionData,
	INodeType,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { deepCopy, NodeConnectionTypes } from 'n8n-workflow';

/** The type name n8n gives its Manual Trigger; workflows exported from n8n use it. */
export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';

/**
 * Stand-in for n8n's Manual Trigger (n8n-nodes-base is not a dependency). Like the real one it
 * is a trigger node: in manual mode n8n-core calls `trigger()` and runs `manualTriggerFunction`,
 * which emits the items. Built per run because the items are per run.
 */
export function createManualTriggerNodeType(
	items: INodeExecutionData[] = [{ json: {} }],
): INodeType {
	return {
		description: {
			displayName: 'Manual Trigger',
			name: 'manualTrigger',
			icon: 'fa:mouse-pointer',
			group: ['trigger', 'input'],
			version: 1,
			description: 'Runs the flow on clicking a button in n8n',
			maxNodes: 1,
			defaults: { name: 'When clicking ‘Execute workflow’' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
			// Copies so a node that mutates its input cannot leak into the next run.
			const manualTriggerFunction = async () => this.emit([deepCopy(items)]);
			return { manualTriggerFunction };
		},
	};
}
