import type { AxiosResponse } from 'axios';
import {
	DISABLED_FLOW_ID,
	PROFILE_MAPPING_FLOW_ID,
	SOURCES_MAPPING_FLOW_ID,
	STREAMING_FLOW_ID,
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_FLOW_ID,
} from '../../emulator';
import { isRealDate, validateFlow } from '../../emulator/validation';
import { expectFlowError, getFlow, patch, useApi } from './support';

const SELECTORS = '/transformations/0/params/segmentSelectors/selectors';
const TEMPLATE = '%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%';
const INCREMENTAL = { exportMode: 'FIRST_FULL_THEN_INCREMENTAL' };

function audience(
	id: string,
	overrides: Record<string, unknown> = {},
	schedule: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		type: 'PLATFORM_SEGMENT',
		value: {
			id,
			name: 'Test audience',
			filenameTemplate: TEMPLATE,
			exportMode: 'DAILY_FULL_EXPORT',
			schedule: { frequency: 'DAILY', startDate: '2024-02-01', startTime: '08:00', ...schedule },
			...overrides,
		},
	};
}

describe('audience export rules on PATCH results', () => {
	const api = useApi();
	beforeEach(() => api.emu.reset());

	async function add(flowId: string, value: unknown) {
		const flow = await getFlow(api, flowId);
		return patch(api, flowId, flow.etag, [{ op: 'add', path: `${SELECTORS}/-`, value }]);
	}

	/** Expects a 1100-400 whose message names the field. */
	async function refused(flowId: string, value: unknown, field: string) {
		const r = await add(flowId, value);
		const body = expectFlowError(r, '1100-400');
		expect(body.errorMessage).toMatch(
			/^The request could not be processed\. Error from flow provider: /,
		);
		expect(body.errorMessage).toContain(field);
		return body.errorMessage as string;
	}

	/** Expects the tutorial flow to refuse a new audience with this schedule, naming `schedule.field`. */
	function refusedSchedule(
		schedule: Record<string, unknown>,
		field: string,
		overrides: Record<string, unknown> = {},
	) {
		return refused(TUTORIAL_FLOW_ID, audience(id(), overrides, schedule), at(`schedule.${field}`));
	}

	const at = (field: string) =>
		`transformations[0].params.segmentSelectors.selectors[4].value.${field}`;
	let n = 0;
	const id = () => `0b5e${String(++n).padStart(4, '0')}-0000-4000-8000-000000000000`;

	it('accepts every valid combination of export mode, frequency and trigger', async () => {
		const valid = [
			audience(id(), {}, { frequency: 'ONCE' }),
			audience(id(), {}, { frequency: 'DAILY', endDate: '2024-03-01' }),
			audience(id(), {}, { frequency: 'DAILY', triggerType: 'SCHEDULED' }),
			audience(
				id(),
				{},
				{ frequency: 'ONCE', triggerType: 'AFTER_SEGMENT_EVAL', startTime: undefined },
			),
			...['DAILY', 'EVERY_3_HOURS', 'EVERY_6_HOURS', 'EVERY_8_HOURS', 'EVERY_12_HOURS'].map(
				(frequency) => audience(id(), INCREMENTAL, { frequency }),
			),
		];
		const flow = await getFlow(api, TUTORIAL_FLOW_ID);
		const r = await patch(
			api,
			TUTORIAL_FLOW_ID,
			flow.etag,
			valid.map((value) => ({
				op: 'add',
				path: `${SELECTORS}/-`,
				value: JSON.parse(JSON.stringify(value)),
			})),
		);
		expect(r.status).toBe(200);
	});

	it('refuses frequencies the export mode does not allow', async () => {
		await refusedSchedule({ frequency: 'EVERY_3_HOURS' }, 'frequency');
		await refusedSchedule({ frequency: 'ONCE' }, 'frequency', INCREMENTAL);
		await refused(TUTORIAL_FLOW_ID, audience(id(), { exportMode: 'WEEKLY' }), at('exportMode'));
		await refused(TUTORIAL_FLOW_ID, audience(id(), { schedule: undefined }), at('schedule'));
	});

	it('applies the triggerType rules', async () => {
		await refusedSchedule({ triggerType: 'AFTER_SEGMENT_EVAL' }, 'startTime');
		const afterEvaluation = { triggerType: 'AFTER_SEGMENT_EVAL', startTime: undefined };
		await refusedSchedule(afterEvaluation, 'triggerType', INCREMENTAL);
		await refusedSchedule({ triggerType: 'SOMETIMES' }, 'triggerType');
		await refusedSchedule({ triggerType: 'SCHEDULED', startTime: undefined }, 'startTime');
		await refusedSchedule({ startTime: undefined }, 'startTime');
	});

	it('checks startTime is HH:MM on the hour', async () => {
		expect(await refusedSchedule({ startTime: '16:30' }, 'startTime')).toContain(
			'minutes must be 00',
		);
		for (const startTime of ['24:00', '8:00', '08:00:00']) {
			await refusedSchedule({ startTime }, 'startTime');
		}
	});

	it('checks dates are real YYYY-MM-DD days and endDate is not used with a one-off full export', async () => {
		for (const startDate of ['2021-02-30', '01/02/2024', undefined]) {
			await refusedSchedule({ startDate }, 'startDate');
		}
		await refusedSchedule({ endDate: '2024-13-01' }, 'endDate');
		expect(
			await refusedSchedule({ frequency: 'ONCE', endDate: '2024-03-01' }, 'endDate'),
		).toContain('ONCE');
		expect(isRealDate('2024-02-29')).toBe(true);
		expect(isRealDate('2023-02-29')).toBe(false);
	});

	it('checks the legacy file name template', async () => {
		const refusedTemplate = (template: Record<string, unknown>, named: string) =>
			refused(TUTORIAL_FLOW_ID, audience(id(), template), named);
		await refusedTemplate({ filenameTemplate: '%DESTINATION_NAME%_%TIMESTAMP%' }, '%SEGMENT_ID%');
		await refusedTemplate({ filenameTemplate: '%SEGMENT_ID%' }, '%DESTINATION_NAME%');
		await refusedTemplate({ filenameTemplate: `${TEMPLATE}_${'x'.repeat(255)}` }, 'at most 255');
		await refusedTemplate({ filenameTemplate: undefined }, at('filenameTemplate'));
		// The schema's spelling is accepted and checked the same way.
		const schemaSpelling = (fileNameTemplate: string) => ({
			filenameTemplate: undefined,
			fileNameTemplate,
		});
		await refusedTemplate(schemaSpelling('%SEGMENT_ID%'), at('fileNameTemplate'));
		const accepted = await add(TUTORIAL_FLOW_ID, audience(id(), schemaSpelling(TEMPLATE)));
		expect(accepted.status).toBe(200);
	});

	it('lets profileMapping flows use the newer macros without %DESTINATION_NAME%', async () => {
		const r = await add(
			PROFILE_MAPPING_FLOW_ID,
			audience(id(), { filenameTemplate: '%DESTINATION%_%SEGMENT_NAME%' }),
		);
		expect(r.status).toBe(200);
	});

	it('refuses an audience id already in the flow', async () => {
		const message = await refused(TUTORIAL_FLOW_ID, audience(TUTORIAL_AUDIENCE_IDS[1]), at('id'));
		expect(message).toContain('selectors[1]');
		await refused(
			TUTORIAL_FLOW_ID,
			{ type: 'PLATFORM_SEGMENT', value: { name: 'no id' } },
			at('id'),
		);
	});

	it('accepts id-only audiences on streaming flows', async () => {
		expect(
			(await add(STREAMING_FLOW_ID, { type: 'PLATFORM_SEGMENT', value: { id: id() } })).status,
		).toBe(200);
		const flow = await getFlow(api, STREAMING_FLOW_ID);
		expect(flow.transformations[0].params.segmentSelectors.selectors).toHaveLength(3);
	});

	it('never mixes IDENTITY and ATTRIBUTE deduplication keys and caps their number', async () => {
		const path = '/transformations/0/params/profileSelectors/primaryFields';
		const tutorial = await getFlow(api, TUTORIAL_FLOW_ID);
		const mixed = await patch(api, TUTORIAL_FLOW_ID, tutorial.etag, [
			{
				op: 'add',
				path: `${path}/-`,
				value: { fieldType: 'ATTRIBUTE', attributePath: 'person.name.lastName' },
			},
		]);
		expect(expectFlowError(mixed, '1100-400').errorMessage).toContain(
			'cannot mix IDENTITY and ATTRIBUTE',
		);

		const twoIdentities = await patch(api, TUTORIAL_FLOW_ID, tutorial.etag, [
			{
				op: 'add',
				path: `${path}/-`,
				value: { fieldType: 'IDENTITY', identityNamespace: 'Phone' },
			},
		]);
		expectFlowError(twoIdentities, '1100-400');

		// The disabled flow already has two attribute keys: a third is one too many.
		const disabled = await getFlow(api, DISABLED_FLOW_ID);
		const third = await patch(api, DISABLED_FLOW_ID, disabled.etag, [
			{ op: 'add', path: `${path}/-`, value: { fieldType: 'ATTRIBUTE', attributePath: 'x.y' } },
		]);
		expect(expectFlowError(third, '1100-400').errorMessage).toContain('two attributes at most');

		const swap = await patch(api, DISABLED_FLOW_ID, disabled.etag, [
			{ op: 'replace', path, value: [{ fieldType: 'IDENTITY', identityNamespace: 'Email' }] },
		]);
		expect(swap.status).toBe(200);

		const v2 = await getFlow(api, PROFILE_MAPPING_FLOW_ID);
		const v2mixed = await patch(api, PROFILE_MAPPING_FLOW_ID, v2.etag, [
			{
				op: 'add',
				path: '/transformations/0/params/primaryFields/-',
				value: { fieldType: 'ATTRIBUTE', attributePath: 'a.b' },
			},
		]);
		expect(expectFlowError(v2mixed, '1100-400').errorMessage).toContain(
			'transformations[0].params.primaryFields',
		);
	});

	it('enforces the 250-audience and 50-attribute guardrails', async () => {
		const flow = await getFlow(api, STREAMING_FLOW_ID);
		const many = Array.from({ length: 248 }, (_, i) => ({
			op: 'add',
			path: `${SELECTORS}/-`,
			value: {
				type: 'PLATFORM_SEGMENT',
				value: { id: `5e9a${String(i).padStart(4, '0')}-0000-4000-8000-000000000000` },
			},
		}));
		const ok = await patch(api, STREAMING_FLOW_ID, flow.etag, many);
		expect(ok.status).toBe(200);
		const over = await patch(api, STREAMING_FLOW_ID, ok.data.etag, [
			{
				op: 'add',
				path: `${SELECTORS}/-`,
				value: { type: 'PLATFORM_SEGMENT', value: { id: 'one-too-many' } },
			},
		]);
		expect(expectFlowError(over, '1100-400').errorMessage).toContain('at most 250 audiences');

		const tutorial = await getFlow(api, TUTORIAL_FLOW_ID);
		const attributes = (count: number) =>
			Array.from({ length: count }, (_, i) => ({
				op: 'add',
				path: '/transformations/0/params/profileSelectors/selectors/-',
				value: { type: 'JSON_PATH', value: { path: `custom.field${i}`, operator: 'EXISTS' } },
			}));
		expectFlowError(await patch(api, TUTORIAL_FLOW_ID, tutorial.etag, attributes(46)), '1100-400');
		expect((await patch(api, TUTORIAL_FLOW_ID, tutorial.etag, attributes(45))).status).toBe(200);
	});

	it('checks profile selectors, mandatory fields and mappings', async () => {
		const tutorial = await getFlow(api, TUTORIAL_FLOW_ID);
		const notJsonPath = await patch(api, TUTORIAL_FLOW_ID, tutorial.etag, [
			{
				op: 'add',
				path: '/transformations/0/params/profileSelectors/selectors/-',
				value: { type: 'XPATH', value: { path: 'a' } },
			},
		]);
		expect(expectFlowError(notJsonPath, '1100-400').errorMessage).toContain(
			'profileSelectors.selectors[5].type',
		);
		const badMandatory = await patch(api, TUTORIAL_FLOW_ID, tutorial.etag, [
			{ op: 'add', path: '/transformations/0/params/profileSelectors/mandatoryFields/-', value: 7 },
		]);
		expectFlowError(badMandatory, '1100-400');

		const v2 = await getFlow(api, PROFILE_MAPPING_FLOW_ID);
		const badMapping = await patch(api, PROFILE_MAPPING_FLOW_ID, v2.etag, [
			{
				op: 'replace',
				path: '/transformations/0/params/profileMapping',
				value: { mappingId: 'x' },
			},
		]);
		expect(expectFlowError(badMapping, '1100-400').errorMessage).toContain(
			'profileMapping.mappingVersion',
		);
		const goodMapping = await patch(api, PROFILE_MAPPING_FLOW_ID, v2.etag, [
			{
				op: 'add',
				path: '/transformations/0/params/profileMapping',
				value: { mappingId: '7acb0b72008d4ca1982970041834d40e', mappingVersion: 0 },
			},
		]);
		expect(goodMapping.status).toBe(200);

		const sources = await getFlow(api, SOURCES_MAPPING_FLOW_ID);
		const badVersion = await patch(api, SOURCES_MAPPING_FLOW_ID, sources.etag, [
			{ op: 'replace', path: '/transformations/1/params/mappingVersion', value: 'two' },
		]);
		expect(expectFlowError(badVersion, '1100-400').errorMessage).toContain(
			'transformations[1].params.mappingVersion',
		);
	});

	it('finds no problem in any seeded flow', async () => {
		const ids: string[] = [];
		let next: string | undefined = '/flows';
		while (next) {
			const r: AxiosResponse = await api.fs.get(next);
			for (const f of r.data.items) expect([f.id, validateFlow(f)]).toEqual([f.id, undefined]);
			ids.push(...r.data.items.map((f: { id: string }) => f.id));
			next = r.data._links.next?.href;
		}
		expect(ids.length).toBeGreaterThan(150);
	});
});
