// Flow Service routes under /data/foundation/flowservice: dataflows and their runs.
import type { EmulatorApp } from '../app';
import { deleteFlow, flowAction, getFlow, listFlows, patchFlow } from '../flows';
import { FLOW_SERVICE_BASE_PATH } from '../identity';
import { getRun, listRuns } from '../runs';
import type { ApiRoute } from './api';
import { withSandbox } from './scope';

export function flowServiceRoutes(route: ApiRoute, app: EmulatorApp): void {
	const at = (path: string) => `${FLOW_SERVICE_BASE_PATH}${path}`;
	route('GET', at('/flows'), withSandbox(app, listFlows));
	route('GET', at('/flows/:id'), withSandbox(app, getFlow));
	route('PATCH', at('/flows/:id'), withSandbox(app, patchFlow));
	route('DELETE', at('/flows/:id'), withSandbox(app, deleteFlow));
	route('POST', at('/flows/:id/action'), withSandbox(app, flowAction));
	route('GET', at('/runs'), withSandbox(app, listRuns));
	route('GET', at('/runs/:id'), withSandbox(app, getRun));
}
