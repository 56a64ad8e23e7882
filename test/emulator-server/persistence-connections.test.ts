import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNT_IDS, TUTORIAL_FLOW_ETAG, TUTORIAL_FLOW_ID } from '../../emulator';
import { DATA_FORMAT } from '../../emulator/persistence';
import { createS3Flow } from './destinations';
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
