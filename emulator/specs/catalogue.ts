// Lookups in the spec catalogue, and what a spec says about its connections: which auth params
// are secrets, which flow specs export datasets, which connection specs are file-based.
import type { JsonObject } from '../types';
import { CONNECTION_SPEC_LIST } from './connection-specs';
import { FLOW_SPEC_LIST, type Workflow } from './flow-specs';

const byId = (list: readonly JsonObject[]) =>
	new Map(list.map((spec) => [spec.id as string, spec]));
const CONNECTION_SPECS_BY_ID = byId(CONNECTION_SPEC_LIST);
const FLOW_SPECS_BY_ID = byId(FLOW_SPEC_LIST);

export function connectionSpec(id: string): JsonObject | undefined {
	return CONNECTION_SPECS_BY_ID.get(id);
}

export function flowSpec(id: string): JsonObject | undefined {
	return FLOW_SPECS_BY_ID.get(id);
}

interface AuthSpecEntry {
	name: string;
	spec: { properties?: Record<string, { format?: string }>; required?: string[] };
}

export function authSpecs(spec: JsonObject): AuthSpecEntry[] {
	return (spec.authSpec ?? []) as AuthSpecEntry[];
}

/** Names of the params the auth spec marks `format: password`. */
export function secretParams(spec: JsonObject, specName: string): string[] {
	const entry = authSpecs(spec).find((a) => a.name === specName);
	return Object.entries(entry?.spec.properties ?? {})
		.filter(([, p]) => p.format === 'password')
		.map(([name]) => name);
}

export function attribute(spec: JsonObject | undefined, name: string): unknown {
	return (spec?.attributes as JsonObject | undefined)?.[name];
}

export function workflowOf(spec: JsonObject): Workflow {
	return attribute(spec, '_workflow') as Workflow;
}

/** Whether a flow spec exports datasets (a dataset export dataflow). */
export function isDatasetFlowSpec(id: string | undefined): boolean {
	const spec = id === undefined ? undefined : flowSpec(id);
	return spec !== undefined && workflowOf(spec) === 'DATASETS';
}

/** Flow specs whose dataflows write files (the ad-hoc activation API serves only those). */
export function isFileBasedFlowSpec(id: string): boolean {
	const spec = flowSpec(id);
	if (!spec) return false;
	return (spec.targetConnectionSpecIds as string[]).some(
		(target) => attribute(connectionSpec(target), 'isFileBased') === true,
	);
}
