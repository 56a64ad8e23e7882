// Seeded base connections (destination accounts and the Experience Platform ones) per sandbox,
// and the source and target connections of the seeded destination dataflows whose account is
// one of them, built from the dataflows' inheritedAttributes so both stay consistent.
import { maskAuth } from './secrets';
import { inheritedBase, makeConnection, specRef, type Origin } from './entity';
import {
	ACCOUNT_IDS,
	ACCOUNT_NAMES,
	CONNECTION_SPECS,
	DEV_ONLY_ACCOUNT_NAME,
} from './fixtures/ids';
import { SANDBOX_DEV, SANDBOX_PROD } from './identity';
import type { Connection, Flow, JsonObject } from './types';

const SEEDED_AT = 1_680_000_000_000;
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

interface AccountSeed {
	id: string;
	name: string;
	spec: string;
	auth?: { specName: string; params: JsonObject };
	description?: string;
}

/** A fake 40-character secret (the length of an AWS secret key). */
const key = (prefix: string) => `${prefix}EMULATOR`.padEnd(40, '0');
const s3 = (accessKey: string, secretKey: string) => ({
	specName: 'Access Key',
	params: { s3AccessKey: accessKey, s3SecretKey: key(secretKey) },
});
const sftpPassword = (password: string) => ({
	specName: 'SFTP with Password',
	params: { domain: 'sftp.partner.example.com', port: 22, username: 'aep-export', password },
});
const blob = (account: string) => ({
	specName: 'ConnectionString',
	params: {
		connectionString: `DefaultEndpointsProtocol=https;AccountName=${account};AccountKey=${key('emulator')};EndpointSuffix=core.windows.net`,
	},
});

const platformAccounts = (ids: { profileStore: string; dataLake: string }): AccountSeed[] => [
	{
		id: ids.profileStore,
		name: ACCOUNT_NAMES.profileStore,
		spec: CONNECTION_SPECS.profileStoreSource,
	},
	{ id: ids.dataLake, name: ACCOUNT_NAMES.dataLake, spec: CONNECTION_SPECS.dataLakeSource },
];

const ACCOUNTS: Record<string, AccountSeed[]> = {
	[SANDBOX_PROD]: [
		{
			id: ACCOUNT_IDS.prod.marketingS3,
			name: ACCOUNT_NAMES.marketingS3,
			spec: CONNECTION_SPECS.amazonS3,
			auth: s3('AKIAEMULATORMKTGPRD2', 'marketingProd'),
			description: 'Audience exports for the marketing team',
		},
		{
			id: ACCOUNT_IDS.prod.dataScienceS3,
			name: ACCOUNT_NAMES.dataScienceS3,
			spec: CONNECTION_SPECS.amazonS3,
			auth: s3('AKIAEMULATORDSCIPRD3', 'dataScienceProd'),
		},
		{
			id: ACCOUNT_IDS.prod.partnerSftp,
			name: ACCOUNT_NAMES.partnerSftp,
			spec: CONNECTION_SPECS.sftp,
			auth: sftpPassword('partner-prod-password'),
		},
		{
			id: ACCOUNT_IDS.prod.archiveBlob,
			name: ACCOUNT_NAMES.archiveBlob,
			spec: CONNECTION_SPECS.azureBlob,
			auth: blob('acmearchiveprod'),
		},
		{
			id: ACCOUNT_IDS.prod.landingZone,
			name: ACCOUNT_NAMES.landingZone,
			spec: CONNECTION_SPECS.dataLandingZone,
		},
		{
			id: ACCOUNT_IDS.prod.clickstreamKinesis,
			name: ACCOUNT_NAMES.clickstreamKinesis,
			spec: CONNECTION_SPECS.amazonKinesis,
			auth: {
				specName: 'Aws Kinesis authentication credentials',
				params: {
					accessKeyId: 'AKIAEMULATORKINESIS4',
					secretKey: key('kinesisProd'),
					region: 'us-east-1',
				},
			},
		},
		...platformAccounts(ACCOUNT_IDS.prod),
	],
	[SANDBOX_DEV]: [
		{
			id: ACCOUNT_IDS.dev.marketingS3,
			name: ACCOUNT_NAMES.marketingS3,
			spec: CONNECTION_SPECS.amazonS3,
			auth: s3('AKIAEMULATORMKTGDEV2', 'marketingDev'),
		},
		{
			id: ACCOUNT_IDS.dev.partnerSftp,
			name: ACCOUNT_NAMES.partnerSftp,
			spec: CONNECTION_SPECS.sftp,
			auth: {
				specName: 'SFTP with SSH Key',
				params: {
					domain: 'sftp.partner.example.com',
					port: 22,
					username: 'aep-export-dev',
					sshKey: Buffer.from('-----BEGIN OPENSSH PRIVATE KEY-----emulator').toString('base64'),
				},
			},
		},
		{
			id: ACCOUNT_IDS.dev.archiveBlob,
			name: ACCOUNT_NAMES.archiveBlob,
			spec: CONNECTION_SPECS.azureBlob,
			auth: blob('acmearchivedev'),
		},
		{
			id: ACCOUNT_IDS.dev.landingZone,
			name: ACCOUNT_NAMES.landingZone,
			spec: CONNECTION_SPECS.dataLandingZone,
		},
		{
			id: ACCOUNT_IDS.dev.scratchS3,
			name: DEV_ONLY_ACCOUNT_NAME,
			spec: CONNECTION_SPECS.amazonS3,
			auth: s3('AKIAEMULATORSCRATCH5', 'scratchDev'),
		},
		...platformAccounts(ACCOUNT_IDS.dev),
	],
};

