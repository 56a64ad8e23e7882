import { readFileSync } from 'fs';
import { OPENAPI_FILE, openapi, problems, schema } from './openapi';

// The corrections openapi.ts makes to Adobe's schemas are the ones Adobe's own examples need.
describe('the destinations OpenAPI document, as the tests read it', () => {
	it('is the destinations document', () => {
		expect(readFileSync(OPENAPI_FILE, 'utf8')).toContain('title: Flow Service API - Destinations');
		expect(Object.keys(openapi.components.schemas)).toContain('TargetConnectionItem');
	});

	it.each([
		['ConnectionsResponse', 'ConnectionItem'],
		['SourceConnectionsResponse', 'SourceConnectionItem'],
		['TargetConnectionsResponse', 'TargetConnectionItem'],
		['Batch_Flows', 'BatchFlowItem'],
		['Batch_Flow_Profile_Mapping_And_Identities_V2', 'BatchFlowItem'],
		['Batch_Flow_Dataset_Schedule_V2', 'BatchFlowItem'],
		['Batch_Flow_Run_Success', 'Flow_Run'],
		['Batch_Flow_Run_Failure', 'Flow_Run'],
	])('accepts every item of Adobe example %s as a %s', (example, name) => {
		const value = openapi.components.examples[example].value as { items: unknown[] };
		expect(value.items.length).toBeGreaterThan(0);
		for (const item of value.items) expect(problems(schema(name), item)).toEqual([]);
	});

	it('still refuses what the schemas refuse', () => {
		expect(problems(schema('TargetConnectionItem'), { id: 'x' }).join()).toMatch(/required/);
		expect(problems(schema('Patch_Flow_Response'), { id: 1 }).join()).toMatch(/string/);
		const run = (openapi.components.examples.Batch_Flow_Run_Success.value as { items: any[] })
			.items[0];
		const done = { ...run, metrics: { statusSummary: { status: 'Done' } } };
		expect(problems(schema('Flow_Run'), done).join()).toMatch(/allowed values/);
		const source = (
			openapi.components.examples.SourceConnectionsResponseUPS.value as {
				items: Record<string, unknown>[];
			}
		).items[0];
		const { typeInfo: _typeInfo, ...withoutTypeInfo } = source;
		expect(problems(schema('SourceConnectionItem'), withoutTypeInfo).join()).toMatch(/typeInfo/);
	});
});
