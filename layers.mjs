// Which part of the repository may import which (docs/architecture.md explains each one).
// eslint.config.mjs turns both tables into import/no-restricted-paths zones.
export const SERVICE = 'nodes/FlowServiceDestination';

/** Each top-level folder, and the top-level folders it may import. */
export const FOLDERS = {
	credentials: [],
	nodes: [],
	emulator: [],
	'local-n8n': ['emulator'],
	scripts: ['local-n8n', 'emulator'],
	bench: ['local-n8n', 'emulator', 'nodes'],
	test: ['nodes', 'credentials', 'emulator'],
	e2e: ['local-n8n', 'emulator', 'nodes', 'test'],
	release: [],
};

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

/** One zone per part: it may not import the parts of the table it was not given. */
function zones(table, prefix, describe, none) {
	const parts = Object.keys(table);
	return parts.map((part) => ({
		target: `${prefix}${part}`,
		from: parts
			.filter((other) => other !== part && !table[part].includes(other))
			.map((other) => `${prefix}${other}`),
		message: `${describe(part)} may import only ${table[part].join(', ') || none}: see docs/architecture.md`,
	}));
}

export function layerZones() {
	return [
		...zones(FOLDERS, '', (folder) => `${folder}/`, 'nothing of the repository'),
		...zones(LAYERS, `${SERVICE}/`, (part) => part, 'nothing of the service'),
	];
}
