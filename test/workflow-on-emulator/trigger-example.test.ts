import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { AdobeExperiencePlatformApi } from '../../credentials/AdobeExperiencePlatformApi.credentials';
import { TUTORIAL_FLOW_ID, TUTORIAL_FLOW_NAME } from '../../emulator/fixtures/ids';
import { FlowServiceDestinationTrigger } from '@node/FlowServiceDestinationTrigger.node';
import { runPoll } from '../harness';
import { tokenCredential, useEmulator } from './setup';

const emulator = useEmulator();

const TRIGGER_TYPE = 'n8n-nodes-adobe-flow-service.flowServiceDestinationTrigger';
const example = JSON.parse(
	readFileSync(path.join(__dirname, '..', '..', 'examples', 'failed-run-alert.json'), 'utf8'),
) as {
	id: string;
	name: string;
	nodes: INode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
};
const trigger = example.nodes.find((node) => node.type === TRIGGER_TYPE)!;
const code = example.nodes.find((node) => node.type === 'n8n-nodes-base.code')!;

/** The Code node's script, run the way n8n's Code node runs "once for all items" ($input.all()). */
function runCodeNode(items: IDataObject[]): IDataObject[] {
	const input = { all: (): INodeExecutionData[] => items.map((json) => ({ json })) };
	const script = new Function('$input', String(code.parameters.jsCode)) as (
		input: unknown,
	) => INodeExecutionData[];
	return script(input).map((item) => item.json);
}

async function pollExample(staticData?: IDataObject) {
	return await runPoll({
		nodeTypes: { [TRIGGER_TYPE]: FlowServiceDestinationTrigger },
		credentialTypes: [AdobeExperiencePlatformApi],
		credentials: {
			adobeExperiencePlatformApi: {
				id: trigger.credentials!.adobeExperiencePlatformApi.id!,
				name: 'Adobe',
				data: tokenCredential(emulator.current) as never,
			},
		},
		nodeType: TRIGGER_TYPE,
		nodeName: trigger.name,
		parameters: trigger.parameters,
		staticData,
	});
}

describe('example "Failed run alert"', () => {
	it('is the trigger on failed runs of every destination dataflow, polling every 5 minutes, wired to the Code node', () => {
		expect(example).toMatchObject({ id: 'exFailedRunAlert', name: 'Failed run alert' });
		expect(trigger.parameters).toMatchObject({
			events: ['runFailed'],
			watch: 'allFlows',
			pollTimes: { item: [{ mode: 'everyX', value: 5, unit: 'minutes' }] },
		});
		expect(trigger.credentials).toEqual({
			adobeExperiencePlatformApi: {
				id: 'aepEmulatorCred01',
				name: 'Adobe Experience Platform (local emulator)',
			},
		});
		expect(example.connections[trigger.name].main[0]).toEqual([
			{ node: code.name, type: 'main', index: 0 },
		]);
	});

	it('turns a failed run found by the trigger into an alert with the dataflow, run and Adobe’s errors', async () => {
		const first = await pollExample();
		expect(first.response).toBeNull();
		const run = emulator.current.addRun(TUTORIAL_FLOW_ID, {
			status: 'Failed',
			createdAt: Date.parse('2026-03-01T10:00:00Z'),
			errors: [{ code: 'ACTIVATION_BATCH-0000-FAILED', message: 'Destination unreachable' }],
		})!;
		const second = await pollExample(first.staticData);

		const alerts = runCodeNode(second.items);
		expect(alerts).toEqual([
			{
				title: `Adobe Experience Platform: run of "${TUTORIAL_FLOW_NAME}" failed`,
				text: [
					`Dataflow run failed: ${TUTORIAL_FLOW_NAME}`,
					`Dataflow ID: ${TUTORIAL_FLOW_ID}`,
					`Run ID: ${run.id} (created 2026-03-01T10:00:00.000Z)`,
					'Errors: ACTIVATION_BATCH-0000-FAILED: Destination unreachable',
					`Detected at: ${second.items[0].detectedAt}`,
				].join('\n'),
				severity: 'high',
				flowId: TUTORIAL_FLOW_ID,
				flowName: TUTORIAL_FLOW_NAME,
				runId: run.id,
				runCreatedAt: '2026-03-01T10:00:00.000Z',
				errors: ['ACTIVATION_BATCH-0000-FAILED: Destination unreachable'],
			},
		]);
	});

	it('copes with a run without errors or a name', () => {
		const [alert] = runCodeNode([
			{ event: 'runFailed', flowId: 'f1', flowName: null, run: { id: 'r1' }, detectedAt: 'now' },
		]);
		expect(alert).toMatchObject({ flowName: 'f1', runCreatedAt: 'unknown', errors: [] });
		expect(alert.text).toContain('Errors: none reported by Adobe');
	});
});
