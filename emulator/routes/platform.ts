// The other Platform routes the node uses: the IMS token endpoint, the Segmentation Service's
// audiences and the ad-hoc activation ("Export now") endpoint.
import { ADHOC_PATH } from '../adhoc';
import type { EmulatorApp } from '../app';
import { bulkGet, getAudience, listAudiences } from '../audiences';
import { IMS_TOKEN_PATH, SEGMENTATION_BASE_PATH } from '../identity';
import { handleImsToken } from '../ims';
import { ALL_METHODS, type ApiRoute } from './api';
import { withGateway, withSandbox } from './scope';

export function platformRoutes(route: ApiRoute, app: EmulatorApp): void {
	route('POST', IMS_TOKEN_PATH, (ctx) => handleImsToken(ctx, app.auth));

	const audiencesIn = (sandbox: string) => app.audiences.get(sandbox) ?? [];
	const ups = (path: string) => `${SEGMENTATION_BASE_PATH}${path}`;
	route(
		'GET',
		ups('/audiences'),
		withSandbox(app, ({ ctx, sandbox }) => listAudiences(ctx, audiencesIn(sandbox))),
	);
	route(
		'GET',
		ups('/audiences/:id'),
		withSandbox(app, ({ ctx, sandbox }) => getAudience(ctx, audiencesIn(sandbox), sandbox)),
	);
	route(
		'POST',
		ups('/segment/definitions/bulk-get'),
		withSandbox(app, ({ ctx, sandbox }) => bulkGet(ctx, audiencesIn(sandbox))),
	);

	// Every method: the activation service answers 405 itself for anything but POST.
	route(
		ALL_METHODS,
		ADHOC_PATH,
		withGateway(app, (ctx) => app.adhoc.handle(ctx, app.deps)),
	);
}
