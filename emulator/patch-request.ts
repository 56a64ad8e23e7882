// The checks every Flow Service PATCH passes before its operations are looked at, shared by
// dataflows and connections (README "PATCH" gives the order): a JSON content type, an If-Match
// header equal to the entity's etag byte for byte (quotes included), a body that is JSON.
import { contentTypeError, fsError } from './errors';
import type { ApiResponse, RequestContext, SandboxEntity } from './types';

export function header(ctx: RequestContext, name: string): string | undefined {
	const v = ctx.headers[name];
	return Array.isArray(v) ? v.join(', ') : v;
}

export function jsonContentRefusal(ctx: RequestContext): ApiResponse | undefined {
	return /^application\/json\s*(;|$)/i.test(header(ctx, 'content-type') ?? '')
		? undefined
		: contentTypeError();
}

/** The If-Match header, or 1403-400 when it is missing. */
export function ifMatchOf(ctx: RequestContext): string | ApiResponse {
	const ifMatch = header(ctx, 'if-match');
	if (ifMatch !== undefined) return ifMatch;
	return fsError(
		'ifMatchMissing',
		ctx.requestId,
		"The header 'If-Match' is missing in the request. Please provide the header and try again.",
	);
}

/** 1404-412 when the sent etag is not the entity's: an etag without its quotes is a mismatch too. */
export function versionRefusal(
	ctx: RequestContext,
	ifMatch: string,
	entity: SandboxEntity,
	type: string,
): ApiResponse | undefined {
	if (ifMatch === entity.etag) return undefined;
	return fsError(
		'versionMismatch',
		ctx.requestId,
		`Supplied version=[${ifMatch}] does not match the current version on entity=[${entity.etag}]`,
		entity.id,
		type,
	);
}

/** The parsed body: 1405-400 when empty, 1455-400 when it is not JSON. */
export function readPatchBody(
	ctx: RequestContext,
	id: string,
	type: string,
): { ops: unknown } | { refusal: ApiResponse } {
	if (ctx.body.length === 0)
		return {
			refusal: fsError(
				'emptyBody',
				ctx.requestId,
				'The request body cannot be null or empty. Please provide a request body and try again.',
				id,
				type,
			),
		};
	try {
		return { ops: JSON.parse(ctx.body.toString('utf8')) };
	} catch {
		return {
			refusal: fsError(
				'patchInvalid',
				ctx.requestId,
				'An error has occurred while validating patch instructions: the body is not valid JSON.',
				id,
				type,
			),
		};
	}
}
