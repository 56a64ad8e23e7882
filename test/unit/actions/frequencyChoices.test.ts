import { NodeHelpers, type INodeParameters, type INodeProperties } from 'n8n-workflow';

import { FlowServiceDestination } from '@node/FlowServiceDestination.node';

const description = new FlowServiceDestination().description;

/** The fields of one entry of a fixed collection, as n8n's editor lists them. */
function entryFields(listName: string): INodeProperties[] {
	const list = description.properties.find((property) => property.name === listName);
	const [entry] = list!.options as Array<{ values: INodeProperties[] }>;
	return entry.values;
}

/** The Frequency choices n8n shows in one entry, decided by n8n's own display rules. */
function shownFrequencies(listName: string, version: number, entry: INodeParameters) {
	const shown = entryFields(listName).filter(
		(field) =>
			field.displayName === 'Frequency' &&
			NodeHelpers.displayParameter(entry, field, { typeVersion: version }, description, {}),
	);
	return shown.map((field) => ({
		name: field.name,
		values: (field.options as Array<{ name: string; value: string }>).map((o) => o.value),
		labels: (field.options as Array<{ name: string; value: string }>).map((o) => o.name),
	}));
}

const EVERY = [
	'',
	'ONCE',
	'DAILY',
	'EVERY_3_HOURS',
	'EVERY_6_HOURS',
	'EVERY_8_HOURS',
	'EVERY_12_HOURS',
];
const FULL = 'DAILY_FULL_EXPORT';
const INCREMENTAL = 'FIRST_FULL_THEN_INCREMENTAL';

describe.each(['audiences', 'audienceSettings'])('Frequency in %s, node version 1', (list) => {
	it.each(['', FULL, INCREMENTAL])(
		'shows the one frequency field with every frequency, whatever the export mode (%s)',
		(exportMode) => {
			const [field, ...others] = shownFrequencies(list, 1, { exportMode });
			expect(others).toEqual([]);
			expect(field.name).toBe('frequency');
			expect(field.values).toEqual(EVERY);
			expect(field.labels).toEqual([
				list === 'audiences' ? 'Not Set' : 'Keep Current',
				'Once (Full Files Only)',
				'Daily',
				'Every 3 Hours (Incremental Only)',
				'Every 6 Hours (Incremental Only)',
				'Every 8 Hours (Incremental Only)',
				'Every 12 Hours (Incremental Only)',
			]);
		},
	);
});

describe.each(['audiences', 'audienceSettings'])('Frequency in %s, node version 2', (list) => {
	it('Full Files offer Once and Daily, stored as frequency', () => {
		expect(shownFrequencies(list, 2, { exportMode: FULL })).toEqual([
			{
				name: 'frequency',
				values: ['', 'ONCE', 'DAILY'],
				labels: [list === 'audiences' ? 'Not Set' : 'Keep Current', 'Once', 'Daily'],
			},
		]);
	});

	it('Incremental Files offer Daily and every 3, 6, 8 or 12 hours, stored as incrementalFrequency', () => {
		const [field, ...others] = shownFrequencies(list, 2, { exportMode: INCREMENTAL });
		expect(others).toEqual([]);
		expect(field.name).toBe('incrementalFrequency');
		expect(field.values).toEqual([
			'',
			'DAILY',
			'EVERY_3_HOURS',
			'EVERY_6_HOURS',
			'EVERY_8_HOURS',
			'EVERY_12_HOURS',
		]);
		expect(field.labels.slice(1)).toEqual([
			'Daily',
			'Every 3 Hours',
			'Every 6 Hours',
			'Every 8 Hours',
			'Every 12 Hours',
		]);
	});
});

describe('Frequency with an expression as export mode', () => {
	const exportMode = `={{ $fromAI('exportMode') }}`;

	it('version 1 still shows only its one list', () => {
		expect(shownFrequencies('audiences', 1, { exportMode }).map((field) => field.name)).toEqual([
			'frequency',
		]);
	});

	it('version 2 shows both lists, the mode being known only when the node runs', () => {
		expect(shownFrequencies('audiences', 2, { exportMode }).map((field) => field.name)).toEqual([
			'frequency',
			'incrementalFrequency',
		]);
	});
});

describe('Frequency without an export mode, node version 2', () => {
	it('Add and Sync Audiences hide it: no export mode means a streaming destination', () => {
		expect(shownFrequencies('audiences', 2, { exportMode: '' })).toEqual([]);
	});

	it('an update keeping the current export mode offers every frequency, each naming its mode', () => {
		const [field, ...others] = shownFrequencies('audienceSettings', 2, { exportMode: '' });
		expect(others).toEqual([]);
		expect(field.name).toBe('frequency');
		expect(field.values).toEqual(EVERY);
		expect(field.labels[1]).toBe('Once (Full Files Only)');
	});
});

/** What n8n keeps of an entry when it saves the node (hidden fields dropped, defaults left out). */
const savedEntry = (entry: INodeParameters, typeVersion: number) =>
	NodeHelpers.getNodeParameters(
		entryFields('audiences'),
		entry,
		false,
		false,
		{ typeVersion } as never,
		description,
	);

describe('saved values', () => {
	it('n8n keeps a version 2 incremental entry’s incrementalFrequency and drops the hidden frequency', () => {
		const entry = {
			exportMode: INCREMENTAL,
			frequency: 'ONCE',
			incrementalFrequency: 'EVERY_6_HOURS',
		};
		expect(savedEntry(entry, 2)).toEqual({
			exportMode: INCREMENTAL,
			incrementalFrequency: 'EVERY_6_HOURS',
		});
	});

	it('n8n keeps a version 1 entry’s frequency as saved', () => {
		const entry = { exportMode: INCREMENTAL, frequency: 'EVERY_6_HOURS' };
		expect(savedEntry(entry, 1)).toEqual(entry);
	});
});
