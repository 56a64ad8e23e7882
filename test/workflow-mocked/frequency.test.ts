import { DEFAULT_FILENAME_TEMPLATE } from '@node/rules/audiences';
import { recordAdobe } from './setup';
import {
	FLOW_ID,
	FLOW_PATH,
	ETAG,
	NEW_AUDIENCE,
	SELECTORS,
	runOnTutorial,
	tutorialFlowWith,
} from './tutorial';

const INCREMENTAL = 'FIRST_FULL_THEN_INCREMENTAL';
const schedule = { startDate: '2026-12-01', startTime: '20:00' };
const noCheck = { options: { checkAudiencesExist: false } };

/** The selector Adobe must get for an incremental export every 6 hours. */
const incrementalSelector = {
	type: 'PLATFORM_SEGMENT',
	value: {
		id: NEW_AUDIENCE,
		exportMode: INCREMENTAL,
		filenameTemplate: DEFAULT_FILENAME_TEMPLATE,
		schedule: { frequency: 'EVERY_6_HOURS', ...schedule },
	},
};

function addIncremental(entry: Record<string, unknown>, typeVersion: number) {
	return runOnTutorial(
		'addAudiences',
		{
			audiences: {
				audience: [{ id: NEW_AUDIENCE, exportMode: INCREMENTAL, ...schedule, ...entry }],
			},
			...noCheck,
		},
		{ node: { typeVersion } },
	);
}

describe('Frequency of an incremental export, through the engine', () => {
	const { requests, readThenPatch } = recordAdobe();

	it('version 2 sends the Incremental Files frequency (incrementalFrequency) in the PATCH', async () => {
		readThenPatch(FLOW_ID, tutorialFlowWith(ETAG));

		const result = await addIncremental({ incrementalFrequency: 'EVERY_6_HOURS' }, 2);

		expect(result.status).toBe('success');
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET ${FLOW_PATH}`,
			`PATCH ${FLOW_PATH}`,
		]);
		expect(requests[1].body).toEqual([
			{ op: 'add', path: `${SELECTORS}/-`, value: incrementalSelector },
		]);
	});

	it('version 1, as saved, sends its one Frequency field unchanged', async () => {
		readThenPatch(FLOW_ID, tutorialFlowWith(ETAG));

		const result = await addIncremental({ frequency: 'EVERY_6_HOURS' }, 1);

		expect(result.status).toBe('success');
		expect(requests[1].body).toEqual([
			{ op: 'add', path: `${SELECTORS}/-`, value: incrementalSelector },
		]);
	});

	it('version 2 with an expression as export mode keeps both Frequency fields; the one filled counts', async () => {
		readThenPatch(FLOW_ID, tutorialFlowWith(ETAG));

		const result = await addIncremental(
			{ exportMode: `={{ '${INCREMENTAL}' }}`, frequency: 'EVERY_6_HOURS' },
			2,
		);

		expect(result.status).toBe('success');
		expect(requests[1].body).toEqual([
			{ op: 'add', path: `${SELECTORS}/-`, value: incrementalSelector },
		]);
	});

	it('version 2 without an incremental frequency fails naming the field as labelled; nothing is sent', async () => {
		const result = await addIncremental({ incrementalFrequency: '' }, 2);

		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('Audiences › Audience 1 › Frequency');
		expect(result.error?.message).toContain('item 1');
		expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
	});
});
