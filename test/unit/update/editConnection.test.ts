import type { PatchOperation } from '@node/model/types';
import { FlowServiceHttpError, type FlowServiceClient } from '@node/transport';
import {
	ConnectionConflictError,
	editConnection,
	type ConnectionEdit,
	type EditedDocument,
} from '@node/update/editConnection';

const POLICY = { maxRetries: 2, initialDelayMs: 0, maxDelayMs: 0, timeoutMs: 1000 };
const MOVE: PatchOperation = { op: 'replace', path: '/params/path', value: 'new' };

interface Target extends EditedDocument {
	params: { path: string };
}

/**
 * A target connection and a client whose PATCHes fail in turn with the given statuses (a failure
 * listed as `lost` applies the write before failing, as a lost answer may have); reads answer the
 * connection as it is, each write giving it a new etag.
 */
function setUp(failures: Array<number | 'lost'>) {
	let version = 1;
	const connection: Target = { id: 't1', etag: '"e1"', params: { path: 'old' } };
	const patches: Array<{ etag: string; operations: PatchOperation[] }> = [];
	let reads = 0;
	const apply = () => {
		connection.params.path = 'new';
		connection.etag = `"e${++version}"`;
	};
	const stub = {
		policy: POLICY,
		async patchConnection(
			_collection: string,
			_id: string,
			etag: string,
			operations: PatchOperation[],
		) {
			patches.push({ etag, operations });
			const failure = failures.shift();
			if (failure === 'lost') {
				apply();
				throw new FlowServiceHttpError(undefined, undefined, {}, 'reset', 'ECONNRESET');
			}
			if (failure !== undefined) throw new FlowServiceHttpError(failure, {}, {}, `HTTP ${failure}`);
			apply();
			return { etag: connection.etag };
		},
	};
	const edit: ConnectionEdit<Target, { operations: PatchOperation[] }> = {
		collection: 'targetConnections',
		id: 't1',
		what: 'Target connection',
		read: async () => {
			reads++;
			return structuredClone(connection);
		},
		plan: (read) => ({ operations: read.params.path === 'new' ? [] : [MOVE] }),
	};
	return {
		client: stub as unknown as FlowServiceClient,
		edit,
		patches,
		reads: () => reads,
		// Another writer: a new etag, nothing else.
		bump: () => (connection.etag = `"e${++version}"`),
	};
}

const OPTIONS = { dryRun: false, maxConflictRetries: 2 };

describe('editConnection', () => {
	it('reads, plans and PATCHes with the etag read', async () => {
		const { client, edit, patches } = setUp([]);
		const result = await editConnection(client, edit, OPTIONS);
		expect(patches).toEqual([{ etag: '"e1"', operations: [MOVE] }]);
		expect(result).toMatchObject({
			changed: true,
			previousEtag: '"e1"',
			etag: '"e2"',
			conflictRetries: 0,
			transientRetries: 0,
		});
	});

	it('on 412 reads again and re-plans, up to the bound, then fails naming the connection', async () => {
		const retried = setUp([412]);
		expect(await editConnection(retried.client, retried.edit, OPTIONS)).toMatchObject({
			changed: true,
			conflictRetries: 1,
		});
		expect(retried.reads()).toBe(2);

		const exhausted = setUp([412, 412, 412]);
		const failure = editConnection(exhausted.client, exhausted.edit, OPTIONS);
		await expect(failure).rejects.toBeInstanceOf(ConnectionConflictError);
		await expect(failure).rejects.toThrow(
			'Target connection t1 changed while it was being updated: 3 attempt(s) met 412 Precondition Failed',
		);
		expect(exhausted.patches).toHaveLength(3);
	});

	it('never resends a write whose answer was lost when a fresh read shows it landed', async () => {
		const { client, edit, patches } = setUp(['lost']);
		const result = await editConnection(client, edit, OPTIONS);
		expect(patches).toHaveLength(1);
		expect(result).toMatchObject({ changed: true, confirmedByRead: true, transientRetries: 1 });
	});

	it('retries a refused transient failure after a fresh read, and gives up after the bound', async () => {
		const retried = setUp([503]);
		expect(await editConnection(retried.client, retried.edit, OPTIONS)).toMatchObject({
			changed: true,
			transientRetries: 1,
		});
		const exhausted = setUp([429, 429, 429]);
		await expect(editConnection(exhausted.client, exhausted.edit, OPTIONS)).rejects.toMatchObject({
			statusCode: 429,
		});
		expect(exhausted.patches).toHaveLength(3);
	});

	it('sends nothing on a dry run or when the plan is empty; other errors go up at once', async () => {
		const dry = setUp([]);
		expect(await editConnection(dry.client, dry.edit, { ...OPTIONS, dryRun: true })).toMatchObject({
			changed: false,
			plan: { operations: [MOVE] },
			etag: '"e1"',
		});
		expect(dry.patches).toEqual([]);

		const refused = setUp([400]);
		await expect(editConnection(refused.client, refused.edit, OPTIONS)).rejects.toMatchObject({
			statusCode: 400,
		});
		expect(refused.patches).toHaveLength(1);

		const done = setUp([]);
		done.bump();
		await editConnection(done.client, done.edit, OPTIONS);
		const again = await editConnection(done.client, done.edit, OPTIONS);
		expect(again).toMatchObject({ changed: false, plan: { operations: [] } });
		expect(done.patches).toHaveLength(1);
	});
});
