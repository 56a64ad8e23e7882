// In-process entry point for tests and scripts:
//   const emu = await startEmulator();            // port 0: a free port
//   ... point the client at emu.url ...
//   await emu.close();
import { EmulatorApp, type EmulatorOptions } from './app';
import { checkFaultSpec, type Fault, type FaultSpec } from './faults';
import { FLOW_SERVICE_BASE_PATH, IMS_TOKEN_PATH } from './identity';
import type { LoggedRequest } from './request-log';
import type { RunInput } from './runs';
import { createEmulatorServer, listen } from './server';
import type { ConnectionKind } from './store';
import type { Connection, EmulatorConfig, Flow, Run } from './types';

export interface RunningEmulator {
	/** Base URL, e.g. http://127.0.0.1:8089 (IMS and Flow Service share it). */
	url: string;
	port: number;
	/** url + /data/foundation/flowservice */
	flowServiceUrl: string;
	/** url + /ims/token/v3 */
	imsTokenUrl: string;
	/** Stops listening, drops open connections and writes pending state. */
	close(): Promise<void>;
	/** Back to the seed (flows, runs, faults, settings, request log); issued tokens stay valid. */
	reset(): void;
	/** The request log, oldest first, secrets redacted. */
	requests(): LoggedRequest[];
	clearRequests(): void;
	/** A copy of the flow's stored state in whichever sandbox holds it. */
	getFlow(id: string): Flow | undefined;
	injectFault(spec: FaultSpec): Fault;
	clearFaults(): void;
	/** Every token issued so far expires now (the static token stays valid). */
	expireTokens(): number;
	/** Another writer changes the flow: its etag rotates. Returns the new etag. */
	rotateEtag(flowId: string): string | undefined;
	/** A copy of a base, source or target connection (`kind` names which), in any sandbox. */
	getConnection(id: string): { kind: ConnectionKind; connection: Connection } | undefined;
	/** Another writer changes the connection (any kind): its etag rotates. Returns the new etag. */
	rotateConnectionEtag(id: string): string | undefined;
	/** Adds a run to the flow (in the flow's sandbox); throws on counts that cannot be. */
	addRun(flowId: string, input?: RunInput): Run | undefined;
	/** Stores a flow as given (no validation), e.g. a custom fixture for one test. */
	putRawFlow(flow: Flow): void;
	/** Current settings; assign to change them (latencyMs, asyncUpdateMs, requireSandboxHeader). */
	config: EmulatorConfig;
	/** Completes every in-progress asynchronous update now. */
	completePendingUpdates(): number;
	/** Tokens minted by /ims/token/v3 since start. */
	tokensIssued(): number;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
	const app = new EmulatorApp(options);
	const host = options.host ?? '127.0.0.1';
	let url = '';
	const server = createEmulatorServer(app, () => url);
	const port = await listen(server, options.port ?? 0, host);
	url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

	let closed: Promise<void> | undefined;
	return {
		url,
		port,
		flowServiceUrl: `${url}${FLOW_SERVICE_BASE_PATH}`,
		imsTokenUrl: `${url}${IMS_TOKEN_PATH}`,
		close() {
			closed ??= server.close().finally(() => app.flush());
			return closed;
		},
		reset: () => app.reset(),
		requests: () => app.log.list(),
		clearRequests: () => app.log.clear(),
		getFlow: (id) => {
			const flow = app.store.findFlow(id);
			return flow && structuredClone(flow);
		},
		injectFault: (spec) => {
			const problem = checkFaultSpec(spec);
			if (problem) throw new Error(`invalid fault: ${problem}`);
			return app.faults.add(spec);
		},
		clearFaults: () => app.faults.clear(),
		expireTokens: () => app.auth.expireAll(),
		rotateEtag: (flowId) => app.rotateEtag(flowId),
		getConnection: (id) => {
			const found = app.store.findConnection(id);
			return found && structuredClone(found);
		},
		rotateConnectionEtag: (id) => app.rotateConnectionEtag(id),
		addRun: (flowId, input) => app.addRun(flowId, input),
		putRawFlow: (flow) => app.putRawFlow(flow),
		config: app.config,
		completePendingUpdates: () => app.completePendingUpdates(),
		tokensIssued: () => app.auth.issuedCount,
	};
}

export type { EmulatorOptions } from './app';
export type { ClientConfig } from './auth';
export type { Fault, FaultSpec, FaultType } from './faults';
export type { LoggedRequest } from './request-log';
export type { RunInput } from './runs';
export type { ConnectionKind } from './store';
export type { Connection, EmulatorConfig, Flow, Run } from './types';
export * from './identity';
export * from './fixtures/ids';
