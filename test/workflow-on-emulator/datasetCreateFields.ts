/**
 * Dataset Export › Create as a user fills it in (two datasets to S3 every 3 hours in 2099), and
 * the three bodies Adobe must receive for it: shared by the in-process tests and the real-n8n e2e.
 * Imports only the emulator's fixtures, so real n8n's suite does not load the in-process harness.
 */
import {
	ACCOUNT_IDS,
	CONNECTION_SPECS,
	DATASET_IDS,
	DATASET_NAMES,
	DESTINATION_FLOW_SPECS,
} from '../../emulator/fixtures/ids';

export const NAME = 'Loyalty to S3 every 3 hours';
const { loyaltyMembers, crmCustomers } = DATASET_IDS.prod;
export const START = '2099-01-05T06:00:00.000Z';
export const END = '2099-06-05T06:00:00.000Z';
export const FOLDER_TEMPLATE = '%DATASET_NAME%/exportTime=%DATETIME(YYYYMMdd_HHmm)%';
export const seconds = (iso: string) => Date.parse(iso) / 1000;

export const DATASET_CREATE = {
	resource: 'datasetExport',
	operation: 'create',
	dataflowName: NAME,
	accountId: { __rl: true, mode: 'id', value: ACCOUNT_IDS.prod.marketingS3 },
	datasets: [loyaltyMembers],
	datasetIds: crmCustomers,
	exportSettings: { bucketName: 'acme-dataset-exports', folderPath: 'loyalty' },
	datasetFileType: 'PARQUET',
	compression: 'GZIP',
	exportFrequency: 'EVERY_3_HOURS',
	scheduleStart: START,
	scheduleEnd: END,
	folderNameTemplate: FOLDER_TEMPLATE,
};

/** The POST bodies of DATASET_CREATE named `name`, given the connections its output names. */
export function datasetCreateBodies(
	name: string,
	connections: { sourceConnectionId: string; targetConnectionId: string },
) {
	return {
		source: {
			name: `${name} - source`,
			connectionSpec: { id: CONNECTION_SPECS.dataLakeSource, version: '1.0' },
			params: {
				datasets: [
					{ dataSetId: loyaltyMembers, name: DATASET_NAMES.loyaltyMembers },
					{ dataSetId: crmCustomers, name: DATASET_NAMES.crmCustomers },
				],
			},
		},
		target: {
			name: `${name} - target`,
			baseConnectionId: ACCOUNT_IDS.prod.marketingS3,
			params: {
				mode: 'Server-to-server',
				bucketName: 'acme-dataset-exports',
				path: 'loyalty',
				datasetFileType: 'PARQUET',
				compression: 'GZIP',
			},
			connectionSpec: { id: CONNECTION_SPECS.amazonS3, version: '1.0' },
		},
		flow: {
			name,
			flowSpec: { id: DESTINATION_FLOW_SPECS.amazonS3.dataset, version: '1.0' },
			sourceConnectionIds: [connections.sourceConnectionId],
			targetConnectionIds: [connections.targetConnectionId],
			transformations: [],
			scheduleParams: {
				exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
				timeUnit: 'hour',
				interval: 3,
				startTime: seconds(START),
				endTime: seconds(END),
				foldernameTemplate: FOLDER_TEMPLATE,
			},
		},
	};
}
