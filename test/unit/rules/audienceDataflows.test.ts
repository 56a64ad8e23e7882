import { parseDataflowFilter, selectDataflows } from '@node/rules/audienceDataflows';
import type { FlowDocument } from '@node/model/types';
import { expectInputError } from '../fixtures';

const flow = (id: string, name: string | undefined, state: string): FlowDocument => ({
	id,
	etag: `"${id}"`,
	state,
	...(name === undefined ? {} : { name }),
});
const FLOWS = [
	flow('a', 'Spring S3', 'enabled'),
	flow('b', 'Partner SFTP', 'disabled'),
	flow('c', 'Spring S3', 'disabled'),
	flow('d', undefined, 'enabled'),
];
const ids = (flows: FlowDocument[]) => flows.map((f) => f.id);

describe('parseDataflowFilter', () => {
	it('is no filter when empty', () => {
		expect(parseDataflowFilter(undefined)).toEqual({ enabledOnly: false, names: [] });
		expect(parseDataflowFilter({})).toEqual({ enabledOnly: false, names: [] });
	});

	it('takes names comma- or line-separated or as a list, trimmed, each once', () => {
		expect(
			parseDataflowFilter({ enabledOnly: 'true', names: ' Spring S3 ,Partner SFTP\nSpring S3\n' }),
		).toEqual({ enabledOnly: true, names: ['Spring S3', 'Partner SFTP'] });
		expect(parseDataflowFilter({ names: ['A', 'B'] }).names).toEqual(['A', 'B']);
	});

	it('names the field of a bad value', () => {
		expectInputError(() => parseDataflowFilter({ enabledOnly: 2 }), 'dataflowFilter.enabledOnly');
		expectInputError(() => parseDataflowFilter({ names: { a: 1 } }), 'dataflowFilter.names');
		expectInputError(() => parseDataflowFilter({ names: [{}] }), 'dataflowFilter.names');
		expectInputError(() => parseDataflowFilter('all'), 'dataflowFilter');
	});
});

describe('selectDataflows', () => {
	it('keeps every dataflow without a filter', () => {
		expect(ids(selectDataflows(FLOWS, { enabledOnly: false, names: [] }).selected)).toEqual([
			'a',
			'b',
			'c',
			'd',
		]);
	});

	it('keeps the enabled ones, the named ones (exact names), or both, and tells names none carries', () => {
		expect(ids(selectDataflows(FLOWS, { enabledOnly: true, names: [] }).selected)).toEqual([
			'a',
			'd',
		]);
		expect(
			selectDataflows(FLOWS, { enabledOnly: false, names: ['Spring S3', 'spring s3'] }),
		).toEqual({ selected: [FLOWS[0], FLOWS[2]], unmatchedNames: ['spring s3'] });
		expect(selectDataflows(FLOWS, { enabledOnly: true, names: ['Partner SFTP'] })).toEqual({
			selected: [],
			unmatchedNames: [],
		});
	});
});
