/**
 * A start date before today (UTC) is sent as given and told: in the summary sentence and in a
 * `warnings` list, wherever an update sets one. The dates are far from any run's today (2025 and
 * 2099), except in the last suite, which sets the run's clock.
 */
import { outputJson, recordAdobe } from './setup';
import {
	CURRENT,
	ETAG,
	FLOW_ID,
	NEW_AUDIENCE,
	SELECTORS,
	UPDATED_FIRST_TRY,
	A0,
	A1,
	picked,
	replaceAt,
	runOnTutorial,
	tutorialFlowWith,
} from './tutorial';

const NEW_NAME = 'Winter 2021/2022 campaign';
const batch = (startDate: string) => ({
	exportMode: 'DAILY_FULL_EXPORT',
	frequency: 'DAILY',
	startDate,
	startTime: '20:00',
});
const newSelector = (startDate: string, id = NEW_AUDIENCE, name = NEW_NAME) => ({
	type: 'PLATFORM_SEGMENT',
	value: {
		id,
		name,
		exportMode: 'DAILY_FULL_EXPORT',
		filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
		schedule: { startDate, frequency: 'DAILY', startTime: '20:00' },
	},
});
const addNew = (startDate: string, id = NEW_AUDIENCE, name = NEW_NAME) => ({
	audiences: { audience: [{ id: picked(id), name, ...batch(startDate) }] },
});
const NEW_WARNING = `Start date 2025-01-15 of audience ${NEW_NAME} (${NEW_AUDIENCE}) is before today (UTC)`;
const NEW_CLAUSE = `warning: 1 start date is before today in UTC (${NEW_NAME}: 2025-01-15)`;

