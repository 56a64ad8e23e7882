import nock from 'nock';

import { PLATFORM, outputJson, recordAdobe } from './setup';
import { A0, A2, ETAG, FLOW_ID, runOnTutorial, tutorialFlowWith } from './tutorial';

const ADHOC = '/data/core/activation/disflowprovider/adhocrun';
const runUrl = (id: string) => `${PLATFORM}/data/foundation/flowservice/runs/${id}?x=1`;
const RUN_A0 = '88d6da63-dc97-460e-b781-fc795a7386d9';
const RUN_A2 = '2f1c9d6e-5b7a-4c3e-9d8f-1a2b3c4d5e6f';

describe("Export Now reads Adobe's ad-hoc answer by each entry's segment", () => {
	const { requests, answer, readFlow } = recordAdobe();

	it.each([
		[
			"the guide's {order: [...]}",
			{
				order: [
					{ segment: A2, order: FLOW_ID, statusURL: runUrl(RUN_A2) },
					{ segment: A0, order: FLOW_ID, statusURL: runUrl(RUN_A0) },
				],
			},
		],
		[
			'an answer keyed by audience ID',
			{
				[A0]: [{ segment: A0, order: FLOW_ID, statusURL: runUrl(RUN_A0) }],
				[A2]: [{ segment: A2, order: FLOW_ID, statusURL: runUrl(RUN_A2) }],
			},
		],
	])('%s', async (_shape, adobeAnswer) => {
		readFlow(FLOW_ID, tutorialFlowWith(ETAG));
		nock(PLATFORM).post(ADHOC).reply(answer(200, adobeAnswer));

		const result = await runOnTutorial('exportNow', { exportAudienceIds: `${A0}, ${A2}` });

		const [item] = outputJson(result);
		expect(item.jobs).toEqual([
			expect.objectContaining({ audienceId: A0, order: FLOW_ID, runId: RUN_A0 }),
			expect.objectContaining({ audienceId: A2, order: FLOW_ID, runId: RUN_A2 }),
		]);
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /data/foundation/flowservice/flows/${FLOW_ID}`,
			`POST ${ADHOC}`,
		]);
	});
});
