import { flattenAudienceEntry } from '@node/rules/audiences';
import { parseSettingsChange } from '@node/rules/audienceSettings';
import { mappedAudienceEntry } from '@node/rules/inputFields';
import { desiredAudiences } from '@node/rules/syncAudiences';

const ID = '2d79d0d8-724f-49fc-a09d-d1dec338c93c';
const TEMPLATE = '%DESTINATION_NAME%_%SEGMENT_ID%_custom';
const schedule = { frequency: 'DAILY', startDate: '2026-12-01', startTime: '20:00' };

/** Adobe's answers and examples spell the template both ways: every reader takes both. */
describe('file name template, spelled filenameTemplate or fileNameTemplate', () => {
	it.each(['filenameTemplate', 'fileNameTemplate'])(
		'reads %s from a selector as Get returns it and from a flat entry',
		(key) => {
			const selector = {
				type: 'PLATFORM_SEGMENT',
				value: { id: ID, exportMode: 'DAILY_FULL_EXPORT', [key]: TEMPLATE, schedule },
			};
			const flat = { id: ID, exportMode: 'DAILY_FULL_EXPORT', [key]: TEMPLATE, ...schedule };
			for (const entry of [selector, flat]) {
				const read = flattenAudienceEntry(entry, 'audiencesJson[0]');
				expect(read.filenameTemplate).toBe(TEMPLATE);
				expect(read).not.toHaveProperty('fileNameTemplate');
			}
		},
	);

	it('prefers filenameTemplate when an entry holds both', () => {
		const entry = { id: ID, filenameTemplate: 'a', fileNameTemplate: 'b' };
		expect(flattenAudienceEntry(entry, 'f').filenameTemplate).toBe('a');
	});

	it('adds and syncs with the template of either spelling', () => {
		const entry = flattenAudienceEntry(
			{ id: ID, exportMode: 'DAILY_FULL_EXPORT', fileNameTemplate: TEMPLATE, ...schedule },
			'audiences[0]',
		);
		const [desired] = desiredAudiences([entry], ['audiences[0]']);
		expect(desired.selector.value.filenameTemplate).toBe(TEMPLATE);
		expect(desired.givesFilenameTemplate).toBe(true);
	});

	it('changes export settings with the template of either spelling', () => {
		const flat = parseSettingsChange({ id: ID, fileNameTemplate: TEMPLATE }, 'settings[0]');
		expect(flat.set).toEqual({ filenameTemplate: TEMPLATE });
		const selector = parseSettingsChange(
			{ value: { id: ID, fileNameTemplate: TEMPLATE } },
			'settings[0]',
		);
		expect(selector.set).toEqual({ filenameTemplate: TEMPLATE });
	});

	it('maps an input item that carries fileNameTemplate', () => {
		expect(mappedAudienceEntry({ audienceId: ID, fileNameTemplate: TEMPLATE })).toEqual({
			id: ID,
			filenameTemplate: TEMPLATE,
		});
	});
});
