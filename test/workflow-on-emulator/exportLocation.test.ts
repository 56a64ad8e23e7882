import {
	CONNECTION_SPECS,
	DATASET_FLOW_IDS,
	DESTINATION_FLOW_SPECS,
	DISABLED_FLOW_ID,
	PROFILE_MAPPING_FLOW_ID,
} from '../../emulator/fixtures/ids';
import { byId, outputJson } from '../workflow-mocked/setup';
import { calls, useEmulator } from './setup';

const emulator = useEmulator({ slowWorkflows: true });

function updateLocation(
	flowId: string,
	exportSettings: Record<string, unknown>,
	options: Record<string, unknown> = {},
) {
	return emulator.run({
		operation: 'updateExportLocation',
		flowId: byId(flowId),
		exportSettings,
		options: { retryInitialDelay: 0, ...options },
	});
}

/** The target connection a seeded dataflow writes through, as the emulator stores it now. */
function targetOf(flowId: string) {
	const flow = emulator.current.getFlow(flowId) as unknown as { targetConnectionIds: string[] };
	const stored = emulator.current.getConnection(flow.targetConnectionIds[0])!.connection;
	return stored as unknown as { id: string; etag: string; params: Record<string, unknown> };
}

describe('Dataflow › Update Export Location against the emulator', () => {
	it('reads the dataflow, its target connection and destination, then PATCHes only the given settings with the connection’s etag', async () => {
		const before = targetOf(PROFILE_MAPPING_FLOW_ID);
		const flowEtag = (emulator.current.getFlow(PROFILE_MAPPING_FLOW_ID) as { etag: string }).etag;

		const [item] = outputJson(
			await updateLocation(PROFILE_MAPPING_FLOW_ID, {
				folderPath: 'exports/winter',
				fileType: 'JSON',
			}),
		);

		expect(calls(emulator.current)).toEqual([
			`GET /flows/${PROFILE_MAPPING_FLOW_ID}`,
			`GET /flowSpecs/${DESTINATION_FLOW_SPECS.amazonS3.audience}`,
			`GET /targetConnections/${before.id}`,
			`GET /connectionSpecs/${CONNECTION_SPECS.amazonS3}`,
			`PATCH /targetConnections/${before.id}`,
		]);
		const patch = emulator.current.requests()[4];
		expect(patch.headers['if-match']).toBe(before.etag);
		expect(patch.body).toEqual([
			{ op: 'replace', path: '/params/path', value: 'exports/winter' },
			{ op: 'replace', path: '/params/fileType', value: 'JSON' },
		]);
		const after = targetOf(PROFILE_MAPPING_FLOW_ID);
		// Everything not given stays: mode, bucket, compression.
		expect(after.params).toEqual({ ...before.params, path: 'exports/winter', fileType: 'JSON' });
		expect(after.etag).not.toBe(before.etag);
		// The dataflow itself is not written.
		expect((emulator.current.getFlow(PROFILE_MAPPING_FLOW_ID) as { etag: string }).etag).toBe(
			flowEtag,
		);
		expect(item).toMatchObject({
			changed: true,
			dataflow: { id: PROFILE_MAPPING_FLOW_ID },
			destination: 'Amazon S3',
			targetConnection: { id: before.id, etag: after.etag, previousEtag: before.etag },
			exportLocation: {
				was: {
					bucketName: before.params.bucketName,
					folderPath: before.params.path,
					fileType: 'CSV',
				},
				is: {
					bucketName: before.params.bucketName,
					folderPath: 'exports/winter',
					fileType: 'JSON',
				},
			},
			conflictRetries: 0,
		});
		expect(item.summary).toContain(`Changed the export location of dataflow`);
		expect(item.summary).toContain(`folder "${String(before.params.path)}" → "exports/winter"`);
	});

	it('SFTP keeps its folder in remotePath; a CSV option is added as the only one given', async () => {
		const before = targetOf(DISABLED_FLOW_ID);
		expect(before.params.csvOptions).toBeUndefined();
		await updateLocation(DISABLED_FLOW_ID, { folderPath: '/partner/in', csvDelimiter: ';' });
		const flowSpecId = (
			emulator.current.getFlow(DISABLED_FLOW_ID) as unknown as { flowSpec: { id: string } }
		).flowSpec.id;
		const specRead = emulator.current
			.requests()
			.find((request) => request.path.endsWith(`/flowSpecs/${flowSpecId}`));
		expect(specRead?.status).toBe(200);

		const patch = emulator.current.requests().find((request) => request.method === 'PATCH')!;
		expect(patch.body).toEqual([
			{ op: 'replace', path: '/params/remotePath', value: '/partner/in' },
			{ op: 'add', path: '/params/csvOptions', value: { delimiter: ';' } },
		]);
		expect(targetOf(DISABLED_FLOW_ID).params).toMatchObject({
			remotePath: '/partner/in',
			csvOptions: { delimiter: ';' },
			compression: before.params.compression,
		});
	});

	it('on 412 reads the target connection again, re-plans on what another writer left and sends with the new etag', async () => {
		const before = targetOf(PROFILE_MAPPING_FLOW_ID);
		emulator.current.injectFault({
			type: 'concurrentWrite',
			method: 'PATCH',
			path: '/data/foundation/flowservice/targetConnections/*',
		});

		const [item] = outputJson(
			await updateLocation(PROFILE_MAPPING_FLOW_ID, { compression: 'GZIP' }),
		);

		expect(calls(emulator.current)).toEqual([
			`GET /flows/${PROFILE_MAPPING_FLOW_ID}`,
			`GET /flowSpecs/${DESTINATION_FLOW_SPECS.amazonS3.audience}`,
			`GET /targetConnections/${before.id}`,
			`GET /connectionSpecs/${CONNECTION_SPECS.amazonS3}`,
			`PATCH /targetConnections/${before.id}`,
			`GET /targetConnections/${before.id}`,
			`PATCH /targetConnections/${before.id}`,
		]);
		const [first, second] = emulator.current
			.requests()
			.filter((request) => request.method === 'PATCH');
		expect(first.status).toBe(412);
		expect(second.status).toBe(200);
		expect(second.headers['if-match']).not.toBe(first.headers['if-match']);
		expect(targetOf(PROFILE_MAPPING_FLOW_ID).params.compression).toBe('GZIP');
		expect(item).toMatchObject({ changed: true, conflictRetries: 1 });
	});

	it('412 until the retries run out fails naming the target connection; nothing is applied', async () => {
		const before = targetOf(PROFILE_MAPPING_FLOW_ID);
		emulator.current.injectFault({
			type: 'concurrentWrite',
			method: 'PATCH',
			path: '/data/foundation/flowservice/targetConnections/*',
			count: 2,
		});
		const result = await updateLocation(
			PROFILE_MAPPING_FLOW_ID,
			{ compression: 'GZIP' },
			{ maxConflictRetries: 1 },
		);

		expect(result.error?.message).toBe(
			`Target connection ${before.id} changed while it was being updated: 2 attempt(s) met 412 Precondition Failed`,
		);
		expect(String((result.error as { description?: string }).description)).toMatch(
			/^Nothing was applied: another writer changed the target connection between each read and write/,
		);
		expect(targetOf(PROFILE_MAPPING_FLOW_ID).params.compression).toBe('NONE');
	});

	it('Dry Run reads and shows the plan, sends nothing', async () => {
		const before = targetOf(PROFILE_MAPPING_FLOW_ID);
		const [item] = outputJson(
			await updateLocation(
				PROFILE_MAPPING_FLOW_ID,
				{ bucketName: 'acme-winter' },
				{ dryRun: true },
			),
		);

		expect(calls(emulator.current).some((call) => call.startsWith('PATCH'))).toBe(false);
		expect(targetOf(PROFILE_MAPPING_FLOW_ID)).toEqual(before);
		expect(item).toMatchObject({
			changed: false,
			dryRun: true,
			operations: [{ op: 'replace', path: '/params/bucketName', value: 'acme-winter' }],
			targetConnection: { etag: before.etag },
			exportLocation: { is: { bucketName: 'acme-winter' } },
		});
		expect(item.summary).toMatch(/^Would change the export location/);
	});

	it('settings equal to the current ones send nothing', async () => {
		const before = targetOf(PROFILE_MAPPING_FLOW_ID);
		const [item] = outputJson(
			await updateLocation(PROFILE_MAPPING_FLOW_ID, { folderPath: before.params.path }),
		);
		expect(calls(emulator.current).some((call) => call.startsWith('PATCH'))).toBe(false);
		expect(item).toMatchObject({ changed: false, operations: [] });
		expect(item.summary).toMatch(/^No change/);
	});

	it('a setting the destination does not have fails the item naming the field, and nothing is sent', async () => {
		const result = await updateLocation(DISABLED_FLOW_ID, { bucketName: 'acme-winter' });

		expect(result.error?.message).toMatch(
			/^Export Settings: SFTP has no export setting "bucketName"/,
		);
		expect(result.error?.message).toContain('(item 1)');
		expect(calls(emulator.current).some((call) => call.startsWith('PATCH'))).toBe(false);
	});

	it('on a dataset export dataflow, File Type does not apply (its flow spec says DATASETS); the folder does', async () => {
		const flowId = DATASET_FLOW_IDS.everySixHours;
		const refused = await updateLocation(flowId, { fileType: 'JSON' });
		expect(refused.error?.message).toMatch(
			/^Export Settings: Amazon S3 has no export setting "fileType" for this dataflow/,
		);
		expect(calls(emulator.current)).toContain(
			`GET /flowSpecs/${DESTINATION_FLOW_SPECS.amazonS3.dataset}`,
		);
		expect(calls(emulator.current).some((call) => call.startsWith('PATCH'))).toBe(false);

		emulator.current.clearRequests();
		const [moved] = outputJson(await updateLocation(flowId, { folderPath: 'datasets/2026' }));
		expect(moved).toMatchObject({
			changed: true,
			exportLocation: { is: { folderPath: 'datasets/2026' } },
		});
		expect(targetOf(flowId).params.path).toBe('datasets/2026');
	});

	it('no setting at all fails before any request', async () => {
		const result = await updateLocation(PROFILE_MAPPING_FLOW_ID, {});
		expect(result.error?.message).toMatch(/^Export Settings: Add at least one setting to change/);
		expect(emulator.current.requests()).toEqual([]);
	});
});
