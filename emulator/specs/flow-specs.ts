// The flow specs GET /flowSpecs serves: per file-based destination one for audiences (the
// Profile store as source) and one for datasets (the Data Lake as source), and the profile
// based one of legacy batch and streaming destinations. A destination's flow spec is found from
// its connection spec: `targetConnectionSpecIds[]==<connection spec id>` (README: Decisions).
import { CONNECTION_SPECS, DESTINATION_FLOW_SPECS, FLOW_SPECS } from '../fixtures/ids';
import type { JsonObject } from '../types';

const PROVIDER_ID = '14e34fac-d307-11e9-bb65-2a2ae2dbcce4';
const SCHEMA = 'http://json-schema.org/draft-07/schema#';

/** What a dataflow exports: audiences (profiles) or datasets, as targetSpec conditionals read it. */
export type Workflow = 'PROFILES' | 'DATASETS';

const AUDIENCE_TRANSFORMATION = {
	name: 'GeneralTransform',
	spec: {
		$schema: SCHEMA,
		type: 'object',
		description: 'The audiences, profile mapping and deduplication keys of the export',
		properties: {
			segmentSelectors: { type: 'object', properties: { selectors: { type: 'array' } } },
			profileMapping: {
				type: 'object',
				properties: { mappingId: { type: 'string' }, mappingVersion: { type: 'integer' } },
			},
			mandatoryFields: { type: 'array', items: { type: 'string' } },
			primaryFields: { type: 'array', items: { type: 'object' } },
		},
	},
};

const LEGACY_TRANSFORMATION = {
	name: 'GeneralTransform',
	spec: {
		$schema: SCHEMA,
		type: 'object',
		description: 'The audiences and profile attributes of the export',
		properties: {
			segmentSelectors: { type: 'object', properties: { selectors: { type: 'array' } } },
			profileSelectors: { type: 'object', properties: { selectors: { type: 'array' } } },
		},
	},
};

const DATASET_SCHEDULE = {
	name: 'PeriodicSchedule',
	type: 'Periodic',
	spec: {
		$schema: SCHEMA,
		type: 'object',
		properties: {
			exportMode: { type: 'string', enum: ['DAILY_FULL_EXPORT', 'FIRST_FULL_THEN_INCREMENTAL'] },
			timeUnit: { type: 'string', enum: ['hour', 'day'] },
			interval: { type: 'integer' },
			startTime: { description: 'epoch seconds', type: 'integer' },
			endTime: { description: 'epoch seconds', type: 'integer' },
			foldernameTemplate: { type: 'string' },
		},
		required: ['startTime', 'timeUnit', 'interval'],
	},
};

function flowSpec(
	id: string,
	name: string,
	workflow: Workflow,
	source: string,
	targets: string[],
): JsonObject {
	return {
		id,
		name,
		providerId: PROVIDER_ID,
		version: '1.0',
		sourceConnectionSpecIds: [source],
		targetConnectionSpecIds: targets,
		transformationSpecs: workflow === 'PROFILES' ? [AUDIENCE_TRANSFORMATION] : [],
		...(workflow === 'DATASETS' ? { scheduleSpec: DATASET_SCHEDULE } : {}),
		attributes: { _workflow: workflow, isDestinationFlow: true },
		permissionsInfo: {
			view: [{ '@type': 'lowLevel', name: 'Destinations', permissions: ['read'] }],
			manage: [{ '@type': 'lowLevel', name: 'ActivateDestinations', permissions: ['write'] }],
		},
	};
}

const FILE_BASED: Array<[keyof typeof DESTINATION_FLOW_SPECS, string]> = [
	['amazonS3', 'Amazon S3'],
	['azureBlob', 'Azure Blob Storage'],
	['adlsGen2', 'Azure Data Lake Gen2'],
	['dataLandingZone', 'Data Landing Zone'],
	['googleCloudStorage', 'Google Cloud Storage'],
	['sftp', 'SFTP'],
];

/** Connection specs of the legacy batch destinations, Eloqua and the streaming ones (Adobe's docs). */
const PROFILE_BASED_TARGETS = [
	'4890fc95-5a1f-4983-94bb-e060c08e3f81',
	'e258278b-a4cf-43ac-b158-4fa0ca0d948b',
	'64ef4b8b-a6e0-41b5-9677-3805d1ee5dd0',
	'c1e44b6b-e7c8-404b-9031-58f0ef760604',
	CONNECTION_SPECS.adobeCampaign,
	CONNECTION_SPECS.amazonKinesis,
	'bf9f5905-92b7-48bf-bf20-455bc6b60a4e',
];

const profileBased = {
	...flowSpec(
		FLOW_SPECS.batchDestination,
		'Profile based destinations',
		'PROFILES',
		CONNECTION_SPECS.profileStoreSource,
		PROFILE_BASED_TARGETS,
	),
	transformationSpecs: [LEGACY_TRANSFORMATION],
};

export const FLOW_SPEC_LIST: readonly JsonObject[] = [
	...FILE_BASED.flatMap(([key, label]) => [
		flowSpec(
			DESTINATION_FLOW_SPECS[key].audience,
			`${label} - Segment`,
			'PROFILES',
			CONNECTION_SPECS.profileStoreSource,
			[CONNECTION_SPECS[key]],
		),
		flowSpec(
			DESTINATION_FLOW_SPECS[key].dataset,
			`${label} - Dataset`,
			'DATASETS',
			CONNECTION_SPECS.dataLakeSource,
			[CONNECTION_SPECS[key]],
		),
	]),
	profileBased,
];
