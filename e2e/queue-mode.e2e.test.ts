/**
 * The node on n8n's distributed engine: n8n 2.x in queue mode (one main, one webhook processor, two
 * workers, shared Postgres, Redis and encryption key, manual runs offloaded to workers), the built
 * package copied into every process's community package folder. Production webhooks are called on
 * the webhook processor; every figure comes from the emulator's stored flows and request log and
 * from n8n's execution records in Postgres.
 *
 * 1. 200 concurrent adds over 5 dataflows, 200 removes, 200 mixed writers: 0 lost, 0 duplicated,
 *    both workers ran executions.
 * 2. A worker killed (SIGKILL) mid-burst and started again: each change applied once or its execution
 *    recorded as not successful; re-sent, exactly once; no half-applied change.
 * 3. Redis restarted mid-burst: the same accounting.
 * 4. Tokens expired mid-burst (OAuth): no execution fails; the tokens the emulator issued.
 * 5. The polling trigger on main: a failed run, a run over the skipped share and a configuration
 *    change made while main is stopped are reported once after it starts again, and never again.
 */
import {
	FLOW_SERVICE_BASE_PATH,
	bulkFlowId,
	startEmulator,
	type RunningEmulator,
	staticTokenHeaders,
} from '../emulator';
import {
	importCredentials,
	importWorkflows,
	type Listener,
	publishWorkflow,
	queryPostgres,
	type QueueDeployment,
	sleep,
	startListener,
	startQueueDeployment,
	postWebhook,
} from '../local-n8n';
import { describeWithRuntime } from './runtimeSuite';
import {
	EXAMPLE_CREDENTIAL,
	TOKEN_CREDENTIAL,
	addAudienceFromBody,
	bodyFlowNode,
	emulatorOAuthCredential,
	emulatorTokenCredential,
	flowAttributes,
	flowAudiences,
	triggerToListenerWorkflow,
	mixedWritersWorkflow,
	webhookWriterWorkflow,
} from '../local-n8n/project';
import { flowContent, mixedWritersOutcome, seedAttributeOperations } from './mixedWriters';

const BURST = 200;
/** Five batch destination flows of the seed; 40 changes each per burst. */
const FLOWS = [1, 2, 3, 5, 6].map(bulkFlowId);
/** Watched by the trigger, written by no burst. */
const TRIGGER_FLOW = bulkFlowId(7);
const CONCURRENCY = 10;
const REQUEST_TIMEOUT_MS = 150_000;

