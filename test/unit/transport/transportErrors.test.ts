import { FlowServiceClient, FlowServiceHttpError } from '@node/transport';
import type { IExecuteFunctions } from 'n8n-workflow';

/** A context whose HTTP helper throws what n8n hands a node when a request fails. */
function failingWith(thrown: unknown): IExecuteFunctions {
	return {
		getNode: () => ({ credentials: {} }),
		getCredentials: async () => ({ platformHost: 'https://platform.test' }),
		helpers: { httpRequestWithAuthentication: async () => Promise.reject(thrown) },
	} as unknown as IExecuteFunctions;
}

async function failure(thrown: unknown): Promise<FlowServiceHttpError> {
	const client = new FlowServiceClient(failingWith(thrown));
	return await client.patchFlow('f', '"e"', []).then(
		() => {
			throw new Error('expected a failure');
		},
		(error: FlowServiceHttpError) => error,
	);
}

describe('transport: reading failures the way each n8n version wraps them', () => {
	it('n8n 2.x: the HTTP client error is the cause, with status, body and headers', async () => {
		const error = await failure({
			cause: { response: { status: 412, data: { title: 't' }, headers: { 'retry-after': '1' } } },
		});
		expect([error.statusCode, error.body, error.headers]).toEqual([
			412,
			{ title: 't' },
			{ 'retry-after': '1' },
		]);
	});

	it('n8n 1.x: only httpCode and the body in context.data remain', async () => {
		const error = await failure({
			httpCode: '412',
			context: { data: { title: 't' } },
			message: 'Your request is invalid',
		});
		expect([error.statusCode, error.body]).toEqual([412, { title: 't' }]);
	});

	it.each(['ECONNRESET', 'ECONNABORTED'])(
		'n8n 1.x: a network failure (%s) arrives as httpCode',
		async (code) => {
			const error = await failure({ httpCode: code, message: 'The connection was aborted' });
			expect([error.statusCode, error.networkCode]).toEqual([undefined, code]);
		},
	);

	it('n8n 2.x: a network failure carries its code on the cause', async () => {
		expect((await failure({ cause: { code: 'ECONNRESET' } })).networkCode).toBe('ECONNRESET');
	});

	it('a failure before any request (the IMS token) keeps its own message', async () => {
		const error = await failure({
			message: 'Adobe IMS refused the token request: HTTP 401 invalid_client',
		});
		expect([error.statusCode, error.message]).toEqual([
			undefined,
			'Adobe IMS refused the token request: HTTP 401 invalid_client',
		]);
	});
});