function origin(sandbox: string, orgId: string, n: number): Origin {
	const at = SEEDED_AT + n * 86_400_000;
	return {
		sandbox,
		orgId,
		clientId: 'exc_app',
		at,
		etag: `"${hex(0x5c000000 + n, 8)}-0000-0200-0000-${hex(Math.floor(at / 1000), 8)}0000"`,
	};
}

export function seedAccounts(orgId: string): Connection[] {
	return Object.entries(ACCOUNTS).flatMap(([sandbox, seeds]) =>
		seeds.map((a, i) =>
			makeConnection(a.id, origin(sandbox, orgId, i + (sandbox === SANDBOX_PROD ? 0 : 20)), {
				name: a.name,
				...(a.description ? { description: a.description } : {}),
				connectionSpec: specRef(a.spec),
				...(a.auth ? { auth: maskAuth(a.spec, a.auth) } : {}),
			}),
		),
	);
}

/** Target params of a seeded target connection, valid for its destination's target spec. */
function seededParams(spec: string, n: number): JsonObject {
	const file = { mode: 'Server-to-server', compression: 'NONE', fileType: 'CSV' };
	switch (spec) {
		case CONNECTION_SPECS.amazonS3:
			return { ...file, bucketName: 'acme-audience-exports', path: `exports/flow-${n}` };
		case CONNECTION_SPECS.sftp:
			return { ...file, remotePath: `/exports/flow-${n}`, compression: 'GZIP' };
		case CONNECTION_SPECS.azureBlob:
			return { ...file, container: 'audience-archive', path: `exports/flow-${n}` };
		default:
			return { ...file, path: `exports/flow-${n}` };
	}
}

interface Inherited {
	id: string;
	connectionSpec: { id: string };
	baseConnection?: { id: string; connectionSpec?: { id: string } };
}

/** Source and target connections of the seeded dataflows whose account is seeded. */
export function seedFlowConnections(
	flows: Flow[],
	accounts: Connection[],
	orgId: string,
): { sourceConnections: Connection[]; targetConnections: Connection[] } {
	const accountById = new Map(accounts.map((a) => [`${a.sandboxName}/${a.id}`, a]));
	const sourceConnections: Connection[] = [];
	const targetConnections: Connection[] = [];
	flows.forEach((flow, n) => {
		const inherited = flow.inheritedAttributes as
			{ sourceConnections?: Inherited[]; targetConnections?: Inherited[] } | undefined;
		const target = inherited?.targetConnections?.[0];
		const source = inherited?.sourceConnections?.[0];
		const account =
			target?.baseConnection && accountById.get(`${flow.sandboxName}/${target.baseConnection.id}`);
		if (!target || !source || !account) return;
		const at = { ...origin(flow.sandboxName, orgId, 100 + n), at: flow.createdAt };
		const profileBase =
			source.baseConnection?.id ??
			(flow.sandboxName === SANDBOX_PROD
				? ACCOUNT_IDS.prod.profileStore
				: ACCOUNT_IDS.dev.profileStore);
		sourceConnections.push(
			makeConnection(
				source.id,
				at,
				{
					name: `${String(flow.name)} source`,
					connectionSpec: specRef(CONNECTION_SPECS.profileStoreSource),
					typeInfo: { type: 'ProfileFragments', id: 'ups' },
				},
				{ inheritedAttributes: inheritedBase(profileBase, CONNECTION_SPECS.profileStoreSource) },
			),
		);
		targetConnections.push(
			makeConnection(
				target.id,
				at,
				{
					name: `${String(flow.name)} target`,
					baseConnectionId: account.id,
					connectionSpec: specRef(account.connectionSpec.id),
					params: seededParams(account.connectionSpec.id, n),
				},
				{ inheritedAttributes: inheritedBase(account.id, account.connectionSpec.id) },
			),
		);
	});
	return { sourceConnections, targetConnections };
}
