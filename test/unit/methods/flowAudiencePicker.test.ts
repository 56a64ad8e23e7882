import { flowAudienceResults } from '@node/methods/flowAudienceSearch';
import { tutorialFlow } from '../fixtures';

describe("Export Now's picker: the dataflow's own audiences", () => {
	it('offers every audience of the dataflow by name, with its ID', () => {
		const { results } = flowAudienceResults(tutorialFlow());

		expect(results).toHaveLength(4);
		expect(results[1]).toEqual({
			name: 'Birth year 1970',
			value: 'f52a3785-2e7c-40a7-8137-9be99af7794e',
			description: 'f52a3785-2e7c-40a7-8137-9be99af7794e',
		});
	});

	it('keeps the names containing the search text, whatever the case', () => {
		expect(flowAudienceResults(tutorialFlow(), 'gcm_').results.map((r) => r.name)).toEqual([
			'GCM_E2E_PersonId_Test',
			'GCM_NewBatch_Segment',
		]);
	});

	it('offers nothing for a dataflow without audiences', () => {
		expect(flowAudienceResults({ id: 'f', etag: '"e"' }).results).toEqual([]);
	});
});
