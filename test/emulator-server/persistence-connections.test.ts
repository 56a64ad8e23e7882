import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	ACCOUNT_IDS,
	CONNECTION_SPECS,
	PROD_DATASET_COUNT,
	TUTORIAL_FLOW_ETAG,
	TUTORIAL_FLOW_ID,
} from '../../emulator';
import { DATA_FORMAT } from '../../emulator/persistence';
import { createDatasetFlow, createS3Flow } from './destinations';
import { getFlow, patch, setup } from './support';

describe('--data: connections and created dataflows across restarts', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'flow-emulator-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('keeps created source and target connections and dataflows', async () => {
		const file = join(dir, 'state.json');
		const first = await setup({ dataFile: file });
		const ids = await createS3Flow(first);
		const flow = await getFlow(first, ids.flowId);
		await first.emu.close();
		expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe(DATA_FORMAT);

		const second = await setup({ dataFile: file });
		try {
			expect(await getFlow(second, ids.flowId)).toEqual(flow);
			expect((await second.fs.get(`/sourceConnections/${ids.sourceId}`)).status).toBe(200);
			const target = (await second.fs.get(`/targetConnections/${ids.targetId}`)).data.items[0];
			expect(target.baseConnectionId).toBe(ACCOUNT_IDS.prod.marketingS3);
		} finally {
			await second.emu.close();
		}
	});

	it('keeps edited connections (etag, masked credentials), dataset exports and the datasets', async () => {
		const file = join(dir, 'state.json');
		const first = await setup({ dataFile: file });
		const account = (await first.fs.get(`/connections/${ACCOUNT_IDS.prod.marketingS3}`)).data
			.items[0];
		const edited = await first.fs.patch(
			`/connections/${account.id}`,
			[
				{
					op: 'replace',
					path: '/auth/params/s3SecretKey',
					value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
				},
			],
			{ headers: { 'if-match': account.etag } },
		);
		expect(edited.status).toBe(200);
		const ids = await createDatasetFlow(first);
		const flow = await getFlow(first, ids.flowId);
		await first.emu.close();
		const saved = readFileSync(file, 'utf8');
		expect(saved).not.toContain('wJalrXUtnFEMI');
		expect(Object.keys(JSON.parse(saved).datasets)).toEqual(['prod', 'dev']);

		const second = await setup({ dataFile: file });
		try {
			const after = (await second.fs.get(`/connections/${account.id}`)).data.items[0];
			expect(after.etag).toBe(edited.data.etag);
			expect(after.auth.params.s3SecretKey).toBe('X'.repeat(40));
			expect(await getFlow(second, ids.flowId)).toEqual(flow);
			const datasets = await second.fs.get(
				`/connectionSpecs/${CONNECTION_SPECS.dataLakeSource}/configs?outputType=activationDatasets&outputField=datasets`,
			);
			expect(datasets.data.pageInfo.total).toBe(PROD_DATASET_COUNT);
		} finally {
			await second.emu.close();
		}
	});

	it('loads a format-2 file (before datasets) with the seeded datasets', async () => {
		const file = join(dir, 'state.json');
		const first = await setup({ dataFile: file });
		await first.emu.close();
		const { datasets: _d, ...old } = JSON.parse(readFileSync(file, 'utf8'));
		writeFileSync(file, JSON.stringify({ ...old, format: 'flow-service-emulator/2' }));
		const second = await setup({ dataFile: file });
		try {
			const r = await second.fs.get(
				`/connectionSpecs/${CONNECTION_SPECS.dataLakeSource}/configs?outputType=activationDatasets&outputField=datasets&limit=1`,
			);
			expect(r.data.pageInfo).toMatchObject({ total: PROD_DATASET_COUNT, hasNext: true });
		} finally {
			await second.emu.close();
		}
		expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe(DATA_FORMAT);
	});

	it('loads a format-1 file (dataflows, runs, tokens) with the seeded connections', async () => {
		const file = join(dir, 'state.json');
		const first = await setup({ dataFile: file });
		await patch(first, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, [
			{ op: 'replace', path: '/name', value: 'kept' },
		]);
		await first.emu.close();
		const {
			connections: _c,
			sourceConnections: _s,
			targetConnections: _t,
			...old
		} = JSON.parse(readFileSync(file, 'utf8'));
		writeFileSync(file, JSON.stringify({ ...old, format: 'flow-service-emulator/1' }));

		const second = await setup({ dataFile: file });
		try {
			expect((await getFlow(second, TUTORIAL_FLOW_ID)).name).toBe('kept');
			expect((await second.fs.get(`/connections/${ACCOUNT_IDS.prod.marketingS3}`)).status).toBe(
				200,
			);
		} finally {
			await second.emu.close();
		}
		expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe(DATA_FORMAT);
	});

	it('refuses a file of an unknown format, naming the formats it reads', async () => {
		const file = join(dir, 'state.json');
		writeFileSync(file, JSON.stringify({ format: 'flow-service-emulator/9', flows: [] }));
		await expect(setup({ dataFile: file })).rejects.toThrow(
			/format flow-service-emulator\/3, flow-service-emulator\/2 or flow-service-emulator\/1 \(format flow-service-emulator\/9\)/,
		);
	});
});
