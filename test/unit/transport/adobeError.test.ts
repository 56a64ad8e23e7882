import { describeAdobeError } from '@node/transport/adobeError';

describe('describeAdobeError', () => {
	describe('gateway shape {error_code, message}', () => {
		it('reads code and message, request id from the header', () => {
			expect(
				describeAdobeError(
					401,
					{ error_code: '401013', message: 'Oauth token is not valid' },
					{ 'x-request-id': 'req-1' },
				),
			).toEqual({
				code: '401013',
				message: 'Oauth token is not valid',
				requestId: 'req-1',
			});
		});

		it('turns a numeric code into text and falls back on the status when the message is empty', () => {
			expect(describeAdobeError(403, { error_code: 403010, message: '' })).toEqual({
				code: '403010',
				message: 'The Flow Service answered HTTP 403',
				requestId: undefined,
			});
		});
	});

	describe('Flow Service shape {type, title, report}', () => {
		const body = {
			type: 'https://ns.adobe.com/aep/errors/FLOW-1404-412',
			title: 'Version mismatch',
			status: 412,
			report: {
				'detailed-message':
					'Supplied version=["1a0037e4"] does not match the current version on entity=[flow]',
				id: 'report-id',
				'request-id': 'report-request-id',
			},
			errorMessage: 'error message',
			errorDetails: 'error details',
		};

		it('reads the code from the type, the title, the detailed message and the report request id', () => {
			expect(describeAdobeError(412, body, { 'x-request-id': 'header-request-id' })).toEqual({
				code: 'FLOW-1404-412',
				message: 'Version mismatch',
				detail: 'Supplied version=["1a0037e4"] does not match the current version on entity=[flow]',
				requestId: 'report-request-id',
			});
		});

		it('falls back on errorMessage and errorDetails without title and report', () => {
			const bare = {
				type: body.type,
				status: 412,
				errorMessage: 'error message',
				errorDetails: 'error details',
			};
			expect(describeAdobeError(412, bare, { 'x-request-id': 'header-request-id' })).toEqual({
				code: 'FLOW-1404-412',
				message: 'error message',
				detail: 'error details',
				requestId: 'header-request-id',
			});
		});

		it('uses errorMessage as the detail when there is no other', () => {
			expect(
				describeAdobeError(400, {
					type: 'FLOW-1434-400',
					title: 'Move refused',
					errorMessage: 'move is not supported',
				}),
			).toEqual({
				code: 'FLOW-1434-400',
				message: 'Move refused',
				detail: 'move is not supported',
				requestId: undefined,
			});
		});

		it('reads a plain message member', () => {
			expect(describeAdobeError(500, { message: 'Internal error' })).toEqual({
				code: undefined,
				message: 'Internal error',
				detail: undefined,
				requestId: undefined,
			});
		});

		it('falls back on the status for an object without anything readable', () => {
			expect(describeAdobeError(502, { title: '', report: { 'detailed-message': '' } })).toEqual({
				code: undefined,
				message: 'The Flow Service answered HTTP 502',
				detail: undefined,
				requestId: undefined,
			});
		});
	});

	describe('IMS shape {error, error_description}', () => {
		it('reads the error as code and the description as message', () => {
			expect(
				describeAdobeError(400, {
					error: 'invalid_client',
					error_description: 'invalid client_id parameter',
				}),
			).toEqual({
				code: 'invalid_client',
				message: 'invalid client_id parameter',
				requestId: undefined,
			});
		});

		it('uses the error as message without a description', () => {
			expect(describeAdobeError(401, { error: 'invalid_token' }, { 'x-request-id': 'r' })).toEqual({
				code: 'invalid_token',
				message: 'invalid_token',
				requestId: 'r',
			});
		});
	});

	describe('other bodies', () => {
		it('uses a text body as the message, trimmed', () => {
			expect(describeAdobeError(503, '  Service Unavailable\n', { 'x-request-id': 'abc' })).toEqual(
				{
					message: 'Service Unavailable',
					requestId: 'abc',
				},
			);
		});

		it.each([undefined, null, '', '   ', 42])(
			'falls back on the status for the body %p',
			(body) => {
				expect(describeAdobeError(504, body)).toEqual({
					message: 'The Flow Service answered HTTP 504',
					requestId: undefined,
				});
			},
		);

		it('says "error" when there is no status', () => {
			expect(describeAdobeError(undefined, undefined)).toEqual({
				message: 'The Flow Service answered HTTP error',
				requestId: undefined,
			});
		});

		it('ignores a request id header that is not text', () => {
			expect(describeAdobeError(500, '', { 'x-request-id': ['a', 'b'] }).requestId).toBeUndefined();
		});
	});
});
