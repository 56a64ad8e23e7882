/**
 * Hand-made dataflow documents for the schedule events, shaped as Adobe's documents show them: a
 * dataset export (export-datasets tutorial, `scheduleParams` in epoch seconds, a Data Lake source)
 * and an audience dataflow (update-destination-dataflows guide, a schedule per audience).
 */
import type { FlowDocument } from '@node/model/types';
import { DATA_LAKE_SOURCE_SPEC, type ScheduledFlow } from '@node/trigger/schedules';
import { observeFlow } from '@node/trigger/detection';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** 2026-03-10T00:00:00Z: every fixture is placed relative to it. */
export const NOW = Date.UTC(2026, 2, 10);
export const seconds = (ms: number) => Math.floor(ms / 1000);

export const DATASET_FLOW = 'da7a0000-0000-4000-8000-000000000001';
export const AUDIENCE_FLOW = 'a0d10000-0000-4000-8000-000000000002';
export const AUDIENCE_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
export const AUDIENCE_B = 'bbbbbbbb-0000-4000-8000-00000000000b';

export function datasetExport(
	scheduleParams: Record<string, unknown>,
	overrides: Partial<FlowDocument> = {},
): FlowDocument {
	return {
		id: DATASET_FLOW,
		name: 'Web events to the Data Landing Zone',
		state: 'enabled',
		etag: '"d1"',
		createdAt: NOW - 60 * DAY,
		updatedAt: NOW - 60 * DAY,
		flowSpec: { id: 'cd2fc47e-e838-4f38-a581-8fff2f99b63a', version: '1.0' },
		inheritedAttributes: {
			properties: { isDestinationFlow: true },
			sourceConnections: [
				{ id: 'src', connectionSpec: { id: DATA_LAKE_SOURCE_SPEC, version: '1.0' } },
			],
			targetConnections: [{ id: 'tgt', connectionSpec: { id: 'dlz', version: '1.0' } }],
		},
		transformations: [],
		scheduleParams,
		...overrides,
	};
}

export interface AudienceEntry {
	id: string;
	name?: string;
	schedule: Record<string, unknown>;
}

export function audienceFlow(
	audiences: AudienceEntry[],
	overrides: Partial<FlowDocument> = {},
): FlowDocument {
	return {
		id: AUDIENCE_FLOW,
		name: 'Loyalty audiences to S3',
		state: 'enabled',
		etag: '"a1"',
		createdAt: NOW - 60 * DAY,
		updatedAt: NOW - 60 * DAY,
		transformations: [
			{
				name: 'GeneralTransform',
				params: {
					segmentSelectors: {
						selectors: audiences.map((audience) => ({
							type: 'PLATFORM_SEGMENT',
							value: {
								id: audience.id,
								name: audience.name,
								exportMode: 'DAILY_FULL_EXPORT',
								schedule: audience.schedule,
								createTime: '1640289901',
								updateTime: '1640289901',
							},
						})),
					},
				},
			},
		],
		...overrides,
	};
}

/** `YYYY-MM-DD` and `HH:MM` of an instant, in UTC. */
export const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const timeOf = (ms: number) => new Date(ms).toISOString().slice(11, 16);

export const scheduled = (flow: FlowDocument): ScheduledFlow => observeFlow(flow);
