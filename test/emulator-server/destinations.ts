// Request bodies of the destination-dataflow creation chain, as Adobe's file-based activation
// tutorial sends them, and helpers that run the chain over HTTP.
import type { AxiosResponse } from 'axios';
import {
	ACCOUNT_IDS,
	CONNECTION_SPECS,
	DATASET_IDS,
	DATASET_NAMES,
	DESTINATION_FLOW_SPECS,
} from '../../emulator';
import type { TestApi } from './support';

export const PROFILE_SOURCE_BODY = {
	name: 'Connect to Profile store',
	description: 'Optional',
	connectionSpec: { id: CONNECTION_SPECS.profileStoreSource, version: '1.0' },
};

export const S3_PARAMS = {
	mode: 'Server-to-server',
	bucketName: 'your-bucket-name',
	path: 'folder/subfolder',
	compression: 'GZIP',
	fileType: 'CSV',
	includeFileManifest: true,
	csvOptions: { nullValue: 'null', emptyValue: '', escape: '\\', quote: '', delimiter: ',' },
};

export function s3TargetBody(baseConnectionId: string = ACCOUNT_IDS.prod.marketingS3) {
	return {
		name: 'Amazon S3 Target Connection',
		baseConnectionId,
		params: S3_PARAMS,
		connectionSpec: { id: CONNECTION_SPECS.amazonS3, version: '1.0' },
	};
}

export function flowBody(
	sourceId: string,
	targetId: string,
	extra: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		name: 'Activate audiences to an Amazon S3 cloud storage destination',
		description:
			'This operation creates a dataflow to export audiences to an Amazon S3 destination',
		flowSpec: { id: DESTINATION_FLOW_SPECS.amazonS3.audience, version: '1.0' },
		sourceConnectionIds: [sourceId],
		targetConnectionIds: [targetId],
		transformations: [],
		...extra,
	};
}

export function post(
	api: TestApi,
	path: string,
	body: unknown,
	sandbox?: string,
): Promise<AxiosResponse> {
	return api.fs.post(path, body, sandbox ? { headers: { 'x-sandbox-name': sandbox } } : undefined);
}

export async function created(response: Promise<AxiosResponse>): Promise<string> {
	const r = await response;
	if (r.status !== 201) throw new Error(`expected 201, got ${r.status} ${JSON.stringify(r.data)}`);
	return r.data.id as string;
}

/** Source + S3 target connection + dataflow; returns the three ids. */
export async function createS3Flow(
	api: TestApi,
	extra: Record<string, unknown> = {},
	sandbox?: string,
	account?: string,
): Promise<{ sourceId: string; targetId: string; flowId: string }> {
	const sourceId = await created(post(api, '/sourceConnections', PROFILE_SOURCE_BODY, sandbox));
	const targetId = await created(post(api, '/targetConnections', s3TargetBody(account), sandbox));
	const flowId = await created(post(api, '/flows', flowBody(sourceId, targetId, extra), sandbox));
	return { sourceId, targetId, flowId };
}

/** The export-datasets tutorial's Data Lake source connection, with seeded prod datasets. */
export function dataLakeSourceBody(
	datasets: Array<{ dataSetId: string; name?: string }> = [
		{ dataSetId: DATASET_IDS.prod.loyaltyMembers, name: DATASET_NAMES.loyaltyMembers },
	],
) {
	return {
		name: 'Connecting to Data Lake',
		description: 'Data Lake source connection to export datasets',
		connectionSpec: { id: CONNECTION_SPECS.dataLakeSource, version: '1.0' },
		params: { datasets },
	};
}

/** The tutorial's Data Landing Zone target connection for datasets. */
export const DLZ_DATASET_TARGET_BODY = {
	name: 'Data Landing Zone Target Connection',
	baseConnectionId: ACCOUNT_IDS.prod.landingZone,
	params: {
		mode: 'Server-to-server',
		path: 'folder/subfolder',
		compression: 'GZIP',
		datasetFileType: 'JSON',
	},
	connectionSpec: { id: CONNECTION_SPECS.dataLandingZone, version: '1.0' },
};

export const HOURLY_SCHEDULE = {
	exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
	interval: 3,
	timeUnit: 'hour',
	startTime: 1_675_901_210,
	endTime: 1_975_901_210,
	foldernameTemplate: '%DESTINATION%_%DATASET_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
};

export function datasetFlowBody(
	sourceId: string,
	targetId: string,
	extra: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		name: 'Activate datasets to a Data Landing Zone cloud storage destination',
		description: 'This operation creates a dataflow to export datasets to a Data Landing Zone',
		flowSpec: { id: DESTINATION_FLOW_SPECS.dataLandingZone.dataset, version: '1.0' },
		sourceConnectionIds: [sourceId],
		targetConnectionIds: [targetId],
		transformations: [],
		scheduleParams: HOURLY_SCHEDULE,
		...extra,
	};
}

/** Data Lake source + DLZ target connection + dataset export dataflow; returns the three ids. */
export async function createDatasetFlow(
	api: TestApi,
	extra: Record<string, unknown> = {},
): Promise<{ sourceId: string; targetId: string; flowId: string }> {
	const sourceId = await created(post(api, '/sourceConnections', dataLakeSourceBody()));
	const targetId = await created(post(api, '/targetConnections', DLZ_DATASET_TARGET_BODY));
	const flowId = await created(post(api, '/flows', datasetFlowBody(sourceId, targetId, extra)));
	return { sourceId, targetId, flowId };
}
