// A target connection's params are checked against its connection spec's targetSpec (a JSON
// schema). Fields with Adobe's `conditional` keyword apply only in some contexts (the flow
// spec's workflow, another field's value): they are checked when present, never required.
import { describe, validatorFor } from '../create-body';
import type { JsonObject } from '../types';

interface ObjectSchema {
	properties?: Record<string, { conditional?: unknown }>;
	required?: string[];
}

const derived = new Map<string, object>();

function paramsSchema(spec: JsonObject): object {
	const id = spec.id as string;
	let schema = derived.get(id);
	if (!schema) {
		const target = (spec.targetSpec as { spec: ObjectSchema }).spec;
		const properties = target.properties ?? {};
		schema = {
			...target,
			required: (target.required ?? []).filter((name) => !properties[name]?.conditional),
		};
		derived.set(id, schema);
	}
	return schema;
}

/** `params.bucketName: must match pattern "…"`, or undefined when the params fit. */
export function targetParamsProblem(spec: JsonObject, params: unknown): string | undefined {
	const validate = validatorFor(paramsSchema(spec));
	return validate(params) ? undefined : describe(validate.errors![0], 'params');
}
