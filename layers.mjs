// The node's layers and which may import which (docs/architecture.md explains each one).
// eslint.config.mjs turns the table into import/no-restricted-paths zones.
export const SERVICE = 'nodes/FlowServiceDestination';

/** Each part of the service, and the parts it may import. */
export const LAYERS = {
	model: [],
	rules: ['model'],
	planner: ['model', 'rules'],
	transport: ['model', 'rules'],
	update: ['model', 'transport'],
	descriptions: ['rules'],
	methods: ['model', 'rules', 'transport'],
	trigger: ['model', 'rules', 'transport'],
	'errors.ts': ['model', 'rules', 'transport', 'update'],
	actions: ['model', 'rules', 'planner', 'transport', 'update', 'descriptions', 'errors.ts'],
	'FlowServiceDestinationTrigger.node.ts': [
		'model',
		'rules',
		'transport',
		'descriptions',
		'methods',
		'trigger',
		'errors.ts',
	],
	'FlowServiceDestination.node.ts': ['actions', 'descriptions', 'methods', 'errors.ts'],
};

export function layerZones() {
	const parts = Object.keys(LAYERS);
	const zones = parts.map((part) => ({
		target: `${SERVICE}/${part}`,
		from: parts
			.filter((other) => other !== part && !LAYERS[part].includes(other))
			.map((other) => `${SERVICE}/${other}`),
		message: `${part} may import only ${LAYERS[part].join(', ') || 'nothing of the service'}: see docs/architecture.md`,
	}));
	// The credential stands alone: n8n loads it without the nodes.
	return [...zones, { target: 'credentials', from: 'nodes', message: 'see docs/architecture.md' }];
}
