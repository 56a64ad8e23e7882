import {
	TUTORIAL_FLOW_ID,
	TUTORIAL_FLOW_NAME,
	TUTORIAL_RUN_IDS,
} from '../../emulator/fixtures/ids';
import { byId, outputJson } from '../workflow-mocked/setup';
import { calls, useEmulator } from './setup';

const emulator = useEmulator({ slowWorkflows: true });
const GONE = '11111111-2222-4333-8444-555555555555';

function deleteFlow(flowId: string, parameters: Record<string, unknown> = {}) {
	return emulator.run({ operation: 'deleteDataflow', flowId: byId(flowId), ...parameters });
}

describe('Delete Dataflow against the emulator', () => {
	it('reads the dataflow, deletes it (202), and it is gone from listings while its runs stay readable', async () => {
		const result = await deleteFlow(TUTORIAL_FLOW_ID);

		expect(calls(emulator.current)).toEqual([
			`GET /flows/${TUTORIAL_FLOW_ID}`,
			`DELETE /flows/${TUTORIAL_FLOW_ID}`,
		]);
		expect(emulator.current.requests()[1].status).toBe(202);
		const [item] = outputJson(result);
		expect(item).toMatchObject({
			summary: `Deleted dataflow ${TUTORIAL_FLOW_NAME} (${TUTORIAL_FLOW_ID})`,
			changed: true,
			removed: [{ id: TUTORIAL_FLOW_ID, name: TUTORIAL_FLOW_NAME }],
			deleted: true,
			dataflow: { id: TUTORIAL_FLOW_ID, state: 'enabled' },
		});
		expect(emulator.current.getFlow(TUTORIAL_FLOW_ID)).toBeUndefined();

		const listed = outputJson(await emulator.run({ operation: 'getMany', returnAll: true }));
		expect(listed.map((flow) => flow.id)).not.toContain(TUTORIAL_FLOW_ID);
		const runs = outputJson(
			await emulator.run({ operation: 'getRuns', flowId: byId(TUTORIAL_FLOW_ID) }),
		);
		expect(runs.map((run) => run.id)).toEqual([...TUTORIAL_RUN_IDS]);
		const again = await emulator.run({ operation: 'get', flowId: byId(TUTORIAL_FLOW_ID) });
		expect(again.error).toMatchObject({ httpCode: '404' });
	});

	it('Dry Run shows what would be deleted and sends no DELETE', async () => {
		const [item] = outputJson(await deleteFlow(TUTORIAL_FLOW_ID, { options: { dryRun: true } }));

		expect(calls(emulator.current)).toEqual([`GET /flows/${TUTORIAL_FLOW_ID}`]);
		expect(item).toMatchObject({
			summary: `Would delete dataflow ${TUTORIAL_FLOW_NAME} (${TUTORIAL_FLOW_ID})`,
			changed: false,
			deleted: false,
			dataflow: {
				audiences: expect.arrayContaining([expect.objectContaining({ name: 'Birth year 1970' })]),
			},
		});
		expect(emulator.current.getFlow(TUTORIAL_FLOW_ID)).toBeDefined();
	});

	it('a missing dataflow fails by default, or counts as already deleted', async () => {
		const failed = await deleteFlow(GONE);
		expect(failed.error).toMatchObject({ httpCode: '404' });

		const [item] = outputJson(await deleteFlow(GONE, { ifFlowMissing: 'alreadyDeleted' }));
		expect(item).toMatchObject({
			summary: `No change: dataflow ${GONE} does not exist (already deleted)`,
			changed: false,
			skipped: [{ id: GONE, reason: 'not found' }],
			deleted: false,
		});
		expect(calls(emulator.current).filter((call) => call.startsWith('DELETE'))).toHaveLength(0);
	});

	it('a DELETE whose answer was lost is repeated, and the 404 it then meets counts as deleted', async () => {
		emulator.current.injectFault({ type: 'reset', method: 'DELETE', after: true });
		const [item] = outputJson(
			await deleteFlow(TUTORIAL_FLOW_ID, { options: { retryInitialDelay: 0 } }),
		);

		expect(calls(emulator.current).filter((call) => call.startsWith('DELETE'))).toHaveLength(2);
		expect(item).toMatchObject({ changed: true, deleted: true });
	});
});
