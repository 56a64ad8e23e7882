import type { IExecuteFunctions, INode, NodeParameterValueType } from 'n8n-workflow';

/** n8n's value for every item, or that the parameter is resolved per item. */
type Resolution = { value: unknown } | 'perItem';

interface Run {
	node: INode;
	/** Per parameter: without an expression, n8n's value for the first item that asked. */
	resolutions: Map<string, Resolution>;
}

const runs = new WeakMap<IExecuteFunctions, Run>();

function runOf(context: IExecuteFunctions): Run {
	let run = runs.get(context);
	if (!run) {
		// n8n copies the whole node on every getNode(): once per run is enough.
		run = { node: context.getNode(), resolutions: new Map() };
		runs.set(context, run);
	}
	return run;
}

/** The node's parameters as saved, expressions unresolved. */
export function rawParameter(this: IExecuteFunctions, name: string): unknown {
	return runOf(this).node.parameters[name];
}

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (typeof value !== 'object' || value === null) return false;
	return Object.values(value).some(holdsExpression);
}

/**
 * A parameter of one item, as getNodeParameter gives it. One that holds no expression resolves
 * the same for every item, so n8n resolves it once per run (each resolution copies and validates
 * the value); the callers only read what it returns.
 */
export function readRunParameter(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: NodeParameterValueType,
): unknown {
	const { node, resolutions } = runOf(this);
	let resolution = resolutions.get(name);
	if (resolution === undefined) {
		const raw = node.parameters[name];
		resolution =
			raw === undefined || holdsExpression(raw)
				? 'perItem'
				: { value: this.getNodeParameter(name, itemIndex, fallback) };
		resolutions.set(name, resolution);
	}
	return resolution === 'perItem'
		? this.getNodeParameter(name, itemIndex, fallback)
		: resolution.value;
}
