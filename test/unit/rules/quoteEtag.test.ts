import { TUTORIAL_FLOW_ETAG } from '../../../emulator/fixtures/ids';
import { quoteEtag } from '@node/rules/rawPatch';

describe('quoteEtag', () => {
	it('keeps an etag that already carries its quotes', () => {
		expect(quoteEtag(TUTORIAL_FLOW_ETAG)).toBe('"8b0351ca-0000-0200-0000-61c4d6700000"');
	});

	it('keeps a weak etag', () => {
		expect(quoteEtag('W/"8b0351ca"')).toBe('W/"8b0351ca"');
	});

	it('adds the quotes to an etag pasted without them', () => {
		expect(quoteEtag('8b0351ca-0000-0200-0000-61c4d6700000')).toBe(TUTORIAL_FLOW_ETAG);
	});

	it('never doubles the quotes', () => {
		expect(quoteEtag(quoteEtag('abc'))).toBe('"abc"');
	});

	it('leaves a missing etag missing', () => {
		expect(quoteEtag(undefined)).toBeUndefined();
	});
});
