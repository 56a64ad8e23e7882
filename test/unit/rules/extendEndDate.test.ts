import { parseExtendScope, parseNewEnd } from '@node/rules/extendEndDate';

describe('Extend End Date parameters', () => {
	it('reads the scope and the new end', () => {
		expect(parseExtendScope('one', '')).toEqual({ scope: 'one' });
		expect(parseExtendScope('endingBefore', '2026-12-31')).toEqual({
			scope: 'endingBefore',
			endingBefore: Date.UTC(2026, 11, 31) / 1000,
		});
		expect(parseNewEnd('months', '', '6')).toEqual({ months: 6 });
		expect(parseNewEnd('date', '2027-06-01T12:00:00Z', 6)).toEqual({
			to: Date.UTC(2027, 5, 1, 12) / 1000,
		});
	});

	it.each([
		[() => parseExtendScope('all', ''), 'extendScope', /^Extend must be/],
		[() => parseExtendScope('endingBefore', ''), 'endingBefore', /^Ending Before is required/],
		[() => parseExtendScope('endingBefore', 'soon'), 'endingBefore', /must be a date/],
		[() => parseNewEnd('weeks', '', 1), 'extendBy', /^New End must be/],
		[() => parseNewEnd('date', '', 1), 'newEndDate', /^New End Date is required/],
		[() => parseNewEnd('months', '', 0), 'months', /^Months must be a whole number from 1 to 120/],
		[() => parseNewEnd('months', '', 2.5), 'months', /^Months must be a whole number/],
		[() => parseNewEnd('months', '', 121), 'months', /^Months must be a whole number/],
	])('%#: refused naming %s', (parse, field, message) => {
		expect(parse).toThrow(
			expect.objectContaining({ field, message: expect.stringMatching(message) }),
		);
	});
});
