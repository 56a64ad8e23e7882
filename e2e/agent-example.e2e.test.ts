/**
 * The example "Chat with an AI agent that manages dataflows" in a real n8n 2.x, as its note says to
 * use it: a chat model connected to the agent (the OpenAI Chat Model, its credential's base URL
 * pointing at a scripted model), everything else as shipped. A chat message pinned on the Chat
 * Trigger stands for the one a user types; the editor's Execute workflow runs it. The scripted
 * model reads the dataflow, adds an audience and exports another: with Dry Run on in both tools,
 * they answer what they would do, and only reads reach the emulator.
 */
import {
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_AUDIENCE_NAMES,
	TUTORIAL_FLOW_ID,
	TUTORIAL_NEW_AUDIENCE_ID,
	TUTORIAL_NEW_AUDIENCE_NAME,
	startEmulator,
	type RunningEmulator,
} from '../emulator';
import {
	createUserFolder,
	importCredentials,
	importWorkflow,
	installCommunityPackage,
	login,
	repoRoot,
	runManually,
	setupOwner,
	startServer,
	type FinishedExecution,
	type N8nServer,
	type UserFolder,
} from '../local-n8n';
import {
	DEV_OWNER,
	EXAMPLE_IDS,
	emulatorOAuthCredential,
	exampleWorkflows,
	requireBuiltNodes,
} from '../local-n8n/project';
import { describeWithRuntime } from './runtimeSuite';
import { startScriptedModel, type ChatRequest, type ScriptedModel } from './scriptedModel';

const OPENAI_CREDENTIAL = { id: 'e2eScriptedOpenAi2', name: 'Scripted model (agent example)' };
const [MOUNTAIN_BIKING] = TUTORIAL_AUDIENCE_IDS;
const FINAL_ANSWER = 'Dry run: the audience would be added and the export started.';

/** The example with a chat model connected to its agent and a chat message pinned on its trigger. */
function exampleWithModel() {
	const example = exampleWorkflows().find(({ workflow }) => workflow.id === EXAMPLE_IDS.agentTools);
	if (!example) throw new Error(`examples/ has no workflow ${EXAMPLE_IDS.agentTools}`);
	const { workflow } = example;
	return {
		...workflow,
		nodes: [
			...(workflow.nodes as object[]),
			{
				id: 'model',
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.3,
				position: [100, 250],
				parameters: {
					model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
					responsesApiEnabled: false,
					options: {},
				},
				credentials: { openAiApi: OPENAI_CREDENTIAL },
			},
		],
		connections: {
			...workflow.connections,
			'OpenAI Chat Model': {
				ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
			},
		},
		pinData: {
			Chat: [
				{
					json: {
						sessionId: 'agent-example',
						action: 'sendMessage',
						chatInput: `Make dataflow ${TUTORIAL_FLOW_ID} export ${TUTORIAL_NEW_AUDIENCE_ID}, then export ${MOUNTAIN_BIKING} now.`,
					},
				},
			],
		},
	};
}

const toolNames = (request: ChatRequest) => (request.tools ?? []).map((t) => t.function.name);
const lastToolResult = (request: ChatRequest): Array<Record<string, unknown>> =>
	JSON.parse(String(request.messages.filter((m) => m.role === 'tool').at(-1)?.content ?? '[]'));

describeWithRuntime(
	'v2',
	(n8n) => `Example "Chat with an AI agent that manages dataflows" in n8n ${n8n} (v2)`,
	() => {
		let emulator: RunningEmulator;
		let model: ScriptedModel;
		let folder: UserFolder;
		let server: N8nServer | undefined;
		let execution: FinishedExecution;

		beforeAll(async () => {
			requireBuiltNodes();
			emulator = await startEmulator();
			model = await startScriptedModel([
				() => ({ toolCalls: [{ name: 'Read_dataflow', args: { flowId: TUTORIAL_FLOW_ID } }] }),
				() => ({
					toolCalls: [
						{
							name: 'Add_audience',
							args: {
								flowId: TUTORIAL_FLOW_ID,
								audienceId: TUTORIAL_NEW_AUDIENCE_ID,
								exportMode: 'DAILY_FULL_EXPORT',
								frequency: 'DAILY',
								startDate: '2026-12-10',
								startTime: '16:00',
							},
						},
					],
				}),
				() => ({
					toolCalls: [
						{
							name: 'Export_audiences_now',
							args: { flowId: TUTORIAL_FLOW_ID, audienceIds: MOUNTAIN_BIKING },
						},
					],
				}),
				() => ({ text: FINAL_ANSWER }),
			]);
			folder = await createUserFolder('v2');
			installCommunityPackage(folder, repoRoot);
			await importCredentials(folder, [
				emulatorOAuthCredential(emulator.url),
				{
					...OPENAI_CREDENTIAL,
					type: 'openAiApi',
					data: { apiKey: 'sk-scripted', url: model.url },
				},
			]);
			const workflow = exampleWithModel();
			await importWorkflow(folder, workflow);
			server = await startServer(folder);
			await setupOwner(server.url, DEV_OWNER);
			const api = await login(server.url, DEV_OWNER.email, DEV_OWNER.password);
			emulator.clearRequests();
			execution = await runManually(api, workflow, {
				destinationNode: { nodeName: 'AI Agent', mode: 'inclusive' },
			});
		}, 300_000);

		afterAll(async () => {
			await server?.stop();
			await model?.close();
			await emulator?.close();
			folder?.cleanup();
		});

		it('runs to the end: the model got the three tools of the example, and its answer ended the run', () => {
			expect(execution.status).toBe('success');
			expect(model.requests).toHaveLength(4);
			expect(toolNames(model.requests[0]).sort()).toEqual([
				'Add_audience',
				'Export_audiences_now',
				'Read_dataflow',
			]);
			expect(model.unexpected).toEqual([]);
		});

		it('Read dataflow answers the simplified dataflow (node version 2)', () => {
			const [read] = lastToolResult(model.requests[1]);
			expect(read).toMatchObject({
				id: TUTORIAL_FLOW_ID,
				audienceCount: TUTORIAL_AUDIENCE_IDS.length,
				audiences: expect.arrayContaining([
					expect.objectContaining({ id: MOUNTAIN_BIKING, name: TUTORIAL_AUDIENCE_NAMES[0] }),
				]),
			});
		});

		it('Add audience and Export audiences now, with Dry Run on as shipped, answer what they would do; only reads reach the emulator', () => {
			const [added] = lastToolResult(model.requests[2]);
			const [exported] = lastToolResult(model.requests[3]);
			expect(added).toMatchObject({
				summary: `Would add 1 audience (${TUTORIAL_NEW_AUDIENCE_NAME})`,
				changed: false,
			});
			expect(exported).toMatchObject({
				summary: `Would export 1 audience (${TUTORIAL_AUDIENCE_NAMES[0]})`,
				changed: false,
			});
			const sent = emulator
				.requests()
				.filter(
					(r) => r.method !== 'GET' && !r.path.endsWith('/bulk-get') && !r.path.startsWith('/ims/'),
				);
			expect(sent).toEqual([]);
		});
	},
);
