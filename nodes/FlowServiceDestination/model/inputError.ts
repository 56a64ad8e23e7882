/**
 * A bad input found by pure code. It carries the parameter name so the node can report
 * "field X of item N" without the pure code depending on n8n's execution context.
 */
export class InputError extends Error {
	constructor(
		readonly field: string,
		message: string,
		readonly hint?: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}

export function inputError(field: string, message: string, hint?: string): never {
	throw new InputError(field, message, hint);
}
