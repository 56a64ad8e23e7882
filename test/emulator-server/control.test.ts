import * as emulator from '../../emulator';
import { parseArgs, DEFAULT_PORT } from '../../emulator/cli';
import { expectFlowError, getFlow, patch, useApi } from './support';

describe('control surface', () => {
	const api = useApi();
	beforeEach(() => api.emu.reset());

	it('reports health and the development identity', async () => {
		expect((await api.http.get('/__emulator/health')).data).toEqual({
			ok: true,
			flows: emulator.PROD_FLOW_COUNT + emulator.DEV_FLOW_COUNT,
			pendingUpdates: 0,
		});
		const identity = (await api.http.get('/__emulator/identity')).data;
		expect(identity).toMatchObject({
			clientId: emulator.DEFAULT_CLIENT_ID,
			imsOrg: emulator.DEFAULT_IMS_ORG,
			imsTokenUrl: api.emu.imsTokenUrl,
			flowServiceUrl: api.emu.flowServiceUrl,
		});
	});

	it("reads a flow's raw state in any sandbox without auth", async () => {
		const r = await api.http.get(`/__emulator/flows/${emulator.DEV_FLOW_IDS[0]}`);
		expect(r.data).toMatchObject({
			sandbox: 'dev',
			pendingUntil: null,
			flow: { id: emulator.DEV_FLOW_IDS[0] },
		});
		expect((await api.http.get('/__emulator/flows/nope')).status).toBe(404);
		expect(api.emu.getFlow(emulator.TUTORIAL_FLOW_ID)?.etag).toBe(emulator.TUTORIAL_FLOW_ETAG);
		// getFlow hands out a copy.
		const copy = api.emu.getFlow(emulator.TUTORIAL_FLOW_ID)!;
		copy.name = 'mutated';
		expect(api.emu.getFlow(emulator.TUTORIAL_FLOW_ID)?.name).toBe('2021 winter campaign');
	});

	it('stores a raw flow for a test', async () => {
		const flow = {
			...api.emu.getFlow(emulator.TUTORIAL_FLOW_ID)!,
			id: 'custom-flow',
			name: 'Custom',
			etag: '"custom"',
			version: '"custom"',
		};
		const r = await api.http.put('/__emulator/flows/custom-flow', flow);
		expect(r.data).toEqual({ id: 'custom-flow', etag: '"custom"' });
		expect((await getFlow(api, 'custom-flow')).name).toBe('Custom');
		expect((await api.http.put('/__emulator/flows/other', flow)).status).toBe(400);
		expect(
			(await api.http.put('/__emulator/flows/custom-flow', { ...flow, sandboxName: 'nowhere' }))
				.status,
		).toBe(400);
	});

	it('rotates an etag as another writer would', async () => {
		const r = await api.http.post(`/__emulator/flows/${emulator.TUTORIAL_FLOW_ID}/rotate-etag`);
		expect(r.data.etag).not.toBe(emulator.TUTORIAL_FLOW_ETAG);
		expectFlowError(
			await patch(api, emulator.TUTORIAL_FLOW_ID, emulator.TUTORIAL_FLOW_ETAG, [
				{ op: 'replace', path: '/name', value: 'x' },
			]),
			'1404-412',
		);
		expect(api.emu.rotateEtag('nope')).toBeUndefined();
		expect((await api.http.post('/__emulator/flows/nope/rotate-etag')).status).toBe(404);
	});

	it('changes settings and resets them with the seed', async () => {
		const settings = {
			latencyMs: 1,
			asyncUpdateMs: 10,
			requireSandboxHeader: true,
			tokenTtlSeconds: 60,
			adhocRunMs: 5000,
			adhocRunStatus: 'Failed',
		};
		const r = await api.http.post('/__emulator/config', settings);
		expect(r.data).toEqual(settings);
		expect((await api.http.post('/__emulator/config', { adhocRunMs: -1 })).status).toBe(400);
		expect((await api.http.post('/__emulator/config', { adhocRunStatus: 'Done' })).status).toBe(
			400,
		);
		expect((await api.http.post('/__emulator/config', { latencyMs: -1 })).status).toBe(400);
		expect(
			(await api.http.post('/__emulator/config', { requireSandboxHeader: 'yes' })).status,
		).toBe(400);
		expect(
			(
				await api.http.post('/__emulator/config', 'not json', {
					headers: { 'content-type': 'application/json' },
					transformRequest: [(d: unknown) => d],
				})
			).status,
		).toBe(400);
		await api.http.post('/__emulator/reset');
		expect((await api.http.get('/__emulator/config')).data).toEqual({
			latencyMs: 0,
			asyncUpdateMs: 0,
			requireSandboxHeader: false,
			tokenTtlSeconds: 86399,
			adhocRunMs: 0,
			adhocRunStatus: 'Success',
		});
	});

	it('resets flows to the seed', async () => {
		await patch(api, emulator.TUTORIAL_FLOW_ID, emulator.TUTORIAL_FLOW_ETAG, [
			{ op: 'replace', path: '/name', value: 'changed' },
		]);
		expect((await api.http.post('/__emulator/reset')).data).toEqual({ reset: true });
		expect((await getFlow(api, emulator.TUTORIAL_FLOW_ID)).name).toBe('2021 winter campaign');
	});

	it('answers 404 for unknown control routes', async () => {
		expect((await api.http.get('/__emulator/nothing')).status).toBe(404);
	});
});

describe('cli arguments', () => {
	it('parses every option', () => {
		expect(parseArgs([])).toEqual({ port: DEFAULT_PORT });
		expect(
			parseArgs([
				'--port',
				'0',
				'--host=0.0.0.0',
				'--data',
				's.json',
				'--latency',
				'50',
				'--token-ttl=30',
				'--async-update',
				'200',
				'--require-sandbox-header',
			]),
		).toEqual({
			port: 0,
			host: '0.0.0.0',
			dataFile: 's.json',
			latencyMs: 50,
			tokenTtlSeconds: 30,
			asyncUpdateMs: 200,
			requireSandboxHeader: true,
		});
		expect(() => parseArgs(['--port', 'x'])).toThrow(/--port/);
		expect(() => parseArgs(['--nope'])).toThrow(/unknown option/);
	});
});