describe('a start date before today is warned of, never refused', () => {
	const { requests, readFlow, readThenPatch } = recordAdobe();

	it('Add Audiences, Start Date 2025-01-15: the dry run says it would add it, with a warning', async () => {
		readFlow(FLOW_ID, tutorialFlowWith(ETAG));

		const result = await runOnTutorial('addAudiences', {
			...addNew('2025-01-15'),
			options: { dryRun: true },
		});

		expect(requests.map((r) => r.method)).toEqual(['GET']);
		expect(outputJson(result)).toEqual([
			{
				summary: `Would add 1 audience (${NEW_NAME}); ${NEW_CLAUSE}`,
				changed: false,
				added: [{ id: NEW_AUDIENCE, name: NEW_NAME }],
				removed: [],
				updated: [],
				skipped: [],
				warnings: [NEW_WARNING],
				flowId: FLOW_ID,
				etag: ETAG,
				operations: [{ op: 'add', path: `${SELECTORS}/-`, value: newSelector('2025-01-15') }],
				dryRun: true,
			},
		]);
	});

	it('Add Audiences, Start Date 2025-01-15: the real run sends it as given and says it added it, with the warning', async () => {
		readThenPatch(FLOW_ID, tutorialFlowWith(ETAG));

		const result = await runOnTutorial('addAudiences', addNew('2025-01-15'));

		expect(requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
		expect(requests[1].body).toEqual([
			{ op: 'add', path: `${SELECTORS}/-`, value: newSelector('2025-01-15') },
		]);
		const [item] = outputJson(result);
		expect(item.summary).toBe(`Added 1 audience (${NEW_NAME}); ${NEW_CLAUSE}`);
		expect(item.warnings).toEqual([NEW_WARNING]);
		expect(item).toMatchObject(UPDATED_FIRST_TRY);
	});

	it('a start date ahead: no warning, and no `warnings` key', async () => {
		readThenPatch(FLOW_ID, tutorialFlowWith(ETAG));

		const result = await runOnTutorial('addAudiences', addNew('2099-01-15'));

		const [item] = outputJson(result);
		expect(item.summary).toBe(`Added 1 audience (${NEW_NAME})`);
		expect(item).not.toHaveProperty('warnings');
	});

	it('Sync Audiences: the new audience’s past start date is told; one kept as the dataflow has it is not', async () => {
		readThenPatch(FLOW_ID, tutorialFlowWith(ETAG));

		const result = await runOnTutorial('syncAudiences', {
			audiences: {
				audience: [
					// As on the dataflow: skipped.
					{ id: A0, exportMode: 'DAILY_FULL_EXPORT', frequency: 'ONCE', ...startOf(0) },
					// Another frequency, its start date (2021-12-23) as the dataflow has it.
					{ id: A1, exportMode: 'DAILY_FULL_EXPORT', frequency: 'ONCE', ...startOf(1) },
					{ id: picked(NEW_AUDIENCE), name: NEW_NAME, ...batch('2025-01-15') },
				],
			},
			removeUnlisted: false,
		});

		const [item] = outputJson(result);
		expect(item.summary).toBe(
			`Added 1 audience (${NEW_NAME}), updated 1 audience (Birth year 1970); skipped 3: already on the dataflow with these settings, not in the list; kept because Remove Audiences Not Listed is off; ${NEW_CLAUSE}`,
		);
		expect(item.warnings).toEqual([NEW_WARNING]);
	});

	it('Update Audience Export Settings: a new past start date is told; a past one the change keeps is not', async () => {
		readThenPatch(FLOW_ID, tutorialFlowWith(ETAG));

		const result = await runOnTutorial('updateAudienceExportSettings', {
			audienceSettings: {
				audience: [
					{ id: A0, startDate: '2025-01-15' },
					{ id: A1, frequency: 'ONCE', removeFields: ['endDate'] },
				],
			},
		});

		expect(requests[1].body).toEqual([
			replaceAt(0, {
				...CURRENT[0].value,
				schedule: { startDate: '2025-01-15', frequency: 'ONCE', startTime: '20:00' },
			}),
			replaceAt(1, {
				...CURRENT[1].value,
				schedule: { startDate: '2021-12-23', frequency: 'ONCE', startTime: '20:00' },
			}),
		]);
		const [item] = outputJson(result);
		expect(item.summary).toBe(
			'Updated 2 audiences (Interested in Mountain Biking, Birth year 1970); warning: 1 start date is before today in UTC (Interested in Mountain Biking: 2025-01-15)',
		);
		expect(item.warnings).toEqual([
			`Start date 2025-01-15 of audience Interested in Mountain Biking (${A0}) is before today (UTC)`,
		]);
	});

	it('Update Info: a schedule start time on a past day is told with its UTC time', async () => {
		readThenPatch(FLOW_ID, tutorialFlowWith(ETAG));

		const result = await runOnTutorial('updateInfo', {
			updateFields: { scheduleStartTime: '2025-01-15T08:00:00Z' },
		});

		const startTime = Date.parse('2025-01-15T08:00:00Z') / 1000;
		expect(requests[1].body).toEqual([
			{ op: 'add', path: '/scheduleParams', value: { startTime } },
		]);
		const [item] = outputJson(result);
		expect(item.summary).toBe(
			'Added 1 value (scheduleParams); warning: 1 start date is before today in UTC (schedule: 2025-01-15T08:00:00Z)',
		);
		expect(item.warnings).toEqual([
			'Schedule start time 2025-01-15T08:00:00Z is before today (UTC)',
		]);
	});
});

/** An audience's start date and time as the tutorial dataflow has them. */
function startOf(index: number) {
	const { startDate, startTime } = CURRENT[index].value.schedule;
	return { startDate, startTime };
}

describe("today is the run's day in UTC", () => {
	const { readFlow } = recordAdobe();
	const timeZone = process.env.TZ;

	beforeEach(() => {
		// The run's clock at 23:30 on March 10 in Los Angeles: already March 11 in UTC.
		process.env.TZ = 'America/Los_Angeles';
		jest.useFakeTimers({
			now: new Date('2026-03-10T23:30:00-08:00'),
			doNotFake: [
				'hrtime',
				'nextTick',
				'performance',
				'queueMicrotask',
				'requestAnimationFrame',
				'cancelAnimationFrame',
				'requestIdleCallback',
				'cancelIdleCallback',
				'setImmediate',
				'clearImmediate',
				'setInterval',
				'clearInterval',
				'setTimeout',
				'clearTimeout',
			],
		});
	});

	afterEach(() => {
		jest.useRealTimers();
		if (timeZone === undefined) delete process.env.TZ;
		else process.env.TZ = timeZone;
	});

	it('March 10 is before today, March 11 is today', async () => {
		readFlow(FLOW_ID, tutorialFlowWith(ETAG));
		const second = '0b0b0b0b-1111-4222-8333-444444444444';

		const result = await runOnTutorial('addAudiences', {
			audiences: {
				audience: [
					{ id: picked(NEW_AUDIENCE), name: 'March 10', ...batch('2026-03-10') },
					{ id: picked(second), name: 'March 11', ...batch('2026-03-11') },
				],
			},
			options: { dryRun: true },
		});

		const [item] = outputJson(result);
		expect(item.summary).toBe(
			'Would add 2 audiences (March 10, March 11); warning: 1 start date is before today in UTC (March 10: 2026-03-10)',
		);
		expect(item.warnings).toEqual([
			`Start date 2026-03-10 of audience March 10 (${NEW_AUDIENCE}) is before today (UTC)`,
		]);
	});
});
