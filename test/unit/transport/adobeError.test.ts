import { describeAdobeError, type AdobeErrorDetails } from '@node/transport/adobeError';

/** Adobe's Flow Service error body for a PATCH with a stale etag. */
const FLOW_ERROR = {
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
const HEADER_ID = { 'x-request-id': 'header-request-id' };

interface Answer {
	status: number | undefined;
	body: unknown;
	headers?: Record<string, unknown>;
}

/** Each row: what Adobe answered, and what the node makes of it (undefined members left out). */
describe.each<[string, Array<[string, Answer, AdobeErrorDetails]>]>([
	[
		'gateway shape {error_code, message}',
		[
			[
				'reads code and message, request id from the header',
				{
					status: 401,
					body: { error_code: '401013', message: 'Oauth token is not valid' },
					headers: { 'x-request-id': 'req-1' },
				},
				{ code: '401013', message: 'Oauth token is not valid', requestId: 'req-1' },
			],
			[
				'turns a numeric code into text and falls back on the status when the message is empty',
				{ status: 403, body: { error_code: 403010, message: '' } },
				{ code: '403010', message: 'The Flow Service answered HTTP 403' },
			],
		],
	],
	[
		'Flow Service shape {type, title, report}',
		[
			[
				'reads the code from the type, the title, the detailed message and the report request id',
				{ status: 412, body: FLOW_ERROR, headers: HEADER_ID },
				{
					code: 'FLOW-1404-412',
					message: 'Version mismatch',
					detail: FLOW_ERROR.report['detailed-message'],
					requestId: 'report-request-id',
				},
			],
			[
				'falls back on errorMessage and errorDetails without title and report',
				{
					status: 412,
					body: {
						type: FLOW_ERROR.type,
						status: 412,
						errorMessage: 'error message',
						errorDetails: 'error details',
					},
					headers: HEADER_ID,
				},
				{
					code: 'FLOW-1404-412',
					message: 'error message',
					detail: 'error details',
					requestId: 'header-request-id',
				},
			],
			[
				'uses errorMessage as the detail when there is no other',
				{
					status: 400,
					body: {
						type: 'FLOW-1434-400',
						title: 'Move refused',
						errorMessage: 'move is not supported',
					},
				},
				{ code: 'FLOW-1434-400', message: 'Move refused', detail: 'move is not supported' },
			],
			[
				'reads a plain message member',
				{ status: 500, body: { message: 'Internal error' } },
				{ message: 'Internal error' },
			],
			[
				'falls back on the status for an object without anything readable',
				{ status: 502, body: { title: '', report: { 'detailed-message': '' } } },
				{ message: 'The Flow Service answered HTTP 502' },
			],
		],
	],
	[
		'IMS shape {error, error_description}',
		[
			[
				'reads the error as code and the description as message',
				{
					status: 400,
					body: { error: 'invalid_client', error_description: 'invalid client_id parameter' },
				},
				{ code: 'invalid_client', message: 'invalid client_id parameter' },
			],
			[
				'uses the error as message without a description',
				{ status: 401, body: { error: 'invalid_token' }, headers: { 'x-request-id': 'r' } },
				{ code: 'invalid_token', message: 'invalid_token', requestId: 'r' },
			],
		],
	],
	[
		'other bodies',
		[
			[
				'uses a text body as the message, trimmed',
				{ status: 503, body: '  Service Unavailable\n', headers: { 'x-request-id': 'abc' } },
				{ message: 'Service Unavailable', requestId: 'abc' },
			],
			...[undefined, null, '', '   ', 42].map((body): [string, Answer, AdobeErrorDetails] => [
				`falls back on the status for the body ${JSON.stringify(body) ?? 'undefined'}`,
				{ status: 504, body },
				{ message: 'The Flow Service answered HTTP 504' },
			]),
			[
				'says "error" when there is no status',
				{ status: undefined, body: undefined },
				{ message: 'The Flow Service answered HTTP error' },
			],
			[
				'ignores a request id header that is not text',
				{ status: 500, body: '', headers: { 'x-request-id': ['a', 'b'] } },
				{ message: 'The Flow Service answered HTTP 500' },
			],
		],
	],
])('describeAdobeError: %s', (_shape, cases) => {
	it.each(cases)('%s', (_name, { status, body, headers }, expected) => {
		expect(describeAdobeError(status, body, headers)).toEqual(expected);
	});
});
