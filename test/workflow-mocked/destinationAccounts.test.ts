import nock from 'nock';

import { FlowServiceDestination } from '@node/FlowServiceDestination.node';
import { runNodeMethod } from '../harness';
import {
	NODE_TYPE,
	PLATFORM,
	adobeCredential,
	byId,
	listSearch,
	outputJson,
	recordAdobe,
	runNode,
} from './setup';

const SERVICE = '/data/foundation/flowservice';
const ACCOUNTS = `${SERVICE}/connections`;
const SPECS = `${SERVICE}/connectionSpecs`;
const FLOWS = `${SERVICE}/flows`;

const S3 = { id: '4fce964d-3f37-408f-9778-e597338a21ee', name: 'Amazon S3', targetSpec: {} };
const SFTP = { id: '36965a81-b1c6-401b-99f8-22508f1e6a26', name: 'SFTP', targetSpec: {} };
const PROFILE = { id: '8a9c3494-9708-43d7-ae3f-cda01e5030e1', name: 'UPS', sourceSpec: {} };

const account = (id: string, name: string, spec: { id: string }, createdAt = 1654785125699) => ({
	id,
	name,
	createdAt,
	connectionSpec: { id: spec.id, version: '1.0' },
	auth: { specName: 'Access Key', params: { s3AccessKey: 'AKIAEXAMPLE', s3SecretKey: 'hunter2' } },
	etag: '"0e0d95ae"',
});
const MARKETING = account('9d8159c6-9da6-4205-8507-d818d7ad7103', 'S3 marketing exports', S3);
const PARTNER = account('b6730e09-7da6-40e2-b5cf-289545056dc3', 'Partner SFTP', SFTP);
const PROFILE_BASE = account('0a82f29f-b457-47f7-bb30-33856e2ae5aa', 'Profile store', PROFILE);
const usedBy = (accountId: string, flowId: string) => ({
	id: flowId,
	inheritedAttributes: { targetConnections: [{ baseConnection: { id: accountId } }] },
});

describe('Destination Account', () => {
	const { requests, listing, answer } = recordAdobe();
	const run = (parameters: Record<string, unknown>, typeVersion = 2) =>
		runNode({ resource: 'destinationAccount', ...parameters }, { node: { typeVersion } });

	it('Get Many lists the destinations’ accounts, named by destination, with the dataflows that use them', async () => {
		listing(ACCOUNTS, { items: [MARKETING, PROFILE_BASE, PARTNER] });
		listing(SPECS, { items: [S3, SFTP, PROFILE] });
		listing(FLOWS, {
			items: [usedBy(MARKETING.id, 'f1'), usedBy(MARKETING.id, 'f2'), usedBy(PARTNER.id, 'f3')],
		});

		const result = await run({ operation: 'getMany', returnAll: true });

		expect(outputJson(result)).toEqual([
			{
				id: MARKETING.id,
				name: 'S3 marketing exports',
				destinationName: 'Amazon S3',
				destinationId: S3.id,
				createdAt: '2022-06-09T14:32:05.699Z',
				dataflowCount: 2,
			},
			{
				id: PARTNER.id,
				name: 'Partner SFTP',
				destinationName: 'SFTP',
				destinationId: SFTP.id,
				createdAt: '2022-06-09T14:32:05.699Z',
				dataflowCount: 1,
			},
		]);
		const [listed, specs, flows] = requests.map((request) => new URL(request.path, PLATFORM));
		expect(listed.pathname).toBe(ACCOUNTS);
		expect(specs.searchParams.getAll('property')).toEqual([
			`id==${[S3.id, PROFILE.id, SFTP.id].join(',')}`,
		]);
		expect(flows.searchParams.getAll('property')).toEqual([
			'inheritedAttributes.properties.isDestinationFlow==true',
			`inheritedAttributes.targetConnections[].baseConnection.id==${MARKETING.id},${PARTNER.id}`,
		]);
		expect(requests).toHaveLength(3);
	});

	it('Get Many filters by destination (Adobe’s filter) and by part of the name (here), and stops at the limit', async () => {
		listing(ACCOUNTS, {
			items: [MARKETING, account('c1e44b6b-e7c8-404b-9031-58f0ef760604', 'S3 archive', S3)],
		});
		listing(SPECS, { items: [S3] });

		const result = await run({
			operation: 'getMany',
			limit: 1,
			filters: { destination: S3.id, nameContains: 'MARKETING' },
			simplify: false,
		});

		expect(outputJson(result)).toEqual([{ ...MARKETING, auth: { specName: 'Access Key' } }]);
		const listed = new URL(requests[0].path, PLATFORM);
		expect(listed.searchParams.getAll('property')).toEqual([`connectionSpec.id==${S3.id}`]);
		expect(listed.searchParams.get('limit')).toBe('100');
	});

	it('Get reads one account by ID and never outputs its credentials', async () => {
		nock(PLATFORM)
			.get(`${ACCOUNTS}/${MARKETING.id}`)
			.reply(answer(200, { items: [MARKETING] }));

		const [raw] = outputJson(
			await run({ operation: 'get', accountId: byId(MARKETING.id), simplify: false }),
		);

		expect(raw).toEqual({ ...MARKETING, auth: { specName: 'Access Key' } });
		expect(JSON.stringify(raw)).not.toMatch(/hunter2|AKIAEXAMPLE/);
	});

	it('Get refuses an account that is not an ID before sending anything, naming the field and item', async () => {
		const result = await run({
			operation: 'get',
			accountId: { __rl: true, mode: 'list', value: '../flows' },
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Destination Account: "../flows" is not a destination account ID (a UUID such as 9d8159c6-9da6-4205-8507-d818d7ad7103) (item 1)',
		);
		expect(requests).toHaveLength(0);
	});

	it('the account picker offers destination accounts by name, with their destination', async () => {
		listing(SPECS, { items: [S3, SFTP, PROFILE] });
		listing(ACCOUNTS, { items: [PARTNER, PROFILE_BASE, MARKETING] });

		const found = await listSearch('searchDestinationAccounts', 'create', 'partner');

		expect(found.results).toEqual([
			{ name: 'Partner SFTP', value: PARTNER.id, description: `SFTP · ${PARTNER.id}` },
		]);
	});

	it('the Destination filter lists the destinations of the catalogue by name', async () => {
		listing(SPECS, { items: [SFTP, PROFILE, S3] });

		const options = await runNodeMethod({
			nodeTypes: { [NODE_TYPE]: FlowServiceDestination },
			...adobeCredential(),
			nodeType: NODE_TYPE,
			kind: 'loadOptions',
			method: 'getDestinations',
			parameters: { resource: 'destinationAccount', operation: 'getMany' },
		});

		expect(options).toEqual([
			{ name: 'Amazon S3', value: S3.id, description: S3.id },
			{ name: 'SFTP', value: SFTP.id, description: SFTP.id },
		]);
	});
});
