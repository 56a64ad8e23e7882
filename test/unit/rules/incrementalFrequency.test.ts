import { buildAudienceSelector, flattenAudienceEntry } from '@node/rules/audiences';
import { parseSettingsChange } from '@node/rules/audienceSettings';
import { mappedAudienceEntry } from '@node/rules/inputFields';
import { fieldLabel } from '@node/model/fieldLabel';
import { FlowServiceDestination } from '@node/FlowServiceDestination.node';
import { expectInputError } from '../fixtures';

const ID = '2d79d0d8-724f-49fc-a09d-d1dec338c93c';
const FIELD = 'audiences.audience[0]';
const INCREMENTAL = 'FIRST_FULL_THEN_INCREMENTAL';
const FULL = 'DAILY_FULL_EXPORT';
const schedule = { startDate: '2026-12-01', startTime: '20:00' };

const selector = (entry: Record<string, unknown>) =>
	buildAudienceSelector(flattenAudienceEntry(entry, FIELD), FIELD);

describe('an incremental export’s frequency in node version 2 (incrementalFrequency)', () => {
	it('is the frequency Adobe gets, over a hidden frequency left from another mode', () => {
		const entry = {
			id: ID,
			exportMode: INCREMENTAL,
			frequency: 'ONCE',
			incrementalFrequency: 'EVERY_6_HOURS',
			...schedule,
		};
		expect(flattenAudienceEntry(entry, FIELD)).toEqual({
			id: ID,
			exportMode: INCREMENTAL,
			frequency: 'EVERY_6_HOURS',
			...schedule,
		});
		expect(selector(entry).value.schedule?.frequency).toBe('EVERY_6_HOURS');
	});

	it.each([
		[
			'counts for nothing with Full Files, where the editor hides it',
			FULL,
			'DAILY',
			'EVERY_3_HOURS',
		],
		[
			'left empty, gives way to a frequency given (both shown when the export mode is an expression)',
			INCREMENTAL,
			'EVERY_3_HOURS',
			'',
		],
	])('%s', (_title, exportMode, frequency, incrementalFrequency) => {
		const entry = { id: ID, exportMode, frequency, incrementalFrequency, ...schedule };
		expect(selector(entry).value.schedule?.frequency).toBe(frequency);
	});

	it('left empty, fails as the editor labels the field, before anything is built', () => {
		const error = expectInputError(
			() => selector({ id: ID, exportMode: INCREMENTAL, incrementalFrequency: '', ...schedule }),
			`${FIELD}.frequency`,
			/Frequency is required with export mode FIRST_FULL_THEN_INCREMENTAL/,
		);
		expect(fieldLabel(new FlowServiceDestination().description.properties, error.field)).toBe(
			'Audiences › Audience 1 › Frequency',
		);
	});

	it('is read by Update Audience Export Settings too', () => {
		const change = parseSettingsChange(
			{ id: ID, exportMode: INCREMENTAL, incrementalFrequency: 'EVERY_12_HOURS' },
			'audienceSettings.audience[0]',
		);
		expect(change.set).toEqual({ exportMode: INCREMENTAL, frequency: 'EVERY_12_HOURS' });
	});
});

describe('frequency as JSON and mapped input say it, unchanged', () => {
	it('JSON entries keep `frequency` for an incremental export', () => {
		const entry = { id: ID, exportMode: INCREMENTAL, frequency: 'EVERY_3_HOURS', ...schedule };
		expect(selector(entry).value.schedule?.frequency).toBe('EVERY_3_HOURS');
		expect(
			parseSettingsChange({ id: ID, frequency: 'EVERY_8_HOURS' }, 'audienceSettingsJson[0]').set,
		).toEqual({ frequency: 'EVERY_8_HOURS' });
	});

	it('Get-style selectors keep their schedule’s frequency', () => {
		const entry = {
			type: 'PLATFORM_SEGMENT',
			value: { id: ID, exportMode: INCREMENTAL, schedule: { frequency: 'DAILY', ...schedule } },
		};
		expect(selector(entry).value.schedule?.frequency).toBe('DAILY');
	});

	it('mapped input fields keep `frequency`', () => {
		const entry = mappedAudienceEntry({
			audienceId: ID,
			exportMode: INCREMENTAL,
			frequency: 'EVERY_6_HOURS',
			...schedule,
		});
		expect(buildAudienceSelector(entry, '$json').value.schedule?.frequency).toBe('EVERY_6_HOURS');
	});

	it('a frequency that does not fit the mode still fails, naming Frequency', () => {
		expectInputError(
			() => selector({ id: ID, exportMode: INCREMENTAL, frequency: 'ONCE', ...schedule }),
			`${FIELD}.frequency`,
			/"ONCE" is not allowed with export mode FIRST_FULL_THEN_INCREMENTAL/,
		);
	});
});
