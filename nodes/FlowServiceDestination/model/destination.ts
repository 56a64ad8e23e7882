/**
 * The Flow Service entities around a destination dataflow, as far as the node reads them; every
 * other field passes through untouched.
 */

/** A base connection of a destination: the destination account (Destinations › Accounts). */
export interface DestinationAccount {
	id: string;
	name?: string;
	connectionSpec?: { id?: string; version?: string };
	createdAt?: number;
	etag?: string;
	[key: string]: unknown;
}

/** A JSON schema as a connection spec declares its settings; only what the checks read is typed. */
export interface SettingsSchema {
	type?: string;
	properties?: Record<string, SettingsSchema>;
	required?: string[];
	enum?: unknown[];
	/** Allowed values as Adobe's specs list them: `[{title, const}]`. */
	oneOf?: Array<{ const?: unknown; title?: string }>;
	pattern?: string;
	default?: unknown;
	/** Adobe's own keyword: the setting applies only when this holds. */
	conditional?: SettingCondition;
	additionalProperties?: boolean;
	[key: string]: unknown;
}

/** `{field, operator, value}`: e.g. fileType only `NOT_CONTAINS` DATASETS in the flow spec's workflow. */
export interface SettingCondition {
	field?: string;
	operator?: string;
	value?: unknown;
}

/** A connection spec: one kind of destination (Amazon S3, SFTP, …) or source. */
export interface ConnectionSpec {
	id: string;
	name?: string;
	version?: string;
	/** Declared by destinations: the settings of a target connection (`targetSpec.spec`). */
	targetSpec?: { name?: string; spec?: SettingsSchema; [key: string]: unknown };
	sourceSpec?: unknown;
	attributes?: Record<string, unknown>;
	[key: string]: unknown;
}

/** A flow spec: which source and destination connection specs a dataflow of its kind joins. */
export interface FlowSpec {
	id: string;
	name?: string;
	version?: string;
	sourceConnectionSpecIds?: string[];
	targetConnectionSpecIds?: string[];
	/** `_workflow`: PROFILES (audiences) or DATASETS, which conditional settings depend on. */
	attributes?: Record<string, unknown>;
	[key: string]: unknown;
}

/** A source or target connection. */
export interface FlowConnection {
	id: string;
	name?: string;
	baseConnectionId?: string;
	params?: Record<string, unknown>;
	connectionSpec?: { id?: string; version?: string };
	createdAt?: number;
	etag?: string;
	[key: string]: unknown;
}

/** Adobe's answer to a POST that creates an entity. */
export interface Created {
	id: string;
	etag?: string;
}

/** The Profile store: the source of every audience activation dataflow (Adobe: "always the same"). */
export const PROFILE_STORE_SPEC_ID = '8a9c3494-9708-43d7-ae3f-cda01e5030e1';

/** Whether a connection spec describes a destination (it declares target settings). */
export function isDestinationSpec(spec: ConnectionSpec): boolean {
	return spec.targetSpec !== undefined || spec.attributes?.isDestination === true;
}

const record = (value: unknown): Record<string, unknown> =>
	typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

/** A dataflow's target connections as it inherits them (`inheritedAttributes.targetConnections`). */
function inheritedTargets(flow: object): Array<Record<string, unknown>> {
	const targets = record(record(flow).inheritedAttributes).targetConnections;
	return Array.isArray(targets) ? targets.map(record) : [];
}

/** The accounts a dataflow's target connections belong to (usually one). */
export function accountIdsOf(flow: object): string[] {
	const ids = inheritedTargets(flow).map((target) => record(target.baseConnection).id);
	return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}

/** The destination (connection spec ID) a dataflow exports to, as its target connection says. */
export function destinationIdOf(flow: object): string | undefined {
	const id = record(inheritedTargets(flow)[0]?.connectionSpec).id;
	return typeof id === 'string' ? id : undefined;
}
