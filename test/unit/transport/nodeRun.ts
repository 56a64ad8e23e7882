import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { FlowServiceClient } from '@node/transport';
import { DEFAULT_RETRY_POLICY } from '@node/transport/retryPolicy';

/** A node run whose HTTP helper records each request and answers from a queue. */
export function nodeRun(answers: Array<{ statusCode: number; body?: unknown } | Error>) {
	const requests: IHttpRequestOptions[] = [];
	const context = {
		getNode: () => ({ credentials: {} }),
		getCredentials: async () => ({ platformHost: 'https://platform.test' }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) => {
				requests.push(request);
				const answer = answers.shift()!;
				if (answer instanceof Error) throw answer;
				return { ...answer, headers: {} };
			},
		},
	} as unknown as IExecuteFunctions;
	const client = new FlowServiceClient(context, { ...DEFAULT_RETRY_POLICY, initialDelayMs: 0 });
	return { client, requests };
}
