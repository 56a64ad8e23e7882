/**
 * The node as an AI Agent's tool in real n8n 2.x: an AI Agent with the OpenAI Chat Model (Responses
 * API off, its credential's base URL pointing at a scripted OpenAI-compatible server) and two Flow
 * Service Destination tools, "Read dataflow" (Get) and "Add audience" (Add Audiences), filled with
 * $fromAI. The scripted model reads the dataflow, adds an audience with export settings, makes a
 * wrong call (a frequency the export mode does not allow), corrects it after the error, and ends.
 * Checked: the tools n8n offered the model (name, operation-specific description, parameter schema),
 * the PATCHes in the emulator's log, that the wrong call sent nothing, and the agent's answer.
 */
import {
	TUTORIAL_FLOW_ID,
	TUTORIAL_NEW_AUDIENCE_ID,
	startEmulator,
	type RunningEmulator,
} from '../emulator';
import { connectTo, manualTriggerNode, nodeItems, type UserFolder } from '../local-n8n';
import { describeWithRuntime } from './runtimeSuite';
import { executeOnce } from './oneRun';
import { PACKAGE_NAME, TOKEN_CREDENTIAL, emulatorTokenCredential } from '../local-n8n/project';
import { READABLE_KEYS } from '../nodes/FlowServiceDestination/update/summary';
import { startScriptedModel, type ChatRequest, type ScriptedModel } from './scriptedModel';

const WORKFLOW_ID = 'e2eAgentToolScenario';
const OPENAI_CREDENTIAL = { id: 'e2eScriptedOpenAi1', name: 'Scripted model (e2e)' };
const SECOND_AUDIENCE_ID = '7a1c2e3f-4b5d-4e6f-8a7b-9c0d1e2f3a4b';
const TOOL_TYPE = `${PACKAGE_NAME}.flowServiceDestinationTool`;
const FINAL_ANSWER = `Both audiences are now exported by dataflow ${TUTORIAL_FLOW_ID}.`;

const fromAI = (key: string, description: string) =>
	`={{ $fromAI('${key}', '${description}', 'string') }}`;

function toolNode(name: string, position: number, parameters: Record<string, unknown>) {
	return {
		id: `tool-${position}`,
		name,
		type: TOOL_TYPE,
		typeVersion: 1,
		position: [200 + position * 200, 300],
		parameters: {
			resource: 'dataflow',
			flowId: { __rl: true, mode: 'id', value: fromAI('flowId', 'ID of the destination dataflow') },
			...parameters,
		},
		credentials: { adobeExperiencePlatformApi: TOKEN_CREDENTIAL },
	};
}

function agentWorkflow() {
	const toAgent = (type: string) => ({ [type]: [[{ node: 'AI Agent', type, index: 0 }]] });
	return {
		id: WORKFLOW_ID,
		name: 'Agent with Flow Service Destination tools (e2e)',
		active: false,
		nodes: [
			manualTriggerNode('trigger'),
			{
				id: 'agent',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: [300, 0],
				parameters: {
					promptType: 'define',
					text: `Make dataflow ${TUTORIAL_FLOW_ID} export audiences ${TUTORIAL_NEW_AUDIENCE_ID} and ${SECOND_AUDIENCE_ID}.`,
					options: {},
				},
			},
			{
				id: 'model',
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.3,
				position: [100, 300],
				parameters: {
					model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
					responsesApiEnabled: false,
					options: {},
				},
				credentials: { openAiApi: OPENAI_CREDENTIAL },
			},
			toolNode('Read dataflow', 1, { operation: 'get' }),
			toolNode('Add audience', 2, {
				operation: 'addAudiences',
				audiences: {
					audience: [
						{
							id: {
								__rl: true,
								mode: 'id',
								value: fromAI('audienceId', 'ID of the audience to add'),
							},
							exportMode: fromAI('exportMode', 'DAILY_FULL_EXPORT or FIRST_FULL_THEN_INCREMENTAL'),
							frequency: fromAI('frequency', 'How often to export'),
							startDate: fromAI('startDate', 'First export day, YYYY-MM-DD'),
							startTime: fromAI('startTime', 'Export time, HH:00 UTC'),
						},
					],
				},
			}),
		],
		connections: {
			Start: connectTo('AI Agent'),
			'OpenAI Chat Model': toAgent('ai_languageModel'),
			'Read dataflow': toAgent('ai_tool'),
			'Add audience': toAgent('ai_tool'),
		},
		settings: { executionOrder: 'v1' },
	};
}

type Tool = NonNullable<ChatRequest['tools']>[number];
const toolNamed = (request: ChatRequest, part: string): Tool => {
	const tool = request.tools?.find((t) => t.function.name.toLowerCase().includes(part));
	if (!tool)
		throw new Error(
			`no tool named like ${part}: ${JSON.stringify(request.tools?.map((t) => t.function.name))}`,
		);
	return tool;
};
const lastToolResult = (request: ChatRequest): string =>
	String(request.messages.filter((m) => m.role === 'tool').at(-1)?.content ?? '');

const settings = (audienceId: string, frequency: string) => ({
	flowId: TUTORIAL_FLOW_ID,
	audienceId,
	exportMode: 'DAILY_FULL_EXPORT',
	frequency,
	startDate: '2099-12-10',
	startTime: '16:00',
});

