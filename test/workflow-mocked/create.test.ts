import nock from 'nock';

import { PLATFORM, byId, outputJson, recordAdobe, runNode } from './setup';
import {
	ACCOUNT,
	AUDIENCES,
	BULK_GET,
	CREATED_ETAG,
	ENABLED_ETAG,
	NEW_FLOW_ID,
	PATCHED_ETAG,
	PROFILE_SPEC,
	S3_FLOW_SPEC,
	S3_SPEC,
	SERVICE,
	SOURCE_ID,
	TARGET_ID,
	existing,
	readsBeforeCreating,
	storedFlow,
} from './createFixtures';

const NAME = 'Winter campaign';
const audience = (id: string) => ({
	id: { __rl: true, mode: 'list', value: id },
	exportMode: 'DAILY_FULL_EXPORT',
	frequency: 'DAILY',
	triggerType: 'SCHEDULED',
	startDate: '2099-12-01',
	startTime: '20:00',
});
const FIELDS = {
	operation: 'create',
	dataflowName: NAME,
	dataflowDescription: 'Winter sale audiences',
	accountId: byId(ACCOUNT.id),
	exportSettings: {
		bucketName: 'marketing-exports',
		folderPath: 'campaigns/winter',
		fileType: 'CSV',
		compression: 'GZIP',
	},
	audiences: { audience: AUDIENCES.map((a) => audience(a.id)) },
	attributes: {
		attribute: [
			{ path: 'person.name.firstName' },
			{ path: 'personalEmail.address', deduplicationKey: true },
		],
	},
};
const PARAMS = {
	bucketName: 'marketing-exports',
	path: 'campaigns/winter',
	fileType: 'CSV',
	compression: 'GZIP',
	mode: 'Server-to-server',
};
const FLOW_BODY = {
	name: NAME,
	description: 'Winter sale audiences',
	flowSpec: { id: S3_FLOW_SPEC.id, version: '1.0' },
	sourceConnectionIds: [SOURCE_ID],
	targetConnectionIds: [TARGET_ID],
	transformations: [
		{
			name: 'GeneralTransform',
			params: { segmentSelectors: { selectors: [] }, profileSelectors: { selectors: [] } },
		},
	],
};
const version2 = (node: object = {}) => ({ node: { typeVersion: 2, ...node } });
const line = (r: { method: string; path: string }) => `${r.method} ${decodeURIComponent(r.path)}`;

