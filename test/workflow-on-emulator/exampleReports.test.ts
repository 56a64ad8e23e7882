import type { IDataObject, INode } from 'n8n-workflow';

import { AdobeExperiencePlatformApi } from '../../credentials/AdobeExperiencePlatformApi.credentials';
import {
	TUTORIAL_FAILED_RUN_ID,
	TUTORIAL_FLOW_ID,
	TUTORIAL_FLOW_NAME,
} from '../../emulator/fixtures/ids';
import { FlowServiceDestinationTrigger } from '@node/FlowServiceDestinationTrigger.node';
import { runPoll } from '../harness';
import {
	ACTION_TYPE,
	MANUAL_TRIGGER,
	TRIGGER_TYPE,
	example,
	nodeNamed,
	nodesOfType,
	resolveAlone,
	targets,
	type Example,
} from '../examples/load';
import { outputJson, runNode } from '../workflow-mocked/setup';
import { calls, tokenCredential, useEmulator } from './setup';

const emulator = useEmulator({ slowWorkflows: true });
/** Slack's documented placeholder: the examples post there until a user pastes their own URL. */
const CHAT_WEBHOOK_PLACEHOLDER =
	'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX';
const FAILED_AT = Date.parse('2026-03-01T10:00:00Z');
const FAILURE = { code: 'ACTIVATION_BATCH-0000-FAILED', message: 'Destination unreachable' };

/** The chat post: a JSON body with `text`, as Slack, Teams and Mattermost incoming webhooks take it. */
function expectChatPost(node: INode) {
	expect(node).toMatchObject({
		type: 'n8n-nodes-base.httpRequest',
		parameters: {
			method: 'POST',
			url: CHAT_WEBHOOK_PLACEHOLDER,
			sendBody: true,
			bodyParameters: { parameters: [{ name: 'text' }] },
		},
	});
}

/** The body's `text` the post step sends for `item`, run alone. */
async function postedText(workflow: Example, post: INode, item: IDataObject) {
	const [parameter] = (post.parameters.bodyParameters as { parameters: IDataObject[] }).parameters;
	return await resolveAlone(workflow, post.name, parameter.value as string, item);
}

/** The Set step's first field for `item`, run alone. */
async function setField(workflow: Example, set: INode, item: IDataObject) {
	const { assignments } = set.parameters.assignments as { assignments: IDataObject[] };
	return String(await resolveAlone(workflow, set.name, assignments[0].value as string, item));
}

describe('example "Post a dataflow\'s failed runs to chat every morning"', () => {
	const workflow = example('post-failed-runs-every-morning.json');
	const [getRuns] = nodesOfType(workflow, ACTION_TYPE);
	const line = nodeNamed(workflow, 'One line per run');
	const post = nodeNamed(workflow, 'Post the report to chat');

	async function failedRuns(parameters = getRuns.parameters) {
		const result = await runNode(parameters, {
			credential: tokenCredential(emulator.current),
			node: { typeVersion: getRuns.typeVersion },
		});
		expect(result.status).toBe('success');
		return outputJson(result);
	}

	it('runs every morning or by hand: Get Runs (failed, simplified) → a line per run → all lines → one chat post', () => {
		expect(targets(workflow, 'Every morning at 07:00')).toEqual([getRuns.name]);
		expect(targets(workflow, MANUAL_TRIGGER)).toEqual([getRuns.name]);
		expect(getRuns.parameters).toMatchObject({
			operation: 'getRuns',
			filters: { status: ['Failed'] },
		});
		expect(targets(workflow, getRuns.name)).toEqual([line.name]);
		expect(targets(workflow, line.name)).toEqual(['All lines together']);
		expect(nodeNamed(workflow, 'All lines together').parameters).toMatchObject({
			fieldsToAggregate: {
				fieldToAggregate: [
					{ fieldToAggregate: 'line', renameField: true, outputFieldName: 'lines' },
				],
			},
		});
		expect(targets(workflow, 'All lines together')).toEqual([post.name]);
		expectChatPost(post);
	});

	it("posts the tutorial flow's failed runs as one message with Adobe's errors; each step runs on its own input", async () => {
		const run = emulator.current.addRun(TUTORIAL_FLOW_ID, {
			status: 'Failed',
			createdAt: FAILED_AT,
			errors: [FAILURE],
		})!;

		const runs = await failedRuns();
		const lines = [];
		for (const item of runs) lines.push(await setField(workflow, line, item as IDataObject));
		const text = await postedText(workflow, post, { lines });

		expect(runs.map((item) => item.id)).toEqual([run.id, TUTORIAL_FAILED_RUN_ID]);
		expect(calls(emulator.current)).toEqual([
			`GET /runs?property=flowId%3D%3D${TUTORIAL_FLOW_ID}&property=metrics.statusSummary.status%3D%3DFailed&limit=20`,
		]);
		expect(text).toBe(
			[
				`2 failed run(s) of dataflow "${TUTORIAL_FLOW_NAME}", newest first:`,
				`- Run ${run.id}, started 2026-03-01T10:00:01.500Z: Destination unreachable (ACTIVATION_BATCH-0000-FAILED)`,
				`- Run ${TUTORIAL_FAILED_RUN_ID}, started 2021-12-26T00:00:01.500Z: Job aborted. (ACTIVATION_BATCH-0000-FAILED)`,
			].join('\n'),
		);
	});

	it('posts nothing when no run failed: Get Runs then outputs no item, so the steps after it do not run', async () => {
		expect(getRuns.alwaysOutputData).toBeUndefined();
		const runs = await failedRuns({ ...getRuns.parameters, filters: { status: ['Waiting'] } });
		expect(runs).toEqual([]);
	});
});

