// The datasets of each sandbox's Data Lake that a dataset export may use, as Catalog Service
// describes a dataset (the OpenAPI document's Destination_Dataset_Response example, plus the
// `state` the export-datasets tutorial's answer shows). Read-only: Flow Service only lists them.
import { DATASET_IDS, DATASET_NAMES } from './fixtures/ids';
import { SANDBOX_DEV, SANDBOX_IDS, SANDBOX_PROD } from './identity';
import type { JsonObject } from './types';

type Kind = 'profile' | 'event' | 'record';
type DatasetKey = keyof typeof DATASET_NAMES;

const KINDS: Record<DatasetKey, { kind: Kind; description: string }> = {
	loyaltyMembers: { kind: 'profile', description: 'Loyalty programme members and their tiers' },
	webEvents: { kind: 'event', description: 'Web SDK page views and clicks' },
	crmCustomers: { kind: 'profile', description: 'Customer records from the CRM' },
	purchaseEvents: { kind: 'event', description: 'Online and in-store purchases' },
	productCatalog: { kind: 'record', description: 'Products and their categories' },
	callCenter: { kind: 'event', description: 'Call center interactions' },
	consentPreferences: { kind: 'profile', description: 'Marketing consent per channel' },
	qaTestEvents: { kind: 'event', description: 'Synthetic events for testing (dev only)' },
};

/** Profile datasets are enabled for Profile and identity; event datasets for identity. */
const TAGS: Record<Kind, JsonObject> = {
	profile: { unifiedProfile: ['enabled:true'], unifiedIdentity: ['enabled:true'] },
	event: { unifiedIdentity: ['enabled:true'] },
	record: {},
};

const SEEDED_AT = 1_700_000_000_000;
const DAY_MS = 86_400_000;

function dataset(
	sandbox: string,
	key: DatasetKey,
	id: string,
	n: number,
	orgId: string,
): JsonObject {
	const { kind, description } = KINDS[key];
	const viewId = `${id.slice(0, 20)}${(0xa000 + n).toString(16)}`;
	const batch = `01HQ${String(n).padStart(2, '0')}EMULATORBATCH${sandbox.toUpperCase()}`.slice(
		0,
		26,
	);
	return {
		id,
		schemaRef: {
			id: `https://ns.adobe.com/emulator/schemas/${id}`,
			contentType: 'application/vnd.adobe.xed-full+json;version=1',
		},
		name: DATASET_NAMES[key],
		description,
		tags: TAGS[kind],
		fileDescription: { persisted: true, containerFormat: 'parquet', format: 'parquet' },
		aspect: 'production',
		state: 'DRAFT',
		imsOrg: orgId,
		sandboxId: SANDBOX_IDS[sandbox],
		version: '1.0.3',
		created: SEEDED_AT + n * DAY_MS,
		updated: SEEDED_AT + (n + 30) * DAY_MS,
		createdClient: 'exc_app',
		createdUser: '0A4334FA556585B77F000101@AdobeID',
		updatedUser: 'acp_foundation_dataTracker@AdobeID',
		viewId,
		basePath: `abfss://gen1@datalakeemulator.dfs.core.windows.net/platform/${id}/datasetViewId=${viewId}`,
		files: `@/dataSetFiles?dataSetId=${id}`,
		enableErrorDiagnostics: false,
		lastBatchStatus: 'success',
		lastBatchId: batch,
		lastSuccessfulBatch: batch,
	};
}

/** Every sandbox's datasets, in a fresh copy. */
export function seedDatasets(orgId: string): Record<string, JsonObject[]> {
	const of = (sandbox: string, ids: Record<string, string>) =>
		Object.entries(ids).map(([key, id], n) =>
			dataset(sandbox, key as DatasetKey, id, n + (sandbox === SANDBOX_PROD ? 0 : 20), orgId),
		);
	return {
		[SANDBOX_PROD]: of(SANDBOX_PROD, DATASET_IDS.prod),
		[SANDBOX_DEV]: of(SANDBOX_DEV, DATASET_IDS.dev),
	};
}
