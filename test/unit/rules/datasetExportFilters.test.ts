import { parseDatasetExportFilters } from '@node/rules/datasetExportFilters';

const BASE = [
	'inheritedAttributes.properties.isDestinationFlow==true',
	'inheritedAttributes.targetConnections[].data.outputType==DATASET_EXPORT',
];

describe('parseDatasetExportFilters', () => {
	it('no filters: destination dataflows that export datasets', () => {
		expect(parseDatasetExportFilters({})).toEqual({ property: BASE });
	});

	it('maps every filter, state to Adobe and the rest to what is matched here', () => {
		expect(
			parseDatasetExportFilters({
				state: 'disabled',
				endsBefore: '2026-01-01T00:00:00.000Z',
				datasetId: ' 65F1A0C2E4B0A1D2C3E4F502 ',
				destination: '4FCE964D-3F37-408F-9778-E597338A21EE',
			}),
		).toEqual({
			property: [BASE[0], 'state==disabled', BASE[1]],
			endsBefore: Date.UTC(2026, 0, 1) / 1000,
			datasetId: '65f1a0c2e4b0a1d2c3e4f502',
			destination: '4fce964d-3f37-408f-9778-e597338a21ee',
		});
		expect(parseDatasetExportFilters({ endsBefore: '2026-03-01' }).endsBefore).toBe(
			Date.UTC(2026, 2, 1) / 1000,
		);
	});

	it.each([
		[{ endsBefore: 'next week' }, 'filters.endsBefore', /Ends Before must be a date/],
		[{ endsBefore: 1767225600 }, 'filters.endsBefore', /Ends Before must be a date/],
		[{ endsBefore: '2026-13-45' }, 'filters.endsBefore', /Ends Before must be a date/],
		[{ datasetId: 'Web Events' }, 'filters.datasetId', /24 hexadecimal digits/],
		[{ datasetId: { id: 1 } }, 'filters.datasetId', /Dataset ID must be text/],
		[{ destination: 'S3' }, 'filters.destination', /Destination ID "S3" is not a valid ID/],
		[{ state: 'paused' }, 'filters.state', /State must be enabled or disabled/],
	])('%j is refused naming %s', (filters, field, message) => {
		expect(() => parseDatasetExportFilters(filters)).toThrow(
			expect.objectContaining({ field, message: expect.stringMatching(message) }),
		);
	});
});
