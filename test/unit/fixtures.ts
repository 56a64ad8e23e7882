import { applyPatch, type Operation } from 'fast-json-patch';

import flows from '../../emulator/fixtures/flows.json';
import {
	DATABASE_FLOW_ID,
	PROFILE_MAPPING_FLOW_ID,
	STREAMING_FLOW_ID,
} from '../../emulator/fixtures/ids';
import tutorialFlowJson from '../../emulator/fixtures/tutorial-flow.json';
import { InputError } from '@node/model/inputError';
import type {
	FlowDocument,
	PatchOperation,
	PrimaryField,
	ProfileSelector,
	SegmentSelector,
} from '@node/model/types';

/** A fresh deep copy of Adobe's tutorial flow (four audiences, five profile attributes). */
export function tutorialFlow(): FlowDocument {
	return structuredClone(tutorialFlowJson) as unknown as FlowDocument;
}

/** A fresh deep copy of one of the seeded flows in emulator/fixtures/flows.json. */
export function seededFlow(id: string): FlowDocument {
	const flow = (flows as unknown as FlowDocument[]).find((candidate) => candidate.id === id);
	if (!flow) throw new Error(`No seeded flow ${id}`);
	return structuredClone(flow);
}

/** The tutorial's "Database Dataflow": scheduleParams and a single Mapping transformation. */
export const databaseFlow = (): FlowDocument => seededFlow(DATABASE_FLOW_ID);
/** Newer file-based destination: params.profileMapping, no profileSelectors. */
export const profileMappingFlow = (): FlowDocument => seededFlow(PROFILE_MAPPING_FLOW_ID);
/** Streaming destination: audiences with an id only, scheduleParams null. */
export const streamingFlow = (): FlowDocument => seededFlow(STREAMING_FLOW_ID);

export const INLINE_FLOW_ID = '11111111-2222-4333-8444-555555555555';

/** A minimal destination flow whose GeneralTransform holds exactly the given params. */
export function inlineFlow(
	params?: Record<string, unknown>,
	extra: Partial<FlowDocument> = {},
): FlowDocument {
	const transform: Record<string, unknown> = { name: 'GeneralTransform' };
	if (params !== undefined) transform.params = params;
	return {
		id: INLINE_FLOW_ID,
		etag: '"00000000-0000-0200-0000-000000000000"',
		transformations: [transform as { name: string }],
		...extra,
	};
}

/** Applies operations with a reference RFC 6902 implementation (validating each one) to a copy. */
export function applyOperations(flow: FlowDocument, operations: PatchOperation[]): FlowDocument {
	return applyPatch(structuredClone(flow), operations as Operation[], true, false).newDocument;
}

export function generalParams(flow: FlowDocument): Record<string, unknown> {
	const transform = (flow.transformations ?? []).find((t) => t.name === 'GeneralTransform');
	if (!transform) throw new Error('no GeneralTransform');
	return transform.params ?? {};
}

/** JSON Pointer of the audience list in a flow whose GeneralTransform comes first (the tutorial's). */
export const SEGMENT_SELECTORS_PATH = '/transformations/0/params/segmentSelectors/selectors';

/** An audience ID no seeded flow holds. */
export const UNUSED_AUDIENCE_ID = '0b0b0b0b-1111-4222-8333-444444444444';

/** The flow's audience selectors, none when it has no list. */
export function audienceSelectors(flow: FlowDocument): SegmentSelector[] {
	const container = generalParams(flow).segmentSelectors as
		{ selectors?: SegmentSelector[] } | undefined;
	return container?.selectors ?? [];
}

export function audienceIds(flow: FlowDocument): string[] {
	return audienceSelectors(flow).map((selector) => selector.value.id);
}

export interface ProfileBlock {
	selectors?: ProfileSelector[];
	mandatoryFields?: string[];
	primaryFields?: PrimaryField[];
}

export function profileBlock(flow: FlowDocument): ProfileBlock | undefined {
	return generalParams(flow).profileSelectors as ProfileBlock | undefined;
}

export function attributePaths(flow: FlowDocument): string[] {
	return (profileBlock(flow)?.selectors ?? []).map((selector) => selector.value.path);
}

/** Runs fn, expects an InputError on `field` whose message matches every pattern; returns it. */
export function expectInputError(
	fn: () => unknown,
	field: string,
	...patterns: Array<string | RegExp>
): InputError {
	let thrown: unknown;
	try {
		fn();
	} catch (error) {
		thrown = error;
	}
	expect(thrown).toBeInstanceOf(InputError);
	const error = thrown as InputError;
	expect(error.field).toBe(field);
	for (const pattern of patterns) expect(error.message).toMatch(pattern);
	return error;
}

/** The audience Adobe's tutorial adds in "Add a segment to a dataflow", as the node's fields take it. */
export const TUTORIAL_NEW_AUDIENCE_INPUT = {
	id: '2d79d0d8-724f-49fc-a09d-d1dec338c93c',
	name: 'Winter 2021/2022 campaign',
	filenameTemplate:
		'%DESTINATION_NAME%_%SEGMENT_ID%_%SEGMENT_NAME%_%DATETIME(YYYYMMdd_HHmmss)%_custom-text',
	exportMode: 'DAILY_FULL_EXPORT',
	frequency: 'ONCE',
	startDate: '2022-01-05',
	startTime: '16:00',
};

/** The selector the tutorial sends for that audience. */
export const TUTORIAL_NEW_AUDIENCE_SELECTOR = {
	type: 'PLATFORM_SEGMENT',
	value: {
		id: '2d79d0d8-724f-49fc-a09d-d1dec338c93c',
		name: 'Winter 2021/2022 campaign',
		filenameTemplate:
			'%DESTINATION_NAME%_%SEGMENT_ID%_%SEGMENT_NAME%_%DATETIME(YYYYMMdd_HHmmss)%_custom-text',
		exportMode: 'DAILY_FULL_EXPORT',
		schedule: { startDate: '2022-01-05', frequency: 'ONCE', startTime: '16:00' },
	},
};
