import tutorialFlow from '../../emulator/fixtures/tutorial-flow.json';
import { NEW_ETAG, byId, outputJson, runNode, recordAdobe, type RunOptions } from './setup';
import {
	FLOW_ID,
	SELECTORS,
	OTHER_ID,
	ifMatchTrail,
	runOnTutorial,
	removeAt,
	A0,
	A2,
} from './tutorial';

const ids = [
	'0b0b0b0b-1111-4222-8333-444444444441',
	'0b0b0b0b-1111-4222-8333-444444444442',
	'0b0b0b0b-1111-4222-8333-444444444443',
];
const addByItem = {
	operation: 'addAudiences',
	flowId: byId('={{ $json.flowId }}'),
	audiences: { audience: [{ id: '={{ $json.audienceId }}' }] },
};

function otherFlow() {
	return { ...structuredClone(tutorialFlow), id: OTHER_ID, etag: '"other-etag"' };
}

/** Add Audiences (ids[0]) to the dataflow the input item carries, with `extra` parameters. */
function addToCarriedFlow(flow: typeof tutorialFlow, extra: Record<string, unknown> = {}) {
	return runNode(
		{
			operation: 'addAudiences',
			flowId: byId('={{ $json.id }}'),
			audiences: { audience: [{ id: ids[0] }] },
			...extra,
		},
		{ triggerItems: [{ json: flow }] },
	);
}

/** Remove Audiences on the tutorial flow, each item naming one audience; one not on the flow is an error. */
function removeOnePerItem(audiences: string[], node?: RunOptions['node']) {
	return runOnTutorial(
		'removeAudiences',
		{ audienceKeys: '={{ $json.audience }}', ifMissing: 'error' },
		{ triggerItems: audiences.map((audience) => ({ json: { audience } })), node },
	);
}

describe('items of one run, batched per dataflow', () => {
	const { requests, readFlow, readThenPatch, acceptPatch, conflictOnce } = recordAdobe();

	it('three items for one flow: one read, one PATCH, one output per item, each paired', async () => {
		readThenPatch(FLOW_ID, { items: [tutorialFlow] });

		const result = await runNode(addByItem, {
			triggerItems: ids.map((audienceId) => ({ json: { flowId: FLOW_ID, audienceId } })),
		});

		expect(requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
		expect(requests[1].body).toEqual(
			ids.map((id) => ({
				op: 'add',
				path: `${SELECTORS}/-`,
				value: { type: 'PLATFORM_SEGMENT', value: { id } },
			})),
		);
		const items = result.output('Flow Service Destination');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items.map((item) => item.json.operations)).toEqual(
			ids.map((id) => [
				{ op: 'add', path: `${SELECTORS}/-`, value: { type: 'PLATFORM_SEGMENT', value: { id } } },
			]),
		);
		expect(
			items.map((item) => [item.json.etag, item.json.changed, item.json.combinedItems]),
		).toEqual(ids.map(() => [NEW_ETAG, true, 3]));
	});

	it('two flows: one read and one PATCH each, outputs in input order', async () => {
		readThenPatch(FLOW_ID, { items: [tutorialFlow] });
		readThenPatch(OTHER_ID, { items: [otherFlow()] }, '"other-2"');

		const result = await runNode(addByItem, {
			triggerItems: [
				{ json: { flowId: OTHER_ID, audienceId: ids[0] } },
				{ json: { flowId: FLOW_ID, audienceId: ids[1] } },
				{ json: { flowId: OTHER_ID, audienceId: ids[2] } },
			],
		});

		expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(2);
		expect(requests).toHaveLength(4);
		expect(outputJson(result).map((json) => [json.flowId, json.etag])).toEqual([
			[OTHER_ID, '"other-2"'],
			[FLOW_ID, NEW_ETAG],
			[OTHER_ID, '"other-2"'],
		]);
	});

	it('a bad item is rejected during planning and the rest are still sent, with continue-on-fail', async () => {
		readThenPatch(FLOW_ID, { items: [tutorialFlow] });

		const result = await removeOnePerItem([A0, ids[0], 'not-a-uuid', A2], {
			onError: 'continueRegularOutput',
		});

		expect(requests[1].body).toEqual([
			removeAt(0, A0),
			// After item 0's removal the third audience sits at index 1.
			removeAt(1, A2),
		]);
		const items = result.output('Flow Service Destination');
		expect(items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(items[1].json.error).toBe(
			`Audiences: Audience ${ids[0]} is not on dataflow ${FLOW_ID} (item 2)`,
		);
		expect(items[2].json.error).toMatch(/^Audiences: .* \(item 3\)$/);
		expect([items[0].json.changed, items[3].json.changed]).toEqual([true, true]);
	});

	it('without continue-on-fail, bad input in any item stops the run before any request', async () => {
		const result = await runNode(addByItem, {
			triggerItems: [
				{ json: { flowId: FLOW_ID, audienceId: ids[0] } },
				{ json: { flowId: FLOW_ID, audienceId: 'bad' } },
			],
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Audiences › Audience 1 › Audience: .* \(item 2\)$/);
		expect(requests).toEqual([]);
	});

	it('without continue-on-fail, an item that cannot be planned stops its flow before the PATCH', async () => {
		readFlow(FLOW_ID, { items: [tutorialFlow] });

		const result = await removeOnePerItem([A0, ids[0]]);

		expect(result.error?.message).toMatch(/^Audiences: .* \(item 2\)$/);
		expect(requests.map((r) => r.method)).toEqual(['GET']);
	});

	it('plans against a dataflow the input item carries, skipping the read', async () => {
		acceptPatch(FLOW_ID);

		const result = await addToCarriedFlow(tutorialFlow);

		expect(ifMatchTrail(requests)).toEqual([`PATCH ${tutorialFlow.etag}`]);
		expect(outputJson(result)[0]).toMatchObject({ changed: true, etag: NEW_ETAG });
	});

	it('a stale dataflow from input costs one 412, then a read and a re-plan', async () => {
		const stale = { ...structuredClone(tutorialFlow), etag: '"stale"' };
		conflictOnce(FLOW_ID, undefined, { title: 'stale' }, { items: [tutorialFlow] });

		const result = await addToCarriedFlow(stale, { options: { retryInitialDelay: 0 } });

		expect(ifMatchTrail(requests)).toEqual(['PATCH "stale"', 'GET ', `PATCH ${tutorialFlow.etag}`]);
		expect(outputJson(result)[0]).toMatchObject({ changed: true, conflictRetries: 1 });
	});

	it('with Combine Items Per Dataflow off, each item reads and writes on its own', async () => {
		// A read and a PATCH for each of the two items.
		readThenPatch(FLOW_ID, { items: [tutorialFlow] });
		readThenPatch(FLOW_ID, { items: [tutorialFlow] });

		await runNode(
			{ ...addByItem, options: { combinePerFlow: false } },
			{
				triggerItems: ids
					.slice(0, 2)
					.map((audienceId) => ({ json: { flowId: FLOW_ID, audienceId } })),
			},
		);

		expect(requests.map((r) => r.method)).toEqual(['GET', 'PATCH', 'GET', 'PATCH']);
	});
});
