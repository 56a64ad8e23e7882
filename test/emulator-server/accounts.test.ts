import {
	ACCOUNT_IDS,
	ACCOUNT_NAMES,
	CONNECTION_SPECS,
	DEV_DESTINATION_ACCOUNT_COUNT,
	DEV_ONLY_ACCOUNT_NAME,
	DISABLED_FLOW_ID,
	PROD_DESTINATION_ACCOUNT_COUNT,
	PROFILE_MAPPING_FLOW_ID,
	SANDBOX_DEV,
	SANDBOX_PROD,
	bulkFlowId,
} from '../../emulator';
import { authSpecValidator, problems, schema } from './openapi';
import { ETAG_FORMAT, expectFlowError, getFlow, useApi } from './support';

type Account = Record<string, any>;

describe('destination accounts (base connections)', () => {
	const api = useApi();
	const list = async (query = '', sandbox = SANDBOX_PROD): Promise<Account[]> => {
		const r = await api.fs.get(`/connections${query}`, { headers: { 'x-sandbox-name': sandbox } });
		expect(r.status).toBe(200);
		return r.data.items;
	};
	const destinations = async (sandbox: string) =>
		(await list('', sandbox)).filter(
			(a) =>
				a.connectionSpec.id !== CONNECTION_SPECS.profileStoreSource &&
				a.connectionSpec.id !== CONNECTION_SPECS.dataLakeSource,
		);

	it('seeds accounts per sandbox, with the same names in dev as in prod', async () => {
		const prod = await destinations(SANDBOX_PROD);
		const dev = await destinations(SANDBOX_DEV);
		expect(prod).toHaveLength(PROD_DESTINATION_ACCOUNT_COUNT);
		expect(dev).toHaveLength(DEV_DESTINATION_ACCOUNT_COUNT);
		const prodNames = new Set(prod.map((a) => a.name));
		const shared = dev.filter((a) => prodNames.has(a.name)).map((a) => a.name);
		expect(shared.sort()).toEqual(
			[
				ACCOUNT_NAMES.marketingS3,
				ACCOUNT_NAMES.partnerSftp,
				ACCOUNT_NAMES.archiveBlob,
				ACCOUNT_NAMES.landingZone,
			].sort(),
		);
		expect(dev.map((a) => a.name)).toContain(DEV_ONLY_ACCOUNT_NAME);
		expect(dev.map((a) => a.id)).not.toContain(ACCOUNT_IDS.prod.marketingS3);
	});

	it('lists one destination’s accounts with property=connectionSpec.id==', async () => {
		const s3 = await list(`?property=connectionSpec.id==${CONNECTION_SPECS.amazonS3}`);
		expect(s3.map((a) => a.id).sort()).toEqual(
			[ACCOUNT_IDS.prod.marketingS3, ACCOUNT_IDS.prod.dataScienceS3].sort(),
		);
		const byName = await list(`?property=name=="${ACCOUNT_NAMES.partnerSftp}"`, SANDBOX_DEV);
		expect(byName.map((a) => a.id)).toEqual([ACCOUNT_IDS.dev.partnerSftp]);
		const count = await api.fs.get(
			`/connections?property=connectionSpec.id==${CONNECTION_SPECS.sftp}&count=true`,
		);
		expect(count.data).toEqual({ count: 1 });
	});

	it('pages with limit and continuation tokens', async () => {
		const first = await api.fs.get('/connections?limit=3&orderby=name');
		expect(first.data.items).toHaveLength(3);
		const second = await api.fs.get(first.data._links.next.href);
		const names = [...first.data.items, ...second.data.items].map((a: Account) => a.name);
		expect(names).toEqual([...names].sort());
		expect(new Set(names).size).toBe(names.length);
	});

	it('reads one account with its etag, never its secrets', async () => {
		const r = await api.fs.get(`/connections/${ACCOUNT_IDS.prod.marketingS3}`);
		expect(r.status).toBe(200);
		const [account] = r.data.items;
		expect(account).toMatchObject({
			id: ACCOUNT_IDS.prod.marketingS3,
			name: ACCOUNT_NAMES.marketingS3,
			sandboxName: SANDBOX_PROD,
			state: 'enabled',
			auth: { specName: 'Access Key', params: { s3SecretKey: 'X'.repeat(40) } },
		});
		expect(account.etag).toMatch(ETAG_FORMAT);
		expect(account.version).toBe(account.etag);
		const sftp = (
			await api.fs.get(`/connections/${ACCOUNT_IDS.dev.partnerSftp}`, {
				headers: { 'x-sandbox-name': SANDBOX_DEV },
			})
		).data.items[0];
		expect(sftp.auth.params.sshKey).toMatch(/^X+$/);
		expect(sftp.auth.params.username).toBe('aep-export-dev');
	});

	it('answers every account in the OpenAPI shape, its auth as its connection spec describes', async () => {
		for (const sandbox of [SANDBOX_PROD, SANDBOX_DEV]) {
			for (const account of await list('', sandbox)) {
				expect(problems(schema('ConnectionItem'), account)).toEqual([]);
				const [spec] = (await api.fs.get(`/connectionSpecs/${account.connectionSpec.id}`)).data
					.items;
				if (spec.authSpec.length === 0) {
					expect(account.auth).toBeUndefined();
					continue;
				}
				const entry = spec.authSpec.find((a: { name: string }) => a.name === account.auth.specName);
				expect(problems(authSpecValidator(entry.spec), account.auth.params)).toEqual([]);
			}
		}
	});

	it('answers 404 for an account of another sandbox', async () => {
		const r = await api.fs.get(`/connections/${ACCOUNT_IDS.prod.marketingS3}`, {
			headers: { 'x-sandbox-name': SANDBOX_DEV },
		});
		expect(expectFlowError(r, '1439-404').report.type).toBe('connections');
	});

	it('links seeded dataflows to their accounts and target connections', async () => {
		const linked: Array<[string, string]> = [
			[PROFILE_MAPPING_FLOW_ID, ACCOUNT_IDS.prod.marketingS3],
			[DISABLED_FLOW_ID, ACCOUNT_IDS.prod.partnerSftp],
			[bulkFlowId(1), ACCOUNT_IDS.prod.partnerSftp],
			[bulkFlowId(4), ACCOUNT_IDS.prod.marketingS3],
		];
		for (const [flowId, accountId] of linked) {
			const flow = await getFlow(api, flowId);
			const target = flow.inheritedAttributes.targetConnections[0];
			expect(target.baseConnection.id).toBe(accountId);
			const tc = (await api.fs.get(`/targetConnections/${target.id}`)).data.items[0];
			expect(tc).toMatchObject({
				baseConnectionId: accountId,
				connectionSpec: target.connectionSpec,
			});
			const source = (await api.fs.get(`/sourceConnections/${flow.sourceConnectionIds[0]}`)).data
				.items[0];
			expect(source.connectionSpec.id).toBe(CONNECTION_SPECS.profileStoreSource);
		}
		const onSftp = await api.fs.get(
			`/targetConnections?property=baseConnectionId==${ACCOUNT_IDS.prod.partnerSftp}&count=true`,
		);
		expect(onSftp.data.count).toBeGreaterThan(30);
	});
});
