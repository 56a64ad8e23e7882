import fc from 'fast-check';

import { DATA_LAKE_SOURCE_SPEC } from '@node/model/flowKind';
import type { FlowConnection } from '@node/model/destination';
import type { FlowDocument } from '@node/model/types';
import {
	planDatasetExportCreate,
	type DatasetExportDocuments,
	type DesiredDatasetExport,
} from '@node/planner/createDatasetExport';
import { planDatasets } from '@node/planner/datasetMembership';
import { planDatasetSchedule } from '@node/planner/datasetSchedule';
import { runProperty } from '../../generated/tally';

const id = (n: number) => `65f1a0c2e4b0a1d2c3e4${n.toString(16).padStart(4, '0')}`;
const ACCOUNT = { id: 'acc', name: 'Exports', connectionSpec: { id: 's3' } };
const DESIRED: DesiredDatasetExport = {
	name: 'Daily loyalty',
	datasets: [{ dataSetId: id(1), name: 'Loyalty Members' }],
	params: { bucketName: 'b', path: 'p', datasetFileType: 'JSON', compression: 'GZIP' },
	schedule: {
		exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
		timeUnit: 'day',
		interval: 1,
		startTime: 4_070_908_800,
	},
};
const DOCUMENTS: DatasetExportDocuments = {
	account: ACCOUNT,
	spec: { id: 's3', name: 'Amazon S3', version: '1.0' },
	flowSpec: { id: 'ds-flow', version: '1.0' },
	leftovers: { source: [], target: [] },
};
const datasetExport: FlowDocument = {
	id: 'f1',
	etag: '"1"',
	name: 'Daily loyalty',
	inheritedAttributes: { targetConnections: [{ data: { outputType: 'DATASET_EXPORT' } }] },
};
const audienceFlow: FlowDocument = { id: 'f2', etag: '"2"', name: 'Daily loyalty' };

describe('planDatasetExportCreate', () => {
	it('three bodies: a Data Lake source with the datasets, a target on the account, the dataflow with its schedule and no transformations', () => {
		const plan = planDatasetExportCreate(DESIRED, 'fail', DOCUMENTS);

		expect(plan).toMatchObject({
			action: 'create',
			source: {
				create: {
					name: 'Daily loyalty - source',
					connectionSpec: { id: DATA_LAKE_SOURCE_SPEC, version: '1.0' },
					params: { datasets: DESIRED.datasets },
				},
			},
			target: {
				create: {
					name: 'Daily loyalty - target',
					baseConnectionId: 'acc',
					params: DESIRED.params,
					connectionSpec: { id: 's3', version: '1.0' },
				},
			},
			discard: [],
		});
		if (plan.action !== 'create') throw new Error(plan.action);
		expect(plan.flow('src', 'tgt')).toEqual({
			name: 'Daily loyalty',
			flowSpec: { id: 'ds-flow', version: '1.0' },
			sourceConnectionIds: ['src'],
			targetConnectionIds: ['tgt'],
			transformations: [],
			scheduleParams: DESIRED.schedule,
		});
	});

	it('reuses an earlier attempt’s connections that carry the same datasets and params; deletes the others', () => {
		const source = (n: string, datasets: unknown[]): FlowConnection => ({
			id: n,
			name: 'Daily loyalty - source',
			connectionSpec: { id: DATA_LAKE_SOURCE_SPEC },
			params: { datasets },
		});
		const target = (n: string, params: Record<string, unknown>): FlowConnection => ({
			id: n,
			name: 'Daily loyalty - target',
			baseConnectionId: 'acc',
			connectionSpec: { id: 's3' },
			params,
		});
		const plan = planDatasetExportCreate(DESIRED, 'fail', {
			...DOCUMENTS,
			leftovers: {
				source: [
					source('s-other', [{ dataSetId: id(2) }]),
					source('s-fit', [{ dataSetId: id(1) }]),
				],
				target: [
					target('t-fit', DESIRED.params),
					target('t-other', { ...DESIRED.params, path: 'x' }),
				],
			},
		});

		expect(plan).toMatchObject({
			source: { reuse: { id: 's-fit' } },
			target: { reuse: { id: 't-fit' } },
			discard: [
				{ collection: 'sourceConnections', id: 's-other' },
				{ collection: 'targetConnections', id: 't-other' },
			],
		});
	});

	it('a name taken: Fail names If Dataflow Exists, Skip and Use It take it; Use It refuses an audience dataflow', () => {
		const existing = (flow: FlowDocument, ifExists: 'fail' | 'skip' | 'useIt') => () =>
			planDatasetExportCreate(DESIRED, ifExists, { ...DOCUMENTS, existing: flow });

		expect(existing(datasetExport, 'fail')).toThrow(
			'A dataflow named "Daily loyalty" already exists (f1); set If Dataflow Exists to Skip or Use It to work with it',
		);
		expect(existing(datasetExport, 'skip')()).toEqual({ action: 'skip', existing: datasetExport });
		expect(existing(datasetExport, 'useIt')()).toEqual({
			action: 'useIt',
			existing: datasetExport,
		});
		expect(existing(audienceFlow, 'skip')()).toEqual({ action: 'skip', existing: audienceFlow });
		expect(existing(audienceFlow, 'useIt')).toThrow(
			/is an audience activation dataflow: Use It works only on a dataset export/,
		);
	});
});

describe("planDatasets 'set' (Use It)", () => {
	const entry = (n: number) => ({ dataSetId: id(n) });

	it('exports exactly the list: the current ones it keeps, then the new ones; the others removed', () => {
		runProperty(
			fc.property(
				fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 8 }),
				fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }),
				(current, wanted) => {
					const plan = planDatasets(current.map(entry), 'set', wanted.map(entry));
					const ids = plan.datasets.map((d) => d.dataSetId);
					expect([...ids].sort()).toEqual(wanted.map(id).sort());
					expect(ids).toEqual([
						...current.filter((n) => wanted.includes(n)).map(id),
						...wanted.filter((n) => !current.includes(n)).map(id),
					]);
					expect(plan.removed.map((d) => d.dataSetId)).toEqual(
						current.filter((n) => !wanted.includes(n)).map(id),
					);
					expect(plan.changed).toBe(plan.added.length + plan.removed.length > 0);
				},
			),
			500,
		);
	});
});

describe('planDatasetSchedule: the folder name template', () => {
	const flow = (scheduleParams: Record<string, unknown>): FlowDocument => ({
		...datasetExport,
		scheduleParams: {
			exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
			timeUnit: 'day',
			interval: 1,
			startTime: 1,
			...scheduleParams,
		},
	});

	it('is sent under the spelling the dataflow holds (the OpenAPI document’s folderNameTemplate kept)', () => {
		const [replace] = planDatasetSchedule({ foldernameTemplate: '%DATASET_ID%' })(
			flow({ folderNameTemplate: '%DESTINATION%' }),
		).operations;
		expect(replace.value).toEqual({
			exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
			timeUnit: 'day',
			interval: 1,
			startTime: 1,
			folderNameTemplate: '%DATASET_ID%',
		});
	});

	it('the same template changes nothing; a new one under the tutorial’s spelling', () => {
		expect(
			planDatasetSchedule({ foldernameTemplate: '%DESTINATION%' })(
				flow({ folderNameTemplate: '%DESTINATION%' }),
			).operations,
		).toEqual([]);
		const [replace] = planDatasetSchedule({ foldernameTemplate: '%DATASET_ID%' })(
			flow({}),
		).operations;
		expect(replace.value).toMatchObject({ foldernameTemplate: '%DATASET_ID%' });
	});
});