type Json = Record<string, any>;
/** The audience of change n in burst `burst` (a second one for pairs). */
const audience = (burst: number, n: number, second = false) =>
	`${second ? 'b' : 'a'}0${burst}00000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const flowOf = (n: number) => FLOWS[n % FLOWS.length];
/** A burst's webhook bodies: change n adds (or removes) audience n of the burst on flow n. */
const burstBodies = (burst: number) =>
	Array.from({ length: BURST }, (_, n) => ({ flowId: flowOf(n), audienceId: audience(burst, n) }));

const summary: string[] = [];
const details: string[] = [];

/** More room for 412 re-plans than the default: 40 writers share each flow. */
const WRITER_OPTIONS = { maxConflictRetries: 10 };
const flowNode = (id: string, name: string, position: [number, number], parameters: Json) =>
	bodyFlowNode(id, name, position, parameters, TOKEN_CREDENTIAL, WRITER_OPTIONS);
const writer = (
	id: string,
	path: string,
	webhookId: string,
	parameters: Json,
	credential: { id: string; name: string } = TOKEN_CREDENTIAL,
) =>
	webhookWriterWorkflow(id, path, webhookId, parameters, { credential, options: WRITER_OPTIONS });
const addOne = addAudienceFromBody('audienceId');
/** Two audiences in one item: one PATCH of two operations, so a half-applied change would show. */
const addPair = addAudienceFromBody('audienceId', 'secondId');

const WORKFLOWS = {
	add: writer('queueAdd00000001', 'queue-add', 'c0ffee01-0000-4000-8000-000000000001', addOne),
	remove: writer('queueRemove00001', 'queue-remove', 'c0ffee01-0000-4000-8000-000000000002', {
		operation: 'removeAudiences',
		audienceKeys: '={{ $json.body.audienceId }}',
	}),
	pair: writer('queuePair0000001', 'queue-pair', 'c0ffee01-0000-4000-8000-000000000003', addPair),
	oauth: writer(
		'queueOAuth000001',
		'queue-oauth',
		'c0ffee01-0000-4000-8000-000000000004',
		addOne,
		EXAMPLE_CREDENTIAL,
	),
	mixed: mixedWritersWorkflow(
		{
			id: 'queueMixed000001',
			name: 'Queue mode mixed writers',
			path: 'queue-mixed',
			webhookId: 'c0ffee01-0000-4000-8000-000000000005',
		},
		addOne,
		flowNode,
	),
};
const HOOKS = ['queue-add', 'queue-remove', 'queue-pair', 'queue-oauth', 'queue-mixed'].map(
	(path) => ({ path, method: 'POST' }),
);

function triggerWorkflow(listenerUrl: string) {
	return triggerToListenerWorkflow(
		'queueTrigger0001',
		'Queue mode trigger',
		listenerUrl,
		TOKEN_CREDENTIAL,
		{
			events: ['runFailed', 'configurationChanged', 'skippedRateExceeded'],
			watch: 'flow',
			flowId: { __rl: true, mode: 'id', value: TRIGGER_FLOW },
		},
	);
}

/** One PATCH straight to the emulator's Flow Service API (another tool writing). */
async function patchFlow(
	emulator: RunningEmulator,
	flowId: string,
	operations: unknown[],
): Promise<void> {
	const response = await fetch(`${emulator.flowServiceUrl}/flows/${flowId}`, {
		method: 'PATCH',
		headers: {
			...staticTokenHeaders(),
			'content-type': 'application/json',
			'if-match': String(emulator.getFlow(flowId)!.etag),
		},
		body: JSON.stringify(operations),
	});
	if (response.status !== 200)
		throw new Error(`PATCH ${flowId} answered ${response.status}: ${await response.text()}`);
}

interface Answer {
	status: number;
	body: Json;
}

async function post(
	url: string,
	path: string,
	body: unknown,
	timeoutMs = REQUEST_TIMEOUT_MS,
	abort?: AbortSignal,
): Promise<Answer> {
	try {
		const signal = abort
			? AbortSignal.any([abort, AbortSignal.timeout(timeoutMs)])
			: AbortSignal.timeout(timeoutMs);
		const answer = await postWebhook(url, path, body, signal);
		const json = answer.json as Json | undefined;
		return { status: answer.status, body: json ?? { error: answer.text.slice(0, 500) } };
	} catch (error) {
		return { status: 0, body: { error: (error as Error).message } };
	}
}

const succeeded = (answer: Answer) =>
	answer.status === 200 && answer.body.changed === true && !answer.body.error;
/** A re-sent change may find itself applied already: then the node changes nothing and says so. */
const answeredOk = (answer: Answer) =>
	answer.status === 200 && typeof answer.body.changed === 'boolean' && !answer.body.error;

/** Polls of the trigger the emulator has seen (each poll reads the watched flow's failed runs once). */
function triggerPolls(emulator: RunningEmulator): number {
	return emulator
		.requests()
		.filter(
			(r) =>
				r.method === 'GET' &&
				r.path.includes('/flowservice/runs?') &&
				decodeURIComponent(r.path).includes('metrics.statusSummary.status==Failed,failed&'),
		).length;
}

/** Audience ids of all five flows, flow by flow. */
function audiencesByFlow(emulator: RunningEmulator): Map<string, string[]> {
	return new Map(FLOWS.map((id) => [id, flowAudiences(emulator.getFlow(id)!)]));
}

function countOf(values: string[], value: string): number {
	return values.filter((v) => v === value).length;
}

/** Accepted PATCHes (200) the emulator logged on the burst flows since request number `mark`. */
function acceptedPatches(emulator: RunningEmulator, mark: number): number {
	return emulator
		.requests()
		.slice(mark)
		.filter(
			(r) =>
				r.method === 'PATCH' &&
				r.status === 200 &&
				FLOWS.some((id) => r.path === `${FLOW_SERVICE_BASE_PATH}/flows/${id}`),
		).length;
}

async function waitUntil(
	what: string,
	condition: () => boolean | Promise<boolean>,
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(200);
	}
}

describeWithRuntime(
	'v2',
	(n8n) => `n8n ${n8n} in queue mode (main, webhook processor, 2 workers)`,
	() => {
		let emulator: RunningEmulator;
		let listener: Listener;
		let deployment: QueueDeployment;
		let triggerExpect: { runId: string; skippingRunId: string; etag: string } | undefined;
		let pollsAtRestart = 0;

		beforeAll(async () => {
			emulator = await startEmulator({ requestLogSize: 100_000 });
			listener = await startListener();
			deployment = await startQueueDeployment({
				workers: 2,
				concurrency: CONCURRENCY,
				// A killed worker's jobs are found stalled sooner than with Bull's 30 s defaults, and main's
				// queue recovery (default every 180 minutes; here 15 s) marks executions whose job vanished with Redis' data
				// as crashed sooner.
				env: {
					QUEUE_WORKER_LOCK_DURATION: '20000',
					QUEUE_WORKER_STALLED_INTERVAL: '10000',
					N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '0.25',
				},
				webhooks: HOOKS,
				prepare: async (main) => {
					await importCredentials(main, [
						emulatorTokenCredential(emulator.url),
						emulatorOAuthCredential(emulator.url),
					]);
					const workflows = [...Object.values(WORKFLOWS), triggerWorkflow(listener.url)];
					await importWorkflows(main, workflows);
					for (const { id } of workflows) await publishWorkflow(main, id);
				},
			});
		});

		afterAll(async () => {
			await deployment?.stop();
			await listener?.close();
			await emulator?.close();
			if (summary.length) console.log([...details, '', ...summary].join('\n'));
		});

		/** Executions of a workflow recorded in n8n's database: id, status. */
		function executions(workflowId: string, afterId = 0): Array<{ id: number; status: string }> {
			return queryPostgres(
				deployment.postgres,
				`select id, status from execution_entity where "workflowId" = '${workflowId}' and id > ${afterId} order by id`,
			).map(([id, status]) => ({ id: Number(id), status }));
		}

		function lastExecutionId(): number {
			return Number(
				queryPostgres(
					deployment.postgres,
					'select coalesce(max(id), 0) from execution_entity',
				)[0][0],
			);
		}

		function perWorker(before: Map<string, string[]>): number[] {
			const now = deployment.executionsByWorker();
			return deployment.workers.map(
				(w) => (now.get(w.name)?.length ?? 0) - (before.get(w.name)?.length ?? 0),
			);
		}

		const fire = async (path: string, bodies: Json[], timeoutMs?: number, abort?: AbortSignal) =>
			await Promise.all(
				bodies.map(async (body) => await post(deployment.webhookUrl, path, body, timeoutMs, abort)),
			);

		it(`${BURST} concurrent adds over ${FLOWS.length} dataflows, ${BURST} removes, ${BURST} mixed writers: nothing lost, nothing doubled, both workers busy`, async () => {
			const seed = audiencesByFlow(emulator);
			const before = deployment.executionsByWorker();
			const firstId = lastExecutionId();
			const adds = await fire('queue-add', burstBodies(1));
			const afterAdds = audiencesByFlow(emulator);
			const lost = Array.from({ length: BURST }, (_, n) => n).filter(
				(n) => countOf(afterAdds.get(flowOf(n))!, audience(1, n)) === 0,
			).length;
			const duplicates = [...afterAdds.values()].reduce(
				(sum, ids) => sum + ids.length - new Set(ids).size,
				0,
			);
			const split = perWorker(before);
			summary.push(
				`queue mode adds: lost ${lost} of ${BURST}, duplicates ${duplicates}, executions per worker ${split.join('/')}`,
			);
			expect(
				adds.filter((a) => !succeeded(a)).map((a) => [a.status, a.body.error ?? a.body.message]),
			).toEqual([]);
			expect(lost).toBe(0);
			expect(duplicates).toBe(0);
			for (const id of FLOWS)
				expect(afterAdds.get(id)!.slice(0, seed.get(id)!.length)).toEqual(seed.get(id));
			expect(executions(WORKFLOWS.add.id, firstId).map((e) => e.status)).toEqual(
				Array(BURST).fill('success'),
			);
			expect(split.reduce((a, b) => a + b, 0)).toBe(BURST);
			expect(Math.min(...split)).toBeGreaterThan(0);

			const removes = await fire('queue-remove', burstBodies(1));
			const afterRemoves = audiencesByFlow(emulator);
			const leftBehind = [...afterRemoves.values()]
				.flat()
				.filter((id) => id.startsWith('a010')).length;
			summary.push(`queue mode removes: left behind ${leftBehind} of ${BURST}`);
			expect(
				removes.filter((r) => !succeeded(r)).map((r) => [r.status, r.body.error ?? r.body.message]),
			).toEqual([]);
			expect(Object.fromEntries(afterRemoves)).toEqual(Object.fromEntries(seed));

			// Mixed: per flow 10 renames, 16 audience adds, 14 removals of attributes seeded first.
			const per = { renames: 10, adds: 16, removals: 14 };
			const attribute = (f: number, n: number) => `_acme.queueMode.flow${f}.attribute${n}`;
			for (const [f, id] of FLOWS.entries()) {
				const paths = Array.from({ length: per.removals }, (_, n) => attribute(f, n));
				await patchFlow(emulator, id, seedAttributeOperations(paths));
			}
			const flowsBefore = new Map(FLOWS.map((id) => [id, emulator.getFlow(id)!]));
			// Each (flow, kind, index) once; the queues interleaved so that every flow sees all three kinds at once.
			const queues: Json[][] = [];
			for (const [f, flowId] of FLOWS.entries()) {
				queues.push(
					Array.from({ length: per.renames }, (_, k) => ({
						flowId,
						kind: 'rename',
						name: `Queue mode rename ${f}.${k}`,
					})),
				);
				queues.push(
					Array.from({ length: per.adds }, (_, k) => ({
						flowId,
						kind: 'add',
						audienceId: audience(2, f * 100 + k),
					})),
				);
				queues.push(
					Array.from({ length: per.removals }, (_, k) => ({
						flowId,
						kind: 'remove',
						path: attribute(f, k),
					})),
				);
			}
			const mixed: Json[] = [];
			while (queues.some((q) => q.length))
				for (const q of queues) if (q.length) mixed.push(q.shift()!);
			expect(mixed).toHaveLength(BURST);
			const mark = emulator.requests().length;
			const runs = await fire('queue-mixed', mixed);
			const accepted = emulator
				.requests()
				.slice(mark)
				.filter((r) => r.method === 'PATCH' && r.status === 200);
			let exactlyOnce = 0;
			for (const [f, id] of FLOWS.entries()) {
				const flowBefore = flowsBefore.get(id)!;
				const after = emulator.getFlow(id)!;
				const mine = mixed.filter((c) => c.flowId === id);
				const paths = Array.from({ length: per.removals }, (_, n) => attribute(f, n));
				const { expected, renames, addedIds } = mixedWritersOutcome(
					flowBefore,
					after,
					accepted.filter((r) => r.path.endsWith(`/flows/${id}`)),
					paths,
				);
				// A change counts as applied exactly once when its effect is in the flow once and nothing else changed.
				const flowOk =
					JSON.stringify(flowContent(after)) === JSON.stringify(expected) &&
					renames.length === per.renames;
				for (const change of mine) {
					if (!flowOk) continue;
					if (change.kind === 'add' && countOf(addedIds, change.audienceId) === 1) exactlyOnce++;
					if (change.kind === 'remove' && !flowAttributes(after).includes(change.path))
						exactlyOnce++;
					if (
						change.kind === 'rename' &&
						renames.some((r) => JSON.stringify(r.body).includes(JSON.stringify(change.name)))
					)
						exactlyOnce++;
				}
				expect(flowContent(after)).toEqual(expected);
				expect(addedIds.length).toBe(per.adds);
				expect(mine.filter((c) => c.kind === 'rename').map((c) => c.name)).toContain(after.name);
			}
			const acceptedRuns = runs.filter(succeeded).length;
			summary.push(
				`queue mode mixed: ${exactlyOnce} of ${acceptedRuns} accepted changes applied exactly once`,
			);
			expect(
				runs.filter((r) => !succeeded(r)).map((r) => [r.status, r.body.error ?? r.body.message]),
			).toEqual([]);
			expect(accepted).toHaveLength(BURST);
			expect(exactlyOnce).toBe(BURST);
		});

		it('the trigger on main: main restarted while a failed run, a run over the skipped share and a configuration change wait', async () => {
			// Main's activation poll recorded the baseline (in the workflow's static data, in Postgres).
			await waitUntil('the activation poll', () => triggerPolls(emulator) >= 1, 120_000);
			await deployment.main.stop();
			const run = emulator.addRun(TRIGGER_FLOW, {
				status: 'Failed',
				errors: [{ code: 'ACTIVATION_BATCH-0000-FAILED', message: 'Destination unreachable' }],
			})!;
			const skipping = emulator.addRun(TRIGGER_FLOW, { received: 1000, skipped: 50 })!;
			await patchFlow(emulator, TRIGGER_FLOW, [
				{ op: 'replace', path: '/description', value: 'changed while main was stopped' },
			]);
			triggerExpect = {
				runId: run.id,
				skippingRunId: skipping.id,
				etag: String(emulator.getFlow(TRIGGER_FLOW)!.etag),
			};
			await deployment.main.start();
			pollsAtRestart = triggerPolls(emulator);
			expect(deployment.main.logs()).not.toMatch(/There was a problem activating the workflow/);
		});

		/** What the changes of a pair burst left in the flows, and what n8n recorded for the burst. */
		function accountPairs(bodies: Json[], answers: Answer[], firstId: number) {
			const flows = audiencesByFlow(emulator);
			const state = bodies.map((body) => [
				countOf(flows.get(body.flowId)!, body.audienceId),
				countOf(flows.get(body.flowId)!, body.secondId),
			]);
			const records = executions(WORKFLOWS.pair.id, firstId);
			const failed = records.filter((e) => e.status !== 'success');
			const notApplied = bodies.filter((_, n) => state[n][0] === 0 && state[n][1] === 0);
			return {
				records,
				failed,
				halfApplied: state.filter(([a, b]) => a > 0 !== b > 0).length,
				duplicated: state.filter(([a, b]) => a > 1 || b > 1).length,
				notApplied,
				/** Changes not applied although their webhook answered success: lost without a trace. */
				silentlyLost: bodies.filter(
					(_, n) => state[n][0] === 0 && state[n][1] === 0 && succeeded(answers[n]),
				),
			};
		}

		/**
		 * A burst of pair adds with a disruption once a quarter of it is applied; then the accounting,
		 * the re-send of every change whose webhook did not answer success, and the final state.
		 * Requests whose execution n8n no longer runs (every execution of the burst recorded, none new or
		 * running) get no answer any more: they are given up then.
		 */
		async function disruptedBurst(burst: number, disrupt: () => Promise<void>) {
			const seed = audiencesByFlow(emulator);
			const firstId = lastExecutionId();
			const mark = emulator.requests().length;
			const bodies = Array.from({ length: BURST }, (_, n) => ({
				flowId: flowOf(n),
				audienceId: audience(burst, n),
				secondId: audience(burst, n, true),
			}));
			const giveUp = new AbortController();
			let pending = BURST;
			const answers = fire('queue-pair', bodies, REQUEST_TIMEOUT_MS, giveUp.signal).finally(
				() => (pending = 0),
			);
			await waitUntil(
				'a quarter of the burst applied',
				() => acceptedPatches(emulator, mark) >= BURST / 4,
				REQUEST_TIMEOUT_MS,
			);
			await disrupt();
			await waitUntil(
				'every execution of the burst recorded and none in progress',
				() => {
					if (pending === 0) return true;
					const records = executions(WORKFLOWS.pair.id, firstId);
					return (
						records.length >= BURST &&
						records.every((e) => e.status !== 'new' && e.status !== 'running')
					);
				},
				REQUEST_TIMEOUT_MS,
			);
			// Answers of executions that just finished are on their way.
			await Promise.race([answers, sleep(5_000)]);
			giveUp.abort();
			const first = await answers;
			const during = accountPairs(bodies, first, firstId);
			const failedAnswers = bodies.filter((_, n) => !succeeded(first[n]));
			const statuses = during.failed.reduce<Record<string, number>>(
				(out, e) => ({ ...out, [e.status]: (out[e.status] ?? 0) + 1 }),
				{},
			);
			const resent = await fire('queue-pair', failedAnswers);
			const after = accountPairs(
				bodies,
				[...first.map((a, n) => (succeeded(a) ? a : resent[failedAnswers.indexOf(bodies[n])]))],
				firstId,
			);
			const finalFlows = audiencesByFlow(emulator);
			details.push(
				`details (burst ${burst}): ${first.filter(succeeded).length} of ${BURST} answered success, ${first.filter((a) => a.status === 0).length} got no answer; ` +
					`${during.failed.length} executions not successful ${JSON.stringify(statuses)}; ${during.notApplied.length} changes not applied, ${during.silentlyLost.length} of them answered success; ` +
					`re-sent ${failedAnswers.length}, ${resent.filter(answeredOk).length} answered 200`,
			);
			return {
				bodies,
				first,
				during,
				after,
				lost: after.notApplied.length,
				resent,
				failedAnswers,
				seed,
				finalFlows,
			};
		}

		function expectExactlyOnce(result: Awaited<ReturnType<typeof disruptedBurst>>) {
			const { during, after, lost, resent, bodies, seed, finalFlows } = result;
			expect(during.halfApplied).toBe(0);
			expect(during.duplicated).toBe(0);
			// Every change not applied was answered with a failure, and n8n recorded at least as many executions as not successful.
			expect(during.silentlyLost.map((b) => b.audienceId)).toEqual([]);
			expect(during.failed.length).toBeGreaterThanOrEqual(during.notApplied.length);
			expect(
				resent.filter((r) => !answeredOk(r)).map((r) => [r.status, r.body.error ?? r.body.message]),
			).toEqual([]);
			expect(after.halfApplied).toBe(0);
			expect(after.duplicated).toBe(0);
			expect(lost).toBe(0);
			// The seeded audiences untouched, first; then this burst's pairs, each once.
			for (const id of FLOWS) {
				expect(finalFlows.get(id)!.slice(0, seed.get(id)!.length)).toEqual(seed.get(id));
				const mine = bodies
					.filter((b) => b.flowId === id)
					.flatMap((b) => [b.audienceId, b.secondId]);
				expect([...finalFlows.get(id)!.slice(seed.get(id)!.length)].sort()).toEqual(mine.sort());
			}
		}

		it(`a worker killed (SIGKILL) in the middle of a ${BURST}-execution burst and started again: applied once or recorded failed; re-sent, exactly once`, async () => {
			const result = await disruptedBurst(3, async () => {
				const victim = deployment.workers[0];
				await victim.stop({ kill: true });
				await victim.start();
			});
			const crashed = result.during.failed.length;
			summary.push(
				`queue mode worker killed: ${crashed} of ${BURST} crashed, ${result.during.halfApplied} half-applied, ${result.lost} lost after re-send, ${result.after.duplicated} duplicated`,
			);
			expectExactlyOnce(result);
		});

		it(`Redis restarted during a ${BURST}-execution burst: n8n recovers, the same accounting`, async () => {
			const result = await disruptedBurst(4, async () => await deployment.redis.restart(1_000));
			summary.push(
				`queue mode redis restart: ${result.lost} lost, ${result.after.duplicated} duplicated`,
			);
			expectExactlyOnce(result);
			// Every process is still there and the queue works: a second pass answers at once.
			for (const proc of [deployment.main, deployment.webhook, ...deployment.workers])
				expect(proc.logs()).not.toMatch(/Exiting process due to Redis connection error/);
		});

		it(`OAuth tokens expired in the middle of a ${BURST}-execution burst: every worker recovers`, async () => {
			const seed = audiencesByFlow(emulator);
			const firstId = lastExecutionId();
			const mark = emulator.requests().length;
			const tokensBefore = emulator.tokensIssued();
			const before = deployment.executionsByWorker();
			const bodies = burstBodies(5);
			const answers = fire('queue-oauth', bodies);
			await waitUntil(
				'a quarter of the burst applied',
				() => acceptedPatches(emulator, mark) >= BURST / 4,
				REQUEST_TIMEOUT_MS,
			);
			const expired = emulator.expireTokens();
			const expiredAt = emulator.requests().length;
			const results = await answers;
			const failed = results.filter((r) => !succeeded(r));
			const issued = emulator.tokensIssued() - tokensBefore;
			const log = emulator.requests();
			const unauthorized = log.slice(expiredAt).filter((r) => r.status === 401).length;
			const tokenCalls = log.slice(mark).filter((r) => r.path.includes('/ims/token/v3'));
			const tokensAfterExpiry = log
				.slice(expiredAt)
				.filter((r) => r.path.includes('/ims/token/v3') && r.status === 200).length;
			details.push(
				`details (token expiry): ${expired} tokens expired mid-burst; ${issued} tokens issued in the burst (${tokensAfterExpiry} after the expiry), ${unauthorized} answers 401 after it, ${tokenCalls.length} token requests; executions per worker ${perWorker(before).join('/')}`,
			);
			summary.push(`queue mode token expiry: ${failed.length} failed, ${issued} tokens issued`);
			expect(failed.map((r) => [r.status, r.body.error ?? r.body.message])).toEqual([]);
			expect(executions(WORKFLOWS.oauth.id, firstId).map((e) => e.status)).toEqual(
				Array(BURST).fill('success'),
			);
			const flows = audiencesByFlow(emulator);
			for (const [n, body] of bodies.entries())
				expect([n, countOf(flows.get(body.flowId)!, body.audienceId)]).toEqual([n, 1]);
			for (const id of FLOWS)
				expect(flows.get(id)!.slice(0, seed.get(id)!.length)).toEqual(seed.get(id));
			// The expiry hit running executions: some request met a 401, and a new token was fetched after it.
			expect(unauthorized).toBeGreaterThan(0);
			expect(tokensAfterExpiry).toBeGreaterThan(0);
			expect(Math.min(...perWorker(before))).toBeGreaterThan(0);
		});

		it('the trigger in queue mode: the failed run, the run over the skipped share and the configuration change reported once, not once per process, across the restart', async () => {
			expect(triggerExpect).toBeDefined();
			// Two polls after the restart: the activation poll and one scheduled poll, which must report nothing again.
			await waitUntil(
				'two trigger polls after the restart of main',
				() => triggerPolls(emulator) >= pollsAtRestart + 2,
				150_000,
			);
			await waitUntil('the three events', () => listener.events.length >= 3, 60_000);
			// A moment for a duplicate execution (queued to a worker) to arrive.
			const polls = triggerPolls(emulator);
			await waitUntil(
				'the trigger executions to finish',
				() =>
					executions('queueTrigger0001').every((e) => e.status !== 'running' && e.status !== 'new'),
				60_000,
			);
			const runFailed = listener.events.filter(
				(e) => e.event === 'runFailed' && e.run?.id === triggerExpect!.runId,
			).length;
			const configurationChanged = listener.events.filter(
				(e) => e.event === 'configurationChanged' && e.etag === triggerExpect!.etag,
			).length;
			const skippedRateExceeded = listener.events.filter(
				(e) => e.event === 'skippedRateExceeded' && e.run?.id === triggerExpect!.skippingRunId,
			).length;
			const expected = [runFailed, configurationChanged, skippedRateExceeded];
			const duplicates =
				listener.events.length -
				expected.reduce((sum, count) => sum + count, 0) +
				expected.reduce((sum, count) => sum + Math.max(count - 1, 0), 0);
			summary.push(
				`queue mode trigger: runFailed ${Math.min(runFailed, 1)} of 1, skippedRateExceeded ${Math.min(skippedRateExceeded, 1)} of 1, configurationChanged ${Math.min(configurationChanged, 1)} of 1, duplicates ${duplicates}`,
			);
			details.push(
				`details (trigger): ${polls - pollsAtRestart} polls after main restarted, ${listener.events.length} events, trigger executions ${JSON.stringify(executions('queueTrigger0001'))}`,
			);
			expect(listener.events).toEqual([
				expect.objectContaining({
					event: 'runFailed',
					flowId: TRIGGER_FLOW,
					run: expect.objectContaining({ id: triggerExpect!.runId }),
				}),
				expect.objectContaining({
					event: 'skippedRateExceeded',
					flowId: TRIGGER_FLOW,
					run: expect.objectContaining({ id: triggerExpect!.skippingRunId }),
					skippedPercent: 5,
				}),
				expect.objectContaining({
					event: 'configurationChanged',
					flowId: TRIGGER_FLOW,
					etag: triggerExpect!.etag,
					changedFields: ['description'],
				}),
			]);
			expect(executions('queueTrigger0001').map((e) => e.status)).toEqual(['success']);
		});
	},
);
