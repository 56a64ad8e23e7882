import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { FlowServiceDestinationTrigger } from '@node/FlowServiceDestinationTrigger.node';
import { runPoll, type RunPollResult } from '../harness';
import { adobeCredential } from '../workflow-mocked/setup';
import { tokenCredential, type EmulatorHolder } from './setup';

export const TRIGGER_TYPE = 'n8n-nodes-adobe-flow-service.flowServiceDestinationTrigger';
export const TRIGGER_NAME = 'Flow Service Destination Trigger';
export const ALL_EVENTS = ['runFailed', 'configurationChanged', 'enabled', 'disabled'];

export interface PollInput {
	parameters?: INodeParameters;
	staticData?: IDataObject;
	mode?: 'trigger' | 'manual';
	credential?: Record<string, unknown>;
}

/** The trigger's memory in a workflow's static data. */
export const memoryOf = (staticData: IDataObject) =>
	staticData[`node:${TRIGGER_NAME}`] as Record<string, any>;

/** Polls of the trigger against the emulator of a test file. */
export function triggerPolls(emulator: EmulatorHolder) {
	/** One scheduled poll of an active workflow, against the emulator. */
	async function poll(input: PollInput = {}): Promise<RunPollResult> {
		return await runPoll({
			nodeTypes: { [TRIGGER_TYPE]: FlowServiceDestinationTrigger },
			...adobeCredential(input.credential ?? tokenCredential(emulator.current)),
			nodeType: TRIGGER_TYPE,
			nodeName: TRIGGER_NAME,
			parameters: input.parameters ?? { events: ALL_EVENTS },
			staticData: input.staticData,
			mode: input.mode,
		});
	}

	/**
	 * An active workflow over several polls: static data goes from each poll to the next the way n8n
	 * stores it (a JSON copy), and every poll runs in a fresh context, as after a restart.
	 */
	function activeWorkflow(
		parameters: INodeParameters = { events: ALL_EVENTS },
		credential?: Record<string, unknown>,
	) {
		let staticData: IDataObject = {};
		return {
			async poll(): Promise<IDataObject[]> {
				const result = await poll({ parameters, staticData, credential });
				staticData = result.staticData;
				return result.items;
			},
			get staticData() {
				return staticData;
			},
			/** Edits what the trigger remembers, as n8n would have stored it (e.g. after a stop). */
			remember(edit: (memory: Record<string, any>) => void) {
				const copy = JSON.parse(JSON.stringify(staticData)) as IDataObject;
				edit(memoryOf(copy));
				staticData = copy;
			},
		};
	}

	return { poll, activeWorkflow };
}
