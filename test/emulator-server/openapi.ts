// Adobe's destinations OpenAPI document (emulator/openapi/destinations.yaml, a verbatim copy)
// as JSON-schema validators for the emulator's answers. The document's schemas reject Adobe's
// own examples in a few places; `correct` changes exactly those (openapi.test.ts proves every
// example of the document then validates):
// 1. `oneOf` is read as `anyOf`: its alternatives overlap (the legacy params schemas accept any
//    object), so nothing can match exactly one.
// 2. A property declared `type: string` with `properties` (inheritedAttributes' connectionSpec)
//    is an object, as its properties and every example say.
// 3. `inheritedAttributes.baseConnection` of source and target connections is an object
//    `{id, connectionSpec}` in every example, not the declared string.
// 4. A dataflow's `inheritedAttributes.sourceConnections`/`targetConnections` are arrays of the
//    declared object in every example.
// 5. `typeInfo` of a source connection is required only for the Profile store: the document's
//    Data Lake example has none.
// 6. A base connection's `auth` is checked against the auth spec its connection spec serves
//    (authSpecValidator): the document's auth schemas reject its own examples ("{SECRET_KEY}",
//    "Basic Authentication for sftp") and cover S3 and SFTP only; and it is not required where
//    the connection spec has no auth spec (Data Landing Zone, the Experience Platform sources).
// 7. DatasetScheduleParams_V2's `interval` enum (1, 3, 6, 9, 12) also takes 0, the one-time full
//    export its own `exportMode` describes, and 8, the UI guide's "every 8 hours".
// 8. A run's `statusSummary.status` may also be in lower case, and Info's `code` has no pattern:
//    Adobe's run examples say "success"/"failed" and "ACTIVATION_BATCH-0000-SKIP".
// Listings answer `{"items": [...]}` as every example does; the schemas name the item type.
import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'fs';
import path from 'path';
import { parse } from 'yaml';

type Schema = Record<string, unknown>;

export const OPENAPI_FILE = path.join(__dirname, '../../emulator/openapi/destinations.yaml');
export const openapi = parse(readFileSync(OPENAPI_FILE, 'utf8')) as {
	components: { schemas: Record<string, Schema>; examples: Record<string, { value: unknown }> };
};

function correct(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(correct);
	if (node === null || typeof node !== 'object') return node;
	const out: Schema = {};
	for (const [key, value] of Object.entries(node))
		out[key === 'oneOf' ? 'anyOf' : key] = correct(value);
	if (out.type === 'string' && out.properties) out.type = 'object';
	return out;
}

function corrected(): Record<string, Schema> {
	const schemas = correct(openapi.components.schemas) as Record<string, Schema>;
	const props = (name: string) => schemas[name].properties as Record<string, Schema>;
	const baseConnection = {
		type: 'object',
		required: ['id', 'connectionSpec'],
		properties: { id: { type: 'string' }, connectionSpec: { type: 'object' } },
	};
	for (const name of ['SourceConnectionItem', 'TargetConnectionItem'])
		(props(name).inheritedAttributes.properties as Schema).baseConnection = baseConnection;
	const flowInherited = props('BaseFlowItem').inheritedAttributes.properties as Schema;
	for (const key of ['sourceConnections', 'targetConnections'])
		flowInherited[key] = { type: 'array', items: flowInherited[key] };
	schemas.SourceConnectionItem.required = (
		schemas.SourceConnectionItem.required as string[]
	).filter((field) => field !== 'typeInfo');
	schemas.SourceConnectionItem.if = {
		properties: {
			connectionSpec: { properties: { id: { const: '8a9c3494-9708-43d7-ae3f-cda01e5030e1' } } },
		},
	};
	schemas.SourceConnectionItem.then = { required: ['typeInfo'] };
	const interval = props('DatasetScheduleParams_V2').interval as { enum: number[] };
	interval.enum = [0, ...interval.enum, 8].sort((a, b) => a - b);
	const status = props('StatusSummary').status as { enum: string[] };
	status.enum = [...status.enum, ...status.enum.map((s) => s.toLowerCase())];
	delete props('Info').code.pattern;
	delete props('ConnectionItem').auth;
	schemas.ConnectionItem.required = (schemas.ConnectionItem.required as string[]).filter(
		(field) => field !== 'auth',
	);
	return schemas;
}

const ajv = new Ajv({
	strict: false,
	validateFormats: false,
	unicodeRegExp: false,
	allErrors: true,
});
ajv.addSchema({ $id: 'destinations', components: { schemas: corrected() } });

/** A validator for one schema of the (corrected) document, e.g. `schema('TargetConnectionItem')`. */
export function schema(name: string): ValidateFunction {
	const validate = ajv.getSchema(`destinations#/components/schemas/${name}`);
	if (!validate) throw new Error(`no schema ${name} in the destinations OpenAPI document`);
	return validate;
}

/** The auth spec entry's JSON schema, compiled (what `auth.params` must satisfy). */
export function authSpecValidator(spec: Schema): ValidateFunction {
	return ajv.compile(spec);
}

/** Validation errors as readable lines (empty when valid), so a failing test shows them. */
export function problems(validate: ValidateFunction, value: unknown): string[] {
	return validate(value)
		? []
		: (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
