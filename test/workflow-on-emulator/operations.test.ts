import {
	DATABASE_FLOW_ID,
	DISABLED_FLOW_ID,
	PROFILE_MAPPING_FLOW_ID,
	PROD_FLOW_COUNT,
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_FLOW_ETAG,
	TUTORIAL_FLOW_ID,
	TUTORIAL_NEW_AUDIENCE_ID,
} from '../../emulator/fixtures/ids';
import { byId, outputJson, runNode } from '../workflow-mocked/setup';
import {
	A0,
	A1,
	A2,
	A3,
	calls,
	oauthCredential,
	storedAudienceIds,
	tokenCredential,
	useEmulator,
	NEW_AUDIENCE_ENTRY,
} from './setup';

const emulator = useEmulator();

interface StoredFlow {
	name: string;
	description: string;
	state: string;
	etag: string;
	scheduleParams?: Record<string, unknown>;
	transformations: Array<{ name: string; params: Record<string, any> }>;
}

function stored(flowId: string): StoredFlow {
	return emulator.current.getFlow(flowId) as unknown as StoredFlow;
}

const audiences = (flowId: string) => storedAudienceIds(emulator.current, flowId);

function run(
	parameters: Record<string, unknown>,
	credential: Record<string, unknown> = tokenCredential(emulator.current),
) {
	return runNode(parameters, { credential });
}

