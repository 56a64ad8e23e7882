/**
 * Export Now and Delete Dataflow in real n8n 2.x: one workflow run headless against the emulator.
 * An export Adobe refuses (an audience outside its schedule; continue on fail), an export that
 * waits for its run, then the dataflow deleted. Checked: the exact requests in the emulator's log,
 * the outputs, and the emulator's state (dataflow gone, its runs still readable).
 */
import {
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_FLOW_ID,
	TUTORIAL_FLOW_NAME,
	staticTokenHeaders,
} from '../emulator';
import { chainOf, manualTriggerNode, nodeItems } from '../local-n8n';
import { describeWithRuntime } from './runtimeSuite';
import { byId, nodesOf, useEmulatorRun } from './oneRun';

const WORKFLOW_ID = 'e2eExportNowDelete';
const [IN_SCHEDULE, OUT_OF_SCHEDULE] = TUTORIAL_AUDIENCE_IDS;
const ADHOC = '/data/core/activation/disflowprovider/adhocrun';
const FS = '/data/foundation/flowservice';

type Json = Record<string, any>;

const node = nodesOf({ flowId: byId(TUTORIAL_FLOW_ID) }, 1);

const workflow = {
	id: WORKFLOW_ID,
	name: 'Export now and delete (e2e)',
	active: false,
	nodes: [
		manualTriggerNode('t'),
		node(
			'r',
			'Export refused',
			200,
			{ operation: 'exportNow', exportAudienceIds: OUT_OF_SCHEDULE },
			{ onError: 'continueRegularOutput' },
		),
		node('e', 'Export now', 400, {
			operation: 'exportNow',
			exportAudienceIds: IN_SCHEDULE,
			options: { waitForCompletion: true, statusCheckInterval: 0, maxStatusChecks: 5 },
		}),
		node('d', 'Delete dataflow', 600, { operation: 'deleteDataflow' }),
	],
	connections: chainOf('Start', 'Export refused', 'Export now', 'Delete dataflow'),
	settings: { executionOrder: 'v1' },
};

describeWithRuntime(
	'v2',
	(n8n) => `Export Now and Delete Dataflow in n8n ${n8n} (v2)`,
	() => {
		const ctx = useEmulatorRun(() => {
			return workflow;
		});

		it('sends exactly these requests, in order', () => {
			const seen = ctx.emulator
				.requests()
				.map((r) => `${r.method} ${r.path.split('?')[0].replace(FS, '')} ${r.status}`);
			const runId = (nodeItems(ctx.run, 'Export now')[0] as Json).jobs[0].runId as string;
			expect(seen).toEqual([
				`GET /flows/${TUTORIAL_FLOW_ID} 200`,
				`POST ${ADHOC} 400`,
				`GET /flows/${TUTORIAL_FLOW_ID} 200`,
				`POST ${ADHOC} 200`,
				`GET /runs/${runId} 200`,
				`GET /flows/${TUTORIAL_FLOW_ID} 200`,
				`DELETE /flows/${TUTORIAL_FLOW_ID} 202`,
			]);
			for (const sent of ctx.emulator.requests().filter((r) => r.path === ADHOC)) {
				expect(sent.headers.accept).toBe('application/vnd.adobe.adhoc.activation+json; version=2');
			}
			expect(
				ctx.emulator
					.requests()
					.filter((r) => r.path === ADHOC)
					.map((r) => r.body),
			).toEqual([
				{ activationInfo: { [TUTORIAL_FLOW_ID]: [OUT_OF_SCHEDULE] } },
				{ activationInfo: { [TUTORIAL_FLOW_ID]: [IN_SCHEDULE] } },
			]);
		});

		it("turns Adobe's refusal into one readable sentence with its code", () => {
			const [refused] = nodeItems(ctx.run, 'Export refused') as Json[];
			expect(refused.error).toBe(
				`Adobe refused to export now on dataflow ${TUTORIAL_FLOW_ID}: Segments Birth year 1970 are not part of this dataflow or out of schedule range! [ADHOC-1006-400]`,
			);
		});

		it('reports the export run, waited for, with its record counts', () => {
			const [exported] = nodeItems(ctx.run, 'Export now') as Json[];
			expect(exported).toMatchObject({
				summary: 'Exported 1 audience (Interested in Mountain Biking): 2480 records',
				changed: true,
				completed: true,
				jobs: [{ audienceId: IN_SCHEDULE, status: 'Success', outputRecordCount: 2480 }],
			});
		});

		it('deletes the dataflow: gone from the emulator, its runs (the export run too) still readable', async () => {
			const [deleted] = nodeItems(ctx.run, 'Delete dataflow') as Json[];
			expect(deleted).toMatchObject({
				summary: `Deleted dataflow ${TUTORIAL_FLOW_NAME} (${TUTORIAL_FLOW_ID})`,
				deleted: true,
			});
			expect(ctx.emulator.getFlow(TUTORIAL_FLOW_ID)).toBeUndefined();
			const exportRun = (nodeItems(ctx.run, 'Export now')[0] as Json).jobs[0].runId as string;
			const answer = await fetch(`${ctx.emulator.flowServiceUrl}/runs/${exportRun}`, {
				headers: staticTokenHeaders(),
			});
			expect(answer.status).toBe(200);
			expect(((await answer.json()) as Json).items[0]).toMatchObject({
				id: exportRun,
				flowId: TUTORIAL_FLOW_ID,
			});
		});
	},
);
