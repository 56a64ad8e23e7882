/**
 * Dataflow › Create as an AI Agent's tool in real n8n 2.x. The scripted model creates a campaign
 * dataflow with a name, an account and an audience it chose, then asks for it again under the same
 * name; the second call fails with a sentence that says what to change, and the model ends.
 * Checked: the tool n8n offered (Create's own description and the $fromAI schema), the requests in
 * the emulator's log (one create sequence), what the sandbox holds (one dataflow of that name, no
 * orphan connection), and what the model was told each time.
 */
import { ACCOUNT_IDS, ACCOUNT_NAMES, TUTORIAL_NEW_AUDIENCE_ID } from '../emulator';
import { nodeItems } from '../local-n8n';
import { sandboxState } from '../test/workflow-on-emulator/sandbox';
import { fromAI, lastToolResult, toolNamed, useAgentRun } from './agentTools';
import { describeWithRuntime } from './runtimeSuite';
import type { ChatRequest } from './scriptedModel';

const NAME = 'Winter campaign (agent)';
const FINAL_ANSWER = `Dataflow "${NAME}" exists and exports the audience.`;
const FS = '/data/foundation/flowservice';

const CREATE_TOOL = {
	name: 'Create dataflow',
	parameters: {
		resource: 'dataflow',
		operation: 'create',
		dataflowName: fromAI('dataflowName', 'Name of the new dataflow'),
		accountId: {
			__rl: true,
			mode: 'id',
			value: fromAI('accountId', 'ID of the destination account'),
		},
		exportSettings: {
			bucketName: 'marketing-exports',
			folderPath: fromAI('folderPath', 'Folder the files land in'),
			fileType: 'CSV',
			compression: 'GZIP',
		},
		audiences: {
			audience: [
				{
					id: { __rl: true, mode: 'id', value: fromAI('audienceId', 'ID of the audience') },
					exportMode: 'DAILY_FULL_EXPORT',
					frequency: 'DAILY',
					startDate: '2099-12-10',
					startTime: '16:00',
				},
			],
		},
	},
};

const args = {
	dataflowName: NAME,
	accountId: ACCOUNT_IDS.prod.marketingS3,
	folderPath: 'winter',
	audienceId: TUTORIAL_NEW_AUDIENCE_ID,
};

describeWithRuntime(
	'v2',
	(n8n) => `Dataflow › Create as an AI Agent tool in n8n ${n8n} (v2)`,
	() => {
		const create = (r: ChatRequest) => toolNamed(r, 'create').function.name;
		const ctx = useAgentRun(
			{
				id: 'e2eAgentCreateScenario',
				name: 'Agent creating a dataflow (e2e)',
				prompt: `Make sure a dataflow "${NAME}" exports audience ${TUTORIAL_NEW_AUDIENCE_ID} to ${ACCOUNT_NAMES.marketingS3}.`,
				tools: [CREATE_TOOL],
			},
			[
				(r) => ({ toolCalls: [{ name: create(r), args }] }),
				(r) => ({ toolCalls: [{ name: create(r), args: { ...args, folderPath: 'again' } }] }),
				() => ({ text: FINAL_ANSWER }),
			],
		);

		it('offers the model Create with its own description and a schema of its $fromAI keys', () => {
			const tool = toolNamed(ctx.model.requests[0], 'create');
			expect(tool.function.name).toBe('Create_dataflow');
			expect(tool.function.description).toContain('Create a dataflow');
			expect(tool.function.parameters).toMatchObject({
				type: 'object',
				required: expect.arrayContaining(['dataflowName', 'accountId', 'folderPath', 'audienceId']),
				properties: {
					dataflowName: { type: 'string', description: 'Name of the new dataflow' },
					accountId: { type: 'string', description: 'ID of the destination account' },
				},
			});
			expect(ctx.model.requests).toHaveLength(3);
			expect(ctx.model.unexpected).toEqual([]);
		});

		it('creates the dataflow once: one create sequence, one dataflow of that name, no orphan connection', async () => {
			const writes = ctx.emulator
				.requests()
				.filter((r) => r.method !== 'GET' && r.path.startsWith(FS))
				.map((r) => `${r.method} ${r.path.slice(FS.length).replace(/[0-9a-f-]{36}/g, '{id}')}`);
			expect(writes).toEqual([
				'POST /sourceConnections',
				'POST /targetConnections',
				'POST /flows',
				'PATCH /flows/{id}',
			]);
			const state = await sandboxState(ctx.emulator, 'prod');
			const [flow] = state.flowsNamed(NAME);
			expect(state.flowsNamed(NAME)).toHaveLength(1);
			expect(state.orphans).toEqual([]);
			expect(JSON.stringify(flow)).toContain(TUTORIAL_NEW_AUDIENCE_ID);
			// Adobe creates a dataflow enabled, as Create's default asks: no action call follows.
			expect(flow).toMatchObject({ state: 'enabled' });
			expect(JSON.stringify(ctx.emulator.requests())).not.toContain('"again"');
		});

		it('tells the model what it created, then why the second create was refused and what to change', () => {
			const [created] = JSON.parse(lastToolResult(ctx.model.requests[1])) as Array<
				Record<string, unknown>
			>;
			expect(created.summary).toBe(
				`Created dataflow "${NAME}" on "${ACCOUNT_NAMES.marketingS3}" with 1 audience`,
			);
			expect(created).not.toHaveProperty('etag');
			const [refused] = JSON.parse(lastToolResult(ctx.model.requests[2])) as Array<{
				error: string;
			}>;
			expect(refused.error).toContain(`A dataflow named "${NAME}" already exists`);
			expect(refused.error).toContain('set If Dataflow Exists to Skip or Use It');
		});

		it("ends with the model's final answer as the agent's output", () => {
			expect(nodeItems(ctx.run, 'AI Agent')).toEqual([{ output: FINAL_ANSWER }]);
		});
	},
);
