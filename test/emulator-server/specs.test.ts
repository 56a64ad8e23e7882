import Ajv from 'ajv';
import { CONNECTION_SPECS, DESTINATION_FLOW_SPECS, FLOW_SPECS } from '../../emulator';
import { expectFlowError, useApi } from './support';

const DESTINATIONS = [
	['Amazon S3', CONNECTION_SPECS.amazonS3, ['Access Key', 'Assumed Role'], ['bucketName', 'path']],
	['SFTP', CONNECTION_SPECS.sftp, ['SFTP with Password', 'SFTP with SSH Key'], ['remotePath']],
	['Azure Blob Storage', CONNECTION_SPECS.azureBlob, ['ConnectionString'], ['container', 'path']],
	['Azure Data Lake Gen2', CONNECTION_SPECS.adlsGen2, ['Azure Service Principal Auth'], ['path']],
	['Data Landing Zone', CONNECTION_SPECS.dataLandingZone, [], ['path']],
	[
		'Google Cloud Storage',
		CONNECTION_SPECS.googleCloudStorage,
		['Google Cloud Storage authentication credentials'],
		['bucketName', 'path'],
	],
	[
		'Amazon Kinesis',
		CONNECTION_SPECS.amazonKinesis,
		['Aws Kinesis authentication credentials'],
		['stream', 'region'],
	],
] as const;

const FILE_OPTIONS = ['mode', 'fileType', 'datasetFileType', 'csvOptions', 'compression'];

describe('connection specs', () => {
	const api = useApi();
	const specs = async (query = '') => (await api.fs.get(`/connectionSpecs${query}`)).data;

	it.each(DESTINATIONS)(
		'serves %s with its auth specs and target params',
		async (name, id, authNames, location) => {
			const r = await api.fs.get(`/connectionSpecs/${id}`);
			expect(r.status).toBe(200);
			const [spec] = r.data.items;
			expect(spec).toMatchObject({ id, name, version: '1.0', attributes: { isDestination: true } });
			expect(spec.authSpec.map((a: { name: string }) => a.name)).toEqual(authNames);
			const properties = Object.keys(spec.targetSpec.spec.properties);
			expect(properties).toEqual(expect.arrayContaining(location as unknown as string[]));
			if (spec.attributes.isFileBased)
				expect(properties).toEqual(expect.arrayContaining(FILE_OPTIONS));
		},
	);

	it('names the S3 auth params as Adobe does, the secret one a password', async () => {
		const [s3] = (await specs(`/${CONNECTION_SPECS.amazonS3}`)).items;
		expect(s3.authSpec[0].spec).toMatchObject({
			required: ['s3SecretKey', 's3AccessKey'],
			properties: { s3SecretKey: { format: 'password' }, s3AccessKey: { type: 'string' } },
		});
		const [sftp] = (await specs(`/${CONNECTION_SPECS.sftp}`)).items;
		expect(sftp.authSpec[1].spec.properties.sshKey).toMatchObject({
			format: 'password',
			contentEncoding: 'base64',
		});
	});

	it('serves the two Experience Platform sources', async () => {
		for (const id of [CONNECTION_SPECS.profileStoreSource, CONNECTION_SPECS.dataLakeSource]) {
			const [spec] = (await specs(`/${id}`)).items;
			expect(spec.attributes).toMatchObject({ isSource: true, isDestination: false });
		}
	});

	it('carries valid draft-07 JSON schemas in every auth and target spec', async () => {
		const ajv = new Ajv({ strict: false });
		const all = (await specs()).items as Array<Record<string, any>>;
		expect(all).toHaveLength(9);
		for (const spec of all) {
			for (const auth of spec.authSpec) expect(ajv.validateSchema(auth.spec)).toBe(true);
			if (spec.targetSpec) expect(ajv.validateSchema(spec.targetSpec.spec)).toBe(true);
		}
	});

	it('filters by name, quoted or not, and by attributes', async () => {
		expect((await specs('?property=name==SFTP')).items.map((s: { id: string }) => s.id)).toEqual([
			CONNECTION_SPECS.sftp,
		]);
		expect((await specs('?property=name=="Amazon S3"')).items[0].id).toBe(
			CONNECTION_SPECS.amazonS3,
		);
		expect((await specs('?property=attributes.isStreaming==true')).items).toHaveLength(1);
		expect((await specs('?property=attributes.isDestination==true&count=true')).count).toBe(7);
	});

	it('pages like the other listings', async () => {
		const seen: string[] = [];
		let page = await specs('?limit=4');
		for (;;) {
			expect(page.items.length).toBeLessThanOrEqual(4);
			seen.push(...page.items.map((s: { id: string }) => s.id));
			if (!page._links.next) break;
			page = (await api.fs.get(page._links.next.href)).data;
		}
		expect(seen).toHaveLength(9);
		expect(new Set(seen).size).toBe(9);
		expectFlowError(await api.fs.get('/connectionSpecs?limit=101'), '1451-400');
		expectFlowError(await api.fs.get('/connectionSpecs?orderby=+version'), '1433-400');
	});

	it('answers 404 for an unknown spec', async () => {
		const body = expectFlowError(await api.fs.get('/connectionSpecs/nope'), '1439-404');
		expect(body.report).toMatchObject({ id: 'nope', type: 'connectionSpecs' });
	});
});

describe('flow specs', () => {
	const api = useApi();
	const flowSpecs = async (query = '') => (await api.fs.get(`/flowSpecs${query}`)).data;
	const forTarget = (target: string, source: string = CONNECTION_SPECS.profileStoreSource) =>
		flowSpecs(
			`?property=targetConnectionSpecIds[]==${target}&property=sourceConnectionSpecIds[]==${source}`,
		);

	it.each(Object.entries(DESTINATION_FLOW_SPECS))(
		'finds the one audience and the one dataset flow spec of %s from its connection spec',
		async (key, ids) => {
			const target = CONNECTION_SPECS[key as keyof typeof DESTINATION_FLOW_SPECS];
			expect((await forTarget(target)).items.map((s: { id: string }) => s.id)).toEqual([
				ids.audience,
			]);
			const dataset = await forTarget(target, CONNECTION_SPECS.dataLakeSource);
			expect(dataset.items.map((s: { id: string }) => s.id)).toEqual([ids.dataset]);
			expect(dataset.items[0].attributes._workflow).toBe('DATASETS');
		},
	);

	it('finds the profile based flow spec of a streaming destination', async () => {
		const { items } = await forTarget(CONNECTION_SPECS.amazonKinesis);
		expect(items.map((s: { id: string }) => s.id)).toEqual([FLOW_SPECS.batchDestination]);
		expect(items[0].transformationSpecs[0].name).toBe('GeneralTransform');
	});

	it('filters by name and reads one by id', async () => {
		const { items } = await flowSpecs('?property=name=="Amazon S3 - Segment"');
		expect(items.map((s: { id: string }) => s.id)).toEqual([
			DESTINATION_FLOW_SPECS.amazonS3.audience,
		]);
		const r = await api.fs.get(`/flowSpecs/${DESTINATION_FLOW_SPECS.sftp.dataset}`);
		expect(r.data.items[0]).toMatchObject({
			name: 'SFTP - Dataset',
			sourceConnectionSpecIds: [CONNECTION_SPECS.dataLakeSource],
			targetConnectionSpecIds: [CONNECTION_SPECS.sftp],
			scheduleSpec: { spec: { required: ['startTime', 'timeUnit', 'interval'] } },
		});
		expect((await flowSpecs('?count=true')).count).toBe(13);
		expectFlowError(await api.fs.get('/flowSpecs/nope'), '1439-404');
	});
});
