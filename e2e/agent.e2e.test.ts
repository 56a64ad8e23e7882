/**
 * The node as an AI Agent's tool in real n8n 2.x: an AI Agent with the OpenAI Chat Model (Responses
 * API off, its credential's base URL pointing at a scripted OpenAI-compatible server) and two Flow
 * Service Destination tools, "Read dataflow" (Get) and "Add audience" (Add Audiences), filled with
 * $fromAI. The scripted model reads the dataflow, adds an audience with export settings, makes a
 * wrong call (a frequency the export mode does not allow), corrects it after the error, and ends.
 * Checked: the tools n8n offered the model (name, operation-specific description, parameter schema),
 * the PATCHes in the emulator's log, that the wrong call sent nothing, and the agent's answer.
 */
import { TUTORIAL_FLOW_ID, TUTORIAL_NEW_AUDIENCE_ID } from '../emulator';
import { nodeItems } from '../local-n8n';
import { READABLE_KEYS } from '../nodes/FlowServiceDestination/update/summary';
import { fromAI, lastToolResult, toolNamed, type ToolSpec, useAgentRun } from './agentTools';
import { describeWithRuntime } from './runtimeSuite';
import type { ChatRequest } from './scriptedModel';

const SECOND_AUDIENCE_ID = '7a1c2e3f-4b5d-4e6f-8a7b-9c0d1e2f3a4b';
const FINAL_ANSWER = `Both audiences are now exported by dataflow ${TUTORIAL_FLOW_ID}.`;

const dataflowTool = (name: string, parameters: Record<string, unknown>): ToolSpec => ({
	name,
	parameters: {
		resource: 'dataflow',
		flowId: { __rl: true, mode: 'id', value: fromAI('flowId', 'ID of the destination dataflow') },
		...parameters,
	},
});

const TOOLS = [
	dataflowTool('Read dataflow', { operation: 'get' }),
	dataflowTool('Add audience', {
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
];

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
		const readName = (r: ChatRequest) => toolNamed(r, 'read').function.name;
		const addName = (r: ChatRequest) => toolNamed(r, 'add').function.name;
		const ctx = useAgentRun(
			{
				id: 'e2eAgentToolScenario',
				name: 'Agent with Flow Service Destination tools (e2e)',
				prompt: `Make dataflow ${TUTORIAL_FLOW_ID} export audiences ${TUTORIAL_NEW_AUDIENCE_ID} and ${SECOND_AUDIENCE_ID}.`,
				tools: TOOLS,
			},
			[
				(r) => ({ toolCalls: [{ name: readName(r), args: { flowId: TUTORIAL_FLOW_ID } }] }),
				(r) => ({
					toolCalls: [{ name: addName(r), args: settings(TUTORIAL_NEW_AUDIENCE_ID, 'DAILY') }],
				}),
				(r) => ({
					toolCalls: [{ name: addName(r), args: settings(SECOND_AUDIENCE_ID, 'HOURLY') }],
				}),
				(r) => ({ toolCalls: [{ name: addName(r), args: settings(SECOND_AUDIENCE_ID, 'DAILY') }] }),
				() => ({ text: FINAL_ANSWER }),
			],
		);

		it('offers the model both tools, each with its operation-specific description and a schema of its $fromAI keys', () => {
			const [first] = ctx.model.requests;
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
			expect(ctx.model.requests).toHaveLength(5);
			expect(ctx.model.unexpected).toEqual([]);
		});

		it('sends one PATCH per accepted add, with the export settings the model chose', () => {
			const patches = ctx.emulator.requests().filter((r) => r.method === 'PATCH');
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
			expect(JSON.stringify(ctx.emulator.requests())).not.toContain('HOURLY');
		});

		it('answers the wrong call with an error that says what to send, and the model corrects it', () => {
			// n8n hands the tool's failure to the model as the item it output: [{"error": "<message>"}].
			const [afterWrongCall] = JSON.parse(lastToolResult(ctx.model.requests[3])) as Array<{
				error: string;
			}>;
			expect(afterWrongCall.error).toContain(
				'Frequency "HOURLY" is not allowed with export mode DAILY_FULL_EXPORT; use one of ONCE, DAILY',
			);
			expect(lastToolResult(ctx.model.requests[1])).toContain(TUTORIAL_FLOW_ID);
			// A change reaches the model as its readable head only: no etags, no patch document.
			const [added] = JSON.parse(lastToolResult(ctx.model.requests[2])) as Array<
				Record<string, unknown>
			>;
			expect(Object.keys(added)).toEqual(
				READABLE_KEYS.filter((key) => key !== 'etag' && key !== 'operations'),
			);
			expect(added).toMatchObject({ changed: true, flowId: TUTORIAL_FLOW_ID });
			expect(added.summary).toMatch(/^Added 1 audience \(/);
		});

		it("ends with the model's final answer as the agent's output", () => {
			expect(nodeItems(ctx.run, 'AI Agent')).toEqual([{ output: FINAL_ANSWER }]);
		});
	},
);
