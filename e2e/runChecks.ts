/**
 * What the end-to-end scenarios check a run with: n8n's output items, the emulator's request log
 * (method, path, status, If-Match as sent) and the dataflows it stored.
 */
import {
	DEFAULT_CLIENT_ID,
	DEFAULT_IMS_ORG,
	IMS_TOKEN_PATH,
	type Flow,
	type RunningEmulator,
} from '../emulator';
import { nodeItems } from '../local-n8n';
import { Call, toCall } from '../local-n8n/project';

export type Json = Record<string, any>;

export function flow(emulator: RunningEmulator, id: string): Flow {
	const stored = emulator.getFlow(id);
	if (!stored) throw new Error(`the emulator has no flow ${id}`);
	return stored;
}

export function calls(emulator: RunningEmulator): Call[] {
	return emulator.requests().map(toCall);
}

/** A read of the flow as the request log shows it. */
export function readCall(flowId: string): Call {
	return { method: 'GET', path: `/flows/${flowId}`, status: 200 };
}

/** A PATCH of the flow as the request log shows it, with the If-Match header it carried. */
export function patchCall(flowId: string, status: number, ifMatch: string): Call {
	return { method: 'PATCH', path: `/flows/${flowId}`, status, ifMatch };
}

/** Calls whose path is exactly the flow's (GET/PATCH /flows/<id>) or its action endpoint. */
export function flowCalls(emulator: RunningEmulator, flowId: string): Call[] {
	return calls(emulator).filter(
		(c) => c.path === `/flows/${flowId}` || c.path.startsWith(`/flows/${flowId}/`),
	);
}

/** `json` of a node's output items; when the node failed, its error (message and description). */
export function items(run: unknown, node: string): Json[] {
	const runs = (run as Json)?.data?.resultData?.runData?.[node] as Json[] | undefined;
	const error = runs?.[runs.length - 1]?.error as Json | undefined;
	if (error) {
		throw new Error(
			`node "${node}" failed: ${error.message}${error.description ? ` (${error.description})` : ''}${error.httpCode ? ` [httpCode ${error.httpCode}]` : ''}`,
		);
	}
	return nodeItems(run, node) as Json[];
}

/** Every Flow Service request carries the four Adobe headers of the credential. */
export function expectAdobeHeaders(emulator: RunningEmulator): void {
	const api = emulator.requests().filter((r) => r.path.startsWith('/data/'));
	expect(api.length).toBeGreaterThan(0);
	for (const request of api) {
		expect({
			authorization: request.headers.authorization,
			'x-api-key': request.headers['x-api-key'],
			'x-gw-ims-org-id': request.headers['x-gw-ims-org-id'],
			'x-sandbox-name': request.headers['x-sandbox-name'],
		}).toEqual({
			authorization: 'Bearer ***',
			'x-api-key': DEFAULT_CLIENT_ID,
			'x-gw-ims-org-id': DEFAULT_IMS_ORG,
			'x-sandbox-name': 'prod',
		});
	}
}

/**
 * The flow got exactly one PATCH, sent with `etag` (quotes included) right after a successful read,
 * adding exactly `audienceIds`; other requests to it (ignoring 401s of an expired token) are reads.
 */
export function expectOneUpdate(
	emulator: RunningEmulator,
	flowId: string,
	etag: string,
	audienceIds: string[],
): void {
	const seen = flowCalls(emulator, flowId).filter((c) => c.status !== 401);
	const patches = seen.filter((c) => c.method === 'PATCH');
	expect(patches).toEqual([
		{ method: 'PATCH', path: `/flows/${flowId}`, status: 200, ifMatch: etag },
	]);
	const at = seen.findIndex((c) => c.method === 'PATCH');
	expect(seen[at - 1]).toEqual(readCall(flowId));
	expect(
		seen.filter((c) => c.method !== 'PATCH').every((c) => c.method === 'GET' && c.status === 200),
	).toBe(true);
	const body = emulator
		.requests()
		.find((r) => r.method === 'PATCH' && r.path.endsWith(`/flows/${flowId}`))?.body as Json[];
	expect(body.map((op) => [op.op, op.path, op.value?.value?.id])).toEqual(
		audienceIds.map((id) => ['add', '/transformations/0/params/segmentSelectors/selectors/-', id]),
	);
}

/**
 * OAuth with an expired token: the first request is refused with 401, n8n fetches a new token from
 * the emulator's IMS (once per request that met the 401 at most), and every refused request is then
 * repeated successfully.
 */
export function expectTokenRefresh(emulator: RunningEmulator, tokensBefore: number): void {
	const seen = calls(emulator);
	expect(seen[0]).toMatchObject({ status: 401 });
	const tokenCalls = seen.filter((c) => c.path === IMS_TOKEN_PATH);
	const refused = seen.filter((c) => c.status === 401);
	expect(tokenCalls.length).toBeGreaterThanOrEqual(1);
	expect(tokenCalls.length).toBeLessThanOrEqual(refused.length);
	expect(tokenCalls.every((c) => c.method === 'POST' && c.status === 200)).toBe(true);
	for (const call of refused) {
		const index = seen.indexOf(call);
		const repeated = seen
			.slice(index + 1)
			.find((later) => later.method === call.method && later.path === call.path);
		// 200, or 207 from the audience lookup (a bulk answer).
		expect([200, 207]).toContain(repeated?.status);
	}
	expect(emulator.tokensIssued() - tokensBefore).toBe(tokenCalls.length);
}

/** The error a node stopped with in a failed run (message, description...); undefined when it did not fail. */
export function nodeError(run: unknown, node: string): Json | undefined {
	const runs = (run as Json)?.data?.resultData?.runData?.[node] as Json[] | undefined;
	return runs?.[runs.length - 1]?.error as Json | undefined;
}

/** Segment selectors of a stored flow's first transformation, as stored. */
export function selectorsOf(stored: Flow): Json[] {
	return (stored.transformations as Json[])[0].params.segmentSelectors.selectors as Json[];
}
