import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TUTORIAL_FLOW_ETAG, TUTORIAL_FLOW_ID } from '../../emulator';
import { DATA_FORMAT } from '../../emulator/persistence';
import { getFlow, patch, setup } from './support';

describe('--data: state across restarts', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'flow-emulator-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('seeds a new file, keeps changes and tokens across a restart, and leaves no temp file', async () => {
		const file = join(dir, 'state.json');
		const first = await setup({ dataFile: file });
		const r = await patch(first, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, [
			{ op: 'replace', path: '/name', value: 'persisted' },
		]);
		expect(r.status).toBe(200);
		await first.fs.delete('/flows/2edc08ac-4df5-4fe6-936f-81a19ce92f5c');
		const token = first.token;
		await first.emu.close();

		const saved = JSON.parse(readFileSync(file, 'utf8'));
		expect(saved.format).toBe(DATA_FORMAT);
		expect(readdirSync(dir)).toEqual(['state.json']);

		const second = await setup({ dataFile: file });
		try {
			const flow = await getFlow(second, TUTORIAL_FLOW_ID);
			expect(flow.name).toBe('persisted');
			expect(flow.etag).toBe(r.data.etag);
			expect((await second.fs.get('/flows/2edc08ac-4df5-4fe6-936f-81a19ce92f5c')).status).toBe(404);
			// A token minted before the restart is still good.
			const withOldToken = await second.http.get(
				`/data/foundation/flowservice/flows/${TUTORIAL_FLOW_ID}`,
				{ headers: second.headers({ authorization: `Bearer ${token}` }) },
			);
			expect(withOldToken.status).toBe(200);

			// reset() goes back to the seed and that is persisted too.
			second.emu.reset();
		} finally {
			await second.emu.close();
		}
		const third = await setup({ dataFile: file });
		try {
			expect((await getFlow(third, TUTORIAL_FLOW_ID)).etag).toBe(TUTORIAL_FLOW_ETAG);
		} finally {
			await third.emu.close();
		}
	});

	it('refuses to start on a file that is not emulator state rather than overwrite it', async () => {
		const file = join(dir, 'other.json');
		writeFileSync(file, JSON.stringify({ hello: 'world' }));
		await expect(setup({ dataFile: file })).rejects.toThrow(/not an emulator state file/);
		expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ hello: 'world' });
	});

	it('stays in memory without a data file', async () => {
		const api = await setup();
		try {
			await patch(api, TUTORIAL_FLOW_ID, TUTORIAL_FLOW_ETAG, [
				{ op: 'replace', path: '/name', value: 'memory' },
			]);
		} finally {
			await api.emu.close();
		}
		const again = await setup();
		try {
			expect((await getFlow(again, TUTORIAL_FLOW_ID)).name).toBe('2021 winter campaign');
		} finally {
			await again.emu.close();
		}
	});
});
