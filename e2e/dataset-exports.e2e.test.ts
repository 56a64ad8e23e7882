/**
 * The Dataset Export resource in real n8n 2.x: one workflow run headless against the emulator.
 * Get Many lists the dataset exports ending soon, Extend End Date moves each to one date (the
 * Dataflow from each item), Update Schedule changes another's interval, Get reads it back.
 * Checked: the exact requests in the emulator's log, the outputs, and the emulator's state.
 */
import { DATASET_FLOW_IDS, type RunningEmulator } from '../emulator';
import { chainOf, manualTriggerNode, nodeItems } from '../local-n8n';
import { nodesOf, useEmulatorRun } from './oneRun';
import { describeWithRuntime } from './runtimeSuite';

const WORKFLOW_ID = 'e2eDatasetExports';
const FS = '/data/foundation/flowservice';
const DAY = 86_400;
const SIX_HOURS = DATASET_FLOW_IDS.everySixHours;

type Json = Record<string, any>;

const node = nodesOf({ resource: 'datasetExport' });

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const endOf = (emulator: RunningEmulator, id: string) =>
	(emulator.getFlow(id)!.scheduleParams as { endTime?: number }).endTime;

describeWithRuntime(
	'v2',
	(n8n) => `Dataset exports in n8n ${n8n} (v2)`,
	() => {
		let endingBefore: number;
		let newEnd: number;
		let seeded: Record<string, { end?: number; etag: string }>;

		const ctx = useEmulatorRun((emulator) => {
			endingBefore = endOf(emulator, DATASET_FLOW_IDS.endingSoon)! + DAY;
			newEnd = Math.floor(Date.now() / 1000 / DAY) * DAY + 400 * DAY;
			seeded = Object.fromEntries(
				Object.values(DATASET_FLOW_IDS).map((id) => [
					id,
					{ end: endOf(emulator, id), etag: emulator.getFlow(id)!.etag as string },
				]),
			);
			const workflow = {
				id: WORKFLOW_ID,
				name: 'Dataset exports (e2e)',
				active: false,
				nodes: [
					manualTriggerNode('t'),
					node('l', 'Ending soon', 200, {
						operation: 'getMany',
						returnAll: true,
						filters: { endsBefore: iso(endingBefore) },
					}),
					node('x', 'Extend', 400, {
						operation: 'extendEndDate',
						flowId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
						extendBy: 'date',
						newEndDate: iso(newEnd),
					}),
					node(
						's',
						'Every 12 hours',
						600,
						{
							operation: 'updateSchedule',
							flowId: { __rl: true, mode: 'id', value: SIX_HOURS },
							scheduleFields: { interval: 12 },
						},
						{ executeOnce: true },
					),
					node('g', 'Read back', 800, {
						operation: 'get',
						flowId: { __rl: true, mode: 'id', value: SIX_HOURS },
					}),
				],
				connections: chainOf('Start', 'Ending soon', 'Extend', 'Every 12 hours', 'Read back'),
				settings: { executionOrder: 'v1' },
			};
			return workflow;
		});

		const listed = () =>
			(nodeItems(ctx.run, 'Ending soon') as Json[]).map((item) => item.id as string);

		it('lists the dataset exports ending before the date, simplified', () => {
			expect([...listed()].sort()).toEqual(
				[
					DATASET_FLOW_IDS.endingSoon,
					DATASET_FLOW_IDS.ended,
					DATASET_FLOW_IDS.legacyDaily,
					DATASET_FLOW_IDS.legacyEveryThreeHours,
				].sort(),
			);
			for (const item of nodeItems(ctx.run, 'Ending soon') as Json[]) {
				expect(item.endTime).toBe(iso(seeded[item.id].end!));
				expect(item.datasets).toEqual([expect.objectContaining({ id: expect.any(String) })]);
			}
		});

		it('sends exactly these requests, in order', () => {
			const seen = ctx.emulator
				.requests()
				.map((r) => `${r.method} ${r.path.split('?')[0].replace(FS, '')} ${r.status}`);
			const extends_ = listed().flatMap((id) => [`GET /flows/${id} 200`, `PATCH /flows/${id} 200`]);
			expect(seen).toEqual([
				'GET /flows 200',
				'GET /sourceConnections 200',
				'GET /connectionSpecs 200',
				'GET /connections 200',
				...extends_,
				`GET /flows/${SIX_HOURS} 200`,
				`PATCH /flows/${SIX_HOURS} 200`,
				`GET /flows/${SIX_HOURS} 200`,
				'GET /sourceConnections 200',
				// Destination and account names are looked up once per node run.
				'GET /connectionSpecs 200',
				'GET /connections 200',
			]);
			const patches = ctx.emulator.requests().filter((r) => r.method === 'PATCH');
			expect(patches.map((r) => r.headers['if-match'])).toEqual([
				...listed().map((id) => seeded[id].etag),
				seeded[SIX_HOURS].etag,
			]);
			for (const patch of patches.slice(0, 4))
				expect(patch.body).toEqual([
					{
						op: 'replace',
						path: '/scheduleParams',
						value: expect.objectContaining({ endTime: newEnd }),
					},
				]);
		});

		it('extends each to the new end and reports its old and new end', () => {
			const extended = nodeItems(ctx.run, 'Extend') as Json[];
			expect(extended.map((item) => item.dataflows[0])).toEqual(
				listed().map((id) =>
					expect.objectContaining({
						id,
						oldEnd: iso(seeded[id].end!),
						newEnd: iso(newEnd),
						changed: true,
					}),
				),
			);
			for (const id of listed()) expect(endOf(ctx.emulator, id)).toBe(newEnd);
			expect(endOf(ctx.emulator, SIX_HOURS)).toBe(seeded[SIX_HOURS].end);
		});

		it('changes only the interval, as Get reads back', () => {
			expect(ctx.emulator.getFlow(SIX_HOURS)!.scheduleParams).toMatchObject({
				timeUnit: 'hour',
				interval: 12,
				endTime: seeded[SIX_HOURS].end,
			});
			expect(nodeItems(ctx.run, 'Read back')).toEqual([
				expect.objectContaining({ id: SIX_HOURS, interval: 12, timeUnit: 'hour' }),
			]);
		});
	},
);
