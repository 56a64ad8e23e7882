import { describeAdobeError } from './adobeError';
import type { FailureFacts } from './retryPolicy';

/** An HTTP failure with Adobe's answer kept intact (and nothing of the request, so no secret leaks). */
export class FlowServiceHttpError extends Error {
	readonly retries: number;

	constructor(
		readonly statusCode: number | undefined,
		readonly body: unknown,
		readonly headers: Record<string, unknown>,
		message: string,
		readonly networkCode?: string,
		retries = 0,
	) {
		super(message);
		this.name = 'FlowServiceHttpError';
		this.retries = retries;
	}

	get facts(): FailureFacts {
		return {
			statusCode: this.statusCode,
			code: describeAdobeError(this.statusCode, this.body).code,
			networkCode: this.networkCode,
			retryAfter: this.headers['retry-after'],
		};
	}
}

/**
 * n8n wraps the HTTP client's error; dig out the response Adobe sent, if any. n8n 2.x keeps the
 * client's error as `cause`; n8n 1.x keeps only `httpCode` (a status or a network code) and the body.
 */
export function toFlowServiceError(error: unknown, retries: number): FlowServiceHttpError {
	const candidate = error as WrappedError;
	const response = candidate.cause?.response ?? candidate.response;
	if (response) {
		return new FlowServiceHttpError(
			response.status,
			response.data,
			response.headers ?? {},
			`HTTP ${response.status}`,
			undefined,
			retries,
		);
	}
	const networkCode =
		candidate.cause?.code ??
		(/^E[A-Z]+$/.test(candidate.httpCode ?? '') ? candidate.httpCode : undefined);
	if (networkCode) {
		return new FlowServiceHttpError(
			undefined,
			undefined,
			{},
			`The Flow Service could not be reached: ${networkCode}`,
			networkCode,
			retries,
		);
	}
	if (/^\d{3}$/.test(candidate.httpCode ?? '')) {
		const status = Number(candidate.httpCode);
		return new FlowServiceHttpError(
			status,
			candidate.context?.data,
			{},
			`HTTP ${status}`,
			undefined,
			retries,
		);
	}
	// No answer and no network code: the request never left, e.g. the IMS token request failed first.
	return new FlowServiceHttpError(
		undefined,
		undefined,
		{},
		candidate.cause?.message ?? candidate.message ?? 'The request failed',
		undefined,
		retries,
	);
}

interface WrappedError {
	cause?: { response?: HttpResponseLike; code?: string; message?: string };
	response?: HttpResponseLike;
	httpCode?: string;
	context?: { data?: unknown };
	message?: string;
}

interface HttpResponseLike {
	status: number;
	data: unknown;
	headers?: Record<string, unknown>;
}
