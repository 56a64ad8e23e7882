// The connection specs GET /connectionSpecs serves: the destinations Adobe's API tutorials walk
// through (auth specs and target specs as the file-based activation tutorial prints them, the
// streaming tutorial's Kinesis) and the two Experience Platform sources a destination dataflow
// reads from. Read-only and the same in every sandbox.
import { CONNECTION_SPECS } from '../fixtures/ids';
import type { JsonObject } from '../types';
import { authSpec, FILE_ENCRYPTION, fileTargetSpec, secret, text } from './file-options';

/** Adobe's provider id of its destinations and Experience Platform sources. */
const PROVIDER_ID = '14e34fac-d307-11e9-bb65-2a2ae2dbcce4';
const S3_BUCKET_PATTERN =
	'(?=^.{3,63}$)(?!^(\\d+\\.)+\\d+$)(^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])$)';
const GCS_BUCKET_PATTERN =
	'(?!^goog.*$)(?!^.*g(o|0)(o|0)gle.*$)(((?=^.{3,63}$)(^([a-z0-9]|[a-z0-9][a-z0-9\\-_]*)[a-z0-9]$))|((?=^.{3,222}$)(?!^(\\d+\\.)+\\d+$)(^(([a-z0-9]{1,63}|[a-z0-9][a-z0-9\\-_]{1,61}[a-z0-9])\\.)*([a-z0-9]{1,63}|[a-z0-9][a-z0-9\\-_]{1,61}[a-z0-9])$)))';
const FOLDER_PATH_PATTERN =
	"^[0-9a-zA-Z\\/\\!\\-_\\.\\*\\''\\(\\)]*((\\%SEGMENT_(NAME|ID)\\%)?\\/?)+$";

const folder = (description: string, extra: JsonObject = {}) => ({
	title: 'Folder path',
	description,
	type: 'string',
	...extra,
});

interface Destination {
	id: string;
	name: string;
	category: string;
	/** File-based (batch) or streaming. */
	delivery: 'fileBased' | 'streaming';
	documentation: string;
	authSpec: JsonObject[];
	targetSpec: JsonObject;
	encryption?: JsonObject[];
}

function destination(d: Destination): JsonObject {
	return {
		id: d.id,
		name: d.name,
		providerId: PROVIDER_ID,
		version: '1.0',
		authSpec: d.authSpec,
		...(d.encryption ? { encryption: d.encryption } : {}),
		targetSpec: d.targetSpec,
		attributes: {
			category: d.category,
			isSource: false,
			isDestination: true,
			isFileBased: d.delivery === 'fileBased',
			isStreaming: d.delivery === 'streaming',
			uiAttributes: { documentationLink: d.documentation, category: { key: d.category } },
		},
		permissionsInfo: {
			view: [{ '@type': 'lowLevel', name: 'Destinations', permissions: ['read'] }],
			manage: [{ '@type': 'lowLevel', name: 'Destinations', permissions: ['write'] }],
		},
	};
}

const docs = (slug: string) => `https://www.adobe.com/go/destinations-${slug}-en`;

const AMAZON_S3 = destination({
	id: CONNECTION_SPECS.amazonS3,
	name: 'Amazon S3',
	category: 'cloudStorage',
	delivery: 'fileBased',
	documentation: docs('amazon-s3'),
	authSpec: [
		authSpec(
			'Access Key',
			'KeyBased',
			'Defines auth params required for connecting to amazon-s3',
			{
				s3AccessKey: text('Access key id', { pattern: '^[A-Z2-7]{20}$' }),
				s3SecretKey: secret('Secret access key for the user account', {
					pattern: '^[A-Za-z0-9\\/\\+]{40}$',
				}),
			},
			['s3SecretKey', 's3AccessKey'],
		),
		authSpec(
			'Assumed Role',
			'S3RoleBased',
			'Defines role based auth params required for connecting to amazon-s3',
			{ s3Role: secret('S3 role', { title: 'Role' }) },
			['s3Role'],
		),
	],
	encryption: FILE_ENCRYPTION,
	targetSpec: fileTargetSpec(
		{
			bucketName: {
				title: 'Bucket name',
				description: 'Bucket name',
				type: 'string',
				pattern: S3_BUCKET_PATTERN,
			},
			path: folder('Output path for copying files', { pattern: FOLDER_PATH_PATTERN }),
		},
		['bucketName', 'path'],
	),
});

const AZURE_BLOB = destination({
	id: CONNECTION_SPECS.azureBlob,
	name: 'Azure Blob Storage',
	category: 'cloudStorage',
	delivery: 'fileBased',
	documentation: docs('azure-blob'),
	authSpec: [
		authSpec(
			'ConnectionString',
			'ConnectionString',
			'Connection String for Azure Blob based destinations',
			{ connectionString: secret('connection string for login') },
			['connectionString'],
		),
	],
	encryption: FILE_ENCRYPTION,
	targetSpec: fileTargetSpec(
		{
			path: folder('Output path (relative) indicating where to upload the data', {
				pattern: "^[0-9a-zA-Z\\/\\!\\-_\\.\\*\\'\\(\\)]+$",
			}),
			container: {
				title: 'Container',
				description: 'Container within the storage where to upload the data',
				type: 'string',
				pattern: '^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$',
			},
		},
		['container', 'path'],
	),
});

