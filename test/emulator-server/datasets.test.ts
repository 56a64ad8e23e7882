import {
	CONNECTION_SPECS,
	DATASET_IDS,
	DATASET_NAMES,
	DEV_DATASET_COUNT,
	PROD_DATASET_COUNT,
	SANDBOX_DEV,
} from '../../emulator';
import { openapi } from './openapi';
import { expectFlowError, useApi } from './support';

const CONFIGS = `/connectionSpecs/${CONNECTION_SPECS.dataLakeSource}/configs`;
/** The export-datasets tutorial's request, as printed. */
const TUTORIAL_QUERY =
	'outputType=activationDatasets&outputField=datasets&start=0&limit=20&properties=name,state';

type Dataset = Record<string, any>;

describe('GET /connectionSpecs/{Data Lake}/configs: the datasets a dataset export may use', () => {
	const api = useApi();
	const list = async (query: string, sandbox?: string) => {
		const r = await api.fs.get(
			`${CONFIGS}?${query}`,
			sandbox ? { headers: { 'x-sandbox-name': sandbox } } : undefined,
		);
		expect(r.status).toBe(200);
		return r.data as { items: Dataset[]; pageInfo: Record<string, unknown> };
	};

	it('answers the tutorial’s request: items by name, the summary fields, pageInfo', async () => {
		const { items, pageInfo } = await list(TUTORIAL_QUERY);
		expect(items).toHaveLength(PROD_DATASET_COUNT);
		const names = items.map((d) => d.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(names).toContain(DATASET_NAMES.loyaltyMembers);
		for (const d of items)
			expect(Object.keys(d).sort()).toEqual(
				['aspect', 'description', 'fileDescription', 'id', 'name', 'state'].sort(),
			);
		expect(items.find((d) => d.id === DATASET_IDS.prod.webEvents)).toMatchObject({
			name: DATASET_NAMES.webEvents,
			state: 'DRAFT',
			aspect: 'production',
			fileDescription: { persisted: true, containerFormat: 'parquet', format: 'parquet' },
		});
		expect(pageInfo).toEqual({
			start: 0,
			end: PROD_DATASET_COUNT - 1,
			total: PROD_DATASET_COUNT,
			hasNext: false,
		});
	});

	it('pages by offset: start and limit, end is the last index shown', async () => {
		const base = 'outputType=activationDatasets&outputField=datasets';
		const first = await list(`${base}&start=0&limit=3`);
		expect(first.pageInfo).toEqual({ start: 0, end: 2, total: PROD_DATASET_COUNT, hasNext: true });
		const second = await list(`${base}&start=3&limit=3`);
		expect(second.pageInfo).toEqual({ start: 3, end: 5, total: PROD_DATASET_COUNT, hasNext: true });
		const last = await list(`${base}&start=6&limit=3`);
		expect(last.pageInfo).toEqual({ start: 6, end: 6, total: PROD_DATASET_COUNT, hasNext: false });
		const ids = [...first.items, ...second.items, ...last.items].map((d) => d.id);
		expect(new Set(ids)).toEqual(new Set(Object.values(DATASET_IDS.prod)));
		const beyond = await list(`${base}&start=10`);
		expect(beyond).toEqual({
			items: [],
			pageInfo: { start: 10, end: 9, total: PROD_DATASET_COUNT, hasNext: false },
		});
		// Without start and limit: from 0, 20 at most.
		expect((await list(base)).pageInfo).toMatchObject({ start: 0, total: PROD_DATASET_COUNT });
	});

	it('answers whole Catalog datasets without properties, with the fields of Adobe’s example', async () => {
		const example = (
			openapi.components.examples.Destination_Dataset_Response.value as { items: Dataset[] }
		).items[0];
		const { items } = await list('outputType=activationDatasets&outputField=datasets');
		for (const d of items)
			expect(Object.keys(d).sort()).toEqual([...Object.keys(example), 'state'].sort());
		const loyalty = items.find((d) => d.id === DATASET_IDS.prod.loyaltyMembers)!;
		// A Profile dataset and an Experience Event dataset.
		expect(loyalty.tags).toMatchObject({ unifiedProfile: ['enabled:true'] });
		expect(
			items.find((d) => d.id === DATASET_IDS.prod.webEvents)!.tags.unifiedProfile,
		).toBeUndefined();
		expect(loyalty.files).toBe(`@/dataSetFiles?dataSetId=${loyalty.id}`);
	});

	it('lists each sandbox’s own datasets: the same names in dev, other ids', async () => {
		const dev = await list(TUTORIAL_QUERY, SANDBOX_DEV);
		expect(dev.items).toHaveLength(DEV_DATASET_COUNT);
		expect(dev.items.find((d) => d.name === DATASET_NAMES.loyaltyMembers)?.id).toBe(
			DATASET_IDS.dev.loyaltyMembers,
		);
		expect(dev.items.map((d) => d.id)).not.toContain(DATASET_IDS.prod.loyaltyMembers);
	});

	it.each([
		[
			'another connection spec',
			`/connectionSpecs/${CONNECTION_SPECS.amazonS3}/configs?${TUTORIAL_QUERY}`,
			'1413-400',
			/Data Lake source connection spec/,
		],
		[
			'an unknown connection spec',
			`/connectionSpecs/nope/configs?${TUTORIAL_QUERY}`,
			'1413-400',
			/not nope/,
		],
		[
			'another outputType',
			`${CONFIGS}?outputType=activationSegments&outputField=datasets`,
			'1451-400',
			/param outputType/,
		],
		[
			'no outputType',
			`${CONFIGS}?outputField=datasets`,
			'1451-400',
			/\(missing\) for param outputType/,
		],
		[
			'another outputField',
			`${CONFIGS}?outputType=activationDatasets&outputField=segments`,
			'1451-400',
			/param outputField/,
		],
		[
			'a limit above 100',
			`${CONFIGS}?outputType=activationDatasets&outputField=datasets&limit=101`,
			'1451-400',
			/param limit/,
		],
		[
			'a limit of 0',
			`${CONFIGS}?outputType=activationDatasets&outputField=datasets&limit=0`,
			'1451-400',
			/param limit/,
		],
		[
			'a negative start',
			`${CONFIGS}?outputType=activationDatasets&outputField=datasets&start=-1`,
			'1451-400',
			/param start/,
		],
		[
			'an unknown parameter',
			`${CONFIGS}?outputType=activationDatasets&outputField=datasets&page=2`,
			'1451-400',
			/params page/,
		],
	])('refuses %s', async (_case, path, code, message) => {
		expect(expectFlowError(await api.fs.get(path), code).errorMessage).toMatch(message);
	});
});
