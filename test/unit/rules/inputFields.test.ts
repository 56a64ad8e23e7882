import { TUTORIAL_FLOW_ID } from '../../../emulator/fixtures/ids';
import { buildAudienceSelector } from '@node/rules/audiences';
import { mappedAudienceEntry, mappedAudienceId, mappedFlowId } from '@node/rules/inputFields';
import { expectInputError } from '../fixtures';

const AUDIENCE = '0b0b0b0b-1111-4222-8333-444444444441';

describe('input fields mapped automatically', () => {
	it('reads flowId as a dataflow ID or an Experience Platform URL, normalised', () => {
		expect(mappedFlowId({ flowId: TUTORIAL_FLOW_ID.toUpperCase() })).toBe(TUTORIAL_FLOW_ID);
		expect(
			mappedFlowId({
				flowId: `https://experience.adobe.com/#/@acme/sname:prod/platform/destination/browse/dataflow/${TUTORIAL_FLOW_ID}`,
			}),
		).toBe(TUTORIAL_FLOW_ID);
	});

	it.each([
		[{}, /has no flowId field/],
		[{ flowId: null }, /has no flowId field/],
		[{ flowId: '../x' }, /not a dataflow ID/],
		[{ flowId: 'a/b' }, /not a dataflow ID/],
		[{ flowId: 42 }, /as text, got number 42/],
	])('refuses %j, naming the input field', (json, message) => {
		expectInputError(() => mappedFlowId(json), '$json.flowId', message);
	});

	it.each([
		[{}, /has no audienceId field/],
		[{ audienceId: 'not-a-uuid' }, /is not an audience ID/],
		[{ audienceId: 7 }, /Audience ID/],
	])('refuses the audience of %j, naming the input field', (json, message) => {
		expectInputError(() => mappedAudienceId(json), '$json.audienceId', message);
	});

	it('takes the audience ID and the export settings an item carries, and nothing else', () => {
		const json = {
			flowId: TUTORIAL_FLOW_ID,
			audienceId: AUDIENCE.toUpperCase(),
			name: 'Loyal',
			exportMode: 'DAILY_FULL_EXPORT',
			frequency: 'DAILY',
			startDate: '2026-12-01',
			startTime: '06:00',
			endDate: null,
			campaign: 'x',
			id: 'ignored',
		};
		expect(mappedAudienceEntry(json)).toEqual({
			id: AUDIENCE,
			name: 'Loyal',
			exportMode: 'DAILY_FULL_EXPORT',
			frequency: 'DAILY',
			startDate: '2026-12-01',
			startTime: '06:00',
		});
	});

	it('validates mapped settings like any audience entry, naming the input field', () => {
		const entry = mappedAudienceEntry({
			audienceId: AUDIENCE,
			exportMode: 'DAILY_FULL_EXPORT',
			frequency: 'EVERY_3_HOURS',
		});
		expectInputError(
			() => buildAudienceSelector(entry, '$json'),
			'$json.frequency',
			/not allowed with export mode DAILY_FULL_EXPORT/,
		);
	});
});
