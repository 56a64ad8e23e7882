import { flowIdProperty, operationProperty, operations } from '@node/actions/operations';
import { fieldLabel } from '@node/model/fieldLabel';

const labelsOf = (operation: string) => [
	operationProperty,
	flowIdProperty,
	...operations[operation].description,
];

describe('fieldLabel: parameter paths in the editor’s words, positions from 1', () => {
	it.each([
		['addAudiences', 'audiences.audience[0].startTime', 'Audiences › Audience 1 › Start Time'],
		['addAudiences', 'audiences.audience[2].id', 'Audiences › Audience 3 › Audience'],
		['addAudiences', 'audiences.audience', 'Audiences › Audience'],
		['addAudiences', 'audiencesJson[0].frequency', 'Audiences (JSON) › Entry 1 › frequency'],
		['addAudiences', 'audiences.audience[0].frequency', 'Audiences › Audience 1 › Frequency'],
		[
			'syncAudiences',
			'audiences.audience[1].incrementalFrequency',
			'Audiences › Audience 2 › Frequency',
		],
		['addAudiences', 'flowId', 'Dataflow'],
		['syncAudiences', 'options.allowEmptyList', 'Options › Allow Empty List'],
		['getRuns', 'filters.startedAfter', 'Filters › Started After'],
		[
			'updateAudienceExportSettings',
			'audienceSettings.audience[1].endDate',
			'Audiences › Audience 2 › End Date',
		],
		['removeAudiences', 'audienceKeys', 'Audiences'],
		['addAudiences', 'somethingElse.key', 'somethingElse › key'],
	])('%s: %s → %s', (operation, path, label) => {
		expect(fieldLabel(labelsOf(operation), path)).toBe(label);
	});

	it('names a field of the input item as an input field', () => {
		expect(fieldLabel([], '$json.audienceId')).toBe('Input field "audienceId"');
	});

	it('does not walk into an options list (choices are not parameters)', () => {
		expect(fieldLabel(labelsOf('getRuns'), 'filters.status.Failed')).toBe(
			'Filters › Status › Failed',
		);
	});
});
