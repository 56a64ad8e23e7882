import { flowAudienceResults } from '@node/methods/flowAudienceSearch';
import { tutorialFlow } from '../fixtures';

describe("Export Now's picker: the dataflow's own audiences", () => {
	it('offers every audience of the dataflow by name and ID, the ID as the value', () => {
		const { results } = flowAudienceResults(tutorialFlow());

		expect(results).toHaveLength(4);
		expect(results[1]).toEqual({
			name: 'Birth year 1970 (f52a3785-2e7c-40a7-8137-9be99af7794e)',
			value: 'f52a3785-2e7c-40a7-8137-9be99af7794e',
			description: 'f52a3785-2e7c-40a7-8137-9be99af7794e',
		});
	});

	it('keeps the names containing the search text, whatever the case', () => {
		expect(flowAudienceResults(tutorialFlow(), 'gcm_').results.map((r) => r.value)).toEqual([
			'6caa79b9-39e0-4c37-892b-5061cdca2377',
			'4c41c318-9e8c-4a4f-b880-877cdd629fc7',
		]);
	});

	it('offers nothing for a dataflow without audiences', () => {
		expect(flowAudienceResults({ id: 'f', etag: '"e"' }).results).toEqual([]);
	});
});
