// What stands between a request and a Platform service: the API gateway's header checks, then
// the service's sandbox (x-sandbox-name). Each wrapper turns a service handler into a pipeline
// handler that answers the gateway's or the sandbox's refusal itself.
import type { EmulatorApp } from '../app';
import { checkGateway } from '../auth';
import { resolveSandbox, type FlowServiceDeps } from '../flows';
import type { ApiResponse, RequestContext } from '../types';

/** A pipeline handler: one request in, one answer out (faults and the log wrap it). */
export type Handler = (ctx: RequestContext) => ApiResponse;

export interface Caller {
	clientId: string;
	orgId: string;
}

/** A request that passed the gateway and names a known sandbox. */
export interface ServiceCall {
	ctx: RequestContext;
	caller: Caller;
	deps: FlowServiceDeps;
	sandbox: string;
}

export function withGateway(
	app: EmulatorApp,
	handler: (ctx: RequestContext, caller: Caller) => ApiResponse,
): Handler {
	return (ctx) => {
		const caller = checkGateway(ctx, app.auth);
		if ('status' in caller) return caller;
		// Ad-hoc runs end when their time has come, whichever request reads them.
		app.adhoc.settle(app.deps, ctx.receivedAt);
		return handler(ctx, caller);
	};
}

export function withSandbox(
	app: EmulatorApp,
	handler: (call: ServiceCall) => ApiResponse,
): Handler {
	return withGateway(app, (ctx, caller) => {
		const sandbox = resolveSandbox(ctx, app.deps);
		if (typeof sandbox !== 'string') return sandbox;
		return handler({ ctx, caller, deps: app.deps, sandbox });
	});
}
