import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { FlowServiceDestination } from '@node/FlowServiceDestination.node';

const properties = new FlowServiceDestination().description.properties;
const named = (name: string) => properties.filter((property) => property.name === name);
const show = (property: INodeProperties) => property.displayOptions?.show ?? {};

describe('the Audience resource as the editor gets it', () => {
	it('offers Find Dataflows first, then Remove From All and Replace On All Dataflows, each with an action', () => {
		const list = named('operation').find((p) => show(p).resource?.[0] === 'audience')!;
		expect(list.default).toBe('findDataflows');
		expect(
			(list.options as INodePropertyOptions[]).map(({ name, value, action }) => [
				name,
				value,
				typeof action === 'string' && action.length > 0,
			]),
		).toEqual([
			['Find Dataflows', 'findDataflows', true],
			['Remove From All Dataflows', 'removeFromAll', true],
			['Replace On All Dataflows', 'replaceOnAll', true],
		]);
	});

	it('picks the audience from the searchable audience list by default, or by ID; one field for all three', () => {
		const [audience] = named('audienceId').filter((p) => show(p).resource?.[0] === 'audience');
		expect(audience).toMatchObject({
			displayName: 'Audience',
			type: 'resourceLocator',
			required: true,
			default: { mode: 'list', value: '' },
			displayOptions: { show: { resource: ['audience'] } },
		});
		expect(audience.modes!.map((mode) => [mode.name, mode.typeOptions?.searchListMethod])).toEqual([
			['list', 'searchAudiences'],
			['id', undefined],
		]);
	});

	it('shows Replace With only on Replace On All, and the Dataflow Filter on both writes', () => {
		const [replacement] = named('replacementAudienceId');
		expect(replacement).toMatchObject({
			displayName: 'Replace With',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			displayOptions: { show: { resource: ['audience'], operation: ['replaceOnAll'] } },
		});
		const filters = named('dataflowFilter').map((p) => show(p).operation);
		expect(filters).toEqual([['removeFromAll'], ['replaceOnAll']]);
	});
});
