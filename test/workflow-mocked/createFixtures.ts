import nock from 'nock';

import { PLATFORM, answer, type RecordedRequest } from './setup';

/** Adobe's answers for Create, recorded: the documents a create reads and what it makes. */
export const SERVICE = '/data/foundation/flowservice';
export const BULK_GET = '/data/core/ups/segment/definitions/bulk-get';
export const PROFILE_SPEC = '8a9c3494-9708-43d7-ae3f-cda01e5030e1';

export const S3_SPEC = {
	id: '4fce964d-3f37-408f-9778-e597338a21ee',
	name: 'Amazon S3',
	version: '1.0',
	targetSpec: {
		name: 'Amazon S3',
		spec: {
			type: 'object',
			required: ['bucketName', 'path'],
			properties: {
				mode: { type: 'string', enum: ['Server-to-server'] },
				bucketName: { type: 'string' },
				path: { type: 'string' },
				fileType: { type: 'string', enum: ['CSV', 'JSON', 'PARQUET'] },
				compression: { type: 'string', enum: ['NONE', 'GZIP'] },
				csvOptions: { type: 'object' },
			},
		},
	},
};
export const S3_FLOW_SPEC = {
	id: '1a0514a6-33d4-4c7f-aff8-594799c47549',
	name: 'Amazon S3 - Segment',
	version: '1.0',
	sourceConnectionSpecIds: [PROFILE_SPEC],
	targetConnectionSpecIds: [S3_SPEC.id],
};
export const S3_DATASET_FLOW_SPEC = {
	id: '269ba276-16fc-47db-92b0-c1049a3c131f',
	name: 'Amazon S3 - Dataset',
	sourceConnectionSpecIds: ['23598e46-f560-407b-88d5-ea6207e49db0'],
	targetConnectionSpecIds: [S3_SPEC.id],
};
export const ACCOUNT = {
	id: '9d8159c6-9da6-4205-8507-d818d7ad7103',
	name: 'S3 marketing exports',
	connectionSpec: { id: S3_SPEC.id, version: '1.0' },
	auth: { specName: 'Access Key' },
};
export const AUDIENCES = [
	{ id: '2d79d0d8-724f-49fc-a09d-d1dec338c93c', name: 'Winter buyers' },
	{ id: '9f7d37fd-7039-4454-94ef-2b0cd6c3206a', name: 'Lapsed customers' },
];
export const SOURCE_ID = 'b0c7b4a1-0000-4000-8000-000000000001';
export const TARGET_ID = 'b0c7b4a1-0000-4000-8000-000000000002';
export const NEW_FLOW_ID = 'b0c7b4a1-0000-4000-8000-000000000003';
export const CREATED_ETAG = '"c0000000-0000-0200-0000-000000000001"';
export const PATCHED_ETAG = '"c0000000-0000-0200-0000-000000000002"';
export const ENABLED_ETAG = '"c0000000-0000-0200-0000-000000000003"';

/** The account, its destination's spec and flow specs, and the audiences, as the sandbox has them. */
export function readsBeforeCreating(requests: RecordedRequest[]): void {
	nock(PLATFORM)
		.get(`${SERVICE}/connections/${ACCOUNT.id}`)
		.reply(answer(requests, 200, { items: [ACCOUNT] }))
		.get(`${SERVICE}/connectionSpecs/${S3_SPEC.id}`)
		.reply(answer(requests, 200, { items: [S3_SPEC] }))
		.get(`${SERVICE}/flowSpecs`)
		.query(true)
		.reply(answer(requests, 200, { items: [S3_DATASET_FLOW_SPEC, S3_FLOW_SPEC] }))
		.post(BULK_GET)
		.reply(
			answer(requests, 207, {
				results: Object.fromEntries(AUDIENCES.map((audience) => [audience.id, audience])),
			}),
		);
}

/** The sandbox's dataflows and connections: what exists already (nothing, by default). */
export function existing(
	requests: RecordedRequest[],
	{
		flows = [],
		sources = [],
		targets = [],
	}: { flows?: unknown[]; sources?: unknown[]; targets?: unknown[] } = {},
): void {
	nock(PLATFORM)
		.get(`${SERVICE}/flows`)
		.query(true)
		.reply(answer(requests, 200, { items: flows }))
		.get(`${SERVICE}/sourceConnections`)
		.query(true)
		.reply(answer(requests, 200, { items: sources }))
		.get(`${SERVICE}/targetConnections`)
		.query(true)
		.reply(answer(requests, 200, { items: targets }));
}

/** The dataflow as Adobe stores it after the create and the PATCH, in `state`. */
export function storedFlow(body: Record<string, unknown>, state: string, etag = PATCHED_ETAG) {
	return { ...body, id: NEW_FLOW_ID, etag, version: etag, state };
}
