import { flowIdProperty, operationProperty, operations } from '@node/actions/operations';
import { fieldLabel } from '@node/model/fieldLabel';

const labelsOf = (operation: string) => [
	operationProperty,
	flowIdProperty,
	...operations[operation].description,
];

describe('fieldLabel: parameter paths in the editor’s words, positions from 1', () => {
	/** Per operation, since each one's description supplies the labels: path → label. */
	describe.each<[string, Array<[string, string]>]>([
		[
			'addAudiences',
			[
				['audiences.audience[0].startTime', 'Audiences › Audience 1 › Start Time'],
				['audiences.audience[2].id', 'Audiences › Audience 3 › Audience'],
				['audiences.audience', 'Audiences › Audience'],
				['audiencesJson[0].frequency', 'Audiences (JSON) › Entry 1 › frequency'],
				['audiences.audience[0].frequency', 'Audiences › Audience 1 › Frequency'],
				['flowId', 'Dataflow'],
				['somethingElse.key', 'somethingElse › key'],
			],
		],
		[
			'syncAudiences',
			[
				['audiences.audience[1].incrementalFrequency', 'Audiences › Audience 2 › Frequency'],
				['options.allowEmptyList', 'Options › Allow Empty List'],
			],
		],
		['getRuns', [['filters.startedAfter', 'Filters › Started After']]],
		[
			'updateAudienceExportSettings',
			[['audienceSettings.audience[1].endDate', 'Audiences › Audience 2 › End Date']],
		],
		['removeAudiences', [['audienceKeys', 'Audiences']]],
	])('%s', (operation, cases) => {
		it.each(cases)('%s → %s', (path, label) => {
			expect(fieldLabel(labelsOf(operation), path)).toBe(label);
		});
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
