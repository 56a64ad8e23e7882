import type { IDataObject } from 'n8n-workflow';

import { flowsExporting } from '@node/actions/audience/audienceDataflows';
import type { FlowListPage } from '@node/transport';
import { SHARED_AUDIENCE_ID, TUTORIAL_AUDIENCE_IDS } from '../../../emulator/fixtures/ids';
import { inlineFlow } from '../fixtures';
import { storedDailyAudience } from '../planner/audienceFixtures';

const exporting = (id: string, audienceId: string) => ({
	...inlineFlow({ segmentSelectors: { selectors: [storedDailyAudience(audienceId)] } }),
	id,
});

describe('flowsExporting: every dataflow exporting the audience, one filtered listing paged', () => {
	it('follows each page to the next, sends the filter once, and drops a dataflow without the audience', async () => {
		const asked: Array<{ qs: IDataObject; next?: string }> = [];
		const pages: FlowListPage[] = [
			{
				items: [exporting('f1', SHARED_AUDIENCE_ID), exporting('f2', TUTORIAL_AUDIENCE_IDS[0])],
				_links: { next: { href: '/flows?continuationToken=t2' } },
			},
			{ items: [exporting('f3', SHARED_AUDIENCE_ID.toUpperCase())], _links: {} },
		];
		const client = {
			listFlows: async (qs: IDataObject, next?: string) => {
				asked.push({ qs, next });
				return pages[asked.length - 1];
			},
		};

		const flows = await flowsExporting(client, SHARED_AUDIENCE_ID);

		expect(flows.map((flow) => flow.id)).toEqual(['f1', 'f3']);
		const query = {
			property: [
				'inheritedAttributes.properties.isDestinationFlow==true',
				`transformations[].params.segmentSelectors.selectors[].value.id==${SHARED_AUDIENCE_ID}`,
			],
			limit: 100,
		};
		expect(asked).toEqual([
			{ qs: query, next: undefined },
			{ qs: query, next: '/flows?continuationToken=t2' },
		]);
	});
});
