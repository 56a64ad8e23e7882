/**
 * An AI Agent workflow with Flow Service Destination tools, as the agent suites run it in real n8n
 * 2.x: the OpenAI Chat Model points at a scripted OpenAI-compatible server, and each tool's
 * parameters are filled by the model through $fromAI.
 */
import { startEmulator, type RunningEmulator } from '../emulator';
import { connectTo, manualTriggerNode, type UserFolder } from '../local-n8n';
import { emulatorTokenCredential, PACKAGE_NAME, TOKEN_CREDENTIAL } from '../local-n8n/project';
import { executeOnce } from './oneRun';
import {
	startScriptedModel,
	type ChatRequest,
	type ScriptedModel,
	type Step,
} from './scriptedModel';

export const OPENAI_CREDENTIAL = { id: 'e2eScriptedOpenAi1', name: 'Scripted model (e2e)' };
const TOOL_TYPE = `${PACKAGE_NAME}.flowServiceDestinationTool`;

export const fromAI = (key: string, description: string) =>
	`={{ $fromAI('${key}', '${description}', 'string') }}`;

export interface ToolSpec {
	name: string;
	parameters: Record<string, unknown>;
}

/** The workflow: a manual trigger, the agent with `prompt`, the scripted model and the tools. */
export function agentWorkflow(id: string, name: string, prompt: string, tools: ToolSpec[]) {
	const toAgent = (type: string) => ({ [type]: [[{ node: 'AI Agent', type, index: 0 }]] });
	return {
		id,
		name,
		active: false,
		nodes: [
			manualTriggerNode('trigger'),
			{
				id: 'agent',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: [300, 0],
				parameters: { promptType: 'define', text: prompt, options: {} },
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
			...tools.map((tool, index) => ({
				id: `tool-${index + 1}`,
				name: tool.name,
				type: TOOL_TYPE,
				typeVersion: 1,
				position: [400 + index * 200, 300],
				parameters: tool.parameters,
				credentials: { adobeExperiencePlatformApi: TOKEN_CREDENTIAL },
			})),
		],
		connections: {
			Start: connectTo('AI Agent'),
			'OpenAI Chat Model': toAgent('ai_languageModel'),
			...Object.fromEntries(tools.map((tool) => [tool.name, toAgent('ai_tool')])),
		},
		settings: { executionOrder: 'v1' },
	};
}

/** The credential the scripted model's node uses. */
export const scriptedModelCredential = (url: string) => ({
	...OPENAI_CREDENTIAL,
	type: 'openAiApi',
	data: { apiKey: 'sk-scripted', url },
});

type Tool = NonNullable<ChatRequest['tools']>[number];

export const toolNamed = (request: ChatRequest, part: string): Tool => {
	const tool = request.tools?.find((t) => t.function.name.toLowerCase().includes(part));
	if (!tool)
		throw new Error(
			`no tool named like ${part}: ${JSON.stringify(request.tools?.map((t) => t.function.name))}`,
		);
	return tool;
};

/** What the last tool call answered, as n8n handed it to the model. */
export const lastToolResult = (request: ChatRequest): string =>
	String(request.messages.filter((m) => m.role === 'tool').at(-1)?.content ?? '');

/** What an agent suite reads once its one run is over. */
export interface AgentRun {
	emulator: RunningEmulator;
	model: ScriptedModel;
	folder: UserFolder;
	/** The run n8n printed. */
	run: unknown;
}

/**
 * Registers the suite's beforeAll and afterAll: an emulator, the scripted model playing `script`,
 * and one headless run of the agent workflow; the returned object is filled before the first test.
 */
export function useAgentRun(
	workflow: { id: string; name: string; prompt: string; tools: ToolSpec[] },
	script: Step[],
): AgentRun {
	const ctx = {} as AgentRun;
	beforeAll(async () => {
		ctx.emulator = await startEmulator();
		ctx.model = await startScriptedModel(script);
		Object.assign(
			ctx,
			await executeOnce(
				[emulatorTokenCredential(ctx.emulator.url), scriptedModelCredential(ctx.model.url)],
				agentWorkflow(workflow.id, workflow.name, workflow.prompt, workflow.tools),
			),
		);
	}, 240_000);
	afterAll(async () => {
		// What the scripted model received, for reading by hand.
		if (process.env.E2E_DUMP_MODEL) console.log(JSON.stringify(ctx.model?.requests, null, 1));
		await ctx.model?.close();
		await ctx.emulator?.close();
		ctx.folder?.cleanup();
	});
	return ctx;
}
