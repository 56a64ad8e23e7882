// Reading the body of a create request (POST /flows, /sourceConnections, /targetConnections):
// JSON content type, not empty, a JSON object, then its shape checked with a JSON schema. Each
// refusal in Flow Service's shape; the first problem found is named with its field.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { contentTypeError, fsError, invalidRequest } from './errors';
import type { ApiResponse, JsonObject, RequestContext } from './types';

// Adobe's target spec patterns escape characters that need no escape (`\!`, `\'`), which
// unicode-mode regular expressions refuse: patterns are compiled without the `u` flag.
const ajv = new Ajv({
	allErrors: false,
	strict: false,
	validateFormats: false,
	unicodeRegExp: false,
});
const compiled = new WeakMap<object, ValidateFunction>();

/** Compiles once per schema object (schemas are module constants). */
export function validatorFor(schema: object): ValidateFunction {
	let validate = compiled.get(schema);
	if (!validate) {
		validate = ajv.compile(schema);
		compiled.set(schema, validate);
	}
	return validate;
}

/** `flowSpec.id: is required`, `params.bucketName: must match pattern "…"`. */
export function describe(error: ErrorObject, root = ''): string {
	const segments = error.instancePath.split('/').slice(1);
	if (error.keyword === 'required')
		segments.push(String((error.params as { missingProperty: string }).missingProperty));
	const path = segments.reduce(
		(out, s) => (/^\d+$/.test(s) ? `${out}[${s}]` : out ? `${out}.${s}` : s),
		root,
	);
	if (error.keyword === 'required') return `${path}: is required`;
	const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
	const detail = allowed ? `must be one of ${allowed.map(String).join(', ')}` : error.message;
	return `${path || 'the body'}: ${detail}`;
}

export type BodyOrRefusal = { body: JsonObject } | { refusal: ApiResponse };

/** The body as an object, or the refusal to answer. */
export function readJsonObject(ctx: RequestContext, type: string): BodyOrRefusal {
	const contentType = ctx.headers['content-type'];
	if (!/^application\/json\s*(;|$)/i.test(String(contentType ?? '')))
		return { refusal: contentTypeError() };
	if (ctx.body.length === 0)
		return {
			refusal: fsError(
				'emptyBody',
				ctx.requestId,
				'The request body cannot be null or empty. Please provide a request body and try again.',
				undefined,
				type,
			),
		};
	let parsed: unknown;
	try {
		parsed = JSON.parse(ctx.body.toString('utf8'));
	} catch {
		return { refusal: invalidRequest(ctx.requestId, 'the body is not valid JSON.', type) };
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
		return { refusal: invalidRequest(ctx.requestId, 'the body must be a JSON object.', type) };
	return { body: parsed as JsonObject };
}

/** The catalogue has no code for a spec reference without its version; the OpenAPI document says 422. */
export function missingSpecVersion(ctx: RequestContext, field: string, type: string): ApiResponse {
	return fsError(
		'specVersionMissing',
		ctx.requestId,
		`${field}.version 'version' is required for spec info. Make sure to include the version parameter alongside the ${field}. version is usually "1.0".`,
		undefined,
		type,
	);
}

/** Checks the body against a JSON schema; the refusal names the first field in error. */
export function checkShape(
	ctx: RequestContext,
	body: unknown,
	schema: object,
	type: string,
): ApiResponse | undefined {
	const validate = validatorFor(schema);
	if (validate(body)) return undefined;
	return invalidRequest(ctx.requestId, `${describe(validate.errors![0])}.`, type);
}