describeWithRuntime(
	'v2',
	(n8n) => `Flow Service Destination as an AI Agent tool in n8n ${n8n} (v2)`,
	() => {
		let emulator: RunningEmulator;
		let model: ScriptedModel;
		let folder: UserFolder;
		let run: unknown;

		beforeAll(async () => {
			emulator = await startEmulator();
			const read = (r: ChatRequest) => toolNamed(r, 'read').function.name;
			const add = (r: ChatRequest) => toolNamed(r, 'add').function.name;
			model = await startScriptedModel([
				(r) => ({ toolCalls: [{ name: read(r), args: { flowId: TUTORIAL_FLOW_ID } }] }),
				(r) => ({
					toolCalls: [{ name: add(r), args: settings(TUTORIAL_NEW_AUDIENCE_ID, 'DAILY') }],
				}),
				(r) => ({ toolCalls: [{ name: add(r), args: settings(SECOND_AUDIENCE_ID, 'HOURLY') }] }),
				(r) => ({ toolCalls: [{ name: add(r), args: settings(SECOND_AUDIENCE_ID, 'DAILY') }] }),
				() => ({ text: FINAL_ANSWER }),
			]);
			({ folder, run } = await executeOnce(
				[
					emulatorTokenCredential(emulator.url),
					{
						...OPENAI_CREDENTIAL,
						type: 'openAiApi',
						data: { apiKey: 'sk-scripted', url: model.url },
					},
				],
				agentWorkflow(),
			));
		}, 240_000);

		afterAll(async () => {
			// What the scripted model received, for reading by hand.
			if (process.env.E2E_DUMP_MODEL) console.log(JSON.stringify(model?.requests, null, 1));
			await model?.close();
			await emulator?.close();
			folder?.cleanup();
		});

		it('offers the model both tools, each with its operation-specific description and a schema of its $fromAI keys', () => {
			const [first] = model.requests;
			const read = toolNamed(first, 'read');
			const add = toolNamed(first, 'add');
			expect([read.function.name, add.function.name]).toEqual(['Read_dataflow', 'Add_audience']);
			expect(read.function.description).toContain('Get a dataflow');
			expect(add.function.description).toContain('Add audiences to a dataflow');
			for (const tool of [read, add]) {
				expect(tool.function.description).not.toContain(
					'Adobe Experience Platform destination dataflows',
				);
			}
			expect(Object.keys(read.function.parameters?.properties ?? {})).toEqual(['flowId']);
			expect(add.function.parameters).toMatchObject({
				type: 'object',
				required: expect.arrayContaining(['flowId', 'audienceId', 'exportMode', 'frequency']),
				properties: {
					flowId: { type: 'string', description: 'ID of the destination dataflow' },
					audienceId: { type: 'string', description: 'ID of the audience to add' },
					frequency: { type: 'string', description: 'How often to export' },
				},
			});
			expect(model.requests).toHaveLength(5);
			expect(model.unexpected).toEqual([]);
		});

		it('sends one PATCH per accepted add, with the export settings the model chose', () => {
			const patches = emulator.requests().filter((r) => r.method === 'PATCH');
			const added = patches.map(
				(r) => (r.body as Array<{ value: { value: Record<string, any> } }>)[0].value.value,
			);
			expect(added).toEqual([
				expect.objectContaining({
					id: TUTORIAL_NEW_AUDIENCE_ID,
					exportMode: 'DAILY_FULL_EXPORT',
					schedule: expect.objectContaining({
						frequency: 'DAILY',
						startDate: '2099-12-10',
						startTime: '16:00',
					}),
				}),
				expect.objectContaining({
					id: SECOND_AUDIENCE_ID,
					schedule: expect.objectContaining({ frequency: 'DAILY' }),
				}),
			]);
			expect(JSON.stringify(emulator.requests())).not.toContain('HOURLY');
		});

		it('answers the wrong call with an error that says what to send, and the model corrects it', () => {
			// n8n hands the tool's failure to the model as the item it output: [{"error": "<message>"}].
			const [afterWrongCall] = JSON.parse(lastToolResult(model.requests[3])) as Array<{
				error: string;
			}>;
			expect(afterWrongCall.error).toContain(
				'Frequency "HOURLY" is not allowed with export mode DAILY_FULL_EXPORT; use one of ONCE, DAILY',
			);
			expect(lastToolResult(model.requests[1])).toContain(TUTORIAL_FLOW_ID);
			// A change reaches the model as its readable head only: no etags, no patch document.
			const [added] = JSON.parse(lastToolResult(model.requests[2])) as Array<
				Record<string, unknown>
			>;
			expect(Object.keys(added)).toEqual(
				READABLE_KEYS.filter((key) => key !== 'etag' && key !== 'operations'),
			);
			expect(added).toMatchObject({ changed: true, flowId: TUTORIAL_FLOW_ID });
			expect(added.summary).toMatch(/^Added 1 audience \(/);
		});

		it("ends with the model's final answer as the agent's output", () => {
			expect(nodeItems(run, 'AI Agent')).toEqual([{ output: FINAL_ANSWER }]);
		});
	},
);
