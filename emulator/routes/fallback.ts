// What answers a request no route matched (or whose URL cannot be decoded): under /data/ the
// gateway still checks it first, then the service whose path it is answers in its own shape.
import type { EmulatorApp } from '../app';
import { segmentationNotFound } from '../audiences';
import { fsError } from '../errors';
import { resolveSandbox } from '../flows';
import { FLOW_SERVICE_BASE_PATH, SEGMENTATION_BASE_PATH } from '../identity';
import type { ApiResponse, RequestContext } from '../types';
import { withGateway, type Handler } from './scope';

function notFound(ctx: RequestContext): ApiResponse {
	return fsError(
		'notFoundRoute',
		ctx.requestId,
		`The requested resource is not found: ${ctx.method} ${ctx.path}.`,
	);
}

const under = (path: string, base: string) => path === base || path.startsWith(`${base}/`);

export function fallback(app: EmulatorApp): Handler {
	const platform = withGateway(app, (ctx) => {
		if (under(ctx.path, SEGMENTATION_BASE_PATH)) return segmentationNotFound(ctx);
		if (under(ctx.path, FLOW_SERVICE_BASE_PATH)) {
			const sandbox = resolveSandbox(ctx, app.deps);
			if (typeof sandbox !== 'string') return sandbox;
		}
		return notFound(ctx);
	});
	return (ctx) => (ctx.path.startsWith('/data/') ? platform(ctx) : notFound(ctx));
}
