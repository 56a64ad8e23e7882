/** The slice of Adobe's flow document the node reads; everything else passes through untouched. */
export interface FlowDocument {
	id: string;
	name?: string;
	description?: string;
	state?: string;
	etag: string;
	version?: string;
	scheduleParams?: Record<string, unknown>;
	transformations?: Transformation[];
	[key: string]: unknown;
}

export interface Transformation {
	name: string;
	params?: Record<string, unknown>;
}

export interface SegmentSchedule {
	frequency?: string;
	triggerType?: string;
	startDate?: string;
	endDate?: string;
	startTime?: string;
}

export interface SegmentSelectorValue {
	id: string;
	name?: string;
	description?: string;
	filenameTemplate?: string;
	exportMode?: string;
	schedule?: SegmentSchedule;
	[key: string]: unknown;
}

export interface SegmentSelector {
	type: string;
	value: SegmentSelectorValue;
}

export interface ProfileSelector {
	type: string;
	value: {
		path: string;
		operator?: string;
		identity?: { namespace: string };
		[key: string]: unknown;
	};
}

export type PrimaryField =
	| { fieldType: 'IDENTITY'; identityNamespace: string }
	| { fieldType: 'ATTRIBUTE'; attributePath: string };

export interface PatchOperation {
	op: 'add' | 'replace' | 'remove';
	path: string;
	value?: unknown;
}

export interface SkippedChange {
	target: string;
	reason: string;
}

/**
 * An audience an update names, looked up in the sandbox before anything is sent: the parameter it
 * came from, and the selector value whose empty name the lookup fills (none: check only).
 */
export interface AudienceReference {
	id: string;
	field: string;
	value?: SegmentSelectorValue;
}

/** What a planner returns: the operations to send, in order, and what it chose not to do. */
export interface Plan {
	operations: PatchOperation[];
	skipped: SkippedChange[];
}

/** An update operation reduced to a pure function of the current flow. */
export type Planner = (flow: FlowDocument) => Plan;
