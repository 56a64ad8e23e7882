import nock from 'nock';

import flows from '../../emulator/fixtures/flows.json';
import tutorialFlow from '../../emulator/fixtures/tutorial-flow.json';
import { SEARCH_PAGES_PER_CALL } from '@node/methods/listSearch';
import {
	FLOWS_PATH,
	NEW_ETAG,
	PLATFORM,
	byId,
	outputJson,
	runNode,
	recordAdobe,
	listSearch,
} from './setup';
import { ETAG } from './tutorial';

const databaseFlow = flows.find((flow) => flow.id === '2edc08ac-4df5-4fe6-936f-81a19ce92f5c')!;
const DESTINATION_FILTER = 'inheritedAttributes.properties.isDestinationFlow==true';

function listPage(count: number, offset: number, next?: string) {
	const items = Array.from({ length: count }, (_, index) => ({
		...tutorialFlow,
		id: `flow-${offset + index}`,
		name: `Flow ${offset + index}`,
	}));
	return next ? { items, _links: { next: { href: next } } } : { items, _links: {} };
}

describe('operations', () => {
	const { requests, answer, listing, readThenPatch, acceptPatch } = recordAdobe();

	it('Get Many follows _links.next with Return All and keeps every filter', async () => {
		listing(FLOWS_PATH, listPage(100, 0, `${FLOWS_PATH}?continuationToken=abc`))
			.get(FLOWS_PATH)
			.query({ continuationToken: 'abc' })
			.reply(answer(200, listPage(20, 100)));

		const result = await runNode({
			operation: 'getMany',
			returnAll: true,
			filters: {
				state: 'enabled',
				audienceId: '9F7D37FD-7039-4454-94EF-2B0CD6C3206A',
				nameContains: 'flow 1',
			},
		});

		// Names are matched here: "Flow 1", "Flow 10".."Flow 19", "Flow 100".."Flow 119".
		expect(outputJson(result).map((flow) => flow.id)).toEqual(
			[
				1,
				...Array.from({ length: 10 }, (_, i) => 10 + i),
				...Array.from({ length: 20 }, (_, i) => 100 + i),
			].map((n) => `flow-${n}`),
		);
		const first = new URL(requests[0].path, PLATFORM).searchParams;
		expect(first.getAll('property')).toEqual([
			DESTINATION_FILTER,
			'state==enabled',
			'transformations[].params.segmentSelectors.selectors[].value.id==9f7d37fd-7039-4454-94ef-2b0cd6c3206a',
		]);
		expect(first.get('limit')).toBe('100');
		expect(requests[1].path).toBe(`${FLOWS_PATH}?continuationToken=abc`);
	});

	it('Get Many with a limit stops paging once it has enough', async () => {
		listing(FLOWS_PATH, listPage(5, 0, `${FLOWS_PATH}?continuationToken=more`));

		const result = await runNode({ operation: 'getMany', returnAll: false, limit: 5 });

		expect(outputJson(result).map((flow) => flow.id)).toEqual([
			'flow-0',
			'flow-1',
			'flow-2',
			'flow-3',
			'flow-4',
		]);
		expect(new URL(requests[0].path, PLATFORM).searchParams.get('limit')).toBe('5');
		expect(requests).toHaveLength(1);
	});

	it.each(['enable', 'disable'])('%s posts the action and outputs the new etag', async (op) => {
		const path = `${FLOWS_PATH}/${tutorialFlow.id}/action`;
		nock(PLATFORM)
			.post(path)
			.query({ op })
			.reply(answer(200, { id: tutorialFlow.id, etag: NEW_ETAG }));

		const result = await runNode({ operation: op, flowId: byId(tutorialFlow.id) });

		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'POST',
			path: `${path}?op=${op}`,
			body: undefined,
		});
		const [json] = outputJson(result);
		expect(json).toEqual({
			summary: `${op === 'enable' ? 'Enabled' : 'Disabled'} the dataflow`,
			changed: true,
			added: [],
			removed: [],
			updated: [{ id: 'state', name: `${op}d` }],
			skipped: [],
			flowId: tutorialFlow.id,
			etag: NEW_ETAG,
			operations: [],
			state: `${op}d`,
		});
		expect(Object.keys(json).slice(0, 2)).toEqual(['summary', 'changed']);
	});

	it('Update Info reproduces the tutorial request: schedule, then name, then description', async () => {
		readThenPatch(databaseFlow.id, { items: [databaseFlow] });

		await runNode({
			operation: 'updateInfo',
			flowId: byId(databaseFlow.id),
			updateFields: {
				scheduleFrequency: 'day',
				name: 'Database Dataflow Feb2021',
				description: 'Database dataflow for testing update API',
			},
		});

		expect(requests[1].headers['if-match']).toBe('"1a0037e4-0000-0200-0000-602e06f60000"');
		expect(requests[1].body).toEqual([
			{ op: 'replace', path: '/scheduleParams/frequency', value: 'day' },
			{ op: 'replace', path: '/name', value: 'Database Dataflow Feb2021' },
			{ op: 'replace', path: '/description', value: 'Database dataflow for testing update API' },
		]);
	});

	it('Update Mapping reproduces the tutorial request on the Mapping transformation', async () => {
		readThenPatch(databaseFlow.id, { items: [databaseFlow] });

		await runNode({
			operation: 'updateMapping',
			flowId: byId(databaseFlow.id),
			mappingId: 'c5f22f04e09f44498e528901546a83b1',
			mappingVersion: 2,
		});

		const index = databaseFlow.transformations.findIndex((t) => t.name === 'Mapping');
		expect(requests[1].body).toEqual([
			{
				op: 'replace',
				path: `/transformations/${index}`,
				value: {
					name: 'Mapping',
					params: { mappingId: 'c5f22f04e09f44498e528901546a83b1', mappingVersion: 2 },
				},
			},
		]);
	});

	it('Add Profile Attributes reproduces the tutorial request', async () => {
		readThenPatch(tutorialFlow.id, { items: [tutorialFlow] });

		await runNode({
			operation: 'addProfileAttributes',
			flowId: byId(tutorialFlow.id),
			attributes: { attribute: [{ path: 'mobilePhone.status' }] },
		});

		expect(requests[1].body).toEqual([
			{
				op: 'add',
				path: '/transformations/0/params/profileSelectors/selectors/-',
				value: { type: 'JSON_PATH', value: { path: 'mobilePhone.status', operator: 'EXISTS' } },
			},
		]);
	});

	it('Add Audiences in JSON mode takes flat entries and selectors as Get returns them, from an expression', async () => {
		readThenPatch(tutorialFlow.id, { items: [tutorialFlow] });
		const streaming = { id: 'e80a8740-c91d-4354-9351-a761d60130e8' };
		const asSelector = {
			type: 'PLATFORM_SEGMENT',
			value: {
				id: '2edbd109-0d38-4b5e-ab21-dd6f1c5bdfe1',
				exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
				schedule: { frequency: 'EVERY_6_HOURS', startDate: '2026-12-01', startTime: '06:00' },
			},
		};

		const result = await runNode(
			{
				operation: 'addAudiences',
				flowId: byId(tutorialFlow.id),
				audienceInput: 'json',
				audiencesJson: '={{ $json.audiences }}',
			},
			{ triggerItems: [{ json: { audiences: [streaming, asSelector] } }] },
		);

		expect(result.status).toBe('success');
		expect(requests[1].body).toEqual([
			{
				op: 'add',
				path: '/transformations/0/params/segmentSelectors/selectors/-',
				value: { type: 'PLATFORM_SEGMENT', value: streaming },
			},
			{
				op: 'add',
				path: '/transformations/0/params/segmentSelectors/selectors/-',
				value: {
					type: 'PLATFORM_SEGMENT',
					value: {
						id: '2edbd109-0d38-4b5e-ab21-dd6f1c5bdfe1',
						filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
						exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
						schedule: { startDate: '2026-12-01', frequency: 'EVERY_6_HOURS', startTime: '06:00' },
					},
				},
			},
		]);
	});

	it('Add Audiences in JSON mode refuses an empty list and a non-object entry', async () => {
		const empty = await runNode({
			operation: 'addAudiences',
			flowId: byId(tutorialFlow.id),
			audienceInput: 'json',
			audiencesJson: '[]',
		});
		const bad = await runNode({
			operation: 'addAudiences',
			flowId: byId(tutorialFlow.id),
			audienceInput: 'json',
			audiencesJson: '[42]',
		});
		const broken = await runNode({
			operation: 'addAudiences',
			flowId: byId(tutorialFlow.id),
			audienceInput: 'json',
			audiencesJson: '[{',
		});

		expect(requests).toEqual([]);
		expect(empty.error?.message).toBe('Audiences (JSON): Add at least one audience (item 1)');
		expect(bad.error?.message).toContain(
			'Audiences (JSON) › Entry 1: Each audience must be an object, got number 42 (item 1)',
		);
		expect(broken.error?.message).toContain('Not valid JSON');
	});

	it('Apply JSON Patch with a supplied etag skips the read and quotes a bare etag', async () => {
		acceptPatch(tutorialFlow.id);

		const result = await runNode({
			operation: 'applyJsonPatch',
			flowId: byId(tutorialFlow.id),
			operations: JSON.stringify([{ op: 'replace', path: '/description', value: 'x' }]),
			etag: ETAG.replace(/"/g, ''),
		});

		expect(requests.map((r) => r.method)).toEqual(['PATCH']);
		expect(requests[0].headers['if-match']).toBe(ETAG);
		expect(outputJson(result)[0]).toMatchObject({
			changed: true,
			etag: NEW_ETAG,
			previousEtag: ETAG,
		});
	});

	it('Apply JSON Patch refuses a move before sending anything', async () => {
		const result = await runNode({
			operation: 'applyJsonPatch',
			flowId: byId(tutorialFlow.id),
			operations: JSON.stringify([{ op: 'move', from: '/name', path: '/description' }]),
		});

		expect(requests).toEqual([]);
		expect(result.error?.message).toContain('op "move" is not supported');
		expect(result.error?.message).toMatch(/ › Entry 1 › op: .* \(item 1\)$/);
	});

	const pickDataflow = (filter?: string, paginationToken?: string) =>
		listSearch('searchDataflows', 'get', filter, paginationToken);
	const pageToken = (n: number) => `${FLOWS_PATH}?continuationToken=p${n}`;

	it('the dataflow picker lists destination dataflows by name, one page per call, and hands out the next page token', async () => {
		listing(FLOWS_PATH, listPage(2, 0, pageToken(2)));

		const result = await pickDataflow();

		expect(result).toEqual({
			results: [
				{ name: 'Flow 0', value: 'flow-0', description: 'enabled · flow-0' },
				{ name: 'Flow 1', value: 'flow-1', description: 'enabled · flow-1' },
			],
			paginationToken: pageToken(2),
		});
		const query = new URL(requests[0].path, PLATFORM).searchParams;
		expect([query.getAll('property'), query.get('limit'), query.get('orderby')]).toEqual([
			[DESTINATION_FILTER],
			'100',
			'name',
		]);
	});

	it('a name search reads on through the pages, so matches on later pages come back in one call', async () => {
		nock(PLATFORM)
			.get(FLOWS_PATH)
			.query((query) => !query.continuationToken)
			.reply(answer(200, listPage(2, 0, pageToken(2))))
			.get(FLOWS_PATH)
			.query({ continuationToken: 'p2' })
			.reply(answer(200, listPage(2, 10, pageToken(3))))
			.get(FLOWS_PATH)
			.query({ continuationToken: 'p3' })
			.reply(answer(200, listPage(2, 20)));

		const result = await pickDataflow('flow 1');

		expect(result).toEqual({
			results: ['flow-1', 'flow-10', 'flow-11'].map((id) => ({
				name: `Flow ${id.slice(5)}`,
				value: id,
				description: `enabled · ${id}`,
			})),
			paginationToken: undefined,
		});
		expect(
			requests.map((r) => new URL(r.path, PLATFORM).searchParams.get('continuationToken')),
		).toEqual([null, 'p2', 'p3']);
	});

	it('a broad name search stops reading once it has a page of matches, and hands out the token', async () => {
		listing(FLOWS_PATH, listPage(100, 0, pageToken(2)));

		const result = await pickDataflow('flow');

		expect(result.results).toHaveLength(100);
		expect(result.paginationToken).toBe(pageToken(2));
		expect(requests).toHaveLength(1);
	});

	it(`a name search stops after ${SEARCH_PAGES_PER_CALL} pages and carries on from the token it hands out`, async () => {
		for (let n = 1; n <= SEARCH_PAGES_PER_CALL; n++) {
			nock(PLATFORM)
				.get(FLOWS_PATH)
				.query((query) => query.continuationToken === `p${n}`)
				.reply(answer(200, listPage(1, n, pageToken(n + 1))));
		}

		const result = await pickDataflow('no such name', pageToken(1));

		expect(result).toEqual({ results: [], paginationToken: pageToken(SEARCH_PAGES_PER_CALL + 1) });
		expect(requests).toHaveLength(SEARCH_PAGES_PER_CALL);
	});
});