describe('the node against the emulator over HTTP', () => {
	it('adds the tutorial audience with its export settings, If-Match quoted, etag rotated', async () => {
		const result = await run({
			operation: 'addAudiences',
			flowId: byId(TUTORIAL_FLOW_ID),
			audiences: {
				audience: [NEW_AUDIENCE_ENTRY],
			},
		});

		expect(result.status).toBe('success');
		expect(audiences(TUTORIAL_FLOW_ID)).toEqual([
			...TUTORIAL_AUDIENCE_IDS,
			TUTORIAL_NEW_AUDIENCE_ID,
		]);
		const added = stored(TUTORIAL_FLOW_ID).transformations[0].params.segmentSelectors.selectors[4];
		expect(added.value).toMatchObject({
			exportMode: 'DAILY_FULL_EXPORT',
			schedule: { frequency: 'ONCE', startDate: '2022-01-05', startTime: '16:00' },
		});
		const [output] = outputJson(result);
		expect(output.etag).toBe(stored(TUTORIAL_FLOW_ID).etag);
		expect(output.etag).not.toBe(TUTORIAL_FLOW_ETAG);
		expect(calls(emulator.current)).toEqual([
			`GET /flows/${TUTORIAL_FLOW_ID}`,
			`PATCH /flows/${TUTORIAL_FLOW_ID}`,
		]);
		expect(emulator.current.requests()[1].headers['if-match']).toBe(TUTORIAL_FLOW_ETAG);
	});

	it('removes three audiences in one PATCH and leaves exactly the fourth', async () => {
		await run({
			operation: 'removeAudiences',
			flowId: byId(TUTORIAL_FLOW_ID),
			audienceKeys: `${A0},${A3},${A1}`,
		});

		expect(audiences(TUTORIAL_FLOW_ID)).toEqual([A2]);
		expect(calls(emulator.current).filter((call) => call.startsWith('PATCH'))).toHaveLength(1);
	});

	it('adds then removes a profile attribute, mandatory and deduplication entries included', async () => {
		await run({
			operation: 'addProfileAttributes',
			flowId: byId(TUTORIAL_FLOW_ID),
			attributes: { attribute: [{ path: 'mobilePhone.status', mandatory: true }] },
		});
		const selectors = () => stored(TUTORIAL_FLOW_ID).transformations[0].params.profileSelectors;
		expect(selectors().selectors.map((s: { value: { path: string } }) => s.value.path)).toContain(
			'mobilePhone.status',
		);
		expect(selectors().mandatoryFields).toContain('mobilePhone.status');

		await run({
			operation: 'removeProfileAttributes',
			flowId: byId(TUTORIAL_FLOW_ID),
			attributePaths: 'mobilePhone.status',
		});

		expect(
			selectors().selectors.map((s: { value: { path: string } }) => s.value.path),
		).not.toContain('mobilePhone.status');
		expect(selectors().mandatoryFields).not.toContain('mobilePhone.status');
	});

	it('updates name, description and schedule of the tutorial database flow', async () => {
		await run({
			operation: 'updateInfo',
			flowId: byId(DATABASE_FLOW_ID),
			updateFields: {
				scheduleFrequency: 'day',
				name: 'Database Dataflow Feb2021',
				description: 'Database dataflow for testing update API',
			},
		});

		const flow = stored(DATABASE_FLOW_ID);
		expect([flow.name, flow.description, flow.scheduleParams?.frequency]).toEqual([
			'Database Dataflow Feb2021',
			'Database dataflow for testing update API',
			'day',
		]);
	});

	it('updates the Mapping transformation and a profileMapping, each auto-detected', async () => {
		await run({
			operation: 'updateMapping',
			flowId: byId(DATABASE_FLOW_ID),
			mappingId: 'c5f22f04e09f44498e528901546a83b1',
			mappingVersion: 2,
		});
		await run({
			operation: 'updateMapping',
			flowId: byId(PROFILE_MAPPING_FLOW_ID),
			mappingId: 'abc123',
			mappingVersion: 7,
		});

		const mapping = stored(DATABASE_FLOW_ID).transformations.find((t) => t.name === 'Mapping');
		expect(mapping?.params).toEqual({
			mappingId: 'c5f22f04e09f44498e528901546a83b1',
			mappingVersion: 2,
		});
		expect(stored(PROFILE_MAPPING_FLOW_ID).transformations[0].params.profileMapping).toEqual({
			mappingId: 'abc123',
			mappingVersion: 7,
		});
	});

	it('enables a disabled flow and disables it again', async () => {
		await run({ operation: 'enable', flowId: byId(DISABLED_FLOW_ID) });
		expect(stored(DISABLED_FLOW_ID).state).toBe('enabled');
		await run({ operation: 'disable', flowId: byId(DISABLED_FLOW_ID) });
		expect(stored(DISABLED_FLOW_ID).state).toBe('disabled');
	});

	it('re-plans after another writer changes the flow between read and write', async () => {
		emulator.current.injectFault({
			type: 'concurrentWrite',
			method: 'PATCH',
			path: `/data/foundation/flowservice/flows/${TUTORIAL_FLOW_ID}`,
		});

		const result = await run({
			operation: 'removeAudiences',
			flowId: byId(TUTORIAL_FLOW_ID),
			audienceKeys: A3,
		});

		expect(outputJson(result)[0]).toMatchObject({ changed: true, conflictRetries: 1 });
		expect(audiences(TUTORIAL_FLOW_ID)).toEqual([A0, A1, A2]);
		expect(emulator.current.requests().map((r) => r.status)).toEqual([200, 412, 200, 200]);
	});

	it('dry run writes nothing', async () => {
		const before = stored(TUTORIAL_FLOW_ID);

		const result = await run({
			operation: 'removeAudiences',
			flowId: byId(TUTORIAL_FLOW_ID),
			audienceKeys: A0,
			options: { dryRun: true },
		});

		expect(outputJson(result)[0]).toMatchObject({ dryRun: true, etag: TUTORIAL_FLOW_ETAG });
		expect(stored(TUTORIAL_FLOW_ID)).toEqual(before);
		expect(calls(emulator.current)).toEqual([`GET /flows/${TUTORIAL_FLOW_ID}`]);
	});

	it('bad input from an expression sends nothing at all', async () => {
		// A literal bad ID never runs: n8n's own parameter validation stops the workflow first.
		const result = await run({
			operation: 'removeAudiences',
			flowId: byId('={{ "a/b" }}'),
			audienceKeys: A0,
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Dataflow: .* \(item 1\)$/);
		expect(emulator.current.requests()).toEqual([]);
	});

	it('OAuth mode mints one token at the emulator IMS and refreshes it after expiry', async () => {
		const credential = oauthCredential(emulator.current);
		const first = await run({ operation: 'get', flowId: byId(TUTORIAL_FLOW_ID) }, credential);
		expect(first.status).toBe('success');
		expect(emulator.current.tokensIssued()).toBe(1);

		emulator.current.expireTokens();
		const stored = {
			...credential,
			sessionToken: String(first.credentialUpdates[0].data.sessionToken),
		};
		const second = await run({ operation: 'get', flowId: byId(TUTORIAL_FLOW_ID) }, stored as never);

		expect(second.status).toBe('success');
		expect(emulator.current.tokensIssued()).toBe(2);
		expect(emulator.current.requests().map((r) => r.status)).toEqual([200, 200, 401, 200, 200]);
	});

	it('Get Many returns every destination flow of the sandbox across pages', async () => {
		const result = await run({ operation: 'getMany', returnAll: true });

		const ids = outputJson(result).map((flow) => flow.id);
		expect(new Set(ids).size).toBe(ids.length);
		const pages = calls(emulator.current).length;
		expect(pages).toBeGreaterThan(1);
		expect(ids.length).toBeLessThanOrEqual(PROD_FLOW_COUNT);
		expect(ids).toContain(TUTORIAL_FLOW_ID);
	});
});
