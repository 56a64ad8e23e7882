import type { FlowDocument, PatchOperation, Plan } from '@node/model/types';
import { FlowServiceHttpError, type FlowServiceClient } from '@node/transport';
import { applyUpdate } from '@node/update/applyUpdate';
import { UpdateNotAppliedError } from '@node/update/updateErrors';

const FLOW_ID = '226fb2e1-db69-4760-b67e-9e671e05abfc';
const OPTIONS = { dryRun: false, returnUpdatedFlow: false, maxConflictRetries: 3 };
const POLICY = { maxRetries: 1, initialDelayMs: 0, maxDelayMs: 0, timeoutMs: 1000 };
const RENAME: PatchOperation = { op: 'replace', path: '/name', value: 'New name' };

const httpError = (status: number) => new FlowServiceHttpError(status, {}, {}, `HTTP ${status}`);

/** A client whose PATCHes fail in turn with the given statuses; every read answers `flow`. */
function client(flow: FlowDocument, failures: number[]) {
	const patches: Array<{ etag: string; operations: PatchOperation[] }> = [];
	let reads = 0;
	const stub = {
		policy: POLICY,
		async getFlow() {
			reads++;
			return flow;
		},
		async patchFlow(_id: string, etag: string, operations: PatchOperation[]) {
			patches.push({ etag, operations });
			const status = failures.shift();
			if (status !== undefined) throw httpError(status);
			return { etag: '"new"' };
		},
	};
	return { client: stub as unknown as FlowServiceClient, patches, reads: () => reads };
}

describe('applyUpdate when answers are lost', () => {
	it('a fixed patch whose lost write meets 412 on the resend fails as not verifiable', async () => {
		const { client: stub, patches, reads } = client({ id: FLOW_ID, etag: '"e1"' }, [503, 412]);
		const patch: Plan = { operations: [RENAME], skipped: [] };
		const failure = applyUpdate(stub, FLOW_ID, { patch, etag: '"e1"' }, OPTIONS);
		await expect(failure).rejects.toBeInstanceOf(UpdateNotAppliedError);
		await expect(failure).rejects.toMatchObject({ verified: false });
		// Resent with the same etag, never re-read: a raw patch cannot tell whether it landed.
		expect(patches.map((sent) => sent.etag)).toEqual(['"e1"', '"e1"']);
		expect(reads()).toBe(0);
	});

	it('a planned change still missing after the last read fails as verifiably not applied', async () => {
		const {
			client: stub,
			patches,
			reads,
		} = client({ id: FLOW_ID, etag: '"e1"', name: 'Old' }, [503, 503]);
		const planner = (flow: FlowDocument): Plan => ({
			operations: flow.name === 'New name' ? [] : [RENAME],
			skipped: [],
		});
		const failure = applyUpdate(stub, FLOW_ID, { planner }, OPTIONS);
		await expect(failure).rejects.toMatchObject({ name: 'UpdateNotAppliedError', verified: true });
		expect(patches).toHaveLength(2);
		// One read per attempt, and one more to see whether the lost write landed.
		expect(reads()).toBe(3);
	});
});
