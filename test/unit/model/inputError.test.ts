import { InputError, inputError } from '@node/model/inputError';
import { expectInputError } from '../fixtures';

describe('InputError', () => {
	it('carries field, message, hint and its name', () => {
		const error = new InputError('audiences[0].id', 'bad id', 'use a UUID');
		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe('InputError');
		expect(error.field).toBe('audiences[0].id');
		expect(error.message).toBe('bad id');
		expect(error.hint).toBe('use a UUID');
	});

	it('is thrown by inputError', () => {
		expect(() => inputError('f', 'm', 'h')).toThrow(InputError);
		const error = expectInputError(() => inputError('f', 'm'), 'f', /^m$/);
		expect(error.hint).toBeUndefined();
	});
});
