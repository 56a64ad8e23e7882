import {
	NodeHelpers,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyCollection,
	type INodePropertyOptions,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { FlowServiceDestination } from '@node/FlowServiceDestination.node';
import released from './fixtures/description-before-create.json';

/**
 * Saved workflows keep working: for every operation of the description as it was before Create
 * and the Destination Account resource (kept as a fixture), in both node versions, every choice of every options parameter (top level, in collections and in
 * list entries) and every switch, n8n resolves a saved node (which holds no `resource`) to the
 * same parameters with today's description as with that one.
 */
const current = new FlowServiceDestination().description;
const old = released.properties as unknown as INodeProperties[];

type Entry = INodeProperties | INodePropertyCollection | INodePropertyOptions;
const isOption = (entry: Entry): entry is INodePropertyOptions =>
	!('displayName' in entry) && !('values' in entry);

function resolve(properties: INodeProperties[], parameters: INodeParameters, typeVersion: number) {
	return NodeHelpers.getNodeParameters(properties, parameters, true, false, { typeVersion }, {
		...current,
		properties,
	} as INodeTypeDescription);
}

/** The values a parameter may be saved with: each choice, both switch positions, its default. */
function savedValues(property: INodeProperties): unknown[] {
	if (property.type === 'options') {
		return ((property.options ?? []) as Entry[]).filter(isOption).map((option) => option.value);
	}
	if (property.type === 'boolean') return [true, false];
	return [property.default];
}

/** Saved parameter sets for one operation: its own, then one more per value of each parameter. */
function variants(operation: string): INodeParameters[] {
	const sets: INodeParameters[] = [{ operation }];
	for (const property of old) {
		const shown = property.displayOptions?.show?.operation as string[] | undefined;
		if (property.name === 'operation' || property.name === 'resource') continue;
		if (shown && !shown.includes(operation)) continue;
		if (property.type === 'collection') {
			for (const inner of (property.options ?? []) as INodeProperties[]) {
				for (const value of savedValues(inner)) {
					sets.push({ operation, [property.name]: { [inner.name]: value } as never });
				}
			}
		} else if (property.type === 'fixedCollection') {
			for (const group of (property.options ?? []) as INodePropertyCollection[]) {
				for (const field of group.values) {
					for (const value of savedValues(field)) {
						sets.push({
							operation,
							[property.name]: { [group.name]: [{ [field.name]: value }] } as never,
						});
					}
				}
			}
		} else {
			for (const value of savedValues(property)) {
				sets.push({ operation, [property.name]: value as never });
			}
		}
	}
	return sets;
}

/** Every key of `expected` is in `actual` with the same value, however deep. */
function missingFrom(expected: unknown, actual: unknown, path = ''): string[] {
	if (typeof expected !== 'object' || expected === null) {
		return JSON.stringify(expected) === JSON.stringify(actual)
			? []
			: [`${path}: ${JSON.stringify(expected)} became ${JSON.stringify(actual)}`];
	}
	if (typeof actual !== 'object' || actual === null) return [`${path}: missing`];
	return Object.entries(expected).flatMap(([key, value]) =>
		missingFrom(value, (actual as Record<string, unknown>)[key], `${path}.${key}`),
	);
}

const operations = (
	(old.find((property) => property.name === 'operation')!.options ?? []) as INodePropertyOptions[]
).map((option) => String(option.value));

describe('saved workflows resolve as they did before Create', () => {
	it('knows the operations saved workflows may hold', () => {
		expect(operations).toHaveLength(16);
		expect(released.version).toEqual([1, 2]);
	});

	it.each(
		operations.flatMap((operation) => [1, 2].map((version) => [operation, version] as const)),
	)('%s, version %i: every parameter and value is still accepted', (operation, version) => {
		const sets = variants(operation);
		expect(sets.length).toBeGreaterThan(1);
		const changed = sets.flatMap((saved) =>
			missingFrom(resolve(old, saved, version), resolve(current.properties, saved, version)).map(
				(difference) => `${JSON.stringify(saved)} ${difference}`,
			),
		);
		expect(changed).toEqual([]);
	});
});
