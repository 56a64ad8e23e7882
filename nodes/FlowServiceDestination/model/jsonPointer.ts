/** RFC 6901: "~" and "/" inside a reference token must be escaped, in that order. */
export function escapeToken(token: string | number): string {
	return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...tokens: Array<string | number>): string {
	return tokens.map((token) => '/' + escapeToken(token)).join('');
}

/** Splits a pointer into unescaped tokens, or returns undefined when it is not a valid pointer. */
export function parsePointer(path: string): string[] | undefined {
	if (path === '') return [];
	if (!path.startsWith('/')) return undefined;
	const tokens = path.slice(1).split('/');
	// "~" may only start "~0" or "~1".
	if (tokens.some((token) => /~(?![01])/.test(token))) return undefined;
	return tokens.map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}
