import { STREAMING_FLOW_ID } from '../../../emulator/fixtures/ids';
import {
	describeAudiences,
	exportAudienceIds,
	isFileBasedFlow,
	planExport,
} from '@node/rules/exportNow';
import type { FlowDocument } from '@node/model/types';
import { seededFlow, tutorialFlow } from '../fixtures';

const [A0, A1] = ['9f7d37fd-7039-4454-94ef-2b0cd6c3206a', 'f52a3785-2e7c-40a7-8137-9be99af7794e'];
const S3_FLOW_ID = 'a520ec49-df20-4105-8af5-62a071a84c23';

function flowWith(audiences: number, extra: Partial<FlowDocument> = {}): FlowDocument {
	const selectors = Array.from({ length: audiences }, (_, n) => ({
		type: 'PLATFORM_SEGMENT',
		value: { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` },
	}));
	return {
		id: 'f',
		etag: '"e"',
		flowSpec: { id: '71471eba-b620-49e4-90fd-23f1fa0174d8' },
		transformations: [{ name: 'GeneralTransform', params: { segmentSelectors: { selectors } } }],
		...extra,
	};
}

describe('Export Now rules', () => {
	it('takes typed and picked IDs together, without repeats, and names a malformed one by position', () => {
		expect(exportAudienceIds(`${A0}, ${A1}\n${A0}`, [A1], 'f')).toEqual([A0, A1]);
		expect(exportAudienceIds([A0], [], 'f')).toEqual([A0]);
		expect(() => exportAudienceIds(`${A0}, nope`, [], 'f')).toThrow(/Audience ID 2 "nope"/);
	});

	it('recognises a file-based dataflow by flow spec, by target connection spec, or by batch settings', () => {
		expect(isFileBasedFlow(tutorialFlow())).toBe(true);
		expect(isFileBasedFlow(seededFlow(S3_FLOW_ID))).toBe(true);
		expect(isFileBasedFlow(seededFlow(STREAMING_FLOW_ID))).toBe(false);
		const unknownSpec = flowWith(1, { flowSpec: { id: 'other' } });
		expect(isFileBasedFlow(unknownSpec)).toBe(false);
		(
			unknownSpec.transformations![0].params!.segmentSelectors as {
				selectors: Array<{ value: object }>;
			}
		).selectors[0].value = {
			id: A0,
			exportMode: 'DAILY_FULL_EXPORT',
		};
		expect(isFileBasedFlow(unknownSpec)).toBe(true);
	});

	it('plans the listed audiences with their names, or every audience when none is listed', () => {
		expect(planExport(tutorialFlow(), [A1], 'ids')).toEqual([{ id: A1, name: 'Birth year 1970' }]);
		expect(planExport(tutorialFlow(), [], 'ids').map((a) => a.id)).toHaveLength(4);
		expect(planExport(flowWith(80), [], 'ids')).toHaveLength(80);
	});

	it.each([
		[
			'a streaming dataflow',
			seededFlow(STREAMING_FLOW_ID),
			[],
			/is not a batch \(file-based\) destination dataflow/,
		],
		['a dataflow without audiences', flowWith(0), [], /exports no audiences/],
		[
			'an audience not on the dataflow',
			tutorialFlow(),
			['11111111-2222-4333-8444-555555555555'],
			/is not on dataflow .*Send audience IDs from this list: 9f7d37fd/,
		],
		['81 audiences', flowWith(81), [], /at most 80 audiences per job \(Adobe's limit\), got 81/],
	])('refuses %s before anything is sent', (_case, flow, ids, message) => {
		expect(() => planExport(flow, ids as string[], 'ids')).toThrow(message);
	});

	it('says how many audiences, by name where the dataflow has one', () => {
		expect(describeAudiences([{ id: A0, name: 'N' }])).toBe('1 audience (N)');
		expect(describeAudiences([{ id: A0, name: 'A' }, { id: A1 }])).toBe(`2 audiences (A, ${A1})`);
	});
});
