import type { IExecuteFunctions, INode, NodeParameterValueType } from 'n8n-workflow';

interface Run {
	node: INode;
	/** Parameters without an expression, as n8n resolved them for the first item that asked. */
	invariant: Map<string, unknown>;
}

const runs = new WeakMap<IExecuteFunctions, Run>();

function runOf(context: IExecuteFunctions): Run {
	let run = runs.get(context);
	if (!run) {
		// n8n copies the whole node on every getNode(): once per run is enough.
		run = { node: context.getNode(), invariant: new Map() };
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
	const raw = rawParameter.call(this, name);
	if (raw === undefined || holdsExpression(raw)) {
		return this.getNodeParameter(name, itemIndex, fallback);
	}
	const { invariant } = runOf(this);
	if (!invariant.has(name)) invariant.set(name, this.getNodeParameter(name, itemIndex, fallback));
	return invariant.get(name);
}