describe('Dataflow › Create from fields', () => {
	const { requests, answer } = recordAdobe();

	/** Adobe accepts the connections, the dataflow, the PATCH and the enable action. */
	function acceptsCreate(state = 'disabled') {
		nock(PLATFORM)
			.post(`${SERVICE}/sourceConnections`)
			.reply(answer(201, { id: SOURCE_ID, etag: '"s1"' }))
			.post(`${SERVICE}/targetConnections`)
			.reply(answer(201, { id: TARGET_ID, etag: '"t1"' }))
			.post(`${SERVICE}/flows`)
			.reply(answer(201, { id: NEW_FLOW_ID, etag: CREATED_ETAG }))
			.patch(`${SERVICE}/flows/${NEW_FLOW_ID}`)
			.reply(answer(200, { id: NEW_FLOW_ID, etag: PATCHED_ETAG }))
			.get(`${SERVICE}/flows/${NEW_FLOW_ID}`)
			.reply(answer(200, { items: [storedFlow(FLOW_BODY, state)] }))
			.post(`${SERVICE}/flows/${NEW_FLOW_ID}/action`)
			.query({ op: 'enable' })
			.reply(answer(200, { id: NEW_FLOW_ID, etag: ENABLED_ETAG }));
	}

	it('reads, then creates the connections, the dataflow, its audiences and attributes, and enables it', async () => {
		readsBeforeCreating(requests);
		existing(requests);
		acceptsCreate();

		const result = await runNode(FIELDS, version2());

		expect(result.status).toBe('success');
		expect(requests.map(line)).toEqual([
			`GET ${SERVICE}/connections/${ACCOUNT.id}`,
			`GET ${SERVICE}/connectionSpecs/${S3_SPEC.id}`,
			`GET ${SERVICE}/flowSpecs?property=sourceConnectionSpecIds[]==${PROFILE_SPEC}&property=targetConnectionSpecIds[]==${S3_SPEC.id}&limit=100`,
			`POST ${BULK_GET}`,
			`GET ${SERVICE}/flows?property=inheritedAttributes.properties.isDestinationFlow==true&limit=100`,
			`GET ${SERVICE}/sourceConnections?property=connectionSpec.id==${PROFILE_SPEC}&limit=100`,
			`GET ${SERVICE}/targetConnections?property=connectionSpec.id==${S3_SPEC.id}&limit=100`,
			`POST ${SERVICE}/sourceConnections`,
			`POST ${SERVICE}/targetConnections`,
			`POST ${SERVICE}/flows`,
			`PATCH ${SERVICE}/flows/${NEW_FLOW_ID}`,
			`GET ${SERVICE}/flows/${NEW_FLOW_ID}`,
			`POST ${SERVICE}/flows/${NEW_FLOW_ID}/action?op=enable`,
		]);
		const body = (index: number) => requests[index].body;
		expect(body(7)).toEqual({
			name: `${NAME} - source`,
			description: 'Winter sale audiences',
			connectionSpec: { id: PROFILE_SPEC, version: '1.0' },
		});
		expect(body(8)).toEqual({
			name: `${NAME} - target`,
			description: 'Winter sale audiences',
			baseConnectionId: ACCOUNT.id,
			params: PARAMS,
			connectionSpec: { id: S3_SPEC.id, version: '1.0' },
		});
		// `state` is never in the create body: Adobe refuses it (1410-400).
		expect(body(9)).toEqual(FLOW_BODY);
		expect(requests[10].headers['if-match']).toBe(CREATED_ETAG);
		const operations = body(10) as Array<{
			op: string;
			path: string;
			value: { value: Record<string, unknown> };
		}>;
		expect(operations.map((o) => `${o.op} ${o.path}`)).toEqual([
			'add /transformations/0/params/segmentSelectors/selectors/-',
			'add /transformations/0/params/segmentSelectors/selectors/-',
			'add /transformations/0/params/profileSelectors/selectors/-',
			'add /transformations/0/params/profileSelectors/selectors/-',
			'add /transformations/0/params/profileSelectors/primaryFields',
		]);
		expect(operations[0].value.value).toMatchObject({ id: AUDIENCES[0].id, name: 'Winter buyers' });

		const [output] = outputJson(result);
		expect(output).toMatchObject({
			summary: `Created dataflow "${NAME}" on "S3 marketing exports" with 2 audiences and 2 profile attributes`,
			changed: true,
			flowId: NEW_FLOW_ID,
			etag: ENABLED_ETAG,
			created: true,
			state: 'enabled',
			account: { id: ACCOUNT.id, name: ACCOUNT.name },
			destination: { id: S3_SPEC.id, name: 'Amazon S3' },
			connections: {
				sourceConnectionId: SOURCE_ID,
				targetConnectionId: TARGET_ID,
				created: [SOURCE_ID, TARGET_ID],
			},
		});
		expect((output.added as Array<{ name: string }>).map((a) => a.name)).toEqual([
			'Winter buyers',
			'Lapsed customers',
			'person.name.firstName',
			'personalEmail.address',
		]);
		expect((output.flow as { state: string }).state).toBe('enabled');
	});

	it('a dataflow Adobe made enabled is not enabled again', async () => {
		readsBeforeCreating(requests);
		existing(requests);
		acceptsCreate('enabled');

		const result = await runNode(FIELDS, version2());

		expect(result.status).toBe('success');
		expect(requests.map(line)).not.toContain(
			`POST ${SERVICE}/flows/${NEW_FLOW_ID}/action?op=enable`,
		);
		expect(outputJson(result)[0]).toMatchObject({ state: 'enabled', etag: PATCHED_ETAG });
		nock.cleanAll();
	});

	it('Dry Run lists every request in order with its body, and sends nothing but reads', async () => {
		readsBeforeCreating(requests);
		existing(requests);

		const result = await runNode({ ...FIELDS, options: { dryRun: true } }, version2());

		expect(result.status).toBe('success');
		expect(requests.every((r) => r.method === 'GET' || r.path === BULK_GET)).toBe(true);
		const [output] = outputJson(result);
		expect(output.summary).toBe(
			`Would create dataflow "${NAME}" on "S3 marketing exports" with 2 audiences and 2 profile attributes`,
		);
		const planned = output.requests as Array<{ method: string; path: string; body?: unknown }>;
		expect(planned.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /sourceConnections',
			'POST /targetConnections',
			'POST /flows',
			'PATCH /flows/{flowId}',
			'GET /flows/{flowId}',
			'POST /flows/{flowId}/action?op=enable',
		]);
		expect(planned[2].body).toEqual({
			...FLOW_BODY,
			sourceConnectionIds: ['{sourceConnectionId}'],
			targetConnectionIds: ['{targetConnectionId}'],
		});
		expect((planned[3].body as unknown[]).length).toBe(5);
	});

	it('If Dataflow Exists › Fail (the default) fails the item before anything is created, naming the field', async () => {
		readsBeforeCreating(requests);
		existing(requests, { flows: [{ ...storedFlow(FLOW_BODY, 'enabled'), id: 'existing-1' }] });

		const result = await runNode(FIELDS, version2());

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			`Name: A dataflow named "${NAME}" already exists (existing-1); set If Dataflow Exists to Skip or Use It to work with it (item 1)`,
		);
		expect(requests.filter((r) => r.method !== 'GET' && r.path !== BULK_GET)).toEqual([]);
	});

	it('If Dataflow Exists › Skip outputs the existing dataflow and changes nothing', async () => {
		readsBeforeCreating(requests);
		existing(requests, { flows: [{ ...storedFlow(FLOW_BODY, 'enabled'), id: 'existing-1' }] });

		const [output] = outputJson(await runNode({ ...FIELDS, ifExists: 'skip' }, version2()));

		expect(output).toMatchObject({ changed: false, created: false, flowId: 'existing-1' });
		expect(output.summary).toBe(`Skipped: a dataflow named "${NAME}" already exists`);
		expect(requests.filter((r) => r.method !== 'GET' && r.path !== BULK_GET)).toEqual([]);
	});

	it('refuses bad export settings against what the destination declares, before anything is created', async () => {
		readsBeforeCreating(requests);

		const result = await runNode(
			{
				...FIELDS,
				exportSettings: { bucketName: 'b', folderPath: 'x', otherSettings: '{"bucket":"typo"}' },
			},
			version2(),
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Export Settings: Amazon S3 has no export setting "bucket"; it knows mode, bucketName, path, fileType, compression, csvOptions (item 1)',
		);
		expect(requests.every((r) => r.method === 'GET')).toBe(true);
		nock.cleanAll();
	});

	it('a name an expression leaves empty fails the item before any request, naming the field', async () => {
		const result = await runNode({ ...FIELDS, dataflowName: '={{ "" }}' }, version2());

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Name: Name is required: the new dataflow’s name (item 1)');
		expect(requests).toEqual([]);
	});
});
