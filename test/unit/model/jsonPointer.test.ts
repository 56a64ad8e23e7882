import { escapeToken, parsePointer, pointer } from '@node/model/jsonPointer';

describe('escapeToken', () => {
	it('escapes "~" as ~0 and "/" as ~1', () => {
		expect(escapeToken('a/b')).toBe('a~1b');
		expect(escapeToken('c~d')).toBe('c~0d');
	});

	it('escapes "~" before "/" so "~1" in a token is not mistaken for "/"', () => {
		expect(escapeToken('~1')).toBe('~01');
		expect(escapeToken('/~')).toBe('~1~0');
	});

	it('turns numbers into their decimal text', () => {
		expect(escapeToken(0)).toBe('0');
		expect(escapeToken(12)).toBe('12');
	});
});

describe('pointer', () => {
	it('joins escaped tokens, each after a "/"', () => {
		expect(pointer('a/b', 'c~d')).toBe('/a~1b/c~0d');
	});

	it('builds the tutorial paths', () => {
		expect(pointer('transformations', 0, 'params', 'segmentSelectors', 'selectors', '-')).toBe(
			'/transformations/0/params/segmentSelectors/selectors/-',
		);
		expect(pointer('scheduleParams', 'frequency')).toBe('/scheduleParams/frequency');
	});

	it('is the empty string (the whole document) without tokens', () => {
		expect(pointer()).toBe('');
	});

	it('keeps an empty token as an empty reference', () => {
		expect(pointer('')).toBe('/');
		expect(pointer('a', '')).toBe('/a/');
	});
});

describe('parsePointer', () => {
	it('reads the empty pointer as the whole document', () => {
		expect(parsePointer('')).toEqual([]);
	});

	it('unescapes ~1 to "/" and ~0 to "~"', () => {
		expect(parsePointer('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
	});

	it('unescapes "~01" to "~1", not to "/" (RFC 6901 order)', () => {
		expect(parsePointer('/~01')).toEqual(['~1']);
	});

	it('keeps empty tokens', () => {
		expect(parsePointer('/')).toEqual(['']);
		expect(parsePointer('/a//b')).toEqual(['a', '', 'b']);
	});

	it.each([
		['a/b', 'a/b'],
		['c~d', 'c~d'],
		['~1', '~1'],
		['/~/~0~1', 'x'],
		['person.name.firstName', 7],
	])('round-trips pointer(%p, %p)', (first, second) => {
		expect(parsePointer(pointer(first, second))).toEqual([first, String(second)]);
	});

	it('round-trips the tutorial paths', () => {
		const path = '/transformations/0/params/profileSelectors/selectors/-';
		expect(parsePointer(path)).toEqual([
			'transformations',
			'0',
			'params',
			'profileSelectors',
			'selectors',
			'-',
		]);
		expect(pointer(...parsePointer(path)!)).toBe(path);
	});

	it.each(['name', 'a/b', '#/a'])('refuses %p, which does not start with "/"', (path) => {
		expect(parsePointer(path)).toBeUndefined();
	});

	it.each(['/a~2b', '/a~', '/~x', '/ok/bad~', '/~~0'])('refuses the bad escape in %p', (path) => {
		expect(parsePointer(path)).toBeUndefined();
	});
});