const ADLS_GEN2 = destination({
	id: CONNECTION_SPECS.adlsGen2,
	name: 'Azure Data Lake Gen2',
	category: 'cloudStorage',
	delivery: 'fileBased',
	documentation: docs('adls-gen2'),
	authSpec: [
		authSpec(
			'Azure Service Principal Auth',
			'AzureServicePrincipal',
			'defines auth params required for connecting to adlsgen2 using service principal',
			{
				url: text('Endpoint for Azure Data Lake Storage Gen2.'),
				servicePrincipalId: text('Service Principal Id to connect to ADLSGen2.'),
				servicePrincipalKey: secret('Service Principal Key to connect to ADLSGen2.'),
				tenant: text('Tenant information(domain name or tenant ID).'),
			},
			['servicePrincipalKey', 'url', 'tenant', 'servicePrincipalId'],
		),
	],
	encryption: FILE_ENCRYPTION,
	targetSpec: fileTargetSpec(
		{ path: folder('Enter the path to your Azure Data Lake Storage folder') },
		['path'],
	),
});

const DATA_LANDING_ZONE = destination({
	id: CONNECTION_SPECS.dataLandingZone,
	name: 'Data Landing Zone',
	category: 'cloudStorage',
	delivery: 'fileBased',
	documentation: docs('data-landing-zone'),
	// The tutorial: "No auth spec is required for the Data Landing Zone destination."
	authSpec: [],
	encryption: [],
	targetSpec: fileTargetSpec({ path: folder('Enter the path to your Data Landing Zone folder') }, [
		'path',
	]),
});

const GOOGLE_CLOUD_STORAGE = destination({
	id: CONNECTION_SPECS.googleCloudStorage,
	name: 'Google Cloud Storage',
	category: 'cloudStorage',
	delivery: 'fileBased',
	documentation: docs('google-cloud-storage'),
	authSpec: [
		authSpec(
			'Google Cloud Storage authentication credentials',
			'GoogleCloudStorageAuth',
			'defines auth params required for connecting to google cloud storage connector.',
			{
				accessKeyId: text('Access Key Id for the user account'),
				secretAccessKey: secret('Secret Access Key for the user account'),
			},
			['accessKeyId', 'secretAccessKey'],
		),
	],
	encryption: FILE_ENCRYPTION,
	targetSpec: fileTargetSpec(
		{
			bucketName: {
				title: 'Bucket name',
				description: 'Bucket name',
				type: 'string',
				pattern: GCS_BUCKET_PATTERN,
			},
			path: folder('Output path for copying files', { pattern: FOLDER_PATH_PATTERN }),
		},
		['bucketName', 'path'],
	),
});

const sftpAuth = (name: string, key: string, secretField: JsonObject, description: string) =>
	authSpec(
		name,
		'SFTP',
		description,
		{
			domain: text('Domain of server'),
			port: { description: 'Port of server', type: ['integer', 'string'], default: 22 },
			username: text('Username'),
			[key]: secretField,
		},
		[key, 'domain', 'username'],
	);

const SFTP = destination({
	id: CONNECTION_SPECS.sftp,
	name: 'SFTP',
	category: 'cloudStorage',
	delivery: 'fileBased',
	documentation: docs('sftp'),
	authSpec: [
		sftpAuth(
			'SFTP with Password',
			'password',
			secret('Password'),
			'defines auth params required for connecting to sftp locations with a password',
		),
		sftpAuth(
			'SFTP with SSH Key',
			'sshKey',
			secret('Base64 string of the private SSH key', { contentEncoding: 'base64' }),
			'defines auth params required for connecting to sftp locations using SSH Key',
		),
	],
	encryption: FILE_ENCRYPTION,
	targetSpec: fileTargetSpec({ remotePath: folder('Enter your folder path') }, ['remotePath']),
});

const AMAZON_KINESIS = destination({
	id: CONNECTION_SPECS.amazonKinesis,
	name: 'Amazon Kinesis',
	category: 'cloudStorage',
	delivery: 'streaming',
	documentation: docs('amazon-kinesis'),
	authSpec: [
		authSpec(
			'Aws Kinesis authentication credentials',
			'KeyBased',
			'defines auth params required for connecting to Amazon Kinesis',
			{
				accessKeyId: text('Access key id'),
				secretKey: secret('Secret access key'),
				region: text('AWS region of the stream'),
			},
			['accessKeyId', 'secretKey', 'region'],
		),
	],
	targetSpec: {
		name: 'User based target',
		type: 'UserNamespace',
		spec: {
			$schema: 'http://json-schema.org/draft-07/schema#',
			type: 'object',
			properties: {
				stream: { title: 'Stream', description: 'Name of the Kinesis data stream', type: 'string' },
				region: { title: 'Region', description: 'AWS region of the stream', type: 'string' },
			},
			required: ['stream', 'region'],
		},
	},
});

function platformSource(id: string, name: string, description: string): JsonObject {
	return {
		id,
		name,
		providerId: PROVIDER_ID,
		version: '1.0',
		authSpec: [],
		sourceSpec: {
			name: 'Experience Platform',
			type: 'PlatformSource',
			spec: { $schema: 'http://json-schema.org/draft-07/schema#', description, type: 'object' },
		},
		attributes: { category: 'platform', isSource: true, isDestination: false },
	};
}

const PROFILE_STORE = platformSource(
	CONNECTION_SPECS.profileStoreSource,
	'Profile Store',
	'Experience Platform Profile store: the profiles and audiences a destination dataflow exports',
);
const DATA_LAKE = platformSource(
	CONNECTION_SPECS.dataLakeSource,
	'Data Lake',
	'Experience Platform Data Lake: the datasets a dataset export dataflow exports',
);

export const CONNECTION_SPEC_LIST: readonly JsonObject[] = [
	AMAZON_S3,
	AZURE_BLOB,
	ADLS_GEN2,
	DATA_LANDING_ZONE,
	GOOGLE_CLOUD_STORAGE,
	SFTP,
	AMAZON_KINESIS,
	PROFILE_STORE,
	DATA_LAKE,
];
