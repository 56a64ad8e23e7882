import { Workflow } from 'n8n-workflow';
import type {
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';

import { FlowServiceDestination } from '@node/FlowServiceDestination.node';
import { FlowServiceDestinationTrigger } from '@node/FlowServiceDestinationTrigger.node';
import { FREQUENCIES, EXPORT_MODES, TRIGGER_TYPES } from '@node/rules/audiences';
import { HarnessNodeTypes } from '../../harness/nodeTypes';

type Entry = INodeProperties | INodePropertyCollection | INodePropertyOptions;

/** Every choice of every options list, however deep in collections. */
function choices(entries: readonly Entry[]): INodePropertyOptions[] {
	return entries.flatMap((entry): INodePropertyOptions[] => {
		if ('values' in entry) return choices(entry.values);
		const options = (entry as INodeProperties).options as Entry[] | undefined;
		if (!options) return [];
		const nested = options.filter((option) => 'displayName' in option || 'values' in option);
		const own = options.filter(
			(option): option is INodePropertyOptions =>
				!('displayName' in option) && !('values' in option),
		);
		return [...own, ...choices(nested)];
	});
}

const all = choices([
	...new FlowServiceDestination().description.properties,
	...new FlowServiceDestinationTrigger().description.properties,
]);

describe('choices in words, values unchanged', () => {
	it('labels every option whose value is an API constant, and says the constant in its description', () => {
		const constants = all.filter((option) => /^[A-Z][A-Z0-9_]+$/.test(String(option.value)));
		expect(constants.length).toBeGreaterThan(0);
		for (const option of constants) {
			expect(option.name).not.toBe(option.value);
			expect(option.name).not.toMatch(/_/);
			expect(option.description).toBe(option.value);
		}
	});

	it('still stores Adobe’s constants, so saved workflows keep their values', () => {
		const values = new Set(all.map((option) => option.value));
		for (const value of [...EXPORT_MODES, ...FREQUENCIES, ...TRIGGER_TYPES]) {
			expect(values.has(value)).toBe(true);
		}
	});

	it('names the export mode a frequency belongs to', () => {
		const label = (value: string) => all.find((option) => option.value === value)?.name;
		expect(label('ONCE')).toBe('Once (Full Files Only)');
		expect(label('EVERY_3_HOURS')).toBe('Every 3 Hours (Incremental Only)');
		expect(label('DAILY')).toBe('Daily');
		expect(label('DAILY_FULL_EXPORT')).toBe('Full Files');
	});
});

/** The subtitle the canvas shows under a node: its expression evaluated as the editor does. */
function canvasSubtitle(nodeType: new () => INodeType, parameters: INodeParameters): unknown {
	const type = `n8n-nodes-adobe-flow-service.${new nodeType().description.name}`;
	const node = {
		id: 'n',
		name: 'Node',
		type,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters,
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new HarnessNodeTypes({ [type]: nodeType }),
	});
	return workflow.expression.getSimpleParameterValue(
		node,
		new nodeType().description.subtitle,
		'internal',
		{},
	);
}

describe('the editor’s words elsewhere', () => {
	const description = new FlowServiceDestination().description;

	it('the canvas subtitle names the operation as the Operation list does', () => {
		const subtitle = (operation: string) => canvasSubtitle(FlowServiceDestination, { operation });
		expect(subtitle('addAudiences')).toBe('Add Audiences');
		expect(subtitle('getRuns')).toBe('Get Runs');
		expect(subtitle('updateInfo')).toBe('Update Info');
		expect(subtitle('create')).toBe('Create');
	});

	it('the trigger’s canvas subtitle names the events as the Trigger On list does', () => {
		const subtitle = (events: unknown) =>
			canvasSubtitle(FlowServiceDestinationTrigger, { events } as INodeParameters);
		expect(subtitle(['runFailed'])).toBe('On Run Failed');
		expect(subtitle(['runFailed', 'configurationChanged', 'enabled', 'disabled'])).toBe(
			'On Run Failed, Configuration Changed, Enabled, Disabled',
		);
		expect(subtitle(['exportEndingSoon', 'runDelayed', 'skippedRateExceeded'])).toBe(
			'On Export Ending Soon, Run Delayed, Skipped Rate Exceeded',
		);
		expect(subtitle([])).toBe('On ');
	});

	it('the Update Info action reads as a sentence without a comma (n8n’s lint sentence-cases actions, which drops commas)', () => {
		const updateInfo = (
			description.properties.find((p) => p.name === 'operation')!.options as INodePropertyOptions[]
		).find((option) => option.value === 'updateInfo');
		expect(updateInfo?.action).toBe('Rename a dataflow or update its description or schedule');
		expect(updateInfo?.description).toBe('Change name, description or schedule');
	});

	it('one Dataflow parameter per resource for every operation on one dataflow, so switching operation keeps it', () => {
		const flowIds = description.properties.filter((property) => property.name === 'flowId');
		expect(flowIds.map((flowId) => flowId.displayOptions?.show?.resource)).toEqual([
			['dataflow'],
			['datasetExport'],
		]);
		const shown = flowIds[0].displayOptions?.show?.operation as string[];
		expect(shown).toHaveLength(15);
		expect(shown).not.toContain('getMany');
	});

	it('Dry Run is on as soon as it is added to the options', () => {
		const dryRuns = description.properties
			.filter((property) => property.name === 'options')
			.flatMap((property) =>
				(property.options as INodeProperties[]).filter((o) => o.name === 'dryRun'),
			);
		expect(dryRuns.length).toBeGreaterThan(0);
		expect(dryRuns.every((option) => option.default === true)).toBe(true);
	});

	it('the trigger carries the action node’s text, which n8n’s node creator shows for both; version 2 is the default', () => {
		const trigger = new FlowServiceDestinationTrigger().description;
		expect(description.description).toBe(
			'Create and manage Adobe Experience Platform destination dataflows (audiences, profile attributes, mappings, schedules) and their destination accounts',
		);
		expect(trigger.description).toBe(description.description);
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});
});

describe('resources', () => {
	const { properties } = new FlowServiceDestination().description;
	const shownUnder = (property: INodeProperties) =>
		property.displayOptions?.show?.resource as string[] | undefined;

	it('Dataflow stays the default resource, so saved workflows (which hold none) keep their operation', () => {
		const resource = properties.find((property) => property.name === 'resource')!;
		expect(resource.default).toBe('dataflow');
		expect((resource.options as INodePropertyOptions[]).map((option) => option.value)).toEqual([
			'dataflow',
			'datasetExport',
			'destinationAccount',
		]);
	});

	it('each resource has its own Operation list, and every other parameter shows under one resource', () => {
		const lists = properties.filter((property) => property.name === 'operation');
		expect(lists.map(shownUnder)).toEqual([
			['dataflow'],
			['datasetExport'],
			['destinationAccount'],
		]);
		const rest = properties.filter((p) => p.name !== 'resource' && p.name !== 'operation');
		for (const property of rest) expect(shownUnder(property)).toHaveLength(1);
	});
});
