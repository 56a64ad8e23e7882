// Flow Service routes under /data/foundation/flowservice: dataflows and their runs, the
// connections a destination dataflow is made of, and the connection and flow specs.
import type { EmulatorApp } from '../app';
import { createSourceConnection, createTargetConnection } from '../connection-create';
import { patchConnection } from '../connection-patch';
import { deleteConnection, getConnection, listConnections } from '../connections';
import { listExportableDatasets } from '../dataset-configs';
import { createFlow } from '../flow-create';
import { deleteFlow, flowAction, getFlow, listFlows, patchFlow } from '../flows';
import { FLOW_SERVICE_BASE_PATH } from '../identity';
import { getRun, listRuns } from '../runs';
import { getSpec, listSpecs } from '../specs/api';
import type { ApiRoute } from './api';
import { withSandbox } from './scope';

export function flowServiceRoutes(route: ApiRoute, app: EmulatorApp): void {
	const at = (path: string) => `${FLOW_SERVICE_BASE_PATH}${path}`;
	route('GET', at('/flows'), withSandbox(app, listFlows));
	route('POST', at('/flows'), withSandbox(app, createFlow));
	route('GET', at('/flows/:id'), withSandbox(app, getFlow));
	route('PATCH', at('/flows/:id'), withSandbox(app, patchFlow));
	route('DELETE', at('/flows/:id'), withSandbox(app, deleteFlow));
	route('POST', at('/flows/:id/action'), withSandbox(app, flowAction));
	route('GET', at('/runs'), withSandbox(app, listRuns));
	route('GET', at('/runs/:id'), withSandbox(app, getRun));

	route('GET', at('/connections'), withSandbox(app, listConnections('connections')));
	route('GET', at('/connections/:id'), withSandbox(app, getConnection('connections')));
	route('PATCH', at('/connections/:id'), withSandbox(app, patchConnection('connections')));
	route('POST', at('/sourceConnections'), withSandbox(app, createSourceConnection));
	route('POST', at('/targetConnections'), withSandbox(app, createTargetConnection));
	for (const kind of ['sourceConnections', 'targetConnections'] as const) {
		route('GET', at(`/${kind}`), withSandbox(app, listConnections(kind)));
		route('GET', at(`/${kind}/:id`), withSandbox(app, getConnection(kind)));
		route('PATCH', at(`/${kind}/:id`), withSandbox(app, patchConnection(kind)));
		route('DELETE', at(`/${kind}/:id`), withSandbox(app, deleteConnection(kind)));
	}

	for (const kind of ['connectionSpecs', 'flowSpecs'] as const) {
		route('GET', at(`/${kind}`), withSandbox(app, listSpecs(kind)));
		route('GET', at(`/${kind}/:id`), withSandbox(app, getSpec(kind)));
	}
	route('GET', at('/connectionSpecs/:id/configs'), withSandbox(app, listExportableDatasets));
}
