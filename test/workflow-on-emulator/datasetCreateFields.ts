import { ACCOUNT_IDS, DATASET_IDS } from '../../emulator/fixtures/ids';
import { byId } from '../workflow-mocked/setup';

/** Dataset Export › Create's parameters as a user fills them in: two datasets to S3 every 3 hours in 2099. */
export const NAME = 'Loyalty to S3 every 3 hours';
const { loyaltyMembers, crmCustomers } = DATASET_IDS.prod;
export const START = '2099-01-05T06:00:00.000Z';
export const END = '2099-06-05T06:00:00.000Z';

export const DATASET_CREATE = {
	resource: 'datasetExport',
	operation: 'create',
	dataflowName: NAME,
	accountId: byId(ACCOUNT_IDS.prod.marketingS3),
	datasets: [loyaltyMembers],
	datasetIds: crmCustomers,
	exportSettings: { bucketName: 'acme-dataset-exports', folderPath: 'loyalty' },
	datasetFileType: 'PARQUET',
	compression: 'GZIP',
	exportFrequency: 'EVERY_3_HOURS',
	scheduleStart: START,
	scheduleEnd: END,
	folderNameTemplate: '%DATASET_NAME%/exportTime=%DATETIME(YYYYMMdd_HHmm)%',
};
