import { NodeHelpers, type INode, type INodeProperties } from 'n8n-workflow';

import { FlowServiceDestination } from '@node/FlowServiceDestination.node';
import { FlowServiceDestinationTrigger } from '@node/FlowServiceDestinationTrigger.node';
import { operationProperty, resourceProperty, resources } from '@node/actions/operations';
import {
	ACTION_TYPE,
	DEV_SANDBOX_CREDENTIAL,
	EMULATOR_CREDENTIAL,
	STICKY_TYPE,
	TOOL_TYPE,
	TRIGGER_TYPE,
	allExamples,
	type Example,
} from './load';

const action = new FlowServiceDestination().description;
const trigger = new FlowServiceDestinationTrigger().description;
const examples = allExamples();
const CODE_TYPES = [
	'n8n-nodes-base.code',
	'n8n-nodes-base.function',
	'n8n-nodes-base.functionItem',
];
/** `n8n execute` ignores a workflow ID longer than this (n8n's isWorkflowIdValid). */
const MAX_WORKFLOW_ID_LENGTH = 21;

const ours = (workflow: Example) =>
	workflow.nodes.filter((node) => node.type === ACTION_TYPE || node.type === TOOL_TYPE);

/** Whether the operation's Options offer Dry Run: then the example must ship with it on. */
function offersDryRun(resource: string, operation: string): boolean {
	const options = resources[resource].operations[operation].description.find(
		(field) => field.name === 'options',
	);
	return ((options?.options ?? []) as INodeProperties[]).some((field) => field.name === 'dryRun');
}

const writers = (workflow: Example) =>
	ours(workflow).filter((node) =>
		offersDryRun(
			String(node.parameters.resource ?? resourceProperty.default),
			String(node.parameters.operation ?? operationProperty.default),
		),
	);

/** Every string a node's parameters hold, however deep. */
function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
	return [];
}

const stickyText = (workflow: Example) =>
	workflow.nodes
		.filter((node) => node.type === STICKY_TYPE)
		.map((node) => String(node.parameters.content))
		.join('\n');

it('examples/ holds the fourteen examples, each with its own short ID and name', () => {
	expect(examples.map((workflow) => workflow.file)).toEqual([
		'add-audiences-every-morning.json',
		'add-audiences-from-rows.json',
		'ai-agent-dataflow-tools.json',
		'alert-when-a-run-fails.json',
		'delete-ended-campaign.json',
		'extend-audience-exports.json',
		'extend-dataset-exports-every-monday.json',
		'launch-campaign-dataflow.json',
		'post-failed-runs-every-morning.json',
		'promote-dataflow-to-production.json',
		'retire-audience-everywhere.json',
		'sync-audiences-every-night.json',
		'webhook-add-remove-audiences.json',
		'webhook-add-then-export-now.json',
	]);
	const ids = examples.map((workflow) => workflow.id);
	expect(new Set(ids).size).toBe(ids.length);
	expect(new Set(examples.map((workflow) => workflow.name)).size).toBe(examples.length);
	for (const id of ids) expect(id.length).toBeLessThanOrEqual(MAX_WORKFLOW_ID_LENGTH);
});

describe.each(examples.map((workflow) => [workflow.file, workflow] as const))(
	'%s',
	(_, workflow) => {
		it('is a well-formed, inactive workflow: unique node names and IDs, connections between its nodes', () => {
			const names = workflow.nodes.map((node) => node.name);
			expect(new Set(names).size).toBe(names.length);
			expect(new Set(workflow.nodes.map((node) => node.id)).size).toBe(names.length);
			for (const [from, outputs] of Object.entries(workflow.connections)) {
				expect(names).toContain(from);
				for (const connection of Object.values(outputs).flat(2))
					expect(names).toContain(connection.node);
			}
			expect(workflow.settings).toEqual({ executionOrder: 'v1' });
			expect(workflow.active).toBe(false);
		});

		it("carries empty pinned data, as the editor exports a workflow: imported without it, n8n 2.x's Execute step fails (\"Cannot read properties of null (reading '<trigger>')\")", () => {
			expect(workflow.pinData).toEqual({});
		});

		it("has no Code node and no JavaScript functions in expressions: n8n's nodes and this node's fields do the work", () => {
			expect(workflow.nodes.filter((node) => CODE_TYPES.includes(node.type))).toEqual([]);
			const expressions = workflow.nodes.flatMap((node) => strings(node.parameters));
			expect(expressions.filter((text) => /=>|\.map\(|function\s*\(/.test(text))).toEqual([]);
		});

		it(`uses node version ${String(action.defaultVersion)} of Flow Service Destination as the editor saves it: nothing the version hides, no default spelled out`, () => {
			for (const node of ours(workflow)) {
				expect({ node: node.name, typeVersion: node.typeVersion }).toEqual({
					node: node.name,
					typeVersion: action.defaultVersion,
				});
				const saved = NodeHelpers.getNodeParameters(
					action.properties,
					node.parameters,
					false,
					false,
					node as INode,
					action,
				);
				expect({ node: node.name, parameters: node.parameters }).toEqual({
					node: node.name,
					parameters: saved,
				});
			}
			for (const node of workflow.nodes.filter((candidate) => candidate.type === TRIGGER_TYPE)) {
				expect(node.typeVersion).toBe(trigger.version);
				// n8n adds Poll Times to every polling node; the rest are the trigger's own.
				const { pollTimes, ...own } = node.parameters;
				expect(pollTimes).toBeDefined();
				expect(own).toEqual(
					NodeHelpers.getNodeParameters(trigger.properties, own, false, false, node, trigger),
				);
			}
		});

		it('signs every Adobe node in with an emulator credential `npm start` creates (prod, or dev where the promotion example reads)', () => {
			const adobe = workflow.nodes.filter((node) =>
				node.type.startsWith('n8n-nodes-adobe-flow-service.'),
			);
			expect(adobe.length).toBeGreaterThan(0);
			for (const node of adobe)
				expect([EMULATOR_CREDENTIAL, DEV_SANDBOX_CREDENTIAL]).toContainEqual(node.credentials);
			// Prod is what every example writes with; the dev sandbox's credential only reads.
			for (const node of writers(workflow)) expect(node.credentials).toEqual(EMULATOR_CREDENTIAL);
		});

		it('ships with Dry Run on in every step that would change something, and a note saying how to go live', () => {
			for (const node of writers(workflow)) {
				expect({
					node: node.name,
					dryRun: (node.parameters.options as { dryRun?: unknown }).dryRun,
				}).toEqual({
					node: node.name,
					dryRun: true,
				});
			}
			const note = stickyText(workflow);
			expect(note).toMatch(/^## /);
			expect(note).toContain('### Before going live');
			expect(note).toContain('instead of *Adobe Experience Platform (local emulator)*');
			if (writers(workflow).length > 0) {
				expect(note).toContain('**Dry Run is on**');
				for (const node of writers(workflow)) expect(note).toContain(`**${node.name}**`);
				expect(note).toMatch(/turn \*\*Dry Run\*\* off/);
			} else {
				expect(note).toContain('nothing changes in Adobe');
			}
		});
	},
);