describe('example "Post an alert to chat when any dataflow run fails"', () => {
	const workflow = example('alert-when-a-run-fails.json');
	const [trigger] = nodesOfType(workflow, TRIGGER_TYPE);
	const message = nodeNamed(workflow, 'Alert message');
	const post = nodeNamed(workflow, 'Post the alert to chat');

	async function poll(mode: 'trigger' | 'manual', staticData?: IDataObject) {
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
			mode,
		});
	}

	/** What the chat receives for one event: the alert message, then the post, each step run alone. */
	async function alertFor(event: IDataObject) {
		const text = await setField(workflow, message, event);
		return await postedText(workflow, post, { text });
	}

	const alertText = (runId: string, createdAt: string, errors: string, detectedAt: unknown) =>
		[
			`Adobe Experience Platform: a run of dataflow "${TUTORIAL_FLOW_NAME}" failed`,
			`Dataflow ID: ${TUTORIAL_FLOW_ID}`,
			`Run ID: ${runId}, created ${createdAt}`,
			`Errors: ${errors}`,
			`Detected at: ${String(detectedAt)}`,
		].join('\n');

	it('is the trigger on failed runs of every destination dataflow, polling every 5 minutes, then the message, then the chat post', () => {
		expect(trigger.parameters).toEqual({
			pollTimes: { item: [{ mode: 'everyX', value: 5, unit: 'minutes' }] },
			options: {},
		});
		expect(targets(workflow, trigger.name)).toEqual([message.name]);
		expect(targets(workflow, message.name)).toEqual([post.name]);
		expectChatPost(post);
	});

	it('Fetch Test Event brings the newest failed run of any dataflow; the message and the post each run alone on it', async () => {
		const run = emulator.current.addRun(TUTORIAL_FLOW_ID, {
			status: 'Failed',
			createdAt: FAILED_AT,
			errors: [FAILURE],
		})!;

		const sample = await poll('manual');

		expect(sample.items.map((event) => (event.run as IDataObject).id)).toEqual([run.id]);
		expect(await alertFor(sample.items[0])).toBe(
			alertText(
				run.id,
				'2026-03-01T10:00:00.000Z',
				`${FAILURE.message} (${FAILURE.code})`,
				sample.items[0].detectedAt,
			),
		);
	});

	it('published, reports a run that fails after the first poll once, with Adobe’s errors', async () => {
		const first = await poll('trigger');
		expect(first.response).toBeNull();
		const run = emulator.current.addRun(TUTORIAL_FLOW_ID, {
			status: 'Failed',
			createdAt: FAILED_AT,
			errors: [FAILURE],
		})!;
		const second = await poll('trigger', first.staticData);
		const third = await poll('trigger', second.staticData);

		expect(second.items.map((event) => (event.run as IDataObject).id)).toEqual([run.id]);
		expect(await alertFor(second.items[0])).toBe(
			alertText(
				run.id,
				'2026-03-01T10:00:00.000Z',
				`${FAILURE.message} (${FAILURE.code})`,
				second.items[0].detectedAt,
			),
		);
		expect(third.response).toBeNull();
	});

	it("reads only each step's own input: a step reading the trigger by name fails when run alone", async () => {
		const event = { flowId: TUTORIAL_FLOW_ID };
		await expect(
			resolveAlone(workflow, message.name, `={{ $('${trigger.name}').item.json.flowId }}`, event),
		).rejects.toThrow(`Node '${trigger.name}' hasn't been executed`);
		const expressions = JSON.stringify([message.parameters, post.parameters]);
		expect(expressions).not.toContain('$(');
		expect(expressions).not.toContain('$node');
	});

	it('copes with a run without errors and a dataflow without a name', async () => {
		const text = await alertFor({
			event: 'runFailed',
			flowId: TUTORIAL_FLOW_ID,
			flowName: null,
			run: { id: 'r1', createdAt: FAILED_AT },
			detectedAt: 'now',
		});
		expect(text).toContain(`a run of dataflow "${TUTORIAL_FLOW_ID}" failed`);
		expect(text).toContain('Errors: none reported by Adobe (no error code)');
	});
});
